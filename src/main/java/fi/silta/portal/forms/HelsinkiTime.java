package fi.silta.portal.forms;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fi.silta.web.Locales;

/**
 * Dates and times as entered in Finland: ISO from the browser's date inputs ({@code 2026-03-29},
 * {@code 2026-03-29T14:30}) or typed ({@code 29.3.2026}, {@code 29.3.2026 14.30},
 * {@code 29.3.2026 klo 14:30}). A date and time is Helsinki time and becomes an instant with the
 * Helsinki offset; a local time that does not exist (spring forward) or occurs twice (fall
 * back) is refused, never silently shifted.
 */
public final class HelsinkiTime {

    /** Why a text is not a date or time; the message key suffix of the error. */
    public enum Problem { FORMAT, NONEXISTENT, AMBIGUOUS }

    public record Result(Object value, Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern FI_DATE = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2})[.:](\\d{2})(?:[.:](\\d{2}))?");
    private static final Pattern DATE_TIME = Pattern.compile("(\\S+?)(?:T|\\s+(?:klo\\s+|kl\\.?\\s+|at\\s+)?)(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter SHOWN_DATE = DateTimeFormatter.ofPattern("d.M.yyyy");
    private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("H.mm");

    private HelsinkiTime() {
    }

    public static Result date(String text) {
        LocalDate date = localDate(text == null ? "" : text.strip());
        return date == null ? new Result(null, Problem.FORMAT) : new Result(date, null);
    }

    public static Result time(String text) {
        LocalTime time = localTime(text == null ? "" : text.strip());
        return time == null ? new Result(null, Problem.FORMAT) : new Result(time, null);
    }

    /** A date and time in Helsinki, as an {@link OffsetDateTime} with the Helsinki offset of that moment. */
    public static Result dateTime(String text) {
        Matcher m = DATE_TIME.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return new Result(null, Problem.FORMAT);
        }
        LocalDate date = localDate(m.group(1));
        LocalTime time = localTime(m.group(2));
        if (date == null || time == null) {
            return new Result(null, Problem.FORMAT);
        }
        return inHelsinki(LocalDateTime.of(date, time));
    }

    /** A Helsinki wall-clock time as an instant; refused in the DST gap and overlap. */
    public static Result inHelsinki(LocalDateTime local) {
        List<ZoneOffset> offsets = Locales.HELSINKI.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            return new Result(null, Problem.NONEXISTENT);
        }
        if (offsets.size() > 1) {
            return new Result(null, Problem.AMBIGUOUS);
        }
        return new Result(OffsetDateTime.of(local, offsets.get(0)), null);
    }

    /** How a date is shown back in a text input and in messages: {@code 29.3.2026}. */
    public static String show(LocalDate date) {
        return date.format(SHOWN_DATE);
    }

    /** {@code 29.3.2026 3.30}, Helsinki time. */
    public static String show(LocalDateTime dateTime) {
        return dateTime.format(SHOWN_DATE) + " " + dateTime.format(SHOWN_TIME);
    }

    private static LocalDate localDate(String s) {
        Matcher iso = ISO_DATE.matcher(s);
        Matcher fi = FI_DATE.matcher(s);
        try {
            if (iso.matches()) {
                return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)));
            }
            if (fi.matches()) {
                return LocalDate.of(Integer.parseInt(fi.group(3)), Integer.parseInt(fi.group(2)), Integer.parseInt(fi.group(1)));
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    private static LocalTime localTime(String s) {
        Matcher m = TIME.matcher(s);
        if (!m.matches()) {
            return null;
        }
        try {
            return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
