package fi.silta.grants;

import java.math.BigDecimal;

/**
 * A published criterion of a grant round and its weight in percent (round data, frozen when the call opens).
 */
public record Criterion(String name, BigDecimal weight) {
}
