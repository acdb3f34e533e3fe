package fi.silta.web;

import java.math.BigDecimal;

/**
 * An amount of euros as an argument of a message ({@link InvalidInput.FieldError#args(java.util.Locale)}):
 * shown by {@link Formats#money} in the reader's language, so a bundle says "{0}" and never "{0} euroa".
 */
public record Money(BigDecimal euros) {
}
