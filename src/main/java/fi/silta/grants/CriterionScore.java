package fi.silta.grants;

import java.math.BigDecimal;

/**
 * One row of a reviewer's score sheet.
 *
 * @param criterion     the criterion's name, as published in the call
 * @param weight        its weight in percent (round data; the weights of a sheet add up to 100)
 * @param score         the reviewer's score, an integer on the scale 0–5
 * @param justification why this score (required)
 */
public record CriterionScore(String criterion, BigDecimal weight, BigDecimal score, String justification) {

    /** The criterion and weight this row was scored against. */
    public CriterionWeight asCriterion() {
        return new CriterionWeight(criterion, weight);
    }
}
