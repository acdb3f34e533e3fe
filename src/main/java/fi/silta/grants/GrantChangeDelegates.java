package fi.silta.grants;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fi.silta.engine.Refusals;
import fi.silta.engine.Variables;
import fi.silta.web.Formats;
import fi.silta.web.Locales;

/**
 * Thin delegates and listeners of {@code grantChangeRequest}: each reads the request of its own process
 * from {@code grant_change_request} (by the process instance, never by a variable a Tasklist form could
 * set) and hands over to {@link GrantChangeRequests} or {@link GrantChangeDecisions}; a refusal becomes
 * a message in Finnish, Swedish and English that Tasklist shows, with nothing stored.
 */
@Configuration(proxyBeanMethods = false)
public class GrantChangeDelegates {

    static final String FIELD_PREFIX = "grants.change.field.";
    static final List<String> DECISION_VARIABLES = List.of("changeOutcome", "changeDecisionReasons", "changeGrantedAmounts",
            "changeGrantedReportDue");

    /**
     * StartEvent_ChangeRequested: the request that started this process is bound to it (only a request not yet
     * bound, read before any form of the process has run); every later step reads it by the process.
     */
    @Bean
    ExecutionListener bindChangeRequest(GrantChangeRequests requests) {
        return execution -> requests.bind(Variables.id(execution, GrantChangeRequests.REQUEST_ID), execution.getProcessInstanceId());
    }

    /**
     * Task_DecideChangeRequest created: the round's decision maker's, with what was asked shown (task-local
     * variables) and no earlier answer standing.
     */
    @Bean
    TaskListener assignChangeDecision(GrantChangeRequests requests, GrantFundings fundings,
            GrantRoundDisqualifications disqualifications) {
        return task -> {
            GrantChangeRequest request = requests.byProcessInstance(task.getProcessInstanceId()).orElseThrow();
            GrantFunding funding = fundings.find(request.fundingId()).orElseThrow();
            java.util.Optional.ofNullable(disqualifications.deciderOf(funding.roundId(), funding.applicationId()))
                    .ifPresent(task::setAssignee);
            Formats finnish = new Formats(Locales.FINNISH.getLanguage());
            task.setVariableLocal("changeKind", request.kind().name());
            task.setVariableLocal("changeTermsText", terms(finnish, fundings.lines(funding.id()), funding));
            task.setVariableLocal("changeAskedText", asked(finnish, request, requests.lines(request.id(), GrantChangeRequests.ASKED)));
            task.setVariableLocal("changeReasonsText", request.reasons());
            for (String name : DECISION_VARIABLES) {
                task.getExecution().removeVariable(name);
            }
        };
    }

    private static String terms(Formats formats, List<BudgetLine> lines, GrantFunding funding) {
        return lines.stream().map(l -> l.description() + ": " + formats.money(l.amount())).collect(Collectors.joining("\n"))
                + "\nYhteensä: " + formats.money(funding.amountGranted())
                + "\nKäyttöselvitys viimeistään: " + formats.date(funding.reportDue());
    }

    private static String asked(Formats formats, GrantChangeRequest request, List<BudgetLine> lines) {
        return switch (request.kind()) {
            case BUDGET -> "Budjettirivien muutos:\n" + lines.stream().map(l -> l.description() + ": " + formats.money(l.amount()))
                    .collect(Collectors.joining("\n"));
            case TIME -> "Lisäaikaa käyttöselvitykselle: " + formats.date(request.requestedReportDue());
            case CONTENT -> "Sisällön muutos:\n" + request.content();
        };
    }

    /** Task_DecideChangeRequest completed: the decision checked and recorded, only by the round's decision maker. */
    @Bean
    TaskListener recordChangeDecision(GrantChangeRequests requests, Refusals refusals) {
        return task -> refusals.refusing(FIELD_PREFIX, () -> requests.recordDecision(task.getProcessInstanceId(),
                Variables.text(task, "changeOutcome"), Variables.text(task, "changeDecisionReasons"),
                Variables.text(task, "changeGrantedAmounts"), Variables.text(task, "changeGrantedReportDue"), actor(task)));
    }

    /** Task_IssueChangeDecision: the decision takes effect; {@code termsChanged} whether the funding's terms changed. */
    @Bean
    JavaDelegate issueChangeDecision(GrantChangeRequests requests) {
        return execution -> execution.setVariable("termsChanged", requests.issue(execution.getProcessInstanceId()));
    }

    /** Event_TermsChanged: the case's processes waiting for a report hear of the new terms. */
    @Bean
    JavaDelegate announceTermsChanged(GrantChangeRequests requests) {
        return execution -> requests.announceTermsChanged(execution.getProcessBusinessKey());
    }

    /** Task_PrepareChangeDecision: the PDF on the case; {@code decisionByMail} chooses mail or letter. */
    @Bean
    JavaDelegate prepareChangeDecision(GrantChangeDecisions decisions) {
        return execution -> execution.setVariable("decisionByMail", decisions.prepare(execution.getProcessInstanceId()));
    }

    /** Send_ChangeDecisionMail: the decision and its PDF to the case's contact, through the outbox. */
    @Bean
    JavaDelegate sendChangeDecision(GrantChangeDecisions decisions) {
        return execution -> decisions.mail(execution.getProcessInstanceId(), (String) execution.getVariable("mailTemplate"));
    }

    /** Task_SendChangeDecisionLetter completed: the day the coordinator posted the letter. */
    @Bean
    TaskListener recordChangeDecisionLetter(GrantChangeDecisions decisions, Refusals refusals) {
        return task -> refusals.refusing(FIELD_PREFIX,
                () -> decisions.letterSent(task.getProcessInstanceId(), Variables.text(task, "letterSentOn")));
    }

    /** Task_SetChangeDecisionReceived: {@code decisionReceived} false while the mail still waits in the outbox. */
    @Bean
    JavaDelegate setChangeDecisionReceived(GrantChangeDecisions decisions) {
        return execution -> execution.setVariable("decisionReceived", decisions.received(execution.getProcessInstanceId()).isPresent());
    }

    static String actor(DelegateTask task) {
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
