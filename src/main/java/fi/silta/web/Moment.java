package fi.silta.web;

import java.time.Instant;

/**
 * An instant as an argument of a message ({@link InvalidInput.FieldError#args(java.util.Locale)}): shown
 * by {@link Formats#dateTime} in Helsinki time and the reader's language ("2.3.2026 klo 10.00").
 */
public record Moment(Instant at) {
}
