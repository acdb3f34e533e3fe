package fi.silta.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * A node whose database cannot be reached fails at once, before the 15–60 s of building the
 * application context: as soon as the configuration is read, one connection is opened with the
 * configured URL and user and closed again. If none opens within {@code silta.start.database-wait}
 * (default {@code PT0S}: one try, each try at most {@link #CONNECT_TIMEOUT}), the start fails and
 * {@code SiltaApplication.main} exits with status 1, so a supervisor starts the node again; a
 * database that comes up a little later than the node is the supervisor's to wait for (restart
 * after a few seconds), or give the wait here. Registered by {@code SiltaApplication.main} only:
 * tests build their contexts without it.
 */
public final class DatabaseAtStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** The longest one connection attempt may take (a black-holed host answers nothing). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    /** The database could not be reached at start. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(String url, Duration waited, SQLException cause) {
            super("database " + url + " unreachable at start (waited " + waited.toMillis() / 1000 + " s): " + cause.getMessage(), cause);
        }
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    /** Opens and closes one connection to the configured database, or throws {@link Unreachable}. */
    static void check(ConfigurableEnvironment environment) {
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || url.isBlank()) {
            return;
        }
        Duration wait = Binder.get(environment).bind("silta.start.database-wait", Duration.class).orElse(Duration.ZERO);
        Properties credentials = new Properties();
        String user = environment.getProperty("spring.datasource.username");
        String password = environment.getProperty("spring.datasource.password");
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        long started = System.nanoTime();
        long deadline = started + wait.toNanos();
        int loginTimeout = DriverManager.getLoginTimeout();
        DriverManager.setLoginTimeout((int) CONNECT_TIMEOUT.toSeconds());
        try {
            attempt(url, credentials, started, deadline);
        } finally {
            DriverManager.setLoginTimeout(loginTimeout);
        }
    }

    private static void attempt(String url, Properties credentials, long started, long deadline) {
        while (true) {
            try (Connection connection = DriverManager.getConnection(url, credentials)) {
                return;
            } catch (SQLException e) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new Unreachable(url, Duration.ofNanos(System.nanoTime() - started), e);
                }
                try {
                    Thread.sleep(Math.max(1, Math.min(RETRY_PAUSE.toNanos(), left) / 1_000_000));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new Unreachable(url, Duration.ofNanos(System.nanoTime() - started), e);
                }
            }
        }
    }
}
