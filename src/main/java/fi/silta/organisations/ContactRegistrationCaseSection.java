package fi.silta.organisations;

import java.util.List;
import java.util.Locale;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseRequestsView;
import fi.silta.cases.CaseStaffSection;
import fi.silta.cases.CaseVisibility;
import fi.silta.web.Section;

/**
 * A contact registration on its staff page: every request for more information the coordinator
 * made and the contact's answer with its files (e.g. a board's minute), as for every case
 * ({@link CaseRequestsView}).
 */
@Component
class ContactRegistrationCaseSection implements CaseStaffSection {

    private final CaseRequestsView requests;

    ContactRegistrationCaseSection(CaseRequestsView requests) {
        this.requests = requests;
    }

    @Override
    public List<Section> staffCase(CaseFile caseFile, CaseVisibility visibility, Authentication staff, Locale locale) {
        if (caseFile.kind() != CaseKind.CONTACT_REGISTRATION || visibility != CaseVisibility.FULL) {
            return List.of();
        }
        return List.of(requests.section(caseFile, ContactVerificationDelegates.MORE_INFO_TASK, "moreInfo"));
    }
}
