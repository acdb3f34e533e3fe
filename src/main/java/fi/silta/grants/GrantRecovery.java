package fi.silta.grants;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A recovery (takaisinperintä) of a grant paid out (table {@code grant_recovery}): why it began, the decision's
 * amount, reasons and due date once prepared, how the decision reached the organisation, and what was recorded at
 * each due date ({@link Payment}). Found by its process instance, never by a variable a form could set.
 */
public record GrantRecovery(long id, long fundingId, long caseId, Reason reason, String description, Status status,
        GrantFunding.Status fundingStatusBefore, BigDecimal amount, String reasons, LocalDate dueOn, String preparedBy,
        String returnComments, String decidedBy, OffsetDateTime decidedAt, String language, Long documentId, String notice,
        Long outboxMailId, LocalDate letterSentOn, LocalDate receivedOn, LocalDate rectificationLastDay,
        String processInstanceId, String startedBy, OffsetDateTime createdAt, OffsetDateTime closedAt) {

    public enum Reason {
        /** the use-of-funds report was not accepted (grantFunding calls grantRecovery) */
        REPORT,
        /** funds were left unused */
        UNUSED_FUNDS,
        /** a finding of an inspection or otherwise */
        FINDING
    }

    public enum Status {
        /** prepared by a coordinator, approved by the decision maker */
        OPEN,
        /** the decision is made; the payment is awaited at the due date */
        DECIDED,
        /** part was paid; the rest is awaited at a new due date */
        PARTLY_PAID,
        /** paid in full */
        PAID,
        /** passed on for collection */
        COLLECTION;

        /** Still running: no other recovery of the funding may begin. */
        public boolean open() {
            return this == OPEN || this == DECIDED || this == PARTLY_PAID;
        }
    }

    /** What the coordinator recorded at a due date. */
    public record Payment(long id, Outcome outcome, BigDecimal amountReceived, LocalDate newDueOn, String note, String recordedBy,
            OffsetDateTime recordedAt) {
    }

    public enum Outcome {
        PAID, PARTLY_PAID, COLLECTION
    }

    /** A recovery with its payments, as the case pages show it. */
    public record Shown(GrantRecovery recovery, List<Payment> payments, BigDecimal received) {

        public BigDecimal outstanding() {
            return recovery.amount() == null ? null : recovery.amount().subtract(received).max(BigDecimal.ZERO);
        }
    }

    public boolean decided() {
        return decidedAt != null;
    }
}
