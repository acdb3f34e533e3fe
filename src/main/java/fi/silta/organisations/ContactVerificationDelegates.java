package fi.silta.organisations;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fi.silta.SiltaProperties;
import fi.silta.cases.Deadlines;
import fi.silta.web.TriLingual;

/** Thin delegates of {@code organisationContactVerification}: each hands over to a plain service. */
@Configuration(proxyBeanMethods = false)
public class ContactVerificationDelegates {

    static final String DECISION = "verificationDecision";
    static final String NOTE = "verificationNote";

    @Bean
    JavaDelegate markContactVerified(OrganisationService organisations) {
        return execution -> organisations.markVerified(contactId(execution), (String) execution.getVariable("verifiedBy"));
    }

    @Bean
    JavaDelegate markContactRejected(OrganisationService organisations) {
        return execution -> organisations.markRejected(contactId(execution), (String) execution.getVariable("verifiedBy"));
    }

    /** Sets {@code moreInfoDueAt} and {@code moreInfoReminderAt} for the timers. */
    @Bean
    JavaDelegate setMoreInfoDeadline(Deadlines deadlines, SiltaProperties properties) {
        return execution -> {
            var due = deadlines.daysFromNow(properties.deadlines().contactMoreInfoDays());
            execution.setVariable("moreInfoDueAt", Deadlines.iso(due));
            execution.setVariable("moreInfoReminderAt",
                    Deadlines.iso(deadlines.reminderBefore(due, properties.deadlines().reminderDaysBefore())));
            execution.setVariable("moreInfoLapsed", false);
        };
    }

    /** Server-side check of the coordinator's form: a known decision, and a note unless approving. */
    @Bean
    TaskListener validateVerificationDecision(TriLingual text) {
        return task -> {
            Object decision = task.getVariable(DECISION);
            if (!"approve".equals(decision) && !"askMore".equals(decision) && !"reject".equals(decision)) {
                throw new ProcessEngineException(text.text("verification.decision.required"));
            }
            Object note = task.getVariable(NOTE);
            if (!"approve".equals(decision) && (note == null || note.toString().isBlank())) {
                throw new ProcessEngineException(text.text("verification.note.required"));
            }
            task.getExecution().setVariable("verifiedBy", completedBy(task));
        };
    }

    /** Server-side check of the contact's answer to a request for more information. */
    @Bean
    TaskListener validateMoreInfoAnswer(TriLingual text) {
        return task -> {
            Object answer = task.getVariable("moreInfoAnswer");
            if (answer == null || answer.toString().isBlank()) {
                throw new ProcessEngineException(text.text("verification.answer.required"));
            }
        };
    }

    static long contactId(DelegateExecution execution) {
        return ((Number) execution.getVariable("contactId")).longValue();
    }

    static String completedBy(DelegateTask task) {
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication != null ? authentication.getUserId() : task.getAssignee();
    }
}
