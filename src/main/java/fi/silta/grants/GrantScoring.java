package fi.silta.grants;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Scores an application from its reviewers' score sheets with the decision {@code grantScoring}
 * ({@code processes/grantScoring.dmn}): the rules that apply to every round (weighted totals on the scale 0–5,
 * the application's score, disagreement, the minimum).
 *
 * <p>Numbers stay exact: the sheets go to FEEL as {@link BigDecimal} (FEEL computes in decimal), the decision
 * rounds each published figure half up to two decimals, and its result comes back as JSON text that is read with
 * {@link BigDecimal} ({@code "2.9"} → 2.90), never through a {@code double} calculation.
 */
@Service
public class GrantScoring {

    public static final String DECISION = "grantScoring";
    static final int SCALE = 2;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final DecisionService decisions;

    public GrantScoring(DecisionService decisions) {
        this.decisions = decisions;
    }

    /**
     * Checks the sheets and the round's figures ({@link GrantRules#checkReviews};
     * {@link fi.silta.web.InvalidInput} when any rule is broken), then evaluates the decision.
     */
    public ScoringResult score(List<ReviewSheet> reviews, BigDecimal minimumScore, BigDecimal disagreementThreshold) {
        GrantRules.checkReviews(reviews, minimumScore, disagreementThreshold);
        List<List<Map<String, Object>>> sheets = reviews.stream()
                .map(sheet -> sheet.scores().stream()
                        .<Map<String, Object>>map(row -> Map.of("criterion", row.criterion().strip(), "weight", row.weight(),
                                "score", row.score()))
                        .toList())
                .toList();
        TypedValue result = decisions.evaluateDecisionByKey(DECISION)
                .variables(Map.of("reviews", sheets, "minimumScore", minimumScore,
                        "disagreementThreshold", disagreementThreshold))
                .evaluate().getSingleResult().getSingleEntryTyped();
        return read(json(result), reviews.size());
    }

    static String json(TypedValue result) {
        if (result instanceof SerializableValue serializable && serializable.getValueSerialized() != null) {
            return serializable.getValueSerialized();
        }
        if (result != null && result.getValue() != null) {
            return result.getValue().toString(); // a Spin JSON node prints as JSON
        }
        throw new IllegalStateException(DECISION + " did not give a JSON result: " + result);
    }

    static ScoringResult read(String json, int reviewers) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(DECISION + " gave unreadable JSON: " + json, e);
        }
        JsonNode totals = node.path("reviewerTotals");
        if (!totals.isArray() || totals.size() != reviewers) {
            throw new IllegalStateException(DECISION + " gave no reviewer total for each of " + reviewers + " sheets: " + json);
        }
        List<BigDecimal> reviewerTotals = new ArrayList<>(reviewers);
        totals.forEach(total -> reviewerTotals.add(number(total, "reviewerTotals", json)));
        return new ScoringResult(reviewerTotals, number(node.path("score"), "score", json),
                bool(node.path("reviewersDisagree"), "reviewersDisagree", json),
                bool(node.path("minimumMet"), "minimumMet", json));
    }

    private static BigDecimal number(JsonNode node, String name, String json) {
        if (!node.isNumber()) {
            throw new IllegalStateException(DECISION + " gave no number for " + name + ": " + json);
        }
        // exact decimal text of the JSON; already two decimals when the decision rounded it
        return node.decimalValue().setScale(SCALE, RoundingMode.HALF_UP);
    }

    private static boolean bool(JsonNode node, String name, String json) {
        if (!node.isBoolean()) {
            throw new IllegalStateException(DECISION + " gave no true/false for " + name + ": " + json);
        }
        return node.booleanValue();
    }
}
