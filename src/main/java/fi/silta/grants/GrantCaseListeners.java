package fi.silta.grants;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fi.silta.cases.CaseRepository;
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
    /** The variables a formal check submits: cleared before the check is repeated, so it opens empty. */
    static final List<String> FORMAL_CHECK_ANSWERS = List.of("formalCheckResult", "supplementRequest", "supplementDays");

    /**
     * On every formal check: the earlier checks' requests and answers become the task-local
     * history text, and the earlier answers are removed, so nothing is pre-selected.
     */
    @Bean
    TaskListener prepareFormalCheck(CaseRequests requests, GrantApplicationService applications, StaffDirectory staff,
            MessageSource messages) {
        return task -> {
            Long caseId = caseId(task, applications);
            String history = caseId == null ? "" : history(requests.of(caseId), staff, messages);
            if (!history.isEmpty()) {
                task.setVariableLocal("formalCheckHistory", history);
            }
            FORMAL_CHECK_ANSWERS.forEach(name -> task.getExecution().removeVariable(name));
        };
    }

    /** The applicant's supplement task is created: the request is recorded with who asked and the deadline. */
    @Bean
    TaskListener recordSupplementRequest(CaseRequests requests, GrantApplicationService applications, Clock clock) {
        return task -> {
            Long caseId = caseId(task, applications);
            String due = Variables.text(task, "supplementDueAt");
            if (caseId != null) {
                requests.ask(caseId, SUPPLEMENT_TASK, Variables.text(task, "supplementRequest"),
                        Variables.text(task, "supplementRequestedBy"), OffsetDateTime.now(clock),
                        due == null ? null : OffsetDateTime.parse(due));
            }
        };
    }

    /** The applicant answered (after {@code validateSupplement}): the answer, who gave it and its files. */
    @Bean
    TaskListener recordSupplementAnswer(CaseRequests requests, GrantApplicationService applications, Clock clock) {
        return task -> {
            Long caseId = caseId(task, applications);
            if (caseId != null) {
                Object by = task.getVariableLocal(OutsiderTasks.ANSWERED_BY);
                requests.answer(caseId, SUPPLEMENT_TASK, Variables.text(task, "supplementAnswer"), by == null ? null : by.toString(),
                        OffsetDateTime.now(clock), Variables.text(task, "attachmentsDocumentIds"));
            }
        };
    }

    /** The supplement's time ran out (the coordinator's task after the timer): the request is marked lapsed. */
    @Bean
    TaskListener markSupplementLapsed(CaseRequests requests, GrantApplicationService applications, Clock clock) {
        return task -> {
            Long caseId = caseId(task, applications);
            if (caseId != null) {
                requests.lapse(caseId, SUPPLEMENT_TASK, OffsetDateTime.now(clock));
            }
        };
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
            for (GrantReviewsView.ReviewView review : reviews.of(cases.find(caseId).orElseThrow())) {
                if (review.total() == null) {
                    continue;
                }
                lines.add(messages.getMessage("grants.reconcile.reviewer", new Object[] {
                        staff.find(review.reviewer()).map(StaffDirectory.StaffMember::name).orElse(review.reviewer()),
                        formats.score(review.total())}, Locales.FINNISH));
                for (GrantReviewsView.ScoreView score : review.scores()) {
                    lines.add(messages.getMessage("grants.reconcile.criterion", new Object[] {score.criterion(), score.weight(),
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

    /** The earlier requests and answers as text, oldest first (Finnish, dates by {@link Formats}). */
    static String history(List<CaseRequests.CaseRequest> all, StaffDirectory staff, MessageSource messages) {
        Formats formats = new Formats(Locales.FINNISH);
        List<String> lines = new ArrayList<>();
        for (CaseRequests.CaseRequest request : all) {
            if (!SUPPLEMENT_TASK.equals(request.topic())) {
                continue;
            }
            String who = staff.find(request.requestedBy()).map(StaffDirectory.StaffMember::name)
                    .orElse(request.requestedBy() == null ? "" : request.requestedBy());
            lines.add(messages.getMessage("grants.formalCheck.history.request",
                    new Object[] {formats.dateTime(request.requestedAt()), who, request.requestText()}, Locales.FINNISH));
            if (request.answeredAt() != null) {
                lines.add(messages.getMessage("grants.formalCheck.history.answer", new Object[] {formats.dateTime(request.answeredAt()),
                        request.answerText(), request.documentIds().size()}, Locales.FINNISH));
            } else if (request.lapsedAt() != null) {
                lines.add(messages.getMessage("grants.formalCheck.history.lapsed", new Object[] {formats.dateTime(request.lapsedAt())},
                        Locales.FINNISH));
            }
        }
        return String.join("\n", lines);
    }

    private static Long caseId(DelegateTask task, GrantApplicationService applications) {
        return applications.application(GrantApplicationDelegates.applicationId(task.getExecution())).caseId();
    }
}
