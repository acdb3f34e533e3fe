package fi.silta.organisations;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseParties;

/** The organisation registry's answer to who a case is about. */
@Component
class RegistryCaseParties implements CaseParties {

    private final OrganisationRepository organisations;

    RegistryCaseParties(OrganisationRepository organisations) {
        this.organisations = organisations;
    }

    @Override
    public Parties of(CaseFile caseFile) {
        Organisation organisation = caseFile.organisationId() == null ? null
                : organisations.find(caseFile.organisationId()).orElse(null);
        Contact contact = caseFile.contactId() == null ? null : organisations.contact(caseFile.contactId()).orElse(null);
        return new Parties(organisation == null ? null : organisation.id(), organisation == null ? null : organisation.name(),
                contact == null ? null : contact.name(), contact == null ? null : contact.email());
    }

    @Override
    public boolean isVerifiedMember(String email, CaseFile caseFile) {
        return caseFile.organisationId() != null && organisations.contactByEmail(caseFile.organisationId(), email)
                .map(Contact::verification).filter(Verification.VERIFIED::equals).isPresent();
    }
}
