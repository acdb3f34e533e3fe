package fi.silta.grants;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Locale;

import fi.silta.web.Locales;
import fi.silta.calls.Call;

/** A call for grant applications (avustushaku). Money in euros, instants as offsets. */
public record GrantRound(long id, String processInstanceId, String nameFi, String nameSv, String descriptionFi,
        String descriptionSv, BigDecimal budget, BigDecimal maxAmount, OffsetDateTime opensAt, OffsetDateTime closesAt,
        String contactUserId, int reviewersPerApplication, String decisionMakerUserId, BigDecimal disagreementThreshold,
        BigDecimal minimumScore, boolean multipleApplications, boolean stateGrant, String stateGrantConditions,
        Status status, OffsetDateTime createdAt, String substituteDecisionMakerUserId) implements Call {

    /** The kind of call a grant round is in {@code call_answer}. */
    public static final String CALL_KIND = "GRANT_ROUND";

    public enum Status {
        /** the coordinator is still setting it up */
        CONFIGURING,
        /** on the portal; criteria and weights are frozen */
        PUBLISHED,
        /** the deadline has passed; applications are still being reviewed */
        CLOSED,
        /** every application is scored or rejected (or the review was closed early): the coordinator allocates */
        ALLOCATING,
        /** the allocation waits for the decision maker's approval */
        PROPOSED,
        /** the decision maker approved the allocation: every application has its decision */
        DECIDED
    }

    /** The name in the reader's language (Swedish when given, else Finnish). */
    public String name(Locale locale) {
        return Locales.pick(locale, nameFi, nameSv);
    }

    public String description(Locale locale) {
        return Locales.pick(locale, descriptionFi, descriptionSv);
    }

    @Override
    public String callKind() {
        return CALL_KIND;
    }

    @Override
    public long callId() {
        return id;
    }

    @Override
    public boolean published() {
        return status == Status.PUBLISHED;
    }

    /** An application is an answer; one per organisation unless the round allows several. */
    @Override
    public boolean oneAnswerPerOrganisation() {
        return !multipleApplications;
    }
}
