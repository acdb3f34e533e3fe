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
 * engine's transaction and sent by the outbox. A mail about a case (the process's business key is
 * a case reference) goes to the case's contact in the case's language ({@link CaseRecipients}),
 * whatever {@code mailTo} says.
 */
@Component("sendMail")
public class SendMailDelegate implements JavaDelegate {

    private final MailOutbox outbox;
    private final String baseUrl;

    private final CaseRecipients recipients;

    public SendMailDelegate(MailOutbox outbox, SiltaProperties properties, CaseRecipients recipients) {
        this.outbox = outbox;
        this.recipients = recipients;
        this.baseUrl = properties.baseUrl();
    }

    @Override
    public void execute(DelegateExecution execution) {
        Map<String, Object> model = new HashMap<>(execution.getVariables());
        model.put("baseUrl", baseUrl);
        model.put("caseReference", execution.getProcessBusinessKey());
        String reference = execution.getProcessBusinessKey() != null ? execution.getProcessBusinessKey()
                : execution.getProcessInstanceId();
        var ofCase = execution.getProcessBusinessKey() == null ? java.util.Optional.<CaseRecipients.Recipient>empty()
                : recipients.of(execution.getProcessBusinessKey());
        String to = ofCase.map(CaseRecipients.Recipient::email).orElse((String) execution.getVariable("mailTo"));
        String language = ofCase.map(CaseRecipients.Recipient::language).orElse((String) execution.getVariable("mailLanguage"));
        outbox.enqueue((String) execution.getVariable("mailTemplate"), to, language, model, reference);
    }
}
