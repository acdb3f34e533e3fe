package fi.silta.web;

import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A message where the reader's language is not known (Tasklist, engine errors): Finnish first,
 * Swedish and English beside it, from the bundles.
 */
@Component
public class TriLingual {

    private final MessageSource messages;

    public TriLingual(MessageSource messages) {
        this.messages = messages;
    }

    /** Every error of the input, each in Finnish, Swedish and English. */
    public String text(InvalidInput invalid) {
        return invalid.errors().stream().map(e -> Locales.SUPPORTED.stream()
                .map(locale -> messages.getMessage(e.messageKey(), e.args(locale), locale))
                .collect(Collectors.joining(" / "))).collect(Collectors.joining("\n"));
    }

    public String text(String key, Object... args) {
        return Locales.SUPPORTED.stream().map(locale -> messages.getMessage(key, args, locale))
                .collect(Collectors.joining(" / "));
    }

    /**
     * Every error of refused input after its field's name, in the reader's language only: for
     * Silta's own pages, whose reader's language is known (Tasklist's refusals stay in all three).
     */
    public String inLanguage(InvalidInput invalid, String fieldKeyPrefix, java.util.Locale locale) {
        return invalid.errors().stream()
                .map(e -> messages.getMessage(fieldKeyPrefix + e.field(), null, e.field(), locale) + ": "
                        + messages.getMessage(e.messageKey(), e.args(locale), locale))
                .collect(Collectors.joining(" "));
    }

    /**
     * Every error of refused input, each after its field's name ({@code fieldKeyPrefix + field} in
     * the bundles, the field itself when missing): "Määräraha: … / Anslag: … / Budget: …".
     */
    public String text(InvalidInput invalid, String fieldKeyPrefix) {
        return Locales.SUPPORTED.stream().map(locale -> inLanguage(invalid, fieldKeyPrefix, locale)).collect(Collectors.joining(" / "));
    }
}
