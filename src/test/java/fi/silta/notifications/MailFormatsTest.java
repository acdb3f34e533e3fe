package fi.silta.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stored instants shown back in Helsinki time, with the weekday, in each language. */
class MailFormatsTest {

    /** 28.3.2027 03:30 does not exist in Helsinki (clocks go forward): Tasklist sends 04:30, and that is what is shown. */
    static final String SHIFTED = "2027-03-28T04:30:00+03:00";

    @Test
    void aStoredInstantIsShownWithItsWeekday() {
        assertThat(new MailFormats("fi").weekdayDateTime(SHIFTED)).isEqualTo("sunnuntaina 28.3.2027 klo 04.30");
        assertThat(new MailFormats("sv").weekdayDateTime(SHIFTED)).isEqualTo("söndag 28.3.2027 kl. 04.30");
        assertThat(new MailFormats("en").weekdayDateTime(SHIFTED)).isEqualTo("Sunday 28 March 2027 at 04:30");
        assertThat(new MailFormats("fi").weekdayDateTime("2027-03-28T01:30:00Z")).as("from UTC").isEqualTo("sunnuntaina 28.3.2027 klo 04.30");
        assertThat(new MailFormats("fi").weekdayDateTime(null)).isEmpty();
    }

    @Test
    void typedTextIsIsolatedSoItCannotTurnTheSentenceAround() {
        assertThat(new MailFormats("fi").isolate("\u0633\u0627\u0631\u0629 Virtanen")).isEqualTo("\u2068\u0633\u0627\u0631\u0629 Virtanen\u2069");
        assertThat(new MailFormats("fi").isolate(null)).isEmpty();
    }
}
