package fi.silta.organisations;

import java.time.OffsetDateTime;

public record Contact(long id, long organisationId, String name, String email, String phone, String language,
        Verification verification, OffsetDateTime verifiedAt, String verifiedBy, boolean electronicNoticeConsent,
        OffsetDateTime noticeConsentAt) {
}
