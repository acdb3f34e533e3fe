package fi.silta.portal.forms;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.spin.plugin.variable.SpinValues;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The edge between validated form values and the engine: {@link FormResult#values()} as process
 * variables that need no Java serialization (which the engine refuses) and read the same way as
 * what Tasklist submits.
 * <ul>
 * <li>money (BigDecimal, scale 2) → String {@code "1234.50"} (plain; read it back with {@code new BigDecimal(s)});</li>
 * <li>number → Long (no decimals allowed) or Double (as Tasklist submits numbers);</li>
 * <li>date → String {@code "2026-06-15"}; time → {@code "18:00"}; date and time → ISO 8601 with
 * the Helsinki offset {@code "2026-06-15T18:00:00+03:00"} (what BPMN timers take);</li>
 * <li>checklist, group with a path, dynamic list → a Spin JSON variable (type {@code json}), with
 * the same conversions inside;</li>
 * <li>String, Boolean, null as they are.</li>
 * </ul>
 */
public final class FormVariables {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The property of a top-level form field whose value is handed to the engine as a transient variable. */
    public static final String TRANSIENT = "silta:transient";

    private FormVariables() {
    }

    /** The values of {@code form} ready for {@code taskService.complete(id, variables)} or a process start. */
    public static Map<String, Object> forEngine(FormDefinition form, Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        Map<String, Object> plain = plain(form.components(), values);
        plain.forEach((key, value) -> variables.put(key,
                value instanceof List<?> || value instanceof Map<?, ?> ? SpinValues.jsonValue(json(value)).create() : value));
        // a field marked "silta:transient" (a bank account number) reaches the task's listeners but is never stored as a
        // variable nor in the history (Cockpit, /engine-rest/history/detail): the listener stores it in Silta's own table
        for (FormComponent c : form.components()) {
            if (c.key() != null && "true".equals(c.properties().get(TRANSIENT)) && variables.get(c.key()) != null
                    && !(variables.get(c.key()) instanceof org.camunda.bpm.engine.variable.value.TypedValue)) {
                variables.put(c.key(), org.camunda.bpm.engine.variable.Variables.untypedValue(variables.get(c.key()), true));
            }
        }
        return variables;
    }

    /**
     * Variables as the engine hands them back ({@code taskService.getVariables}), made plain Java for
     * the renderer and the conditions: a Spin JSON value or node becomes List / Map / String /
     * Number / Boolean. Everything else is kept. The renderer and validator call this themselves.
     */
    public static Map<String, Object> fromEngine(Map<String, ?> variables) {
        Map<String, Object> plain = new LinkedHashMap<>();
        if (variables != null) {
            variables.forEach((key, value) -> plain.put(key, fromEngine(value)));
        }
        return plain;
    }

    private static Object fromEngine(Object value) {
        String json = null;
        if (value instanceof org.camunda.spin.plugin.variable.value.JsonValue jsonValue) {
            json = jsonValue.getValueSerialized();
        } else if (value instanceof org.camunda.spin.json.SpinJsonNode node) {
            json = node.toString();
        }
        if (json == null) {
            return value;
        }
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A JSON variable is not valid JSON", e);
        }
    }

    /** The values with every money, number and time converted as above; lists and maps stay Java. */
    static Map<String, Object> plain(List<FormComponent> components, Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        convert(components, values, out);
        // values the form does not describe (none, from the validator) are passed on unchanged
        values.forEach(out::putIfAbsent);
        return out;
    }

    private static void convert(List<FormComponent> components, Map<String, Object> values, Map<String, Object> out) {
        for (FormComponent c : components) {
            if (c.type() == ComponentType.GROUP && c.key() == null) {
                convert(c.components(), values, out);
                continue;
            }
            if (c.key() == null || !values.containsKey(c.key())) {
                continue;
            }
            Object value = values.get(c.key());
            if (c.type() == ComponentType.GROUP && value instanceof Map<?, ?> map) {
                out.put(c.key(), plain(c.components(), stringKeys(map)));
            } else if (c.type() == ComponentType.DYNAMICLIST && value instanceof List<?> rows) {
                List<Map<String, Object>> converted = new ArrayList<>();
                for (Object row : rows) {
                    converted.add(plain(c.components(), row instanceof Map<?, ?> map ? stringKeys(map) : Map.of()));
                }
                out.put(c.key(), converted);
            } else {
                out.put(c.key(), scalar(c, value));
            }
        }
    }

    private static Object scalar(FormComponent c, Object value) {
        if (value instanceof BigDecimal number) {
            return c.isMoney() ? number.setScale(2, RoundingMode.UNNECESSARY).toPlainString() : (Object) number.doubleValue();
        }
        if (value instanceof OffsetDateTime dateTime) {
            return dateTime.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (value instanceof LocalDate || value instanceof LocalTime) {
            return value.toString();
        }
        return value;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write form values as JSON", e);
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}
