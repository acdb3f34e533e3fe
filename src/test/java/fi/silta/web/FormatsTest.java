package fi.silta.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Money, scores and times as people write them, in each language; stored instants shown back in Helsinki time. */
class FormatsTest {

    /** 28.3.2027 03:30 does not exist in Helsinki (clocks go forward): Tasklist sends 04:30, and that is what is shown. */
    static final String SHIFTED = "2027-03-28T04:30:00+03:00";

    @Test
    void aStoredInstantIsShownWithItsWeekday() {
        assertThat(new Formats("fi").weekdayDateTime(SHIFTED)).isEqualTo("sunnuntaina 28.3.2027 klo 04.30");
        assertThat(new Formats("sv").weekdayDateTime(SHIFTED)).isEqualTo("söndag 28.3.2027 kl. 04.30");
        assertThat(new Formats("en").weekdayDateTime(SHIFTED)).isEqualTo("Sunday 28 March 2027 at 04:30");
        assertThat(new Formats("fi").weekdayDateTime("2027-03-28T01:30:00Z")).as("from UTC").isEqualTo("sunnuntaina 28.3.2027 klo 04.30");
        assertThat(new Formats("fi").weekdayDateTime(null)).isEmpty();
    }

    @Test
    void typedTextIsIsolatedSoItCannotTurnTheSentenceAround() {
        assertThat(new Formats("fi").isolate("\u0633\u0627\u0631\u0629 Virtanen")).isEqualTo("\u2068\u0633\u0627\u0631\u0629 Virtanen\u2069");
        assertThat(new Formats("fi").isolate(null)).isEmpty();
    }

    @Test
    void moneyAsPeopleWriteIt() {
        assertThat(new Formats("fi").money(new java.math.BigDecimal("1234567.89"))).isEqualTo("1\u00a0234\u00a0567,89\u00a0€");
        assertThat(new Formats("sv").money("10000")).isEqualTo("10\u00a0000,00\u00a0€");
        assertThat(new Formats("en").money("10000")).isEqualTo("€10,000.00");
        assertThat(new Formats("fi").money("-12.5")).isEqualTo("\u221212,50\u00a0€");
        assertThat(new Formats("en").money(-12.5)).isEqualTo("\u2212€12.50");
        assertThat(new Formats("fi").money(null)).isEmpty();
        assertThat(new Formats("fi").euros("50000.00")).isEqualTo("50\u00a0000\u00a0€");
        assertThat(new Formats("fi").euros("1234.5")).isEqualTo("1\u00a0234,50\u00a0€");
        assertThat(new Formats("en").euros(50000)).isEqualTo("€50,000");
    }

    @Test
    void scoresAndNumbers() {
        assertThat(new Formats("fi").score("3.5")).isEqualTo("3,50");
        assertThat(new Formats("sv").score(4.7)).isEqualTo("4,70");
        assertThat(new Formats("en").score("3.5")).isEqualTo("3.50");
        assertThat(new Formats("fi").number("33.50", 2)).isEqualTo("33,5");
        assertThat(new Formats("fi").number("40", 2)).isEqualTo("40");
        assertThat(new Formats("fi").number("1234", 0)).isEqualTo("1\u00a0234");
    }

    @Test
    void timesInHelsinkiInEachLanguage() {
        String iso = "2026-12-10T16:00:00+02:00";
        assertThat(new Formats("fi").dateTime(iso)).isEqualTo("10.12.2026 klo 16.00");
        assertThat(new Formats("sv").dateTime(iso)).isEqualTo("10.12.2026 kl. 16.00");
        assertThat(new Formats("en").dateTime(iso)).isEqualTo("10 Dec 2026 at 16:00");
        assertThat(new Formats("fi").dateTime(java.time.Instant.parse("2026-12-10T14:00:00Z"))).isEqualTo("10.12.2026 klo 16.00");
        assertThat(new Formats("fi").dateTime(java.util.Date.from(java.time.Instant.parse("2026-06-10T13:00:00Z"))))
                .as("summer time").isEqualTo("10.6.2026 klo 16.00");
        assertThat(new Formats("fi").date(iso)).isEqualTo("10.12.2026");
        assertThat(new Formats("en").date(java.time.LocalDate.of(2026, 12, 10))).isEqualTo("10 Dec 2026");
        assertThat(new Formats(java.util.Locale.forLanguageTag("de")).dateTime(iso)).as("another language reads Finnish")
                .isEqualTo("10.12.2026 klo 16.00");
    }
}
