package fi.silta.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** A figure of /actuator/prometheus costs one query per cache period, however often it is read. */
class CachedFigureTest {

    @Test
    void readsOncePerPeriodAndKeepsTheLastValueWhenTheQueryFails() throws InterruptedException {
        AtomicInteger queries = new AtomicInteger();
        AtomicInteger failing = new AtomicInteger();
        CachedFigure<Integer> figure = new CachedFigure<>(Duration.ofMillis(200), -1, () -> {
            if (failing.get() > 0) {
                throw new IllegalStateException("database away");
            }
            return queries.incrementAndGet();
        });
        assertThat(figure.get()).isEqualTo(1);
        for (int i = 0; i < 50; i++) {
            assertThat(figure.get()).isEqualTo(1);
        }
        assertThat(queries).hasValue(1);
        Thread.sleep(250);
        assertThat(figure.get()).isEqualTo(2);
        failing.set(1);
        Thread.sleep(250);
        assertThat(figure.get()).as("the last value while the query fails").isEqualTo(2);
        failing.set(0);
        Thread.sleep(250);
        assertThat(figure.get()).isEqualTo(3);
    }

    @Test
    void noCachePeriodReadsEveryTime() {
        AtomicInteger queries = new AtomicInteger();
        CachedFigure<Integer> figure = new CachedFigure<>(Duration.ZERO, 0, queries::incrementAndGet);
        figure.get();
        figure.get();
        assertThat(queries).hasValue(2);
    }
}
