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
 * The recovery decisions on the organisation's status page: the amount, the due date, what is still owed or how it
 * ended, and the decision's PDF. A recovery shows only once its decision is made and its document stored.
 */
@Component
@Order(5)
class GrantRecoveryStatusSection implements CaseStatusSection {

    /** A recovery as the status page shows it, with the PDF's link (carrying the status token when the page has one). */
    public record Shown(GrantRecovery.Shown recovery, String pdfLink) {
    }

    private final GrantRecoveryService recoveries;

    GrantRecoveryStatusSection(GrantRecoveryService recoveries) {
        this.recoveries = recoveries;
    }

    @Override
    public List<Section> statusPage(CaseFile caseFile, String token, Locale locale) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION) {
            return List.of();
        }
        List<Shown> shown = recoveries.ofCase(caseFile.id()).stream().filter(s -> s.recovery().documentId() != null)
                .map(s -> new Shown(s, CaseStatusController.link("/portal/cases/" + caseFile.reference() + "/documents/"
                        + s.recovery().documentId(), token)))
                .toList();
        return shown.isEmpty() ? List.of() : List.of(new Section("grants/status-recovery", Map.of("recoveries", shown)));
    }
}
