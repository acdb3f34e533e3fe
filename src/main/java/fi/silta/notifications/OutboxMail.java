package fi.silta.notifications;

import java.time.OffsetDateTime;

/** A row of the outbox. */
public record OutboxMail(long id, String template, String recipient, String language, String subject, String body,
        String reference, Status status, int attempts, OffsetDateTime nextAttemptAt, String lastError,
        OffsetDateTime createdAt, OffsetDateTime sentAt) {

    public enum Status {
        /** waiting to be sent, or to be tried again */
        PENDING,
        SENT,
        /** gave up after the maximum attempts: shown to administrators, can be sent again */
        FAILED
    }
}
