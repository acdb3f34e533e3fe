package fi.silta.grants;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** An application to a round. {@code caseId} is set when it is submitted. */
public record GrantApplication(long id, Long caseId, long roundId, long organisationId, String contactEmail, Status status,
        String activity, String targetGroup, String goals, BigDecimal amount, String municipalities,
        OffsetDateTime submittedAt, OffsetDateTime updatedAt, String boardMembers, BigDecimal finalScore, String scoreNote) {

    public enum Status {
        DRAFT, SUBMITTED, WITHDRAWN, INELIGIBLE, REJECTED_INCOMPLETE, IN_REVIEW, SCORED
    }
}
