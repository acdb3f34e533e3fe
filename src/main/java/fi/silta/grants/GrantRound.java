package fi.silta.grants;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Locale;

/** A call for grant applications (avustushaku). Money in euros, instants as offsets. */
public record GrantRound(long id, String processInstanceId, String nameFi, String nameSv, String descriptionFi,
        String descriptionSv, BigDecimal budget, BigDecimal maxAmount, OffsetDateTime opensAt, OffsetDateTime closesAt,
        String contactUserId, int reviewersPerApplication, String decisionMakerUserId, BigDecimal disagreementThreshold,
        BigDecimal minimumScore, boolean multipleApplications, boolean stateGrant, String stateGrantConditions,
        Status status, OffsetDateTime createdAt) {

    public enum Status {
        /** the coordinator is still setting it up */
        CONFIGURING,
        /** on the portal; criteria and weights are frozen */
        PUBLISHED,
        /** the deadline has passed */
        CLOSED
    }

    /** The name in the reader's language (Swedish when given, else Finnish). */
    public String name(Locale locale) {
        return "sv".equals(locale.getLanguage()) && nameSv != null && !nameSv.isBlank() ? nameSv : nameFi;
    }

    public String description(Locale locale) {
        return "sv".equals(locale.getLanguage()) && descriptionSv != null && !descriptionSv.isBlank() ? descriptionSv : descriptionFi;
    }

    /** Whether an application received at {@code instant} is in time. */
    public boolean isOpenAt(OffsetDateTime instant) {
        return status == Status.PUBLISHED && !instant.isBefore(opensAt) && instant.isBefore(closesAt);
    }
}
