package fi.silta.cases;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseAccessRule.StaffMember;

/**
 * Need-to-know for staff: what a signed-in staff member may see of a case, decided by the rule
 * of its kind ({@link CaseAccessRule}); a kind without a rule is seen by no one. Used by the
 * staff case page, its document downloads and every staff list of cases.
 */
@Component
public class StaffCaseAccess {

    private final Map<CaseKind, CaseAccessRule> rules = new EnumMap<>(CaseKind.class);

    public StaffCaseAccess(List<CaseAccessRule> rules) {
        for (CaseAccessRule rule : rules) {
            if (this.rules.put(rule.kind(), rule) != null) {
                throw new IllegalStateException("two access rules for case kind " + rule.kind());
            }
        }
    }

    public CaseVisibility visibility(CaseFile caseFile, Authentication staff) {
        if (staff == null || !staff.isAuthenticated()) {
            return CaseVisibility.NONE;
        }
        CaseAccessRule rule = rules.get(caseFile.kind());
        return rule == null ? CaseVisibility.NONE : rule.visibility(caseFile, member(staff));
    }

    /** The cases of a list that this staff member may see at all (in the list's order). */
    public List<CaseFile> visible(List<CaseFile> cases, Authentication staff) {
        return cases.stream().filter(c -> visibility(c, staff).any()).toList();
    }

    static StaffMember member(Authentication staff) {
        Set<String> authorities = staff.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toUnmodifiableSet());
        return new StaffMember(staff.getName(), authorities);
    }
}
