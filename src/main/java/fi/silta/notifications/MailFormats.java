package fi.silta.notifications;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import fi.silta.web.Locales;

/** Formatting helpers for mail templates ({@code ${formats.dateTime(moreInfoDueAt)}}), in Helsinki time. */
public class MailFormats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d.M.yyyy 'klo' HH.mm");
    private static final DateTimeFormatter DATE_TIME_SV = DateTimeFormatter.ofPattern("d.M.yyyy 'kl.' HH.mm");
    private static final DateTimeFormatter DATE_TIME_EN = DateTimeFormatter.ofPattern("d.M.yyyy 'at' HH:mm");
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE d.M.yyyy 'klo' HH.mm", Locales.FINNISH);
    private static final DateTimeFormatter WEEKDAY_SV = DateTimeFormatter.ofPattern("EEEE d.M.yyyy 'kl.' HH.mm",
            java.util.Locale.forLanguageTag("sv"));
    private static final DateTimeFormatter WEEKDAY_EN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm",
            java.util.Locale.ENGLISH);
    private final String language;

    public MailFormats(String language) {
        this.language = language;
    }

    /** An ISO 8601 instant (as timers take it) as a Helsinki date and time in the reader's language. */
    public String dateTime(String iso) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        DateTimeFormatter format = switch (language) {
            case "sv" -> DATE_TIME_SV;
            case "en" -> DATE_TIME_EN;
            default -> DATE_TIME;
        };
        return OffsetDateTime.parse(iso).atZoneSameInstant(Locales.HELSINKI).format(format);
    }

    /**
     * The same with the day of the week ("sunnuntaina 28.3.2027 klo 04.30"), for showing a stored
     * instant back to the one who typed it, so that a time the browser moved is seen.
     */
    public String weekdayDateTime(String iso) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        DateTimeFormatter format = switch (language) {
            case "sv" -> WEEKDAY_SV;
            case "en" -> WEEKDAY_EN;
            default -> WEEKDAY;
        };
        return OffsetDateTime.parse(iso).atZoneSameInstant(Locales.HELSINKI).format(format);
    }

    /**
     * Text someone typed (a name, a note), between FSI (U+2068) and PDI (U+2069): whatever writing
     * direction it holds stays inside, so a name cannot turn the greeting or the sentence around it.
     */
    public String isolate(Object text) {
        return text == null ? "" : "\u2068" + text + "\u2069";
    }
}
