package fi.silta.grants;

import java.math.BigDecimal;
import java.util.List;

/**
 * The scoring decision's answer; every number has two decimals (rounded half up once, by the decision).
 *
 * @param reviewerTotals    each reviewer's weighted total on the scale 0–5, in the order of the sheets
 * @param score             the application's score: the mean of the reviewer totals
 * @param reviewersDisagree the highest and lowest reviewer totals differ by more than the round's threshold
 * @param minimumMet        the score is at least the round's minimum
 */
public record ScoringResult(List<BigDecimal> reviewerTotals, BigDecimal score, boolean reviewersDisagree,
        boolean minimumMet) {

    public ScoringResult {
        reviewerTotals = List.copyOf(reviewerTotals);
    }
}
