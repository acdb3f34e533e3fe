package fi.silta.grants;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fi.silta.SiltaProperties;
import fi.silta.engine.Refusals;
import fi.silta.engine.Variables;
import fi.silta.web.Formats;
import fi.silta.web.Locales;

/**
 * Thin delegates and listeners of {@code grantRecovery}: each hands over to {@link GrantRecoveryService}, which finds
 * the recovery by the process instance (never by a variable a form could set); a refusal becomes a message in
 * Finnish, Swedish and English that Tasklist shows, with nothing stored.
 */
@Configuration(proxyBeanMethods = false)
public class GrantRecoveryDelegates {

    static final String FIELD_PREFIX = "grants.recovery.field.";

    /** Task_OpenRecovery: the recovery's row (REPORT when the funding's process called this one), the funding marked RECOVERY. */
    @Bean
    JavaDelegate openGrantRecovery(GrantRecoveryService recoveries) {
        return execution -> {
            // the case is the business key's; a caller that passed none is held to the case of the funding it named
            String caseReference = execution.getProcessBusinessKey();
            if (caseReference == null) {
                caseReference = recoveries.caseReferenceOfFunding(Variables.id(execution, "fundingId"), text(execution, "caseReference"));
                execution.setProcessBusinessKey(caseReference);
            }
            long id = recoveries.open(execution.getProcessInstanceId(), caseReference,
                    text(execution, "recoveryReason"), text(execution, "recoveryDescription"), text(execution, "recoveryStartedBy"));
            GrantRecovery recovery = recoveries.find(id).orElseThrow();
            execution.setVariable("recoveryId", id);
            execution.setVariable("fundingId", recovery.fundingId());
            execution.setVariable("caseReference", caseReference);
        };
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString();
    }

    /** Task_PrepareRecovery created: what was paid (the most it can ask back), why it began, the decision maker's comments. */
    @Bean
    TaskListener fillRecoveryPreparation(GrantRecoveryService recoveries, SiltaProperties properties) {
        return task -> {
            GrantRecovery recovery = recoveries.ofProcess(task.getProcessInstanceId());
            Formats finnish = new Formats(Locales.FINNISH.getLanguage());
            task.setVariableLocal("recoveryPaidText", finnish.money(recoveries.paid(recovery)));
            task.setVariableLocal("recoveryGrantedText", finnish.money(recoveries.funding(recovery).amountGranted()));
            task.setVariableLocal("recoveryStartText", recovery.description() == null ? "" : recovery.description());
            task.setVariableLocal("recoveryReturnComments", recovery.returnComments() == null ? "" : recovery.returnComments());
            task.setVariableLocal("caseUrl", properties.baseUrl() + "/staff/cases/" + task.getExecution().getProcessBusinessKey());
        };
    }

    /** Task_PrepareRecovery completed: the amount, reasons and due date checked and stored. */
    @Bean
    TaskListener recordRecoveryPreparation(GrantRecoveryService recoveries, Refusals refusals) {
        return task -> refusals.refusing(FIELD_PREFIX, () -> recoveries.prepare(task.getProcessInstanceId(),
                Variables.text(task, "recoveryAmount"), Variables.text(task, "recoveryReasons"), Variables.text(task, "recoveryDueOn"),
                GrantDecisionDelegates.actor(task)));
    }

    /** Task_ApproveRecovery created: the round's decision maker's, showing what they approve. */
    @Bean
    TaskListener assignRecoveryApproval(GrantRecoveryService recoveries, SiltaProperties properties) {
        return task -> {
            GrantRecovery recovery = recoveries.ofProcess(task.getProcessInstanceId());
            task.setAssignee(recoveries.decisionMaker(recovery));
            task.getExecution().removeVariable("recoveryDecision");
            task.getExecution().removeVariable("recoveryComments");
            Formats finnish = new Formats(Locales.FINNISH.getLanguage());
            task.setVariableLocal("recoveryAmountText", finnish.money(recovery.amount()));
            task.setVariableLocal("recoveryPaidText", finnish.money(recoveries.paid(recovery)));
            task.setVariableLocal("recoveryDueText", finnish.date(recovery.dueOn()));
            task.setVariableLocal("recoveryReasonsText", recovery.reasons());
            task.setVariableLocal("caseUrl", properties.baseUrl() + "/staff/cases/" + task.getExecution().getProcessBusinessKey());
        };
    }

