package fi.silta.cases;

import java.time.OffsetDateTime;

/** A case: what an outsider takes part in. Only the hash of its status-link token is kept. */
public record CaseFile(long id, String reference, CaseKind kind, Long organisationId, Long contactId, String contactEmail,
        String language, String processInstanceId, OffsetDateTime createdAt) {
}
