package fi.silta.grants;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseParties;
import fi.silta.cases.CaseRequests;
import fi.silta.cases.documents.Document;
import fi.silta.cases.documents.DocumentService;
import fi.silta.portal.CaseStatusController;
import fi.silta.portal.CaseStatusSection;
import fi.silta.web.Section;

/** The applicant's copy of what they sent, on the status page: the application by the form's structure, with its files. */
@Component
class GrantStatusSection implements CaseStatusSection {

    private final GrantApplicationRepository applications;
    private final GrantApplicationView view;
    private final DocumentService documents;
    private final CaseRequests requests;
    private final CaseParties parties;

    GrantStatusSection(GrantApplicationRepository applications, GrantApplicationView view, DocumentService documents,
            CaseRequests requests, CaseParties parties) {
        this.applications = applications;
        this.view = view;
        this.documents = documents;
        this.requests = requests;
        this.parties = parties;
    }

    @Override
    public List<Section> statusPage(CaseFile caseFile, String token, Locale locale) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION) {
            return List.of();
        }
        return applications.findByCase(caseFile.id()).filter(a -> a.status() != GrantApplication.Status.DRAFT).map(application -> {
            List<Document> sent = GrantApplicationView.sentWithApplication(documents.list(caseFile.id()), requests.of(caseFile.id()));
            Map<Long, String> links = sent.stream().collect(Collectors.toMap(Document::id, d -> CaseStatusController
                    .link("/portal/cases/" + caseFile.reference() + "/documents/" + d.id(), token), (a, b) -> a));
            return List.of(new Section("grants/case-application", Map.of("items",
                    view.of(application, parties.of(caseFile).organisationName(), sent, locale), "titleKey", "status.copy.title",
                    "fileLinks", links)));
        }).orElse(List.of());
    }
}
