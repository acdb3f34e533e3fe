package fi.silta.bench;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The shared context's connection pool made small for one test, as it was again on close: the idle
 * connections beyond the new size close at once, those in use when they come back.
 */
final class ShrunkPool implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final int maxBefore;
    private final int minIdleBefore;

    ShrunkPool(HikariDataSource dataSource, int size) {
        this.dataSource = dataSource;
        HikariConfigMXBean config = dataSource.getHikariConfigMXBean();
        this.maxBefore = config.getMaximumPoolSize();
        this.minIdleBefore = config.getMinimumIdle();
        config.setMinimumIdle(size);
        config.setMaximumPoolSize(size);
        dataSource.getHikariPoolMXBean().softEvictConnections();
    }

    int totalConnections() {
        return dataSource.getHikariPoolMXBean().getTotalConnections();
    }

    @Override
    public void close() {
        HikariConfigMXBean config = dataSource.getHikariConfigMXBean();
        config.setMaximumPoolSize(maxBefore);
        config.setMinimumIdle(minIdleBefore);
    }
}
