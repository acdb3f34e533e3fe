package fi.silta.cases;

import java.util.List;
import java.util.Locale;

import org.springframework.security.core.Authentication;

import fi.silta.web.Section;

/**
 * What a procedure adds to the staff page of one of its cases (e.g. the reviews of a grant
 * application), given how much of the case the signed-in staff member may see ({@link StaffCaseAccess});
 * never called for {@link CaseVisibility#NONE}.
 */
public interface CaseStaffSection {

    List<Section> staffCase(CaseFile caseFile, CaseVisibility visibility, Authentication staff, Locale locale);
}
