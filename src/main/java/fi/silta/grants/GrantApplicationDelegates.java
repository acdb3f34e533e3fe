package fi.silta.grants;

import java.math.BigDecimal;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fi.silta.engine.Refusals;
import fi.silta.engine.Variables;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;

/**
 * Thin delegates and task listeners of {@code grantApplication}: each reads its variables,
 * hands over to {@link GrantApplicationService}, and writes its result back. The listeners check
 * Tasklist input again on the server (Camunda Forms validate only in the browser).
 */
@Configuration(proxyBeanMethods = false)
public class GrantApplicationDelegates {

    static final Set<String> ELIGIBILITY_DECISIONS = Set.of("eligible", "ineligible");
    static final int DEFAULT_SUPPLEMENT_DAYS = 7;

    @Bean
    JavaDelegate checkEligibility(GrantApplicationService applications, GrantEligibilityView view, MessageSource messages) {
        return execution -> {
            EligibilityResult result = applications.checkEligibility(applicationId(execution, applications));
            // what the table saw, as text for the coordinator's form (the case page shows it as a table)
            execution.setVariable("eligibilityInputsText", view.inputsText(applicationId(execution, applications), Locales.FINNISH));
            execution.setVariable("eligible", result.eligible());
            execution.setVariable("eligibilityReasons", String.join(",", result.reasons()));
            execution.setVariable("eligibilityReasonsText", result.reasons().stream()
                    .map(code -> messages.getMessage(GrantEligibility.reasonMessageKey(code), null, code, Locales.FINNISH))
                    .collect(Collectors.joining("\n")));
        };
    }

    /** The coordinator confirms the table's result or overrides it, with a reason. */
    @Bean
    TaskListener validateEligibilityDecision(Refusals refusals) {
        return task -> {
            String decision = Variables.text(task, "eligibilityDecision");
            if (!ELIGIBILITY_DECISIONS.contains(decision)) {
                throw refusals.refuse("grants.eligibility.decision.required");
            }
            boolean confirmed = "eligible".equals(decision);
            boolean tableSaid = Boolean.TRUE.equals(task.getVariable("eligible"));
            if (confirmed != tableSaid && Variables.blank(Variables.text(task, "eligibilityOverrideReason"))) {
                throw refusals.refuse("grants.eligibility.override.reason");
            }
            task.getExecution().setVariable("eligibleConfirmed", confirmed);
        };
    }

    /** Sets the status given as the activity's input parameter {@code applicationStatus}. */
    @Bean
    JavaDelegate setApplicationStatus(GrantApplicationService applications) {
        return execution -> applications.setStatus(applicationId(execution, applications),
                GrantApplication.Status.valueOf((String) execution.getVariable("applicationStatus")));
    }

    @Bean
    TaskListener validateFormalCheck(Refusals refusals) {
        return task -> {
            String result = Variables.text(task, "formalCheckResult");
            if (!"complete".equals(result) && !"incomplete".equals(result)) {
                throw refusals.refuse("grants.formalCheck.required");
            }
            if ("incomplete".equals(result)) {
                if (Variables.blank(Variables.text(task, "supplementRequest"))) {
                    throw refusals.refuse("grants.supplement.request.required");
                }
                Integer days;
                try {
                    days = Variables.wholeNumber(task, "supplementDays");
                } catch (InvalidInput notWhole) {
                    throw refusals.refuse("grants.supplement.days", 1, 60);
                }
                if (days != null && (days < 1 || days > 60)) {
                    throw refusals.refuse("grants.supplement.days", 1, 60);
                }
                task.getExecution().setVariable("supplementDays", days == null ? DEFAULT_SUPPLEMENT_DAYS : days);
                var asking = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
                task.getExecution().setVariable("supplementRequestedBy", asking == null ? null : asking.getUserId());
            }
        };
    }

    @Bean
    TaskListener validateSupplement(Refusals refusals) {
        return task -> {
            if (Variables.blank(Variables.text(task, "supplementAnswer"))) {
                throw refusals.refuse("grants.supplement.answer.required");
            }
        };
    }

