package fi.silta.support;

import java.util.concurrent.ThreadLocalRandom;

import fi.silta.organisations.BusinessId;

/** Valid business ids (Y-tunnus) no test has used before: the database may be shared between runs. */
public final class TestBusinessIds {

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
            int check = BusinessId.checkDigit(digits);
            if (check >= 0) {
                return digits + "-" + check;
            }
        }
    }
}
