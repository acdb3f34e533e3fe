package fi.silta.grants;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.Spin;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fi.silta.engine.Refusals;
import fi.silta.engine.Variables;
import fi.silta.web.Formats;
import fi.silta.web.Locales;

/**
 * Thin delegates and listeners of {@code grantReview} (one reviewer's slot on one application).
 * The score sheet lives in task-local variables and Silta's tables, so no reviewer sees another's.
 */
@Configuration(proxyBeanMethods = false)
public class GrantReviewDelegates {

    @Bean
    JavaDelegate registerReviewer(GrantReviewService reviews, GrantApplicationService applications) {
        return execution -> {
            long applicationId = GrantApplicationDelegates.applicationId(execution, applications);
            reviews.register(applicationId, (String) execution.getVariable("reviewer"));
            execution.setVariable("boardMembers", applications.application(applicationId).boardMembers());
        };
    }

    /** Only the reviewer answers for themselves; a ground is required when disqualified. */
    @Bean
    TaskListener validateDisqualificationDeclaration(GrantReviewService reviews, GrantApplicationRepository applications, Refusals refusals) {
        return task -> {
            String reviewer = requireReviewer(task, refusals);
            Object answer = task.getVariable("disqualified");
            if (answer == null) {
                throw refusals.refuse("grants.disqualification.required");
            }
            boolean disqualified = Boolean.TRUE.equals(answer) || "true".equals(answer.toString()) || "yes".equals(answer.toString());
            refusals.refusing(() -> reviews.declare(GrantApplicationDelegates.applicationId(task.getExecution(), applications), reviewer, disqualified,
                    Variables.text(task, "disqualificationGround"), Variables.text(task, "disqualificationNote")));
            task.getExecution().setVariable("disqualified", disqualified);
        };
    }

