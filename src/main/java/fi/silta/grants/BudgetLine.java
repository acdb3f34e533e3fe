package fi.silta.grants;

import java.math.BigDecimal;

/** A line of an application's budget, in euros. */
public record BudgetLine(String description, BigDecimal amount) {
}
