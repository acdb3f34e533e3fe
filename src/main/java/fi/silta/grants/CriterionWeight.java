package fi.silta.grants;

import java.math.BigDecimal;

/**
 * A published criterion of a grant round and its weight in percent (round data, frozen when the call opens).
 */
public record CriterionWeight(String name, BigDecimal weight) {
}
