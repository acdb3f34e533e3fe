package fi.silta.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * While the database is down, {@code mailOutbox} does not wait a second connection timeout after
 * the {@code db} check: /actuator/health says DOWN within one timeout of the database stopping.
 */
class OutboxHealthUnreachableTest {

    @Test
    void anUnreachableDatabaseIsUnknownAtOnce() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/silta");
        config.setUsername("silta");
        config.setPassword("silta");
        config.setConnectionTimeout(3000);
        config.setInitializationFailTimeout(-1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            // the outbox is never asked: its count would wait the pool's 3 s for a connection
            OutboxHealthIndicator indicator = new OutboxHealthIndicator(null, pool);
            long started = System.nanoTime();
            Health health = indicator.health();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(health.getDetails()).containsKey("reason");
        }
    }
}
