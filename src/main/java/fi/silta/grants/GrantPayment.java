package fi.silta.grants;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One instalment of a funding (table {@code grant_payment}). The account it is paid to is copied from the
 * organisation's confirmed account when it becomes {@code DUE}; a batch (helper of the finance export) takes only
 * {@code DUE} payments, one batch each.
 */
public record GrantPayment(long id, long fundingId, int instalment, BigDecimal amount, Status status, String iban, String holder,
        String reference, Long batchId, String stopReason, OffsetDateTime dueSince, OffsetDateTime paidAt) {

    public enum Status {
        /** not yet due (the second instalment before the interim report is accepted) */
        PENDING,
        /** due: the coordinators may put it in a batch */
        DUE,
        /** in a batch not yet approved */
        IN_BATCH,
        PAID,
        /** a coordinator said "do not pay" */
        STOPPED,
        /** the applicant declined the grant */
        CANCELLED;

        /** Not paid and never to be paid again. */
        public boolean closed() {
            return this == PAID || this == STOPPED || this == CANCELLED;
        }
    }
}
