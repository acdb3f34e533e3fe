package fi.silta.engine;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.util.ClassUtils;

/**
 * Rows as Java records, by the columns the query returned: {@code name_fi} fills the component
 * {@code nameFi}. Spring's mapper for {@code JdbcClient.query(Type.class)} asks the result set for
 * each component by its own name first and catches the failure ({@code findColumn("nameFi")}, then
 * {@code "name_fi"}): one exception per camel-case component per row, which H2 also writes to its
 * trace file with a stack trace (half a megabyte per front page) and PostgreSQL's driver builds
 * with a formatted message. This one reads the column labels once per result set instead.
 * A component without a column is an error, as with Spring's.
 */
public final class RecordRows<T extends Record> implements RowMapper<T> {

    private static final Map<Class<?>, Shape<?>> SHAPES = new ConcurrentHashMap<>();
    private static final ConversionService CONVERSIONS = DefaultConversionService.getSharedInstance();

    /** A record type's components and canonical constructor, found once per type. */
    private record Shape<T>(Class<T> type, RecordComponent[] components, Constructor<T> constructor, TypeDescriptor[] targets) {

        static <T> Shape<T> of(Class<T> type) {
            RecordComponent[] components = type.getRecordComponents();
            try {
                Constructor<T> constructor = type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
                constructor.setAccessible(true);
                TypeDescriptor[] targets = new TypeDescriptor[components.length];
                for (int i = 0; i < components.length; i++) {
                    targets[i] = new TypeDescriptor(new MethodParameter(constructor, i));
                }
                return new Shape<>(type, components, constructor, targets);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(type + " has no canonical constructor", e);
            }
        }
    }

    private final Class<T> type;
    private final RecordComponent[] components;
    private final Constructor<T> constructor;
    private final TypeDescriptor[] targets;
    /** The column of each component, read from the first row's result set (one mapper serves one query). */
    private int[] columns;

    private RecordRows(Shape<T> shape) {
        this.type = shape.type();
        this.components = shape.components();
        this.constructor = shape.constructor();
        this.targets = shape.targets();
    }

    /** A mapper for one query's rows of a record type. */
    @SuppressWarnings("unchecked")
    public static <T extends Record> RecordRows<T> of(Class<T> type) {
        return new RecordRows<>((Shape<T>) SHAPES.computeIfAbsent(type, Shape::of));
    }

    @Override
    public T mapRow(ResultSet rs, int rowNum) throws SQLException {
        int[] columns = columns(rs);
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> target = components[i].getType();
            // an enum is read as its name (asking the driver for the enum type fails, and is caught, row after row)
            Object value = JdbcUtils.getResultSetValue(rs, columns[i], target.isEnum() ? String.class : target);
            if (value != null && !ClassUtils.resolvePrimitiveIfNecessary(target).isInstance(value)) {
                value = CONVERSIONS.convert(value, TypeDescriptor.forObject(value), targets[i]);
            }
            if (value == null && target.isPrimitive()) {
                value = CONVERSIONS.convert(0, target);
            }
            args[i] = value;
        }
        try {
            return constructor.newInstance(args);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("could not make a " + type.getSimpleName() + " of a row", e);
        }
    }

    private int[] columns(ResultSet rs) throws SQLException {
        if (columns != null) {
            return columns;
        }
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Integer> byName = new HashMap<>();
        for (int c = meta.getColumnCount(); c >= 1; c--) {
            byName.put(JdbcUtils.lookupColumnName(meta, c).replace("_", "").toLowerCase(Locale.ROOT), c);
        }
        int[] found = new int[components.length];
        for (int i = 0; i < components.length; i++) {
            Integer column = byName.get(components[i].getName().toLowerCase(Locale.ROOT));
            if (column == null) {
                throw new IllegalStateException("no column for " + type.getSimpleName() + "." + components[i].getName()
                        + " among " + byName.keySet());
            }
            found[i] = column;
        }
        columns = found;
        return found;
    }
}
