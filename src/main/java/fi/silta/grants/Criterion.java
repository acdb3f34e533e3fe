package fi.silta.grants;

import java.math.BigDecimal;
import java.util.Locale;

import fi.silta.web.Locales;

/** A scoring criterion of a round and its weight (percent; a round's weights add up to 100). */
public record Criterion(long id, long roundId, int position, String nameFi, String nameSv, BigDecimal weight) {

    public String name(Locale locale) {
        return Locales.pick(locale, nameFi, nameSv);
    }
}
