package fi.silta.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.silta.support.CiRequirement;

/**
 * Silta's migrations on a real PostgreSQL, even in the default H2 run: in a fresh schema, twice
 * (the second run must change nothing). .ci/run runs the whole suite on PostgreSQL as well.
 * Connection: SILTA_TEST_PG_URL, SILTA_TEST_PG_USER, SILTA_TEST_PG_PASSWORD (defaults: the role
 * and database that .ci/run creates).
 */
class PostgresqlMigrationTest {

    static final String URL = env("SILTA_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/silta_test");
    static final String USER = env("SILTA_TEST_PG_USER", "silta");
    static final String PASSWORD = env("SILTA_TEST_PG_PASSWORD", "silta");

    @Test
    void migrationsRunOnPostgresqlAndAreRepeatable() throws SQLException {
        Connection connection = connect();
        String schema = "migration_check_" + UUID.randomUUID().toString().substring(0, 8);
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection, true);
        try {
            Flyway flyway = Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true)
                    .locations("classpath:db/migration", "classpath:db/vendor/postgresql").load();
            assertThat(flyway.migrate().migrationsExecuted).isPositive();
            assertThat(flyway.migrate().migrationsExecuted).isZero();
            List<String> tables = JdbcClient.create(dataSource)
                    .sql("select table_name from information_schema.tables where table_schema = ? order by table_name")
                    .param(schema).query(String.class).list();
            assertThat(tables).contains("county", "municipality", "organisation", "organisation_contact", "mail_outbox");
        } finally {
            JdbcClient.create(dataSource).sql("drop schema if exists " + schema + " cascade").update();
            dataSource.destroy();
            connection.close();
        }
    }

    private static Connection connect() {
        try {
            return DriverManager.getConnection(URL, USER, PASSWORD);
        } catch (SQLException e) {
            CiRequirement.require(false, "no PostgreSQL at " + URL + " as " + USER + " (" + e.getMessage()
                    + "); .ci/run creates the role and database, see README");
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
