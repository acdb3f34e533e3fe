package fi.silta.organisations;

import java.time.OffsetDateTime;

/**
 * A contact person of an organisation. {@code addedBy} is the staff member who added the contact directly
 * (a hyte coordinator adding a municipality's contact, verified at once); null when the person registered.
 */
public record Contact(long id, long organisationId, String name, String email, String phone, String language,
        Verification verification, OffsetDateTime verifiedAt, String verifiedBy, boolean electronicNoticeConsent,
        OffsetDateTime noticeConsentAt, String addedBy) {
}
