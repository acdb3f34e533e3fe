package fi.silta.cases;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.web.Locales;

/**
 * Running numbers of case references, one database sequence per prefix and year
 * ({@code case_no_av_2026}): a number is taken without locking anything, so submissions of one
 * kind run in parallel, and a number is never given twice, also across nodes. A sequence does
 * not roll back: a submission that fails after taking its number leaves a gap (README).
 *
 * <p>The sequences of every kind for this year and the next are made at start-up, before the web
 * server takes requests, and continue any counter of {@code case_reference_counter} (the table
 * numbers came from before). A sequence still missing (a node running into a new year, a test's
 * far year) is made on demand on its own connection, outside the caller's transaction: on H2 DDL
 * would commit that transaction, on PostgreSQL two transactions creating one sequence would abort
 * one of them.
 */
@Component
public class CaseNumbers implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CaseNumbers.class);
    private static final Pattern PREFIX = Pattern.compile("[A-Z]{2,10}");

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Clock clock;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private volatile boolean postgres;

    public CaseNumbers(JdbcClient jdbc, DataSource dataSource, Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try (Connection connection = dataSource.getConnection()) {
            postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("database product", e);
        }
        int year = ZonedDateTime.now(clock.withZone(Locales.HELSINKI)).getYear();
        for (CaseKind kind : CaseKind.values()) {
            ensure(kind.prefix(), year);
            ensure(kind.prefix(), year + 1);
        }
        jdbc.sql("select prefix, ref_year from case_reference_counter").query((rs, row) -> new Object[] {
                rs.getString(1), rs.getInt(2) }).list().forEach(counter -> ensure((String) counter[0], (Integer) counter[1]));
    }

    /** The next number of the prefix in the year (1, 2, …); never the same twice. */
    public int next(String prefix, int year) {
        String sequence = ensure(prefix, year);
        String sql = postgres ? "select nextval('" + sequence + "')" : "select next value for " + sequence;
        return jdbc.sql(sql).query(Long.class).single().intValue();
    }

    /** The sequence's name; made (on its own connection) when it does not exist yet. */
    private String ensure(String prefix, int year) {
        if (!PREFIX.matcher(prefix).matches() || year < 1000 || year > 9999) {
            throw new IllegalArgumentException("case number " + prefix + "-" + year);
        }
        String sequence = "case_no_" + prefix.toLowerCase(Locale.ROOT) + "_" + year;
        if (known.contains(sequence)) {
            return sequence;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!exists(connection, sequence)) {
                long start = 1 + lastCounted(connection, prefix, year);
                try (Statement create = connection.createStatement()) {
                    create.execute("create sequence if not exists " + sequence + " start with " + start
                            + " increment by 1 no cycle");
                } catch (SQLException raced) {
                    // another node or thread made it at the same moment (PostgreSQL: pg_type_typname_nsp_index)
                    if (!exists(connection, sequence)) {
                        throw raced;
                    }
                    log.debug("sequence {} made by another at the same time", sequence);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("case number sequence " + sequence, e);
        }
        known.add(sequence);
        return sequence;
    }

    /** The last number the counter table of earlier versions gave (0 when none). */
    private static long lastCounted(Connection connection, String prefix, int year) throws SQLException {
        try (var query = connection.prepareStatement(
                "select coalesce(max(last_value), 0) from case_reference_counter where prefix = ? and ref_year = ?")) {
            query.setString(1, prefix);
            query.setInt(2, year);
            try (var rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static boolean exists(Connection connection, String sequence) throws SQLException {
        try (var query = connection.prepareStatement(
                "select count(*) from information_schema.sequences where lower(sequence_name) = ?")) {
            query.setString(1, sequence);
            try (var rs = query.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }
}
