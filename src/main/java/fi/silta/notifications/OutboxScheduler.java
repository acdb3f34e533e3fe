package fi.silta.notifications;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The drain job; switched off in tests, which call {@link OutboxDrainer#drain()} themselves. */
@Component
@ConditionalOnProperty(name = "silta.mail.outbox.scheduler-enabled", havingValue = "true", matchIfMissing = true)
public class OutboxScheduler {

    private final OutboxDrainer drainer;

    public OutboxScheduler(OutboxDrainer drainer) {
        this.drainer = drainer;
    }

    @Scheduled(fixedDelayString = "${silta.mail.outbox.poll-interval:PT5S}", initialDelayString = "PT5S")
    public void drain() {
        drainer.drain();
    }
}
