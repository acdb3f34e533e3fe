package fi.silta.negotiations;

import java.util.List;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseMemberOrganisations;

/** A grouped hyte negotiation's municipalities: each one's verified contacts see and act on the case in the portal. */
@Component
class HyteCaseMembers implements CaseMemberOrganisations {

    private final HyteCycleRepository cycles;

    HyteCaseMembers(HyteCycleRepository cycles) {
        this.cycles = cycles;
    }

    @Override
    public CaseKind kind() {
        return CaseKind.HYTE_NEGOTIATION;
    }

    @Override
    public List<Long> membersOf(CaseFile caseFile) {
        return cycles.negotiationOfCase(caseFile.id()).map(HyteNegotiationRow::municipalities).orElse(List.of());
    }

    @Override
    public List<Long> casesWithMember(long organisationId) {
        return cycles.casesWithMunicipality(organisationId);
    }
}
