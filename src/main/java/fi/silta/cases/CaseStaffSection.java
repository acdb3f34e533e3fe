package fi.silta.cases;

import java.util.List;
import java.util.Locale;

import org.springframework.security.core.Authentication;

import fi.silta.web.Section;

/**
 * What a procedure adds to the staff page of one of its cases (e.g. the reviews of a grant
 * application); it decides itself what the signed-in staff member may see of it.
 */
public interface CaseStaffSection {

    List<Section> staffCase(CaseFile caseFile, Authentication staff, Locale locale);
}
