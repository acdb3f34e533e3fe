package fi.silta.cases;

import java.time.ZonedDateTime;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.silta.SiltaProperties;
import fi.silta.engine.Variables;

/**
 * The one deadline delegate of every model ({@code ${setDeadline}}), parameterised from the BPMN
 * with input parameters of its service task:
 * <ul>
 * <li>{@code deadlineDays}: how many days from today (the deadline is at {@link Deadlines#CLOSING_TIME}
 * of that day, Helsinki time), e.g. {@code ${supplementDays}} or {@code ${deadlineSettings.contactMoreInfoDays}};</li>
 * <li>{@code deadlineVariable}: the variable that receives the deadline (ISO 8601 with the Helsinki offset);</li>
 * <li>{@code reminderVariable} (optional): the variable that receives the reminder instant;</li>
 * <li>{@code reminderDaysBefore} (optional): days before the deadline, default {@code silta.deadlines.reminder-days-before}.</li>
 * </ul>
 * The variables are set on the process instance, for the timers and the task's due date.
 */
@Component("setDeadline")
public class DeadlineDelegate implements JavaDelegate {

    private final Deadlines deadlines;
    private final SiltaProperties properties;

    public DeadlineDelegate(Deadlines deadlines, SiltaProperties properties) {
        this.deadlines = deadlines;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Integer days = Variables.wholeNumber(execution, "deadlineDays");
        String deadlineVariable = Variables.text(execution, "deadlineVariable");
        if (days == null || days < 0 || Variables.blank(deadlineVariable)) {
            throw new IllegalStateException("setDeadline needs deadlineDays (≥ 0) and deadlineVariable on " + execution.getCurrentActivityId());
        }
        ZonedDateTime due = deadlines.daysFromNow(days);
        execution.getProcessInstance().setVariable(deadlineVariable, Deadlines.iso(due));
        String reminderVariable = Variables.text(execution, "reminderVariable");
        if (!Variables.blank(reminderVariable)) {
            Integer before = Variables.wholeNumber(execution, "reminderDaysBefore");
            execution.getProcessInstance().setVariable(reminderVariable, Deadlines.iso(
                    deadlines.reminderBefore(due, before == null ? properties.deadlines().reminderDaysBefore() : before)));
        }
    }
}
