package fi.silta.organisations;

import java.time.OffsetDateTime;
import java.util.List;

public record Organisation(long id, String name, String businessId, OrganisationType type,
        String associationNumber, OffsetDateTime createdAt, List<String> municipalityCodes) {
}
