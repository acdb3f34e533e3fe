package fi.silta.cases;

/**
 * Documents of a case that its parties in the portal (the status page's list and download) do not get, because a
 * third party gave them for the authority only: e.g. an NGO's attachments to its input for a hyte negotiation,
 * which are documents of the municipality's case but belong to the NGO and the county. One hook per case kind,
 * written by the procedure that owns the kind and found by Spring; the staff side is ruled by {@link CaseAccessRule}.
 */
public interface PartyHiddenDocuments {

    CaseKind kind();

    /** Whether the case's parties may not see this document of the case. */
    boolean hidden(CaseFile caseFile, long documentId);
}
