package fi.silta.organisations;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An organisation of the registry. For a {@link OrganisationType#MUNICIPALITY municipality},
 * {@code municipalityCode} is its Statistics Finland code (null for every other type) and
 * {@code bilingual} says whether its documents are also given in Swedish (set by a coordinator:
 * the reference data has no language status).
 */
public record Organisation(long id, String name, String businessId, OrganisationType type,
        String associationNumber, OffsetDateTime createdAt, List<String> municipalityCodes, String municipalityCode,
        boolean bilingual) {

    public boolean isMunicipality() {
        return type == OrganisationType.MUNICIPALITY;
    }
}
