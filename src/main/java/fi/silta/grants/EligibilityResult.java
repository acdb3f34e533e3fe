package fi.silta.grants;

import java.util.List;

/**
 * The eligibility decision's answer: the reason codes of every rule that hit, in the table's order
 * (texts for people: {@code grants.eligibility.reason.<code>}); eligible when there are none. It is a
 * proposal: the coordinator confirms it or overrides it with a reason.
 */
public record EligibilityResult(boolean eligible, List<String> reasons) {

    public EligibilityResult {
        reasons = List.copyOf(reasons);
        if (eligible != reasons.isEmpty()) {
            throw new IllegalArgumentException("eligible exactly when there are no reasons: " + reasons);
        }
    }

    public static EligibilityResult of(List<String> reasons) {
        return new EligibilityResult(reasons.isEmpty(), reasons);
    }
}
