package fi.silta.portal;

import java.util.List;
import java.util.Locale;

import fi.silta.web.Section;

/** What a procedure has open on the portal's front page (e.g. published grant calls); none when nothing is open. */
public interface FrontPageSection {

    List<Section> frontPage(Locale locale);
}
