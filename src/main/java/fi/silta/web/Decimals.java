package fi.silta.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers and sums of money as people type them, read exactly into {@link BigDecimal} (never
 * through {@code double}).
 * <ul>
 * <li>Decimal separator: a comma or a point ({@code 12,5} = {@code 12.5}).</li>
 * <li>Thousands are separated by spaces only: ordinary, no-break (U+00A0), narrow no-break
 * (U+202F) or thin (U+2009). Groups after the first have exactly three digits ({@code 1 234 567});
 * {@code 12 50} is refused.</li>
 * <li>A comma and a point together ({@code 1.234,50}, {@code 1,234.50}) are refused: which one is
 * the decimal separator cannot be known. So are two separators ({@code 1.234.567}).</li>
 * <li>One separator followed by exactly three digits, where more decimals than allowed, after one
 * to three digits ({@code 1,234}, {@code 12.500}) is refused as ambiguous (a thousands separator
 * to an English reader, decimals to a Finnish one).</li>
 * <li>Money: a euro sign or {@code EUR} before or after is allowed; at most two decimals; the
 * result has scale 2 ({@code 0,1} → 0.10). A minus sign ({@code -} or U+2212) is refused unless
 * the field allows negative sums.</li>
 * </ul>
 */
public final class Decimals {

    /** Why a text is not a number; the message key suffix of the error. */
    public enum Problem { FORMAT, DECIMALS, AMBIGUOUS, NEGATIVE }

    /** The outcome: a value, or a problem. */
    public record Result(BigDecimal value, Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u202F\\u2009\\u2007]+");
    private static final Pattern NUMBER = Pattern.compile("(\\d{1,3}(?: \\d{3})+|\\d+)(?:([.,])(\\d+))?");
    private static final Pattern CURRENCY = Pattern.compile("^(?:€|eur)\\s*|\\s*(?:€|eur)$", Pattern.CASE_INSENSITIVE);
    private static final int MAX_INTEGER_DIGITS = 15;

    private Decimals() {
    }

    /** A sum in euros with scale 2. */
    public static Result money(String text, boolean allowNegative) {
        String stripped = text == null ? "" : text.strip();
        stripped = CURRENCY.matcher(stripped).replaceAll("");
        Result result = parse(stripped, 2, allowNegative);
        return result.ok() ? new Result(result.value().setScale(2, RoundingMode.UNNECESSARY), null) : result;
    }

    /**
     * A number with at most {@code maxDecimals} decimals ({@code null}: any number of decimals;
     * then the ambiguity rule does not apply and {@code 1,234} is 1.234).
     */
    public static Result parse(String text, Integer maxDecimals, boolean allowNegative) {
        if (text == null) {
            return new Result(null, Problem.FORMAT);
        }
        String s = SPACES.matcher(text.strip()).replaceAll(" ");
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("\u2212")) {
            negative = true;
            s = s.substring(1).strip();
        }
        Matcher m = NUMBER.matcher(s);
        if (s.isEmpty() || s.length() > 40 || !m.matches()) {
            return new Result(null, Problem.FORMAT);
        }
        String integer = m.group(1).replace(" ", "");
        String fraction = m.group(3) == null ? "" : m.group(3);
        if (integer.length() > MAX_INTEGER_DIGITS) {
            return new Result(null, Problem.FORMAT);
        }
        if (maxDecimals != null && fraction.length() > maxDecimals) {
            boolean looksGrouped = fraction.length() == 3 && !m.group(1).contains(" ") && m.group(1).length() <= 3;
            return new Result(null, looksGrouped ? Problem.AMBIGUOUS : Problem.DECIMALS);
        }
        BigDecimal value = new BigDecimal(fraction.isEmpty() ? integer : integer + "." + fraction);
        if (negative && value.signum() != 0) {
            if (!allowNegative) {
                return new Result(null, Problem.NEGATIVE);
            }
            value = value.negate();
        }
        return new Result(value, null);
    }
}
