package fi.silta.negotiations;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One county's yearly hyte negotiation cycle (table {@code hyte_cycle}, process hyteNegotiationCycle, business key {@code HYTE-<year>}). */
public record HyteCycle(long id, String countyCode, int year, String businessKey, String themes, LocalDate windowStart,
        LocalDate windowEnd, OffsetDateTime backgroundDeadline, OffsetDateTime inputDeadline, Status status, String closedReason,
        String closedBy, OffsetDateTime closedAt, String processInstanceId, String createdBy, OffsetDateTime createdAt,
        String groupStatement, String groupStatementBy, OffsetDateTime groupStatementAt) {

    public static final String KEY_PREFIX = "HYTE-";
    /** The call kind under which the cycle's summary PDFs are kept ({@code call_document}). */
    public static final String CALL_KIND = "HYTE_CYCLE";

    public enum Status {
        /** negotiations under way */
        OPEN,
        /** every negotiation done */
        COMPLETED,
        /** closed by a coordinator before every negotiation was done (with a reason) */
        CLOSED_EARLY
    }

    public static String businessKey(int year) {
        return KEY_PREFIX + year;
    }

    public boolean open() {
        return status == Status.OPEN;
    }
}
