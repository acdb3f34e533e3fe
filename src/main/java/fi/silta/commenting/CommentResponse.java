package fi.silta.commenting;

import java.time.OffsetDateTime;
import java.util.Locale;

import fi.silta.web.Locales;

/**
 * The county's response (vastine) to the comments on a question ({@code answerId} 0, per theme) or
 * to one answer's comment on it.
 */
public record CommentResponse(long roundId, String questionKey, long answerId, String responseFi, String responseSv,
        String writtenBy, OffsetDateTime writtenAt) {

    public static final long THEME = 0;

    public String text(Locale locale) {
        return Locales.pick(locale, responseFi, responseSv);
    }
}
