package fi.silta.grants;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A request for rectification (oikaisuvaatimus) of a grant decision, and the answer of the body
 * the decision maker answers to ({@code grant_rectification_request}).
 *
 * @param channel PORTAL (the applicant), MAIL or LETTER (another party, entered by staff)
 * @param requesterAddress where another party's answer goes; null for the applicant's own
 * @param outcome the body's answer, null while the request is open
 */
public record GrantRectificationRequest(long id, long decisionId, long caseId, Channel channel, String requestedBy,
        String enteredBy, String requesterAddress, LocalDate receivedOn, LocalDate answerSentOn, String reasons, String documentIds, OffsetDateTime receivedAt, Outcome outcome, java.math.BigDecimal bodyAmount, String bodyReasons,
        LocalDate bodyMeetingOn, String recordedBy, Long answerDecisionId) {

    public enum Channel {
        PORTAL, MAIL, LETTER
    }

    public enum Outcome {
        GRANTED, PARTLY_GRANTED, REFUSED
    }
}
