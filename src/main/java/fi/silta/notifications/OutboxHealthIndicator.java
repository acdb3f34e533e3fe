package fi.silta.notifications;

import javax.sql.DataSource;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;


import fi.silta.engine.ConnectionPool;

/**
 * {@code mailOutbox} in /actuator/health: OUT_OF_SERVICE while any mail has failed for good.
 * While the database is unreachable (the pool holds no connection at all) it answers UNKNOWN at
 * once instead of waiting another connection timeout after the {@code db} check has waited one,
 * so that /actuator/health says DOWN within the pool's timeout (3 s) of the database stopping.
 */
@Component("mailOutboxHealthIndicator")
public class OutboxHealthIndicator extends AbstractHealthIndicator {

    private final MailOutbox outbox;
    private final DataSource dataSource;

    public OutboxHealthIndicator(MailOutbox outbox, DataSource dataSource) {
        this.outbox = outbox;
        this.dataSource = dataSource;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (ConnectionPool.unreachable(dataSource)) {
            builder.unknown().withDetail("reason", "database unreachable (see db)");
            return;
        }
        long failed = outbox.count(OutboxMail.Status.FAILED);
        long pending = outbox.count(OutboxMail.Status.PENDING);
        builder.status(failed > 0 ? Status.OUT_OF_SERVICE : Status.UP)
                .withDetail("failed", failed).withDetail("pending", pending);
    }

}
