package fi.silta.organisations;

import java.util.regex.Pattern;

/**
 * Finnish business id (Y-tunnus): seven digits, a hyphen and a check digit. The check digit:
 * weights 7,9,10,5,8,4,2; sum mod 11; remainder 0 gives 0, 1 is invalid, otherwise 11 − remainder.
 */
public final class BusinessId {

    private static final Pattern FORM = Pattern.compile("\\d{7}-\\d");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2};

    private BusinessId() {
    }

    /** Trims and accepts the old six-digit form by padding it with a leading zero. */
    public static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.matches("\\d{6}-\\d") ? "0" + trimmed : trimmed;
    }

    public static boolean isValid(String text) {
        String id = normalise(text);
        if (id == null || !FORM.matcher(id).matches()) {
            return false;
        }
        return checkDigit(id.substring(0, 7)) == id.charAt(8) - '0';
    }

    /** The check digit of seven digits, or -1 when none exists (weighted sum mod 11 is 1). */
    public static int checkDigit(String sevenDigits) {
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (sevenDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        int remainder = sum % 11;
        return remainder == 1 ? -1 : remainder == 0 ? 0 : 11 - remainder;
    }
}
