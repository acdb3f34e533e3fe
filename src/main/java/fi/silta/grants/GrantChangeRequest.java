package fi.silta.grants;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * An organisation's request to change the terms of its grant during the grant period (muutoshakemus,
 * table {@code grant_change_request}) and the decision maker's decision on it. The budget lines asked
 * for and granted are in {@code grant_change_request_line} ({@link GrantChangeRequests#lines}).
 *
 * @param openFundingId the funding's id while the request waits for its decision, null after
 * @param termsVersion the funding's terms version the granted change made, null when refused or undecided
 */
public record GrantChangeRequest(long id, long fundingId, long caseId, Kind kind, LocalDate requestedReportDue, String content,
        String reasons, String documentIds, String requestedBy, OffsetDateTime requestedAt, Long openFundingId,
        String processInstanceId, Outcome outcome, String decisionReasons, LocalDate grantedReportDue, String decidedBy,
        OffsetDateTime decidedAt, Integer termsVersion, String language, Long documentId, String notice, Long outboxMailId,
        LocalDate letterSentOn, LocalDate receivedOn, LocalDate rectificationLastDay) {

    /** What is asked for. */
    public enum Kind {
        /** a shift between the budget lines of the terms in force, the total unchanged */
        BUDGET,
        /** a later due date of the use-of-funds report */
        TIME,
        /** a change of the funded activity's content */
        CONTENT
    }

    /** The decision maker's decision. */
    public enum Outcome {
        GRANTED, PARTLY_GRANTED, REFUSED;

        public boolean changesTerms() {
            return this != REFUSED;
        }
    }

    public boolean open() {
        return outcome == null;
    }
}
