package fi.silta.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** The languages Silta speaks: Finnish first, Swedish and English beside it. */
public final class Locales {

    public static final Locale FINNISH = Locale.forLanguageTag("fi");
    public static final Locale SWEDISH = Locale.forLanguageTag("sv");
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> SUPPORTED = List.of(FINNISH, SWEDISH, ENGLISH);
    /** Deadlines and dates are instants shown and entered in this zone. */
    public static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private Locales() {
    }

    /**
     * A text written in Finnish and optionally Swedish (a round's name, a question, a response) in
     * the reader's language: the Swedish one for a Swedish reader when it is given, else the Finnish one.
     */
    public static String pick(Locale locale, String finnish, String swedish) {
        return "sv".equals(locale.getLanguage()) && swedish != null && !swedish.isBlank() ? swedish : finnish;
    }

    /**
     * The language of what {@link #pick} gives when it differs from the page's (a Finnish text on a
     * Swedish or English page, for its {@code lang} attribute: WCAG 3.1.2), else null.
     */
    public static String pickedLanguage(Locale locale, String swedish) {
        boolean swedishShown = "sv".equals(locale.getLanguage()) && swedish != null && !swedish.isBlank();
        return swedishShown || "fi".equals(locale.getLanguage()) ? null : "fi";
    }

    /** The supported locale for a language tag, Finnish when unknown. */
    public static Locale of(String tag) {
        if (tag == null) {
            return FINNISH;
        }
        String language = Locale.forLanguageTag(tag.replace('_', '-')).getLanguage();
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(language)).findFirst().orElse(FINNISH);
    }
}