    /** Fills the scoring task with the application (task-local) and an empty sheet of the round's criteria. */
    @Bean
    TaskListener prepareScoreSheet(GrantReviewService reviews, GrantApplicationService applications, MessageSource messages) {
        return task -> {
            long applicationId = GrantApplicationDelegates.applicationId(task.getExecution(), applications);
            // the reviewer sees the application only if assigned to it and not disqualified (checked in the database:
            // applicationId is a process variable, which whoever completed the declaration could have changed)
            reviews.requireMayReview(applicationId, (String) task.getExecution().getVariable("reviewer"));
            GrantApplication application = applications.application(applicationId);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (GrantReviewService.SheetRow row : reviews.emptySheet(applicationId)) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("criterionId", row.criterionId());
                map.put("criterion", row.criterion());
                map.put("weight", row.weight());
                // Tasklist does not translate: Finnish
                map.put("weightText", OpenCalls.weightText(row.weight(), messages, Locales.FINNISH));
                map.put("score", null);
                map.put("justification", "");
                rows.add(map);
            }
            // a Spin JSON value: what Tasklist's form-js reads for a dynamic list
            task.setVariableLocal("scores", Spin.JSON(JsonRows.write(rows)));
            task.setVariableLocal("applicationActivity", application.activity());
            task.setVariableLocal("applicationTargetGroup", application.targetGroup());
            task.setVariableLocal("applicationGoals", application.goals());
            task.setVariableLocal("applicationAmount", new Formats(Locales.FINNISH).money(application.amount()));
            task.setVariableLocal("roundNameFi", applications.round(application.roundId()).nameFi());
        };
    }

    /**
     * Checks and stores the scores; they stay task-local (the process instance carries none).
     * Tasklist's Camunda Form submits only the values of its fields: each row of {@code scores}
     * comes back as {@code {score, justification}} without {@code criterionId} (not a field) and
     * without the disabled criterion and weight. Rows are therefore matched to the round's
     * criteria by position (the form cannot add, remove or reorder rows); a row that carries a
     * {@code criterionId} (an API client) is matched by it.
     */
    @Bean
    TaskListener validateAndStoreScores(GrantReviewService reviews, GrantApplicationRepository applications, Refusals refusals, MessageSource messages) {
        return task -> {
            String reviewer = requireReviewer(task, refusals);
            long applicationId = GrantApplicationDelegates.applicationId(task.getExecution(), applications);
            // Tasklist submits the form into the task-local sheet; TaskService.complete(id, variables)
            // sets the execution's variable instead: take the one that was submitted
            Object submitted = task.getExecution().hasVariable("scores") ? task.getExecution().getVariable("scores")
                    : task.getVariableLocal("scores");
            List<GrantReviewService.SheetRow> sheet = reviews.emptySheet(applicationId);
            List<Map<String, Object>> given = JsonRows.read(submitted);
            List<GrantReviewService.SheetRow> rows = new ArrayList<>();
            for (int i = 0; i < given.size(); i++) {
                Map<String, Object> row = given.get(i);
                GrantReviewService.SheetRow criterion = criterionOf(row, i, sheet);
                if (criterion != null) {
                    rows.add(new GrantReviewService.SheetRow(criterion.criterionId(), criterion.criterion(), criterion.weight(),
                            refusals.refusing(() -> Variables.decimal("scores", row.get("score"))),
                            row.get("justification") == null ? null : row.get("justification").toString()));
                }
            }
            BigDecimal total = refusals.refusing(() -> reviews.storeScores(applicationId, reviewer, rows));
            task.getExecution().removeVariable("scores");
            List<Map<String, Object>> stored = new ArrayList<>();
            for (GrantReviewService.SheetRow row : rows) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("criterionId", row.criterionId());
                map.put("criterion", row.criterion());
                map.put("weight", row.weight());
                // Tasklist does not translate: Finnish
                map.put("weightText", OpenCalls.weightText(row.weight(), messages, Locales.FINNISH));
                map.put("score", row.score());
                map.put("justification", row.justification());
                stored.add(map);
            }
            task.setVariableLocal("scores", Spin.JSON(JsonRows.write(stored)));
            task.setVariableLocal("reviewerTotal", total.toPlainString());
        };
    }

    /** The criterion a submitted row scores: by its criterionId when it has one, else by its position. */
    static GrantReviewService.SheetRow criterionOf(Map<String, Object> row, int index, List<GrantReviewService.SheetRow> sheet) {
        Object id = row.get("criterionId");
        if (id != null && !id.toString().isBlank()) {
            return sheet.stream().filter(c -> String.valueOf(c.criterionId()).equals(id.toString().strip())).findFirst().orElse(null);
        }
        return index < sheet.size() ? sheet.get(index) : null;
    }

    @Bean
    JavaDelegate recordDisqualification(GrantReviewService reviews, GrantApplicationRepository applications) {
        return execution -> {
            var replacement = reviews.replacement(GrantApplicationDelegates.applicationId(execution, applications));
            execution.setVariable("replacementFound", replacement.isPresent());
            replacement.ifPresent(user -> execution.setVariable("reviewer", user));
        };
    }

    /** The coordinator chooses from the reviewers group when the round's pool has run out. */
    @Bean
    TaskListener offerReviewers(GrantReviewService reviews, GrantApplicationRepository applications) {
        return task -> {
            List<Map<String, String>> options = reviews.candidatesOutsidePool(GrantApplicationDelegates.applicationId(task.getExecution(), applications))
                    .stream().map(member -> Map.of("label", member.name(), "value", member.id())).toList();
            task.setVariableLocal("reviewerOptions", Spin.JSON(JsonRows.write(options)));
        };
    }

    @Bean
    TaskListener validateReviewerChoice(GrantReviewService reviews, GrantApplicationRepository applications, Refusals refusals) {
        return task -> {
            String choice = Variables.text(task, "reviewerChoice");
            if (choice == null || !reviews.canBeChosen(GrantApplicationDelegates.applicationId(task.getExecution(), applications), choice)) {
                throw refusals.refuse("grants.reviewer.choice");
            }
            task.getExecution().setVariable("reviewer", choice);
        };
    }

    /** The user completing a reviewer's task must be that reviewer. */
    static String requireReviewer(DelegateTask task, Refusals refusals) {
        String reviewer = (String) task.getExecution().getVariable("reviewer");
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication != null && !authentication.getUserId().equals(reviewer)) {
            throw refusals.refuse("grants.score.notAssigned");
        }
        return reviewer;
    }
}
