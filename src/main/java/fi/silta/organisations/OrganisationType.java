package fi.silta.organisations;

/** Legal form of an organisation; the names are shown from the bundle key {@code organisationType.NAME}. */
public enum OrganisationType {
    REGISTERED_ASSOCIATION,
    FOUNDATION,
    UNREGISTERED_GROUP,
    OTHER_NONPROFIT,
    /**
     * A municipality of the served county, the county's counterpart in the hyte negotiations: created from the
     * reference data at start ({@link MunicipalityOrganisations}), never registered by hand, never a grant applicant.
     */
    MUNICIPALITY;

    /** Whether people register organisations of this type themselves in the portal (municipalities come from the reference data). */
    public boolean registrable() {
        return this != MUNICIPALITY;
    }
}
