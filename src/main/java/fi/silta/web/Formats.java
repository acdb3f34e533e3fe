package fi.silta.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;

/**
 * The one formatter of numbers, money and times for people, in the reader's language: pages
 * ({@code ${formats}} in every page model), mails, documents and the texts Silta puts into task
 * variables for Tasklist (form-js shows them as given). It only formats: typed input is read by
 * {@link Decimals} and the portal's form validation. Money {@code 10 000,00 €} (fi, sv) and
 * {@code €10,000.00} (en), with a no-break space between thousands and before the sign and a true
 * minus sign (U+2212); scores {@code 3,50}; times in Helsinki: {@code 10.12.2026 klo 16.00},
 * {@code 10.12.2026 kl. 16.00}, {@code 10 Dec 2026 at 16:00}.
 */
public class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d.M.yyyy 'klo' HH.mm");
    private static final DateTimeFormatter DATE_TIME_SV = DateTimeFormatter.ofPattern("d.M.yyyy 'kl.' HH.mm");
    private static final DateTimeFormatter DATE_TIME_EN = DateTimeFormatter.ofPattern("d MMM yyyy 'at' HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d.M.yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH.mm");
    private static final DateTimeFormatter TIME_EN = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE_EN = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final char NBSP = '\u00a0';
    private static final char MINUS = '\u2212';
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE d.M.yyyy 'klo' HH.mm", Locales.FINNISH);
    private static final DateTimeFormatter WEEKDAY_SV = DateTimeFormatter.ofPattern("EEEE d.M.yyyy 'kl.' HH.mm",
            java.util.Locale.forLanguageTag("sv"));
    private static final DateTimeFormatter WEEKDAY_EN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm",
            java.util.Locale.ENGLISH);
    private final String language;

    public Formats(String language) {
        this.language = language == null ? "fi" : language;
    }

    public Formats(Locale locale) {
        this(Locales.of(locale == null ? null : locale.getLanguage()).getLanguage());
    }

    /**
     * An instant as a Helsinki date and time in the reader's language: an ISO 8601 text (as timers
     * take it), an {@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime} or {@link Date}.
     */
    public String dateTime(Object instant) {
        ZonedDateTime helsinki = helsinki(instant);
        if (helsinki == null) {
            return "";
        }
        DateTimeFormatter format = switch (language) {
            case "sv" -> DATE_TIME_SV;
            case "en" -> DATE_TIME_EN;
            default -> DATE_TIME;
        };
        return helsinki.format(format);
    }

    /**
     * The end of a period that begins at {@code start}, as the reader writes it after a dash: only the time when it ends
     * on the same Helsinki day ("10.12.2026 klo 10.00 – 12.00"), else the date and time as {@link #dateTime}.
     */
    public String until(Object start, Object end) {
        ZonedDateTime from = helsinki(start);
        ZonedDateTime to = helsinki(end);
        if (to == null) {
            return "";
        }
        if (from == null || !from.toLocalDate().equals(to.toLocalDate())) {
            return dateTime(end);
        }
        return to.format("en".equals(language) ? TIME_EN : TIME);
    }

    /** The Helsinki date of an instant (as {@link #dateTime}), or a {@link java.time.LocalDate}: 10.12.2026, 10 Dec 2026. */
    public String date(Object instantOrDate) {
        if (instantOrDate instanceof java.time.LocalDate day) {
            return day.format("en".equals(language) ? DATE_EN : DATE);
        }
        ZonedDateTime helsinki = helsinki(instantOrDate);
        return helsinki == null ? "" : helsinki.format("en".equals(language) ? DATE_EN : DATE);
    }

    /** Euros with cents: 10 000,00 € (fi, sv), €10,000.00 (en); "" for none. Text (as variables hold it) is read first. */
    public String money(Object euros) {
        BigDecimal value = decimal(euros);
        if (value == null) {
            return "";
        }
        String digits = number(value.abs(), 2);
        String signed = value.signum() < 0 ? MINUS + digits : digits;
        return "en".equals(language) ? (value.signum() < 0 ? MINUS + "€" + digits : "€" + digits) : signed + NBSP + "€";
    }

    /** Euros without cents when there are none: 50 000 €, 1 234,50 € (a call's budget and maximum). */
    public String euros(Object euros) {
        BigDecimal value = decimal(euros);
        if (value == null) {
            return "";
        }
        if (value.stripTrailingZeros().scale() > 0) {
            return money(value);
        }
        String digits = number(value.abs(), 0);
        String sign = value.signum() < 0 ? String.valueOf(MINUS) : "";
        return "en".equals(language) ? sign + "€" + digits : sign + digits + NBSP + "€";
    }

    /** A score or an average with two decimals: 3,50 (fi, sv), 3.50 (en). */
    public String score(Object score) {
        BigDecimal value = decimal(score);
        return value == null ? "" : signed(value, 2);
    }

    /** A number with as many decimals as it has, at most {@code maxDecimals}: 33,5 / 1 234. */
    public String number(Object number, int maxDecimals) {
        BigDecimal value = decimal(number);
        if (value == null) {
            return "";
        }
        BigDecimal rounded = value.setScale(maxDecimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return signed(rounded.scale() < 0 ? rounded.setScale(0) : rounded, Math.max(rounded.scale(), 0));
    }

    private String signed(BigDecimal value, int decimals) {
        String digits = number(value.abs(), decimals);
        return value.signum() < 0 ? MINUS + digits : digits;
    }

    private String number(BigDecimal nonNegative, int decimals) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance("en".equals(language) ? Locale.ENGLISH : Locales.FINNISH);
        if (!"en".equals(language)) {
            symbols.setGroupingSeparator(NBSP);
            symbols.setDecimalSeparator(',');
        }
        DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals), symbols);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(nonNegative);
    }

    private static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : new BigDecimal(text);
    }

    private static ZonedDateTime helsinki(Object instant) {
        if (instant == null || instant instanceof String text && text.isBlank()) {
            return null;
        }
        Instant at;
        if (instant instanceof String text) {
            at = OffsetDateTime.parse(text.strip()).toInstant();
        } else if (instant instanceof Instant i) {
            at = i;
        } else if (instant instanceof Date d) {
            at = d.toInstant();
        } else if (instant instanceof TemporalAccessor t) {
            at = Instant.from(t);
        } else {
            throw new IllegalArgumentException("not an instant: " + instant.getClass().getName());
        }
        return at.atZone(Locales.HELSINKI);
    }

    /**
     * The same with the day of the week ("sunnuntaina 28.3.2027 klo 04.30"), for showing a stored
     * instant back to the one who typed it, so that a time the browser moved is seen.
     */
    public String weekdayDateTime(Object instant) {
        ZonedDateTime helsinki = helsinki(instant);
        if (helsinki == null) {
            return "";
        }
        DateTimeFormatter format = switch (language) {
            case "sv" -> WEEKDAY_SV;
            case "en" -> WEEKDAY_EN;
            default -> WEEKDAY;
        };
        return helsinki.format(format);
    }

    /** A file's size as the reader reads it ({@code file.size.kb} / {@code file.size.mb}): at least 1 kB, rounded up. */
    public String fileSize(long bytes, org.springframework.context.MessageSource messages) {
        long kb = Math.max(1, (bytes + 1023) / 1024);
        Locale locale = Locales.of(language);
        return kb >= 1024 ? messages.getMessage("file.size.mb", new Object[] {number(kb / 1024.0, 1)}, locale)
                : messages.getMessage("file.size.kb", new Object[] {number(kb, 0)}, locale);
    }

    /**
     * Text someone typed (a name, a note), between FSI (U+2068) and PDI (U+2069): whatever writing
     * direction it holds stays inside, so a name cannot turn the greeting or the sentence around it.
     */
    public String isolate(Object text) {
        return text == null ? "" : "\u2068" + text + "\u2069";
    }
}
