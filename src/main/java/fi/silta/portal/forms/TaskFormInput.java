package fi.silta.portal.forms;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import fi.silta.engine.Variables;
import fi.silta.web.Decimals;
import fi.silta.web.InvalidInput;
import fi.silta.web.TextRules;
import fi.silta.web.Locales;

/**
 * Reads the values a Tasklist form sends (plain Java: String, Integer, Long, Double, Boolean,
 * List, Map) into exact types, adding an error per field to a collector. Nothing here knows the
 * engine.
 * <ul>
 * <li>Money is typed text ({@code 50 000}, {@code 1 234,50}, {@code 1234.50 €}), read by
 * {@link Decimals#money}; a number is taken as it is (a Double through its decimal text, so 0.1 is
 * 0.10).</li>
 * <li>A date and time is what form-js's datetime field sends: {@code 2026-04-01T09:00} with the
 * {@code no_timezone} format (Helsinki wall-clock time), {@code 2026-04-01T09:00+03:00} with
 * {@code utc_offset}, {@code 2026-04-01T06:00Z} with {@code utc_normalized}; typed
 * {@code 1.4.2026 9.00} and a Date are accepted too. The result has the Helsinki offset of that
 * moment; a local time that does not exist or occurs twice in Helsinki is refused.</li>
 * </ul>
 */
public final class TaskFormInput {

    private static final Pattern WITH_OFFSET = Pattern.compile(".*T.*(Z|[+-]\\d{2}:?\\d{2})$");

    private final Map<String, ?> values;
    private final InvalidInput.Collector errors;

    public TaskFormInput(Map<String, ?> values, InvalidInput.Collector errors) {
        this.values = values;
        this.errors = errors;
    }

    /** Text, stripped; null when missing or blank (an error when required). */
    public String text(String field, boolean required, int maxLength) {
        return text(field, values.get(field), required, maxLength);
    }

    public String text(String field, Object value, boolean required, int maxLength) {
        String text = value == null ? null : value.toString().strip();
        if (text == null || text.isEmpty()) {
            if (required) {
                errors.add(field, "validation.required");
            }
            return null;
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            errors.add(field, "grants.round.tooLong", maxLength);
            return null;
        }
        String problem = TextRules.problem(text, true);
        if (problem != null) {
            errors.add(field, problem);
            return null;
        }
        return text;
    }

    /** A sum of euros greater than zero, scale 2. */
    public BigDecimal money(String field) {
        Object value = values.get(field);
        if (value == null || value.toString().isBlank()) {
            errors.add(field, "validation.required");
            return null;
        }
        BigDecimal amount;
        if (value instanceof Number number) {
            try {
                amount = Variables.decimal(field, number);
            } catch (InvalidInput notANumber) {
                errors.add(field, "form.money");
                return null;
            }
            if (amount.stripTrailingZeros().scale() > 2) {
                errors.add(field, "form.money.decimals");
                return null;
            }
            if (amount.signum() < 0) {
                errors.add(field, "form.money.negative");
                return null;
            }
            amount = amount.setScale(2);
        } else {
            amount = parseMoney(field, value.toString(), errors);
            if (amount == null) {
                return null;
            }
        }
        if (amount.signum() <= 0) {
            errors.add(field, "grants.round.money.positive");
            return null;
        }
        return amount;
    }

    /** A number with at most two decimals from min to max; null (with an error) otherwise. */
    public BigDecimal decimal(String field, Object value, BigDecimal min, BigDecimal max, String rangeKey, Object... args) {
        if (value == null || value.toString().isBlank()) {
            errors.add(field, "validation.required");
            return null;
        }
        BigDecimal number;
        if (value instanceof Number n) {
            try {
                number = Variables.decimal(field, n);
            } catch (InvalidInput notANumber) {
                number = null;
            }
        } else {
            Decimals.Result result = Decimals.parse(value.toString(), null, true);
            number = result.ok() ? result.value() : null;
        }
        if (number == null || number.stripTrailingZeros().scale() > 2 || number.compareTo(min) < 0 || number.compareTo(max) > 0) {
            errors.add(field, rangeKey, args);
            return null;
        }
        return number.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    public BigDecimal decimal(String field, BigDecimal min, BigDecimal max, String rangeKey, Object... args) {
        return decimal(field, values.get(field), min, max, rangeKey, args);
    }

    /** A whole number; null (with an error) when missing or not whole. */
    public Integer integer(String field, String invalidKey, Object... args) {
        Object value = values.get(field);
        if (value == null || value.toString().isBlank()) {
            errors.add(field, "validation.required");
            return null;
        }
        try {
            BigDecimal number = Variables.decimal(field, value);
            return number.stripTrailingZeros().scale() <= 0 ? number.intValueExact() : fail(field, invalidKey, args);
        } catch (InvalidInput | ArithmeticException e) {
            return fail(field, invalidKey, args);
        }
    }

    private Integer fail(String field, String key, Object... args) {
        errors.add(field, key, args);
        return null;
    }

    public boolean bool(String field) {
        Object value = values.get(field);
        return value instanceof Boolean b ? b : value != null && "true".equalsIgnoreCase(value.toString().strip());
    }

    /** A list of strings (a checklist); empty when missing. */
    public List<String> strings(String field) {
        Object value = values.get(field);
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.stream().filter(v -> v != null && !v.toString().isBlank()).map(v -> v.toString().strip())
                    .distinct().forEach(out::add);
        } else if (value != null && !value.toString().isBlank()) {
            out.add(value.toString().strip());
        }
        return out;
    }

