package fi.silta.portal;

import java.util.List;
import java.util.Locale;

import fi.silta.cases.CaseFile;
import fi.silta.web.Section;

/**
 * What a procedure adds to the portal's status page of one of its cases (e.g. the applicant's copy of
 * the application they sent). {@code token} is the status link's token when the page was opened with
 * one (links on the page must carry it), else null.
 */
public interface CaseStatusSection {

    List<Section> statusPage(CaseFile caseFile, String token, Locale locale);
}
