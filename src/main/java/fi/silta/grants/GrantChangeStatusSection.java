package fi.silta.grants;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.portal.CaseStatusController;
import fi.silta.portal.CaseStatusSection;
import fi.silta.web.Section;

/**
 * The change requests of a grant on the organisation's status page: each with its decision and the PDF;
 * while the grant period runs and no request waits for its decision, the form to ask for a change (for a
 * signed-in contact: a status link alone asks for nothing in the organisation's name).
 */
@Component
@Order(3)
class GrantChangeStatusSection implements CaseStatusSection {

    /** A request as the page shows it, with the decision's PDF link once there is one. */
    public record Shown(GrantChangeRequest request, String pdfLink) {
    }

    private final GrantChangeRequests requests;
    private final GrantFundings fundings;

    GrantChangeStatusSection(GrantChangeRequests requests, GrantFundings fundings) {
        this.requests = requests;
        this.fundings = fundings;
    }

    @Override
    public List<Section> statusPage(CaseFile caseFile, String token, Locale locale) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION) {
            return List.of();
        }
        Optional<GrantFunding> funding = requests.fundingOf(caseFile.id());
        if (funding.isEmpty()) {
            return List.of();
        }
        List<Shown> shown = requests.ofCase(caseFile.id()).stream().map(r -> new Shown(r, r.documentId() == null ? null
                : CaseStatusController.link("/portal/cases/" + caseFile.reference() + "/documents/" + r.documentId(), token))).toList();
        boolean mayAsk = requests.changeable(caseFile).isPresent() && requests.openOf(funding.get().id()).isEmpty();
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        boolean person = (token == null || token.isBlank()) && signedIn != null && signedIn.isAuthenticated()
                && !(signedIn instanceof AnonymousAuthenticationToken);
        Map<String, Object> model = new HashMap<>();
        model.put("requests", shown);
        model.put("funding", funding.get());
        model.put("lines", fundings.lines(funding.get().id()));
        model.put("mayAsk", mayAsk);
        model.put("signedIn", person);
        model.put("kinds", List.of("BUDGET", "TIME", "CONTENT"));
        model.put("submissionKey", UUID.randomUUID().toString());
        model.put("action", "/portal/cases/" + caseFile.reference() + "/change-requests");
        return List.of(new Section("grants/case-change-status", model));
    }
}
