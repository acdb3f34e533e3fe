package fi.silta.cases;

/**
 * Who a case is about, as the organisation registry knows them. Implemented by the
 * organisations package, so that cases need not depend on it (organisations uses cases).
 */
public interface CaseParties {

    /** The organisation and contact person of a case, shown on its staff page. */
    record Parties(Long organisationId, String organisationName, String contactName, String contactEmail) {

        /** Only the organisation's name: what a summary of the case shows. */
        public Parties organisationOnly() {
            return new Parties(null, organisationName, null, null);
        }
    }

    Parties of(CaseFile caseFile);

    /** Whether the address belongs to a verified contact of the case's organisation. */
    boolean isVerifiedMember(String email, CaseFile caseFile);
}
