package fi.silta.cases;

/** How much of a case a staff member may see (need-to-know, see {@link StaffCaseAccess}). */
public enum CaseVisibility {
    /** nothing: the case page, its documents and its history answer 403, and staff lists leave it out */
    NONE,
    /** who the case is about and no more (e.g. a reviewer before answering the disqualification question) */
    SUMMARY,
    /** the whole case: its facts, contact, documents and the procedure's sections */
    FULL;

    public boolean any() {
        return this != NONE;
    }
}
