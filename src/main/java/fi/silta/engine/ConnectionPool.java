package fi.silta.engine;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * What health indicators ask before they query: whether the database answers at all. While the pool
 * holds no connection (not even a broken one) every query would wait the pool's connection timeout (3 s)
 * first; an indicator that answers UNKNOWN at once instead keeps /actuator/health saying DOWN (the {@code db}
 * check's) within that timeout of the database stopping, however many indicators query.
 */
public final class ConnectionPool {

    private ConnectionPool() {
    }

    /** A running pool with no connection, not even a broken one: the database does not answer. */
    public static boolean unreachable(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari && hikari.isRunning()) {
            HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
            return pool != null && pool.getTotalConnections() == 0;
        }
        return false;
    }
}
