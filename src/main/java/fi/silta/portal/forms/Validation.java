package fi.silta.portal.forms;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A component's {@code validate} block: {@code required}, {@code minLength}, {@code maxLength},
 * {@code min}, {@code max}, {@code pattern} (matched anywhere in the value, as form-js does with
 * {@code RegExp.test}; anchor it with ^…$ for a full match) and {@code validationType}
 * ({@code email} or {@code phone}).
 */
public record Validation(boolean required, Integer minLength, Integer maxLength, BigDecimal min, BigDecimal max,
        Pattern pattern, String validationType) {

    public static final Validation NONE = new Validation(false, null, null, null, null, null, null);
}
