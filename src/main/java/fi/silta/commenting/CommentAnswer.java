package fi.silta.commenting;

import java.time.OffsetDateTime;
import java.util.Map;

/** An organisation's answer to a round: its case, and per question the text or the scale value (1–5) given. */
public record CommentAnswer(long id, long roundId, long caseId, String caseReference, long organisationId,
        String organisationName, String organisationBusinessId, Map<String, String> answers, String contactName, OffsetDateTime submittedAt) {
}
