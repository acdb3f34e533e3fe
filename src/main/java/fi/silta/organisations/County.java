package fi.silta.organisations;

import java.util.Locale;

public record County(String code, String nameFi, String nameSv) {

    public String name(Locale locale) {
        return "sv".equals(locale.getLanguage()) ? nameSv : nameFi;
    }
}
