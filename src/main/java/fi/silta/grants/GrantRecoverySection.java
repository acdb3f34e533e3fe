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
 * On a funded grant application's staff page, for those who see the whole case: its recoveries with the amounts, due
 * dates, payments recorded and the decision's PDF; for coordinators, the form to begin a recovery (unused funds or a
 * finding) while something is paid and no recovery is open.
 */
@Component
class GrantRecoverySection implements CaseStaffSection {

    private final GrantRecoveryService recoveries;

    GrantRecoverySection(GrantRecoveryService recoveries) {
        this.recoveries = recoveries;
    }

    @Override
    public List<Section> staffCase(CaseFile caseFile, CaseVisibility visibility, Authentication staff, Locale locale) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION || visibility != CaseVisibility.FULL
                || recoveries.fundingOfCase(caseFile.id()).isEmpty()) {
            return List.of();
        }
        boolean coordinator = staff.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Roles.COORDINATOR.authority()));
        return List.of(new Section("grants/case-recovery", Map.of("recoveries", recoveries.ofCase(caseFile.id()),
                "mayStart", coordinator && recoveries.startable(caseFile), "reference", caseFile.reference())));
    }
}
