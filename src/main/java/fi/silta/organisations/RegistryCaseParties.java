package fi.silta.organisations;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.stream.Stream;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseMemberOrganisations;
import fi.silta.cases.CaseParties;

/** The organisation registry's answer to who a case is about. */
@Component
class RegistryCaseParties implements CaseParties {

    private final OrganisationRepository organisations;
    private final List<CaseMemberOrganisations> members;

    RegistryCaseParties(OrganisationRepository organisations, List<CaseMemberOrganisations> members) {
        this.organisations = organisations;
        this.members = members;
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
        // the case's organisation, and the members its procedure names (a grouped hyte negotiation's other municipalities)
        return Stream.concat(Stream.ofNullable(caseFile.organisationId()), members.stream().filter(m -> m.kind() == caseFile.kind())
                        .flatMap(m -> m.membersOf(caseFile).stream()))
                .distinct().anyMatch(organisationId -> organisations.contactByEmail(organisationId, email)
                        .map(Contact::verification).filter(Verification.VERIFIED::equals).isPresent());
    }
}
