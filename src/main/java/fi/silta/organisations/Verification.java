package fi.silta.organisations;

/** Whether the county has verified that a contact person may act for the organisation. */
public enum Verification {
    UNVERIFIED,
    VERIFIED,
    REJECTED
}
