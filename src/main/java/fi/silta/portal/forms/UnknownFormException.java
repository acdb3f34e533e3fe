package fi.silta.portal.forms;

/** No form in {@code forms/} has the id asked for (a BPMN {@code formRef} that names no file). */
public class UnknownFormException extends IllegalArgumentException {

    private final String formId;

    public UnknownFormException(String formId, java.util.Collection<String> known) {
        super("No Camunda Form with id '" + formId + "' in forms/ (known: " + String.join(", ", known) + ")");
        this.formId = formId;
    }

    public String formId() {
        return formId;
    }
}
