package fi.silta.organisations;

/** Legal form of an organisation; the names are shown from the bundle key {@code organisationType.NAME}. */
public enum OrganisationType {
    REGISTERED_ASSOCIATION,
    FOUNDATION,
    UNREGISTERED_GROUP,
    OTHER_NONPROFIT
}
