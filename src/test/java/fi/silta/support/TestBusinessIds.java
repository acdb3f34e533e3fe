package fi.silta.support;

import java.util.concurrent.ThreadLocalRandom;

/** Valid business ids (Y-tunnus) no test has used before: the database may be shared between runs. */
public final class TestBusinessIds {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2};

    private TestBusinessIds() {
    }

    public static String unique() {
        return withFirstDigit(1 + ThreadLocalRandom.current().nextInt(9));
    }

    /** One whose seven digits start with 0 (written in the old six-digit form, it gains the 0 back). */
    public static String uniqueWithLeadingZero() {
        return withFirstDigit(0);
    }

    private static String withFirstDigit(int first) {
        while (true) {
            String digits = first + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
            int sum = 0;
            for (int i = 0; i < 7; i++) {
                sum += (digits.charAt(i) - '0') * WEIGHTS[i];
            }
            int remainder = sum % 11;
            if (remainder != 1) {
                return digits + "-" + (remainder == 0 ? 0 : 11 - remainder);
            }
        }
    }
}
