package fi.silta.grants;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseStaffSection;
import fi.silta.cases.CaseVisibility;
import fi.silta.cases.documents.Document;
import fi.silta.cases.documents.DocumentService;
import fi.silta.portal.CaseStatusSection;
import fi.silta.web.Section;

/**
 * The use-of-funds reports of a granted application: on the staff case page (for those who see the whole case) every
 * version with its figures against the budget, its attachments and the coordinator's review; on the organisation's
 * status page the due dates and what it sent.
 */
@Component
@Order(2)
class GrantReportSections implements CaseStaffSection, CaseStatusSection {

    private final GrantReportService reports;
    private final DocumentService documents;

    GrantReportSections(GrantReportService reports, DocumentService documents) {
        this.reports = reports;
        this.documents = documents;
    }

    @Override
    public List<Section> staffCase(CaseFile caseFile, CaseVisibility visibility, Authentication staff, Locale locale) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION || visibility != CaseVisibility.FULL) {
            return List.of();
        }
        List<GrantReport.WithVersions> shown = reports.ofCase(caseFile.id());
        if (shown.isEmpty()) {
            return List.of();
        }
        return List.of(new Section("grants/case-report", Map.of("reports", shown, "documents", documents(caseFile),
                "reference", caseFile.reference())));
    }

    @Override
    public List<Section> statusPage(CaseFile caseFile, String token, Locale locale) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION) {
            return List.of();
        }
        List<GrantReport.WithVersions> shown = reports.ofCase(caseFile.id());
        if (shown.isEmpty()) {
            return List.of();
        }
        return List.of(new Section("grants/status-report", Map.of("reports", shown, "documents", documents(caseFile),
                "documentLink", "/portal/cases/" + caseFile.reference() + "/documents/",
                "token", token == null ? "" : token)));
    }

    private Map<Long, Document> documents(CaseFile caseFile) {
        return documents.list(caseFile.id()).stream().collect(Collectors.toMap(Document::id, Function.identity(), (a, b) -> a));
    }
}