    /** Task_ApproveRecovery completed: approved, or returned with comments ({@code recoveryApproved}). */
    @Bean
    TaskListener decideRecovery(GrantRecoveryService recoveries, Refusals refusals) {
        return task -> {
            boolean approved = refusals.refusing(FIELD_PREFIX, () -> recoveries.approve(task.getProcessInstanceId(),
                    Variables.text(task, "recoveryDecision"), Variables.text(task, "recoveryComments"), GrantDecisionDelegates.actor(task)));
            task.getExecution().setVariable("recoveryApproved", approved);
        };
    }

    /** Task_IssueRecoveryDecision: the PDF stored on the case; {@code recoveryByMail} chooses mail or letter. */
    @Bean
    JavaDelegate issueGrantRecovery(GrantRecoveryService recoveries) {
        return execution -> execution.setVariable("recoveryByMail", recoveries.issue(execution.getProcessInstanceId()));
    }

    /** Send_RecoveryDecisionMail: the decision and its PDF to the case's contact, through the outbox. */
    @Bean
    JavaDelegate sendGrantRecovery(GrantRecoveryService recoveries) {
        return execution -> recoveries.mail(execution.getProcessInstanceId(), (String) execution.getVariableLocal("mailTemplate"));
    }

    /** Task_SendRecoveryLetter completed: the day the coordinator posted the letter. */
    @Bean
    TaskListener recordRecoveryLetter(GrantRecoveryService recoveries, Refusals refusals) {
        return task -> refusals.refusing(FIELD_PREFIX,
                () -> recoveries.letterSent(task.getProcessInstanceId(), Variables.text(task, "letterSentOn")));
    }

    /**
     * Task_SetRecoveryReceived: once the decision has left, the day it counts as received and the due date's instant
     * ({@code recoveryDueAt}); {@code recoveryReceived} false while the mail still waits in the outbox.
     */
    @Bean
    JavaDelegate setRecoveryReceived(GrantRecoveryService recoveries) {
        return execution -> {
            var dueAt = recoveries.received(execution.getProcessInstanceId());
            execution.setVariable("recoveryReceived", dueAt.isPresent());
            execution.setVariable("recoveryDueAt", dueAt.orElse(null));
        };
    }

    /** Task_RecordRecoveryPayment created: what is owed and by when; last time's answers cleared. */
    @Bean
    TaskListener fillRecoveryPayment(GrantRecoveryService recoveries, SiltaProperties properties) {
        return task -> {
            GrantRecovery recovery = recoveries.ofProcess(task.getProcessInstanceId());
            GrantRecovery.Shown shown = recoveries.ofCase(recovery.caseId()).stream().filter(s -> s.recovery().id() == recovery.id())
                    .findFirst().orElseThrow();
            Formats finnish = new Formats(Locales.FINNISH.getLanguage());
            task.setVariableLocal("recoveryAmountText", finnish.money(recovery.amount()));
            task.setVariableLocal("recoveryOwedText", finnish.money(shown.outstanding()));
            task.setVariableLocal("recoveryDueText", finnish.date(recovery.dueOn()));
            task.setVariableLocal("caseUrl", properties.baseUrl() + "/staff/cases/" + task.getExecution().getProcessBusinessKey());
            for (String name : new String[] {"recoveryPaymentOutcome", "recoveryAmountReceived", "recoveryNewDueOn", "recoveryPaymentNote"}) {
                task.getExecution().removeVariable(name);
            }
        };
    }

    /**
     * Task_RecordRecoveryPayment completed: paid, partly paid (a new due date: {@code recoveryDueAt}) or passed on for
     * collection ({@code recoveryOutcome}).
     */
    @Bean
    TaskListener recordRecoveryPayment(GrantRecoveryService recoveries, Refusals refusals) {
        return task -> {
            GrantRecoveryService.Recorded recorded = refusals.refusing(FIELD_PREFIX, () -> recoveries.recordPayment(
                    task.getProcessInstanceId(), Variables.text(task, "recoveryPaymentOutcome"),
                    Variables.text(task, "recoveryAmountReceived"), Variables.text(task, "recoveryNewDueOn"),
                    Variables.text(task, "recoveryPaymentNote"), GrantDecisionDelegates.actor(task)));
            task.getExecution().setVariable("recoveryOutcome", recorded.outcome().name());
            if (recorded.nextDueAt() != null) {
                task.getExecution().setVariable("recoveryDueAt", recorded.nextDueAt());
            }
        };
    }

}