    /** Rows of a dynamic list; empty when missing. */
    public List<Map<String, ?>> rows(String field) {
        Object value = values.get(field);
        List<Map<String, ?>> rows = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object row : list) {
                if (row instanceof Map<?, ?> map) {
                    @SuppressWarnings("unchecked")
                    Map<String, ?> typed = (Map<String, ?>) map;
                    rows.add(typed);
                }
            }
        }
        return rows;
    }

    /** Money as people type it (50 000, 1 234,50 €); null with the error added when it is not a sum of euros. */
    public static BigDecimal parseMoney(String field, String text, InvalidInput.Collector errors) {
        fi.silta.web.Decimals.Result result = fi.silta.web.Decimals.money(text, false);
        if (result.ok()) {
            return result.value();
        }
        switch (result.problem()) {
            case NEGATIVE -> errors.add(field, "form.money.negative");
            case DECIMALS -> errors.add(field, "form.money.decimals");
            case AMBIGUOUS -> errors.add(field, "form.money.ambiguous", text.strip());
            default -> errors.add(field, "form.money");
        }
        return null;
    }

    /** How a day is shown in a refusal ({@code 7.12.2026}). */
    public static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("d.M.yyyy");

    /**
     * A day typed in a Tasklist date field ({@code 2026-12-07}, or with a time after it, which is
     * ignored) from {@code from} to {@code to}, both included: null with {@code validation.required}
     * when missing, with {@code notADateKey} when it is not a day, with {@code rangeKey} naming both
     * ends ({@link #DAY}) when outside them.
     */
    public static java.time.LocalDate day(String field, String text, java.time.LocalDate from, java.time.LocalDate to,
            InvalidInput.Collector errors, String notADateKey, String rangeKey) {
        if (text == null || text.isBlank()) {
            errors.add(field, "validation.required");
            return null;
        }
        String typed = text.strip();
        java.time.LocalDate day;
        try {
            day = java.time.LocalDate.parse(typed.substring(0, Math.min(10, typed.length())));
        } catch (DateTimeParseException notADate) {
            errors.add(field, notADateKey, from.format(DAY), to.format(DAY));
            return null;
        }
        if (day.isBefore(from) || day.isAfter(to)) {
            errors.add(field, rangeKey, from.format(DAY), to.format(DAY));
            return null;
        }
        return day;
    }

    /** An instant entered as Helsinki time, with the Helsinki offset of that moment. */
    public OffsetDateTime dateTime(String field) {
        Object value = values.get(field);
        if (value == null || value.toString().isBlank()) {
            errors.add(field, "validation.required");
            return null;
        }
        if (value instanceof Date date) {
            return helsinki(date.toInstant());
        }
        if (value instanceof OffsetDateTime instant) {
            return helsinki(instant.toInstant());
        }
        String text = value.toString().strip();
        if (WITH_OFFSET.matcher(text).matches()) {
            try {
                return helsinki(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                errors.add(field, "form.datetime");
                return null;
            }
        }
        HelsinkiTime.Result result = HelsinkiTime.dateTime(text);
        if (!result.ok()) {
            switch (result.problem()) {
                case NONEXISTENT -> errors.add(field, "form.datetime.nonexistent", shown(text));
                case AMBIGUOUS -> errors.add(field, "form.datetime.ambiguous", shown(text));
                default -> errors.add(field, "form.datetime");
            }
            return null;
        }
        return (OffsetDateTime) result.value();
    }

    public static OffsetDateTime helsinki(Instant instant) {
        return instant.atZone(Locales.HELSINKI).toOffsetDateTime();
    }

    /** For messages: an ISO local date and time as people read it ({@code 29.3.2026 3.30}), else as typed. */
    private static String shown(String text) {
        try {
            return HelsinkiTime.show(LocalDateTime.parse(text));
        } catch (DateTimeParseException e) {
            return text;
        }
    }
}
