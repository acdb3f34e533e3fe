package fi.silta.calls;

import java.time.OffsetDateTime;

/** An organisation's answer to a call; {@code active} until it is withdrawn. */
public record CallAnswer(long id, String callKind, long callId, String scope, long organisationId, Long caseId,
        String answeredByEmail, String answeredByName, OffsetDateTime answeredAt, boolean active) {
}
