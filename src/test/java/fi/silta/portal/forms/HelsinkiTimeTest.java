package fi.silta.portal.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelsinkiTimeTest {

    @Test
    void datesInBothForms() {
        assertThat(HelsinkiTime.date("2026-03-29").value()).isEqualTo(LocalDate.of(2026, 3, 29));
        assertThat(HelsinkiTime.date("29.3.2026").value()).isEqualTo(LocalDate.of(2026, 3, 29));
        assertThat(HelsinkiTime.date(" 01.12.2026 ").value()).isEqualTo(LocalDate.of(2026, 12, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"31.2.2026", "2026-13-01", "29/3/2026", "huomenna", "", "29.3.26"})
    void refusesWrongDates(String text) {
        assertThat(HelsinkiTime.date(text).problem()).isEqualTo(HelsinkiTime.Problem.FORMAT);
    }

    @Test
    void times() {
        assertThat(HelsinkiTime.time("14.30").value()).isEqualTo(LocalTime.of(14, 30));
        assertThat(HelsinkiTime.time("9:05").value()).isEqualTo(LocalTime.of(9, 5));
        assertThat(HelsinkiTime.time("24.00").problem()).isEqualTo(HelsinkiTime.Problem.FORMAT);
    }

    @Test
    void dateTimesGetTheHelsinkiOffsetOfTheirDay() {
        assertThat(HelsinkiTime.dateTime("2026-01-15T14:30").value()).isEqualTo(OffsetDateTime.parse("2026-01-15T14:30+02:00"));
        assertThat(HelsinkiTime.dateTime("15.6.2026 14.30").value()).isEqualTo(OffsetDateTime.parse("2026-06-15T14:30+03:00"));
        assertThat(HelsinkiTime.dateTime("15.6.2026 klo 9.00").value()).isEqualTo(OffsetDateTime.parse("2026-06-15T09:00+03:00"));
        assertThat(HelsinkiTime.dateTime("2026-06-15 09:00").value()).isEqualTo(OffsetDateTime.parse("2026-06-15T09:00+03:00"));
        assertThat(HelsinkiTime.dateTime("15.6.2026").problem()).isEqualTo(HelsinkiTime.Problem.FORMAT);
    }

    @Test
    void springForwardGapIsRefused() {
        // 29 March 2026: clocks go from 03:00 to 04:00 in Helsinki
        assertThat(HelsinkiTime.dateTime("2026-03-29T03:30").problem()).isEqualTo(HelsinkiTime.Problem.NONEXISTENT);
        assertThat(HelsinkiTime.dateTime("29.3.2026 3.00").problem()).isEqualTo(HelsinkiTime.Problem.NONEXISTENT);
        assertThat(HelsinkiTime.dateTime("29.3.2026 2.59").value()).isEqualTo(OffsetDateTime.parse("2026-03-29T02:59+02:00"));
        assertThat(HelsinkiTime.dateTime("29.3.2026 4.00").value()).isEqualTo(OffsetDateTime.parse("2026-03-29T04:00+03:00"));
    }

    @Test
    void fallBackOverlapIsRefused() {
        // 25 October 2026: clocks go from 04:00 back to 03:00, so 03:00–03:59 happen twice
        assertThat(HelsinkiTime.dateTime("2026-10-25T03:30").problem()).isEqualTo(HelsinkiTime.Problem.AMBIGUOUS);
        assertThat(HelsinkiTime.dateTime("25.10.2026 2.59").value()).isEqualTo(OffsetDateTime.parse("2026-10-25T02:59+03:00"));
        assertThat(HelsinkiTime.dateTime("25.10.2026 4.00").value()).isEqualTo(OffsetDateTime.parse("2026-10-25T04:00+02:00"));
    }
}
