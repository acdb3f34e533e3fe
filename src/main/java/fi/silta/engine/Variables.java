package fi.silta.engine;

import java.math.BigDecimal;

import org.camunda.bpm.engine.delegate.VariableScope;

import fi.silta.web.Decimals;
import fi.silta.web.InvalidInput;
import fi.silta.web.TextRules;

/**
 * Typed readers of process and task variables for delegates and listeners. What a person typed
 * (Tasklist number fields submit Integer, Long or Double; text fields a String) is read exactly,
 * through the same number rules as the portal's forms ({@link Decimals}); what cannot be read is
 * refused with {@link InvalidInput} naming the variable — never a sentinel value. What the model
 * itself must provide (an id) is a programming error when missing.
 */
public final class Variables {

    private Variables() {
    }

    /** Text, or null when missing; a blank text is returned as it is. */
    public static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null) {
            return null;
        }
        // typed in Tasklist: a NUL or other control character is refused with its message (PostgreSQL
        // cannot store a NUL; others hide in pages and mails); line breaks and tabs are text
        String problem = TextRules.problem(value.toString(), true);
        if (problem != null) {
            throw InvalidInput.of(name, problem);
        }
        return value.toString();
    }

    public static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** True only for a Boolean true or the text "true". */
    public static boolean flag(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return Boolean.TRUE.equals(value) || value != null && "true".equalsIgnoreCase(value.toString().strip());
    }

    /** An id the model sets itself ({@code applicationId}, {@code contactId}). */
    public static long id(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("variable " + name + " is not an id: " + value);
    }

    /** A number as typed, or null when missing or blank; {@link InvalidInput} when it is not a number. */
    public static BigDecimal decimal(VariableScope scope, String name) {
        return decimal(name, scope.getVariable(name));
    }

    /** A value of a variable (or of a row of a dynamic list) read as a number, as {@link #decimal(VariableScope, String)}. */
    public static BigDecimal decimal(String field, Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw InvalidInput.of(field, "form.number");
            }
            return new BigDecimal(Double.toString(d));
        }
        if (value instanceof BigDecimal big) {
            return big;
        }
        if (value instanceof Number number) {
            return BigDecimal.valueOf(number.longValue());
        }
        Decimals.Result result = Decimals.parse(value.toString(), null, true);
        if (!result.ok()) {
            throw InvalidInput.of(field, "form.number");
        }
        return result.value();
    }

    /** A whole number, or null when missing; {@link InvalidInput} when not a whole number. */
    public static Integer wholeNumber(VariableScope scope, String name) {
        BigDecimal number = decimal(scope, name);
        if (number == null) {
            return null;
        }
        try {
            return number.stripTrailingZeros().intValueExact();
        } catch (ArithmeticException notWhole) {
            throw InvalidInput.of(name, "form.number.integer");
        }
    }
}
