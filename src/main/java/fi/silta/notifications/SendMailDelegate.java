package fi.silta.notifications;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.silta.SiltaProperties;

/**
 * A BPMN send task's mail: input parameters {@code mailTemplate}, {@code mailTo} and
 * {@code mailLanguage}; the process variables are the template's model. The mail is queued in the
 * engine's transaction and sent by the outbox.
 */
@Component("sendMail")
public class SendMailDelegate implements JavaDelegate {

    private final MailOutbox outbox;
    private final String baseUrl;

    public SendMailDelegate(MailOutbox outbox, SiltaProperties properties) {
        this.outbox = outbox;
        this.baseUrl = properties.baseUrl();
    }

    @Override
    public void execute(DelegateExecution execution) {
        Map<String, Object> model = new HashMap<>(execution.getVariables());
        model.put("baseUrl", baseUrl);
        model.put("caseReference", execution.getProcessBusinessKey());
        String reference = execution.getProcessBusinessKey() != null ? execution.getProcessBusinessKey()
                : execution.getProcessInstanceId();
        outbox.enqueue((String) execution.getVariable("mailTemplate"), (String) execution.getVariable("mailTo"),
                (String) execution.getVariable("mailLanguage"), model, reference);
    }
}
