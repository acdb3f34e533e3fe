package fi.silta.notifications;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/** {@code mailOutbox} in /actuator/health: OUT_OF_SERVICE while any mail has failed for good. */
@Component("mailOutboxHealthIndicator")
public class OutboxHealthIndicator extends AbstractHealthIndicator {

    private final MailOutbox outbox;

    public OutboxHealthIndicator(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long failed = outbox.count(OutboxMail.Status.FAILED);
        long pending = outbox.count(OutboxMail.Status.PENDING);
        builder.status(failed > 0 ? Status.OUT_OF_SERVICE : Status.UP)
                .withDetail("failed", failed).withDetail("pending", pending);
    }
}
