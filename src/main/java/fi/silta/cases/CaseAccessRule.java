package fi.silta.cases;

import java.util.Collection;
import java.util.Set;

import fi.silta.security.Roles;

/**
 * Who among the staff may see the cases of one kind: one rule per case kind, written by the
 * procedure that owns the kind and found by Spring. {@link StaffCaseAccess} asks it for the case
 * page, document downloads and every staff list.
 */
public interface CaseAccessRule {

    /** A signed-in staff member: their Camunda user id and their authorities (one per group, see {@link Roles}). */
    record StaffMember(String userId, Set<String> authorities) {

        public boolean in(Roles role) {
            return authorities.contains(role.authority());
        }

        public boolean inAny(Collection<Roles> roles) {
            return roles.stream().anyMatch(this::in);
        }
    }

    CaseKind kind();

    CaseVisibility visibility(CaseFile caseFile, StaffMember staff);
}
