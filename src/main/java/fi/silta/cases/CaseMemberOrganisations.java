package fi.silta.cases;

import java.util.List;

/**
 * Organisations that take part in a case besides the case's own (the other municipalities of a grouped hyte
 * negotiation): their verified contacts see and act on the case in the portal as the case organisation's do. One
 * hook per case kind, written by the procedure that owns the kind and found by Spring ({@link CaseAccess},
 * {@link CaseParties#isVerifiedMember}).
 */
public interface CaseMemberOrganisations {

    CaseKind kind();

    /** The case's member organisations besides {@link CaseFile#organisationId()} (empty when none). */
    List<Long> membersOf(CaseFile caseFile);

    /** The ids of the cases of this kind in which the organisation is a member (as the case's own organisation or besides it). */
    List<Long> casesWithMember(long organisationId);
}
