package fi.silta.grants;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Service;

/**
 * Is an application eligible? Asks the decision table {@code grantEligibility}
 * ({@code processes/grantEligibility.dmn}), which staff can change without a release: every rule that hits gives a
 * reason code. The answer is a proposal for the coordinator, who confirms it or overrides it with a reason.
 */
@Service
public class GrantEligibility {

    public static final String DECISION = "grantEligibility";
    static final String REASON = "reason";
    private static final String REASON_KEY_PREFIX = "grants.eligibility.reason.";

    private final DecisionService decisions;

    public GrantEligibility(DecisionService decisions) {
        this.decisions = decisions;
    }

    /**
     * Checks the input ({@link GrantRules#checkEligibility}; {@link fi.silta.web.InvalidInput} when it breaks a
     * rule), then evaluates the decision. Reasons come in the table's order, each once.
     */
    public EligibilityResult evaluate(EligibilityInput input) {
        GrantRules.checkEligibility(input);
        Map<String, Object> variables = new HashMap<>();
        variables.put("organisationType", input.organisationType().name());
        variables.put("actsInCounty", input.actsInCounty());
        variables.put("amountRequested", input.amountRequested());
        variables.put("maxAmount", input.maxAmount());
        variables.put("otherApplicationsInRound", input.otherApplicationsInRound());
        variables.put("multipleApplicationsAllowed", input.multipleApplicationsAllowed());
        variables.put("overdueUseOfFundsReport", input.overdueUseOfFundsReport());
        DmnDecisionResult result = decisions.evaluateDecisionByKey(DECISION).variables(variables).evaluate();
        List<String> reasons = result.<Object>collectEntries(REASON).stream()
                .filter(Objects::nonNull).map(Object::toString).distinct().toList();
        return EligibilityResult.of(reasons);
    }

    /** The message key of a reason's text for people: {@code grants.eligibility.reason.<code>}. */
    public static String reasonMessageKey(String code) {
        return REASON_KEY_PREFIX + code;
    }
}
