package fi.silta.grants;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseStaffSection;
import fi.silta.cases.CaseVisibility;
import fi.silta.security.Roles;
import fi.silta.web.Section;

/**
 * On a decided grant application's staff page, for those who see the whole case: its requests for
 * rectification (the applicant's and other parties'), with the body's answers; for coordinators,
 * the form to enter a request that another party sent by mail or letter.
 */
@Component
class GrantRectificationSection implements CaseStaffSection {

    private final GrantDecisionRepository decisions;
    private final GrantRectificationService rectifications;

    GrantRectificationSection(GrantDecisionRepository decisions, GrantRectificationService rectifications) {
        this.decisions = decisions;
        this.rectifications = rectifications;
    }

    @Override
    public List<Section> staffCase(CaseFile caseFile, CaseVisibility visibility, Authentication staff, Locale locale) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION || visibility != CaseVisibility.FULL
                || decisions.ofCase(caseFile.id()).stream().noneMatch(d -> d.stage() == GrantDecision.Stage.ORIGINAL)) {
            return List.of();
        }
        boolean coordinator = staff.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Roles.COORDINATOR.authority()));
        return List.of(new Section("grants/case-rectification", Map.of("requests", rectifications.ofCase(caseFile.id()),
                "mayEnter", coordinator, "reference", caseFile.reference())));
    }
}
