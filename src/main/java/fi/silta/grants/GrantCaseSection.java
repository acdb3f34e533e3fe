package fi.silta.grants;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseParties;
import fi.silta.cases.CaseRequests;
import fi.silta.cases.CaseRequestsView;
import fi.silta.cases.CaseStaffSection;
import fi.silta.cases.CaseVisibility;
import fi.silta.cases.documents.Document;
import fi.silta.cases.documents.DocumentService;
import fi.silta.security.Roles;
import fi.silta.security.StaffDirectory;
import fi.silta.web.Section;

/**
 * A grant application on its staff page. With the whole case visible: the application as the
 * applicant sent it, laid out by the portal form ({@link GrantApplicationView}); every supplement
 * request with its answer and files; the eligibility check with the table's inputs and reasons and
 * the coordinator's decision. With a summary only (a reviewer before answering the
 * disqualification question): the applicant's board. The reviews, with the reviewers' names, only
 * for those who oversee cases, never for reviewers (no one sees another's scores).
 */
@Component
class GrantCaseSection implements CaseStaffSection {

    private final GrantReviewsView reviews;
    private final GrantApplicationRepository applications;
    private final GrantApplicationView applicationView;
    private final GrantEligibilityView eligibility;
    private final CaseRequests requests;
    private final DocumentService documents;
    private final CaseParties parties;
    private final StaffDirectory staff;
    private final HistoryService history;
    private final CaseRequestsView requestsView;

    GrantCaseSection(GrantReviewsView reviews, GrantApplicationRepository applications, GrantApplicationView applicationView,
            GrantEligibilityView eligibility, CaseRequests requests, DocumentService documents, CaseParties parties,
            StaffDirectory staff, HistoryService history, CaseRequestsView requestsView) {
        this.requestsView = requestsView;
        this.reviews = reviews;
        this.applications = applications;
        this.applicationView = applicationView;
        this.eligibility = eligibility;
        this.requests = requests;
        this.documents = documents;
        this.parties = parties;
        this.staff = staff;
        this.history = history;
    }

    @Override
    public List<Section> staffCase(CaseFile caseFile, CaseVisibility visibility, Authentication staffMember, Locale locale) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION) {
            return List.of();
        }
        GrantApplication application = applications.findByCase(caseFile.id()).orElse(null);
        if (application == null) {
            return List.of();
        }
        List<Section> sections = new ArrayList<>();
        if (visibility != CaseVisibility.FULL) {
            if (application.boardMembers() != null && !application.boardMembers().isBlank()) {
                sections.add(new Section("grants/case-board", Map.of("board", application.boardMembers())));
            }
            return sections;
        }
        List<Document> all = documents.list(caseFile.id());
        List<CaseRequests.CaseRequest> asked = requests.of(caseFile.id());
        List<Document> applicationFiles = GrantApplicationView.sentWithApplication(all, asked);
        sections.add(new Section("grants/case-application", Map.of("items",
                applicationView.of(application, parties.of(caseFile).organisationName(), applicationFiles, locale))));

        sections.add(requestsView.section(asked, all, GrantCaseListeners.SUPPLEMENT_TASK, "supplements"));

        Map<String, Object> decided = new java.util.HashMap<>();
        if (caseFile.processInstanceId() != null) {
            for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().processInstanceIdIn(caseFile.processInstanceId())
                    .variableNameIn("eligibilityDecision", "eligibilityOverrideReason").list()) {
                if (v.getValue() != null) {
                    decided.put(v.getName(), v.getValue());
                }
            }
        }
        eligibility.of(application.id(), locale).ifPresent(view -> {
            Map<String, Object> model = new java.util.HashMap<>(decided);
            model.put("check", view);
            sections.add(new Section("grants/case-eligibility", model));
        });

        if (overseesCases(staffMember)) {
            List<GrantReviewsView.ReviewView> named = reviews.of(caseFile, locale).stream()
                    .map(r -> new GrantReviewsView.ReviewView(name(r.reviewer()), r.status(), r.disqualification(), r.note(), r.total(),
                            r.scores()))
                    .toList();
            if (!named.isEmpty()) {
                sections.add(new Section("grants/case-reviews", Map.of("reviews", named)));
            }
        }
        return sections;
    }

    private String name(String userId) {
        return userId == null ? null : staff.find(userId).map(StaffDirectory.StaffMember::name).orElse(userId);
    }

    private static boolean overseesCases(Authentication staff) {
        return Roles.caseOverseers().stream()
                .anyMatch(role -> staff.getAuthorities().stream().anyMatch(a -> role.authority().equals(a.getAuthority())));
    }
}
