package fi.silta.organisations;

/**
 * A contact may now act for its organisation (verified by a coordinator, or added verified by a hyte coordinator),
 * published in the transaction that verified it, so that a procedure can bring the newcomer into what already waits
 * for the organisation (a hyte negotiation's background request, say).
 */
public record ContactVerified(long organisationId, long contactId) {
}
