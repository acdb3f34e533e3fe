package fi.silta.grants;

import java.math.BigDecimal;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fi.silta.SiltaProperties;
import fi.silta.cases.Deadlines;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;
import fi.silta.web.TriLingual;

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
    JavaDelegate checkEligibility(GrantApplicationService applications, MessageSource messages) {
        return execution -> {
            EligibilityResult result = applications.checkEligibility(applicationId(execution));
            execution.setVariable("eligible", result.eligible());
            execution.setVariable("eligibilityReasons", String.join(",", result.reasons()));
            execution.setVariable("eligibilityReasonsText", result.reasons().stream()
                    .map(code -> messages.getMessage(GrantEligibility.reasonMessageKey(code), null, code, Locales.FINNISH))
                    .collect(Collectors.joining("\n")));
        };
    }

    /** The coordinator confirms the table's result or overrides it, with a reason. */
    @Bean
    TaskListener validateEligibilityDecision(TriLingual text) {
        return task -> {
            String decision = string(task, "eligibilityDecision");
            if (!ELIGIBILITY_DECISIONS.contains(decision)) {
                throw new ProcessEngineException(text.text("grants.eligibility.decision.required"));
            }
            boolean confirmed = "eligible".equals(decision);
            boolean tableSaid = Boolean.TRUE.equals(task.getVariable("eligible"));
            if (confirmed != tableSaid && blank(string(task, "eligibilityOverrideReason"))) {
                throw new ProcessEngineException(text.text("grants.eligibility.override.reason"));
            }
            task.getExecution().setVariable("eligibleConfirmed", confirmed);
        };
    }

    /** Sets the status given as the activity's input parameter {@code applicationStatus}. */
    @Bean
    JavaDelegate setApplicationStatus(GrantApplicationService applications) {
        return execution -> applications.setStatus(applicationId(execution),
                GrantApplication.Status.valueOf((String) execution.getVariable("applicationStatus")));
    }

    @Bean
    TaskListener validateFormalCheck(TriLingual text) {
        return task -> {
            String result = string(task, "formalCheckResult");
            if (!"complete".equals(result) && !"incomplete".equals(result)) {
                throw new ProcessEngineException(text.text("grants.formalCheck.required"));
            }
            if ("incomplete".equals(result)) {
                if (blank(string(task, "supplementRequest"))) {
                    throw new ProcessEngineException(text.text("grants.supplement.request.required"));
                }
                Integer days = wholeNumber(task.getVariable("supplementDays"));
                if (task.getVariable("supplementDays") != null && (days == null || days < 1 || days > 60)) {
                    throw new ProcessEngineException(text.text("grants.supplement.days", 1, 60));
                }
                task.getExecution().setVariable("supplementDays", days == null ? DEFAULT_SUPPLEMENT_DAYS : days);
            }
        };
    }

    @Bean
    JavaDelegate setSupplementDeadline(Deadlines deadlines, SiltaProperties properties) {
        return execution -> {
            Integer days = wholeNumber(execution.getVariable("supplementDays"));
            var due = deadlines.daysFromNow(days == null ? DEFAULT_SUPPLEMENT_DAYS : days);
            execution.setVariable("supplementDueAt", Deadlines.iso(due));
            execution.setVariable("supplementReminderAt",
                    Deadlines.iso(deadlines.reminderBefore(due, properties.deadlines().reminderDaysBefore())));
        };
    }

    @Bean
    TaskListener validateSupplement(TriLingual text) {
        return task -> {
            if (blank(string(task, "supplementAnswer"))) {
                throw new ProcessEngineException(text.text("grants.supplement.answer.required"));
            }
        };
    }

    @Bean
    TaskListener validateLapsedDecision(TriLingual text) {
        return task -> {
            String decision = string(task, "lapsedDecision");
            if (!"proceed".equals(decision) && !"reject".equals(decision)) {
                throw new ProcessEngineException(text.text("grants.lapsed.decision.required"));
            }
            if ("reject".equals(decision) && blank(string(task, "lapsedNote"))) {
                throw new ProcessEngineException(text.text("grants.lapsed.note.required"));
            }
        };
    }

    @Bean
    JavaDelegate assignReviewers(GrantApplicationService applications) {
        return execution -> execution.setVariable("reviewers", new java.util.ArrayList<>(
                applications.assignReviewers(applicationId(execution))));
    }

    /** {@code grantScoring} over the stored score sheets; the figures as exact decimal text. */
    @Bean
    JavaDelegate computeScore(GrantApplicationService applications) {
        return execution -> {
            ScoringResult result = applications.computeScore(applicationId(execution));
            execution.setVariable("applicationScore", result.score().toPlainString());
            execution.setVariable("reviewerTotals", result.reviewerTotals().stream().map(BigDecimal::toPlainString)
                    .collect(Collectors.joining(" / ")));
            execution.setVariable("reviewersDisagree", result.reviewersDisagree());
            execution.setVariable("minimumMet", result.minimumMet());
        };
    }

    /** The coordinator reconciles diverging reviews: a score on the scale and a reason. */
    @Bean
    TaskListener validateReconciliation(TriLingual text) {
        return task -> {
            InvalidInput.Collector errors = new InvalidInput.Collector();
            BigDecimal score = decimal(task.getVariable("reconciledScore"));
            if (score == null) {
                errors.add("reconciledScore", "validation.required");
            } else {
                GrantRules.checkOnScale("reconciledScore", GrantRules.SCORE_RANGE, score, errors);
            }
            if (blank(string(task, "reconcileNote"))) {
                errors.add("reconcileNote", "validation.required");
            }
            try {
                errors.throwIfAny();
            } catch (InvalidInput invalid) {
                throw new ProcessEngineException(text.text(invalid));
            }
            task.getExecution().setVariable("reconciledScore", score.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
        };
    }

    @Bean
    JavaDelegate recordApplicationScore(GrantApplicationService applications) {
        return execution -> {
            Object reconciled = execution.getVariable("reconciledScore");
            BigDecimal score = new BigDecimal(reconciled != null ? reconciled.toString() : (String) execution.getVariable("applicationScore"));
            applications.recordScore(applicationId(execution), score, (String) execution.getVariable("reconcileNote"));
        };
    }

    static long applicationId(DelegateExecution execution) {
        return ((Number) execution.getVariable("applicationId")).longValue();
    }

    static String string(DelegateTask task, String name) {
        Object value = task.getVariable(name);
        return value == null ? null : value.toString();
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** Tasklist number fields submit Integer, Long or Double; text fields a String. */
    static Integer wholeNumber(Object value) {
        BigDecimal number = decimal(value);
        try {
            return number == null ? null : number.intValueExact();
        } catch (ArithmeticException notWhole) {
            return null;
        }
    }

    static BigDecimal decimal(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.toString().strip().replace(',', '.').replace("\u00a0", "").replace(" ", ""));
        } catch (NumberFormatException e) {
            return BigDecimal.valueOf(-1);
        }
    }

}
