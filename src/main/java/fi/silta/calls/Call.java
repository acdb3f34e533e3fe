package fi.silta.calls;

import java.time.OffsetDateTime;

/**
 * Anything the county publishes with a window in which organisations answer (a grant round, a
 * commenting round, a negotiation's input). Instants are stored as offsets and shown in Helsinki time.
 */
public interface Call {

    /** What kind of call this is, e.g. {@code GRANT_ROUND}; with {@link #callId()} it names the call. */
    String callKind();

    long callId();

    OffsetDateTime opensAt();

    OffsetDateTime closesAt();

    /** Published on the portal (not still being set up, not closed). */
    boolean published();

    /** Whether an organisation may give only one active answer (per scope). */
    boolean oneAnswerPerOrganisation();
}
