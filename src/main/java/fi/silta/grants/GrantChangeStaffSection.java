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
import fi.silta.web.Section;

/** On a granted application's staff page, for those who see the whole case: its change requests and their decisions. */
@Component
class GrantChangeStaffSection implements CaseStaffSection {

    /** A request with the lines asked and granted and the decision's PDF on the staff page. */
    public record Shown(GrantChangeRequest request, List<BudgetLine> asked, List<BudgetLine> granted, String pdfLink) {
    }

    private final GrantChangeRequests requests;
    private final GrantFundings fundings;

    GrantChangeStaffSection(GrantChangeRequests requests, GrantFundings fundings) {
        this.requests = requests;
        this.fundings = fundings;
    }

    @Override
    public List<Section> staffCase(CaseFile caseFile, CaseVisibility visibility, Authentication staff, Locale locale) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION || visibility != CaseVisibility.FULL || requests.fundingOf(caseFile.id()).isEmpty()) {
            return List.of();
        }
        var lines = requests.linesOfCase(caseFile.id());
        List<Shown> shown = requests.ofCase(caseFile.id()).stream().map(r -> new Shown(r,
                lines.getOrDefault(r.id(), Map.of()).getOrDefault(GrantChangeRequests.ASKED, List.of()),
                lines.getOrDefault(r.id(), Map.of()).getOrDefault(GrantChangeRequests.GRANTED, List.of()),
                r.documentId() == null ? null : "/staff/cases/" + caseFile.reference() + "/documents/" + r.documentId())).toList();
        return List.of(new Section("grants/case-change-staff", Map.of("requests", shown)));
    }
}
