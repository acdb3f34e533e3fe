package fi.silta.grants;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fi.silta.cases.CaseRepository;
import fi.silta.cases.CaseRequestListeners;
import fi.silta.cases.CaseRequests;
import fi.silta.cases.OutsiderTasks;
import fi.silta.engine.Variables;
import fi.silta.security.StaffDirectory;
import fi.silta.web.Formats;
import fi.silta.web.Locales;

/**
 * Task listeners of {@code grantApplication} that keep the case's record for staff and prepare
 * what a coordinator's task shows: every supplement request and its answer ({@link CaseRequests}),
 * a repeated formal check that opens empty with the earlier rounds as history text, and the
 * reviewers' names and scores on the reconcile task. Texts for Tasklist are Finnish (Tasklist does
 * not translate) and formatted by {@link Formats}.
 */
@Configuration(proxyBeanMethods = false)
public class GrantCaseListeners {

    /** The outsider task whose requests and answers are recorded. */
    static final String SUPPLEMENT_TASK = "Task_ProvideSupplement";
    /**
     * Removed before a formal check: the variables a formal check submits, and the applicant's
     * earlier supplement answer (kept in case_request), so that neither the check nor a second
     * request's answer form opens with an earlier answer.
     */
    static final List<String> REPEATED_ANSWERS = List.of("formalCheckResult", "supplementRequest", "supplementDays", "supplementAnswer");

    /**
     * On every formal check: the earlier supplement requests and answers become the task-local
     * history text, and the earlier answers are removed, so nothing is pre-selected.
     */
    @Bean
    TaskListener prepareFormalCheck(CaseRequests requests, CaseRepository cases, StaffDirectory staff, MessageSource messages) {
        return task -> CaseRequestListeners.clearForRepeat(task, requests, cases, staff, messages, SUPPLEMENT_TASK, "formalCheckHistory",
                REPEATED_ANSWERS);
    }

    /*
     * The supplement task of grantApplication versions before the shared request listeners
     * (CaseRequestListeners) named these; instances still waiting there use them: the shared
     * listeners with the supplement's variables.
     */

    @Bean
    TaskListener recordSupplementRequest(@Qualifier("recordCaseRequest") TaskListener recordCaseRequest) {
        return task -> {
            task.setVariableLocal(CaseRequestListeners.REQUEST_TEXT, Variables.text(task, "supplementRequest"));
            task.setVariableLocal(CaseRequestListeners.REQUESTED_BY, Variables.text(task, "supplementRequestedBy"));
            recordCaseRequest.notify(task);
        };
    }

    @Bean
    TaskListener recordSupplementAnswer(@Qualifier("recordCaseAnswer") TaskListener recordCaseAnswer) {
        return task -> {
            task.setVariableLocal(CaseRequestListeners.ANSWER_VARIABLE, "supplementAnswer");
            recordCaseAnswer.notify(task);
        };
    }

    @Bean
    TaskListener markSupplementLapsed(CaseRequests requests, CaseRepository cases, Clock clock) {
        return task -> cases.findByReference(task.getExecution().getProcessBusinessKey())
                .ifPresent(caseFile -> requests.lapse(caseFile.id(), SUPPLEMENT_TASK, OffsetDateTime.now(clock)));
    }

    /** The reconcile task shows each reviewer by name with their weighted total and score per criterion (task-local). */
    @Bean
    TaskListener prepareReconcile(GrantReviewsView reviews, CaseRepository cases, GrantApplicationService applications,
            StaffDirectory staff, MessageSource messages) {
        return task -> {
            Formats formats = new Formats(Locales.FINNISH);
            task.setVariableLocal("applicationScoreText", formats.score(Variables.text(task, "applicationScore")));
            Long caseId = caseId(task, applications);
            if (caseId == null) {
                return;
            }
            List<String> lines = new ArrayList<>();
            for (GrantReviewsView.ReviewView review : reviews.of(cases.find(caseId).orElseThrow(), Locales.FINNISH)) {
                if (review.total() == null) {
                    continue;
                }
                lines.add(messages.getMessage("grants.reconcile.reviewer", new Object[] {
                        staff.find(review.reviewer()).map(StaffDirectory.StaffMember::name).orElse(review.reviewer()),
                        formats.score(review.total())}, Locales.FINNISH));
                for (GrantReviewsView.ScoreView score : review.scores()) {
                    lines.add(messages.getMessage("grants.reconcile.criterion", new Object[] {score.criterion(), formats.number(score.weight(), 2),
                            String.valueOf(score.score())}, Locales.FINNISH));
                }
            }
            task.setVariableLocal("reviewSummary", String.join("\n", lines));
        };
    }

    /**
     * A reviewer's tasks carry the case in their name ("Pisteytä hakemus: AV-2026-0001, Yhdistys ry"),
     * so that two of them in Tasklist's list are told apart, and the reference and organisation are
     * task-local so that the list shows them as the filter's variables; the model keeps its short name.
     */
    @Bean
    TaskListener nameWithCase() {
        return task -> {
            String reference = Variables.text(task, "caseReference");
            String organisation = Variables.text(task, "organisationName");
            if (reference != null) {
                task.setName(task.getName() + ": " + reference + (organisation == null ? "" : ", " + organisation));
                // task-local copies: a reviewer may read their own task's variables but not the process's, and
                // Tasklist's list shows the filter's variables (reference, organisation) only when it can read them
                task.setVariableLocal("caseReference", reference);
                task.setVariableLocal("organisationName", organisation);
            }
        };
    }

    private static Long caseId(DelegateTask task, GrantApplicationService applications) {
        return applications.application(GrantApplicationDelegates.applicationId(task.getExecution(), applications)).caseId();
    }
}
