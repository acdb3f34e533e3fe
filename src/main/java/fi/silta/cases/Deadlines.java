package fi.silta.cases;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;

import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import fi.silta.web.Locales;

/**
 * Deadlines and reminders of every procedure: instants in Europe/Helsinki time, handed to BPMN
 * timers as ISO 8601 with the Helsinki offset (e.g. {@code 2026-12-07T16:00:00+02:00}).
 *
 * <p>Statutory time limits (for decisions and the periods that run from them):
 * <ul>
 * <li>A decision sent electronically to a party who consented to electronic notification counts as
 * received on the third day after the message was sent (laki sähköisestä asioinnista
 * viranomaistoiminnassa 13/2003, 19 §); without consent a letter counts as received on the
 * seventh day after it was sent (hallintolaki 434/2003, 59 §). "Sent" is when the mail left the
 * outbox: a mail that never left has notified no one.</li>
 * <li>A period of N days runs from the day after receipt. When its last day is a Saturday, a
 * Sunday, a public holiday, Independence Day, Christmas Eve, Midsummer Eve or May Day, it moves to
 * the next working day (laki säädettyjen määräaikain laskemisesta 150/1930, 5 §). The period ends
 * at the end of its last day, not at 16.00.</li>
 * </ul>
 * Holidays come from Jollyday's Finnish calendar, which holds every day the act names.
 */
@Service
public class Deadlines {

    /** Office hours end: a deadline "in N days" is at this time of the Nth day, Helsinki time. */
    public static final LocalTime CLOSING_TIME = LocalTime.of(16, 0);

    /** How a decision reaches its party, and on which day after sending it counts as received. */
    public enum Notice {
        /** By e-mail to a party who consented (13/2003, 19 §): the third day. */
        ELECTRONIC(3),
        /** By ordinary letter (hallintolaki 59 §): the seventh day. */
        LETTER(7);

        private final int daysAfterSending;

        Notice(int daysAfterSending) {
            this.daysAfterSending = daysAfterSending;
        }

        public static Notice forConsent(boolean consentedToElectronicNotice) {
            return consentedToElectronicNotice ? ELECTRONIC : LETTER;
        }
    }

    /**
     * A statutory period: its last day (already moved past non-working days) and the instant it
     * has passed (the start of the following day in Helsinki), what a BPMN timer waits for.
     */
    public record Period(LocalDate receivedOn, int days, LocalDate lastDay, ZonedDateTime passesAt) {
        public String passesAtIso() {
            return iso(passesAt);
        }
    }

    private static final Set<DayOfWeek> WEEKEND = Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

    private final Clock clock;
    private final HolidayManager holidays = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.FINLAND));

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

    /**
     * The day a party counts as having received a notice that left the outbox at {@code leftOutboxAt};
     * empty when it never left (nobody has been notified, no period runs).
     */
    public Optional<LocalDate> receivedOn(Optional<Instant> leftOutboxAt, Notice notice) {
        return leftOutboxAt.map(sent -> sent.atZone(Locales.HELSINKI).toLocalDate().plusDays(notice.daysAfterSending));
    }

    /** A period of {@code days} days running from the day after {@code receivedOn}. */
    public Period period(LocalDate receivedOn, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("a period has at least one day: " + days);
        }
        LocalDate last = receivedOn.plusDays(days);
        while (!isWorkingDay(last)) {
            last = last.plusDays(1);
        }
        return new Period(receivedOn, days, last, last.plusDays(1).atStartOfDay(Locales.HELSINKI));
    }

    /** The period that runs from a notice, or empty when the notice never left the outbox. */
    public Optional<Period> periodFromNotice(Optional<Instant> leftOutboxAt, Notice notice, int days) {
        return receivedOn(leftOutboxAt, notice).map(received -> period(received, days));
    }

    /**
     * A working day in the sense of 150/1930, 5 §: not a Saturday or Sunday, and none of the days
     * of Jollyday's Finnish calendar (the public holidays, Independence Day, Christmas Eve,
     * Midsummer Eve and May Day).
     */
    public boolean isWorkingDay(LocalDate day) {
        return !WEEKEND.contains(day.getDayOfWeek()) && !holidays.isHoliday(day);
    }

    public static String iso(ZonedDateTime instant) {
        return instant.withZoneSameInstant(Locales.HELSINKI).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    public static OffsetDateTime parse(String iso) {
        return OffsetDateTime.parse(iso);
    }
}
