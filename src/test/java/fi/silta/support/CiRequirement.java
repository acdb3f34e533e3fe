package fi.silta.support;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need something outside the JVM (PostgreSQL, a browser): on a newcomer's machine
 * they are skipped with the reason printed; under CI=true they must run, so a missing
 * prerequisite fails instead.
 */
public final class CiRequirement {

    private CiRequirement() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    public static void require(boolean available, String reason) {
        if (available) {
            return;
        }
        if (inCi()) {
            Assertions.fail("CI=true and this test cannot run: " + reason);
        }
        System.out.println("[SKIPPED] " + reason);
        Assumptions.abort(reason);
    }
}
