package fi.silta.cases;

/**
 * What a case is; the prefix begins its reference ({@code YH-2026-0001}). Names are shown
 * from the bundle key {@code case.kind.NAME}.
 */
public enum CaseKind {
    /** a new contact person of an organisation, verified by the county */
    CONTACT_REGISTRATION("YH", "organisationContactVerification"),
    /** a grant application (grant rounds) */
    GRANT_APPLICATION("AV", "grantApplication"),
    /** an organisation's answer to a plan commenting round */
    PLAN_COMMENT("LA", "planComment"),
    /** one hyte negotiation of a yearly cycle, with one municipality or a group of them */
    HYTE_NEGOTIATION("HN", "hyteNegotiation");

    private final String prefix;
    private final String processKey;

    CaseKind(String prefix, String processKey) {
        this.prefix = prefix;
        this.processKey = processKey;
    }

    public String prefix() {
        return prefix;
    }

    public String processKey() {
        return processKey;
    }
}
