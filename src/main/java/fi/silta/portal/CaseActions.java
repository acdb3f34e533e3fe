package fi.silta.portal;

import fi.silta.cases.CaseFile;

/** What an outsider may still do with a case beyond its tasks, added by each procedure (e.g. withdraw an application). */
public interface CaseActions {

    boolean canWithdraw(CaseFile caseFile);

    void withdraw(CaseFile caseFile);
}
