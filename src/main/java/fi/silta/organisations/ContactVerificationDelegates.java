package fi.silta.organisations;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fi.silta.cases.CaseRepository;
import fi.silta.cases.CaseRequestListeners;
import fi.silta.cases.CaseRequests;
import fi.silta.engine.Refusals;
import fi.silta.engine.Variables;
import fi.silta.security.StaffDirectory;

/** Thin delegates of {@code organisationContactVerification}: each hands over to a plain service. */
@Configuration(proxyBeanMethods = false)
public class ContactVerificationDelegates {

    static final String DECISION = "verificationDecision";
    static final String NOTE = "verificationNote";
    /** The contact's task of answering a request for more information. */
    static final String MORE_INFO_TASK = "Task_ProvideMoreInfo";

    @Bean
    JavaDelegate markContactVerified(OrganisationService organisations) {
        return execution -> organisations.markVerified(contactId(execution), (String) execution.getVariable("verifiedBy"));
    }

    @Bean
    JavaDelegate markContactRejected(OrganisationService organisations) {
        return execution -> organisations.markRejected(contactId(execution), (String) execution.getVariable("verifiedBy"));
    }

    /**
     * On every verification: the earlier requests for more information and the contact's answers
     * as a history text, and the earlier decision removed, so that a second verification opens
     * empty (one click on Done must not send a second request); the contact's earlier answer too
     * (it is in case_request), so that a second request's answer form opens empty.
     */
    @Bean
    TaskListener prepareVerification(CaseRequests requests, CaseRepository cases, StaffDirectory staff, MessageSource messages) {
        return task -> CaseRequestListeners.clearForRepeat(task, requests, cases, staff, messages, MORE_INFO_TASK, "moreInfoHistory",
                List.of(DECISION, NOTE, "moreInfoAnswer"));
    }

    /** Server-side check of the coordinator's form: a known decision, and a note unless approving. */
    @Bean
    TaskListener validateVerificationDecision(Refusals refusals) {
        return task -> {
            Object decision = task.getVariable(DECISION);
            if (!"approve".equals(decision) && !"askMore".equals(decision) && !"reject".equals(decision)) {
                throw refusals.refuse("verification.decision.required");
            }
            Object note = task.getVariable(NOTE);
            if (!"approve".equals(decision) && (note == null || note.toString().isBlank())) {
                throw refusals.refuse("verification.note.required");
            }
            task.getExecution().setVariable("verifiedBy", completedBy(task));
        };
    }

    /** Server-side check of the contact's answer to a request for more information. */
    @Bean
    TaskListener validateMoreInfoAnswer(Refusals refusals) {
        return task -> {
            Object answer = task.getVariable("moreInfoAnswer");
            if (answer == null || answer.toString().isBlank()) {
                throw refusals.refuse("verification.answer.required");
            }
        };
    }

    static long contactId(DelegateExecution execution) {
        return Variables.id(execution, "contactId");
    }

    static String completedBy(DelegateTask task) {
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication != null ? authentication.getUserId() : task.getAssignee();
    }
}
