package fi.silta.portal;

import java.util.List;
import java.util.Locale;

import fi.silta.web.Section;

/** What a procedure adds to a signed-in contact's "my cases" page (e.g. unsent application drafts). */
public interface MyCasesSection {

    List<Section> myCases(String email, Locale locale);
}
