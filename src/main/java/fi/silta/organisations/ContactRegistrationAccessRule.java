package fi.silta.organisations;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseAccessRule;
import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseVisibility;
import fi.silta.security.Roles;

/**
 * Who sees a contact's verification case: those who follow whole cases (coordinators, who
 * handle it, decision makers, managers, administrators); hyte coordinators the cases of a
 * municipality's contacts, which they verify too; reviewers and liaisons have no part in it.
 */
@Component
class ContactRegistrationAccessRule implements CaseAccessRule {

    private final OrganisationRepository organisations;

    ContactRegistrationAccessRule(OrganisationRepository organisations) {
        this.organisations = organisations;
    }

    @Override
    public CaseKind kind() {
        return CaseKind.CONTACT_REGISTRATION;
    }

    @Override
    public CaseVisibility visibility(CaseFile caseFile, StaffMember staff) {
        if (staff.inAny(Roles.caseOverseers())) {
            return CaseVisibility.FULL;
        }
        boolean ofMunicipality = caseFile.organisationId() != null
                && organisations.find(caseFile.organisationId()).map(Organisation::isMunicipality).orElse(false);
        return staff.in(Roles.HYTE_COORDINATOR) && ofMunicipality ? CaseVisibility.FULL : CaseVisibility.NONE;
    }
}
