package fi.silta.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** A node whose database cannot be reached fails its start in seconds, before the context is built. */
class DatabaseAtStartTest {

    @Test
    void anUnreachableDatabaseFailsTheStartAtOnce() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/silta")
                .withProperty("spring.datasource.username", "silta").withProperty("spring.datasource.password", "silta");
        long started = System.nanoTime();
        assertThatThrownBy(() -> DatabaseAtStart.check(environment)).isInstanceOf(DatabaseAtStart.Unreachable.class)
                .hasMessageContaining("127.0.0.1:1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DatabaseAtStart.CONNECT_TIMEOUT);
    }

    @Test
    void theWaitIsTriedAgainUntilItEnds() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/silta")
                .withProperty("silta.start.database-wait", "PT2S");
        long started = System.nanoTime();
        assertThatThrownBy(() -> DatabaseAtStart.check(environment)).isInstanceOf(DatabaseAtStart.Unreachable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(4));
    }

    @Test
    void aReachableDatabasePasses() {
        DatabaseAtStart.check(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:mem:database-at-start")
                .withProperty("spring.datasource.username", "sa").withProperty("spring.datasource.password", ""));
        DatabaseAtStart.check(new MockEnvironment());
    }
}
