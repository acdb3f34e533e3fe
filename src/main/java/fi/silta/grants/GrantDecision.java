package fi.silta.grants;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A decision on one application (table {@code grant_decision}): the round's decision, later perhaps
 * one on a request for rectification. A rejection is a decision too (amount granted 0).
 *
 * @param basis why the amount is what it is: {@link Basis}
 * @param language the language the applicant reads it in: fi or sv (the official languages)
 * @param notice how it reached the applicant: {@code ELECTRONIC} or {@code LETTER}; null until sent
 * @param receivedOn the day it counts as received (third day after the mail left, seventh after a letter)
 * @param rectificationLastDay the last day of the 14-day period for a request for rectification
 */
public record GrantDecision(long id, long applicationId, long roundId, long caseId, Stage stage, Outcome outcome, Basis basis,
        BigDecimal amountAsked, BigDecimal amountGranted, BigDecimal score, String changeReason, String language,
        String decidedBy, OffsetDateTime decidedAt, Long documentId, String notice, Long outboxMailId, LocalDate letterSentOn,
        LocalDate receivedOn, LocalDate rectificationLastDay) {

    public enum Stage {
        /** the round's decision, approved by its decision maker */
        ORIGINAL,
        /** the decision on a request for rectification */
        RECTIFICATION
    }

    public enum Outcome {
        GRANTED, PARTLY_GRANTED, REJECTED;

        static Outcome of(BigDecimal asked, BigDecimal granted) {
            if (granted.signum() == 0) {
                return REJECTED;
            }
            return granted.compareTo(asked) < 0 ? PARTLY_GRANTED : GRANTED;
        }
    }

    /** Why an application got what it got; the decision's standard reason. */
    public enum Basis {
        /** scored at or above the round's minimum: granted in score order while the budget lasted */
        SCORED,
        /** scored below the round's minimum score */
        BELOW_MINIMUM,
        /** not eligible (grantEligibility and the coordinator) */
        INELIGIBLE,
        /** rejected as incomplete: the supplement did not come */
        REJECTED_INCOMPLETE,
        /** not scored: the coordinator closed the review before its reviews were done */
        NOT_SCORED
    }

    public boolean granted() {
        return outcome != Outcome.REJECTED;
    }
}
