package fi.silta.grants;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import fi.silta.cases.OutsiderTasks;
import fi.silta.engine.Variables;

/**
 * Thin delegates of {@code grantFunding} (and its start from {@code grantApplication}): each hands over to
 * {@link GrantFundings} or {@link GrantFundingService}. The funding is always the one Silta stored for the process
 * instance, never an id a form could have set.
 */
@Configuration(proxyBeanMethods = false)
public class GrantFundingDelegates {

    /** grantApplication's Task_StartFunding: a granted application goes on to payment in its own process. */
    @Bean
    JavaDelegate startFundingIfGranted(GrantFundings fundings, GrantApplicationRepository applications) {
        return execution -> fundings.startIfGranted(GrantApplicationDelegates.applicationId(execution, applications));
    }

    /** Task_CheckRectifications: whether a request for rectification of this case (another party's) is still being handled. */
    @Bean
    JavaDelegate checkFundingRectifications(@Lazy RuntimeService runtime) {
        return execution -> execution.setVariable("rectificationOpen", runtime.createProcessInstanceQuery()
                .processDefinitionKey(GrantOtherPartyRequests.PROCESS_KEY)
                .processInstanceBusinessKey(execution.getProcessBusinessKey()).count() > 0);
    }

    /** Task_ConfirmBankAccount created: the organisation's current account to confirm (or empty fields). */
    @Bean
    TaskListener prepareBankAccountTask(GrantFundingService service) {
        return task -> {
            GrantFunding funding = service.ofProcess(task.getProcessInstanceId());
            service.accountTaskValues(funding).forEach(task::setVariableLocal);
        };
    }

    /** Task_ConfirmBankAccount completed: the account checked (iban4j) and stored for the organisation. */
    @Bean
    TaskListener recordBankAccount(GrantFundingService service) {
        return task -> {
            // the answer is on the execution (the task's own variables hold what the form showed)
            var execution = task.getExecution();
            if (Boolean.FALSE.equals(task.getVariableLocal(OutsiderTasks.ANSWERED_SIGNED_IN))) {
                // the status link alone (perhaps forwarded) moves no money: sign in as a verified contact
                throw fi.silta.web.InvalidInput.of("iban", "grants.funding.signIn");
            }
            service.confirmAccount(service.ofProcess(task.getProcessInstanceId()), Variables.text(execution, "iban"),
                    Variables.text(execution, "holder"), (String) task.getVariableLocal(OutsiderTasks.ANSWERED_BY));
            // the account lives in Silta's table, not in the process's variables
            execution.removeVariable("iban");
            execution.removeVariable("holder");
        };
    }

    /** Task_FirstInstalmentDue / Task_SecondInstalmentDue: the instalment ({@code instalment} input) is due. */
    @Bean
    JavaDelegate makeInstalmentDue(GrantFundingService service) {
        return execution -> service.instalmentDue(service.ofProcess(execution.getProcessInstanceId()),
                ((Number) execution.getVariableLocal("instalment")).intValue());
    }

    /** A use-of-funds report is asked for. */
    @Bean
    ExecutionListener fundingReporting(GrantFundingService service) {
        return execution -> service.status(service.ofProcess(execution.getProcessInstanceId()), GrantFunding.Status.REPORTING);
    }

    /** Recovery starts. */
    @Bean
    ExecutionListener fundingRecovery(GrantFundingService service) {
        return execution -> service.status(service.ofProcess(execution.getProcessInstanceId()), GrantFunding.Status.RECOVERY);
    }

    /** Task_MarkFundingDone: the final report was accepted. */
    @Bean
    JavaDelegate markFundingDone(GrantFundingService service) {
        return execution -> service.done(service.ofProcess(execution.getProcessInstanceId()));
    }

    /** Task_MarkDeclined: the applicant declined; what is unpaid is cancelled. */
    @Bean
    JavaDelegate markFundingDeclined(GrantFundingService service) {
        return execution -> service.declined(service.ofProcess(execution.getProcessInstanceId()));
    }

    /** Task_StopPayments: "do not pay"; what is unpaid is stopped; {@code anythingPaid} chooses whether the report is still asked. */
    @Bean
    JavaDelegate stopFundingPayments(GrantFundingService service) {
        return execution -> execution.setVariable("anythingPaid",
                service.stopped(service.ofProcess(execution.getProcessInstanceId()), Variables.text(execution, "stopReason")));
    }
}
