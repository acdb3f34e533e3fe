package fi.silta.cases;

import org.springframework.stereotype.Component;

import fi.silta.SiltaProperties;

/**
 * The configured periods (the {@code silta.deadlines.*} settings) for expressions in the models,
 * e.g. {@code ${deadlineSettings.contactMoreInfoDays}} as a deadline task's {@code deadlineDays}.
 */
@Component("deadlineSettings")
public class DeadlineSettings {

    private final SiltaProperties properties;

    public DeadlineSettings(SiltaProperties properties) {
        this.properties = properties;
    }

    public int getContactMoreInfoDays() {
        return properties.deadlines().contactMoreInfoDays();
    }

    public int getReminderDaysBefore() {
        return properties.deadlines().reminderDaysBefore();
    }
}
