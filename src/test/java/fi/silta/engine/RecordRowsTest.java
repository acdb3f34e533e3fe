package fi.silta.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Rows as records by the columns the query returned, without asking the result set for a column
 * by a name it does not have (Spring's mapper did, once per camel-case component per row: an
 * exception each time, and a stack trace in H2's trace file).
 */
class RecordRowsTest {

    enum Status { DRAFT, PUBLISHED }

    record Round(long id, String nameFi, Status status, BigDecimal maxAmount, OffsetDateTime closesAt, Long parentId,
            boolean stateGrant, int reviewersPerApplication) {
    }

    record Missing(long id, String notThere) {
    }

    @Test
    void mapsSnakeCaseColumnsToComponentsWithoutLookingUpNamesTheRowsDoNotHave() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:record-rows;DB_CLOSE_DELAY=-1");
                Statement statement = connection.createStatement()) {
            statement.execute("create table round (id bigint, name_fi varchar(50), status varchar(20), max_amount decimal(12,2), "
                    + "closes_at timestamp with time zone, parent_id bigint, state_grant boolean, reviewers_per_application int)");
            statement.execute("insert into round values (1, 'Haku', 'PUBLISHED', 10000.50, timestamp with time zone "
                    + "'2026-12-10 16:00:00+02:00', null, true, 2), (2, 'Toinen', 'DRAFT', 1.00, null, 1, false, 3)");
            List<Round> rounds = new ArrayList<>();
            try (ResultSet rows = noLookupByName(statement.executeQuery(
                    "select id, name_fi, status, max_amount, closes_at, parent_id, state_grant, reviewers_per_application from round order by id"))) {
                RecordRows<Round> mapper = RecordRows.of(Round.class);
                int n = 0;
                while (rows.next()) {
                    rounds.add(mapper.mapRow(rows, n++));
                }
            }
            assertThat(rounds).containsExactly(
                    new Round(1, "Haku", Status.PUBLISHED, new BigDecimal("10000.50"), OffsetDateTime.parse("2026-12-10T16:00:00+02:00"),
                            null, true, 2),
                    new Round(2, "Toinen", Status.DRAFT, new BigDecimal("1.00"), null, 1L, false, 3));

            try (ResultSet rows = statement.executeQuery("select id from round")) {
                rows.next();
                assertThatThrownBy(() -> RecordRows.of(Missing.class).mapRow(rows, 0)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("Missing.notThere");
            }
        }
    }

    /** The result set, refusing findColumn: a mapper that looks names up fails here. */
    private static ResultSet noLookupByName(ResultSet rows) {
        return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("findColumn")) {
                        throw new AssertionError("findColumn(" + args[0] + ")");
                    }
                    try {
                        return method.invoke(rows, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
