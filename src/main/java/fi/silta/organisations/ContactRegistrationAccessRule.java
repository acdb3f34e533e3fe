package fi.silta.organisations;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseAccessRule;
import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseVisibility;
import fi.silta.security.Roles;

/**
 * Who sees a contact's verification case: those who follow whole cases (coordinators, who
 * handle it, decision makers, managers, administrators); reviewers, liaisons and hyte
 * coordinators have no part in it.
 */
@Component
class ContactRegistrationAccessRule implements CaseAccessRule {

    @Override
    public CaseKind kind() {
        return CaseKind.CONTACT_REGISTRATION;
    }

    @Override
    public CaseVisibility visibility(CaseFile caseFile, StaffMember staff) {
        return staff.inAny(Roles.caseOverseers()) ? CaseVisibility.FULL : CaseVisibility.NONE;
    }
}
