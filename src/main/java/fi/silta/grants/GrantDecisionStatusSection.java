package fi.silta.grants;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.portal.CaseStatusController;
import fi.silta.portal.CaseStatusSection;
import fi.silta.web.Section;

/**
 * The decisions on the applicant's status page, above their copy of the application: outcome and
 * amount, the date, the PDF, and the period for a request for rectification once it is known.
 */
@Component
@Order(1)
class GrantDecisionStatusSection implements CaseStatusSection {

    /** A decision as the status page shows it, with the PDF's link (carrying the status token when the page has one). */
    public record Shown(GrantDecision decision, String pdfLink) {
    }

    private final GrantDecisionRepository decisions;
    private final GrantRectificationService rectifications;
    private final java.time.Clock clock;

    GrantDecisionStatusSection(GrantDecisionRepository decisions, GrantRectificationService rectifications, java.time.Clock clock) {
        this.decisions = decisions;
        this.rectifications = rectifications;
        this.clock = clock;
    }

    @Override
    public List<Section> statusPage(CaseFile caseFile, String token, Locale locale) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION) {
            return List.of();
        }
        List<Shown> shown = decisions.ofCase(caseFile.id()).stream().filter(d -> d.documentId() != null)
                .map(d -> new Shown(d, CaseStatusController.link("/portal/cases/" + caseFile.reference() + "/documents/"
                        + d.documentId(), token)))
                .toList();
        if (shown.isEmpty()) {
            return List.of();
        }
        // the applicant's own requests for rectification by the decision they ask to change (another party's are not theirs)
        Map<Long, GrantRectificationRequest> requested = rectifications.ofCase(caseFile.id()).stream()
                .filter(r -> r.channel() == GrantRectificationRequest.Channel.PORTAL)
                .collect(java.util.stream.Collectors.toMap(GrantRectificationRequest::decisionId, r -> r, (a, b) -> a));
        return List.of(new Section("grants/case-decision", Map.of("decisions", shown, "requests", requested,
                "today", java.time.LocalDate.now(clock.withZone(fi.silta.web.Locales.HELSINKI)))));
    }
}
