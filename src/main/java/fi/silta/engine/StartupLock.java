package fi.silta.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Several nodes starting at the same moment on one PostgreSQL database take their turns: a
 * session-level advisory lock, taken before the engine creates or updates its schema and held
 * until the node is ready, covers schema creation, model deployment, reference data, staff groups,
 * filters and demo data ({@code SiltaSetup}). The next node then finds everything made and changes
 * nothing. Flyway, before it, takes its own lock. The lock goes with its connection: a node that
 * dies at start releases it. H2 (one node only) takes none.
 */
@Component
public class StartupLock extends AbstractProcessEnginePlugin implements DisposableBean {

    /** The lock's key: "silta-start" in ASCII, so that it is recognisable in pg_locks. */
    static final long KEY = 0x73696c74612d7374L;
    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);
    private final DataSource dataSource;
    private Connection held;

    public StartupLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        acquire();
    }

    synchronized void acquire() {
        if (held != null) {
            return;
        }
        try {
            Connection connection = dataSource.getConnection();
            if (!connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
                connection.close();
                return;
            }
            connection.setAutoCommit(true);
            long start = System.nanoTime();
            try (var lock = connection.prepareStatement("select pg_advisory_lock(?)")) {
                lock.setLong(1, KEY);
                lock.execute();
            }
            held = connection;
            log.info("Start-up lock taken after {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            throw new IllegalStateException("start-up lock", e);
        }
    }

    /** Released once the node is ready (after {@code SiltaSetup}), or when it stops. */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void release() {
        if (held == null) {
            return;
        }
        try (Connection connection = held; var unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, KEY);
            unlock.execute();
            log.info("Start-up lock released");
        } catch (SQLException e) {
            log.warn("Start-up lock: release failed (it goes with the connection): {}", e.getMessage());
        } finally {
            held = null;
        }
    }

    @Override
    public void destroy() {
        release();
    }
}
