package fi.silta.cases;

import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Service;

import fi.silta.web.Locales;

/**
 * Deadlines and reminders of every procedure: instants in Europe/Helsinki time, handed to BPMN
 * timers as ISO 8601 with the Helsinki offset (e.g. {@code 2026-12-07T16:00:00+02:00}).
 */
@Service
public class Deadlines {

    /** Office hours end: a deadline "in N days" is at this time of the Nth day, Helsinki time. */
    public static final LocalTime CLOSING_TIME = LocalTime.of(16, 0);
    private final Clock clock;

    public Deadlines(Clock clock) {
        this.clock = clock;
    }

    /** The closing time of the day {@code days} days from today in Helsinki. */
    public ZonedDateTime daysFromNow(int days) {
        return ZonedDateTime.now(clock.withZone(Locales.HELSINKI)).toLocalDate().plusDays(days)
                .atTime(CLOSING_TIME).atZone(Locales.HELSINKI);
    }

    /** A reminder {@code daysBefore} days before the deadline, never before now. */
    public ZonedDateTime reminderBefore(ZonedDateTime deadline, int daysBefore) {
        ZonedDateTime reminder = deadline.minusDays(daysBefore);
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(Locales.HELSINKI));
        return reminder.isBefore(now) ? now : reminder;
    }

    public static String iso(ZonedDateTime instant) {
        return instant.withZoneSameInstant(Locales.HELSINKI).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    public static OffsetDateTime parse(String iso) {
        return OffsetDateTime.parse(iso);
    }
}
