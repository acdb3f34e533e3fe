package fi.silta.negotiations;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One negotiation of a cycle (table {@code hyte_negotiation}): its case and the municipalities taking part
 * (organisation ids by position; the first is the case's organisation).
 */
public record HyteNegotiationRow(long id, long cycleId, long caseId, String caseReference, String title, String status,
        OffsetDateTime createdAt, OffsetDateTime doneAt, List<Long> municipalities) {

    public static final String OPEN = "OPEN";
    public static final String DONE = "DONE";

    public boolean done() {
        return DONE.equals(status);
    }
}