    @Bean
    TaskListener validateLapsedDecision(Refusals refusals) {
        return task -> {
            String decision = Variables.text(task, "lapsedDecision");
            if (!"proceed".equals(decision) && !"reject".equals(decision)) {
                throw refusals.refuse("grants.lapsed.decision.required");
            }
            if ("reject".equals(decision) && Variables.blank(Variables.text(task, "lapsedNote"))) {
                throw refusals.refuse("grants.lapsed.note.required");
            }
        };
    }

    @Bean
    JavaDelegate assignReviewers(GrantApplicationService applications) {
        return execution -> execution.setVariable("reviewers", new java.util.ArrayList<>(
                applications.assignReviewers(applicationId(execution, applications))));
    }

    /** {@code grantScoring} over the stored score sheets; the figures as exact decimal text. */
    @Bean
    JavaDelegate computeScore(GrantApplicationService applications) {
        return execution -> {
            ScoringResult result = applications.computeScore(applicationId(execution, applications));
            // only Task_ReconcileScores, after this step, may give a reconciled score: one a task form set earlier
            // (a form submission may set any variable) must not replace the computed score when reviewers agree
            execution.removeVariable("reconciledScore");
            execution.removeVariable("reconcileNote");
            execution.setVariable("applicationScore", result.score().toPlainString());
            execution.setVariable("reviewerTotals", result.reviewerTotals().stream().map(BigDecimal::toPlainString)
                    .collect(Collectors.joining(" / ")));
            execution.setVariable("reviewersDisagree", result.reviewersDisagree());
            execution.setVariable("minimumMet", result.minimumMet());
        };
    }

    /** The coordinator reconciles diverging reviews: a score on the scale and a reason. */
    @Bean
    TaskListener validateReconciliation(Refusals refusals) {
        return task -> {
            InvalidInput.Collector errors = new InvalidInput.Collector();
            BigDecimal score = refusals.refusing(() -> Variables.decimal(task, "reconciledScore"));
            if (score == null) {
                errors.add("reconciledScore", "validation.required");
            } else {
                GrantRules.checkOnScale("reconciledScore", GrantRules.SCORE_RANGE, score, errors);
            }
            if (Variables.blank(Variables.text(task, "reconcileNote"))) {
                errors.add("reconcileNote", "validation.required");
            }
            refusals.refusing(errors::throwIfAny);
            task.getExecution().setVariable("reconciledScore", score.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
        };
    }

    @Bean
    JavaDelegate recordApplicationScore(GrantApplicationService applications) {
        return execution -> {
            Object reconciled = execution.getVariable("reconciledScore");
            BigDecimal score = new BigDecimal(reconciled != null ? reconciled.toString() : (String) execution.getVariable("applicationScore"));
            applications.recordScore(applicationId(execution, applications), score, (String) execution.getVariable("reconcileNote"));
        };
    }

    /**
     * The application a grant process step acts on: the one of the case its business key names (set
     * by Silta when the case was opened, and passed on to the called reviews and rectifications), never
     * the {@code applicationId} variable, which a staff member completing a task could have set to
     * another application's id. A process started without a business key (a test starting a model by
     * itself) falls back to the variable.
     */
    static long applicationId(DelegateExecution execution, GrantApplicationService applications) {
        return applicationId(execution, applications::idOfCase);
    }

    static long applicationId(DelegateExecution execution, GrantApplicationRepository applications) {
        return applicationId(execution, applications::idOfCase);
    }

    private static long applicationId(DelegateExecution execution, java.util.function.Function<String, java.util.Optional<Long>> ofCase) {
        String caseReference = execution.getProcessBusinessKey();
        if (caseReference == null) {
            return Variables.id(execution, "applicationId");
        }
        return ofCase.apply(caseReference).orElseThrow(() -> new IllegalStateException("no grant application for case " + caseReference));
    }
}
