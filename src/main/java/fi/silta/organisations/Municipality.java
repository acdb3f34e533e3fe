package fi.silta.organisations;

import java.util.Locale;

public record Municipality(String code, String nameFi, String nameSv, String countyCode, Integer population) {

    /** The name in the reader's language: Swedish readers get the Swedish name. */
    public String name(Locale locale) {
        return "sv".equals(locale.getLanguage()) ? nameSv : nameFi;
    }
}
