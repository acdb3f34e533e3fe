package fi.silta.cases;

import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;

import fi.silta.cases.Deadlines.Notice;
import fi.silta.cases.Deadlines.Period;
import fi.silta.notifications.MailOutbox;
import fi.silta.notifications.OutboxMail;

/**
 * Statutory periods that run from a notice mailed through the outbox: counted from the moment the
 * mail really left (its {@code sent_at}), not from when it was queued. A mail still waiting, or
 * one that failed, has notified no one, so no period runs.
 */
@Service
public class NoticePeriods {

    private final MailOutbox outbox;
    private final Deadlines deadlines;

    public NoticePeriods(MailOutbox outbox, Deadlines deadlines) {
        this.outbox = outbox;
        this.deadlines = deadlines;
    }

    /** When the mail left the outbox; empty while it waits or after it failed. */
    public Optional<Instant> leftOutboxAt(long outboxMailId) {
        return outbox.find(outboxMailId).filter(mail -> mail.status() == OutboxMail.Status.SENT && mail.sentAt() != null)
                .map(mail -> mail.sentAt().toInstant());
    }

    /**
     * The period of {@code days} days that runs from the notice mailed as {@code outboxMailId} to a
     * party who has (or has not) consented to electronic notification; empty until the mail has left.
     */
    public Optional<Period> fromMail(long outboxMailId, boolean consentedToElectronicNotice, int days) {
        return deadlines.periodFromNotice(leftOutboxAt(outboxMailId), Notice.forConsent(consentedToElectronicNotice), days);
    }
}
