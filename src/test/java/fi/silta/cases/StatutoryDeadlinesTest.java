package fi.silta.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fi.silta.cases.Deadlines.Notice;
import fi.silta.cases.Deadlines.Period;
import fi.silta.web.Locales;

/** Statutory time limits: 13/2003 19 §, hallintolaki 59 §, laki 150/1930 5 §. */
class StatutoryDeadlinesTest {

    private final Deadlines deadlines = new Deadlines(Clock.systemUTC());

    private static Optional<Instant> leftAt(String helsinkiLocal) {
        return Optional.of(java.time.LocalDateTime.parse(helsinkiLocal).atZone(Locales.HELSINKI).toInstant());
    }

    @Test
    void electronicNoticeSentOnTheThursdayBeforeEaster2026CountsAsReceivedOnEasterSunday() {
        Optional<Instant> maundyThursday = leftAt("2026-04-02T14:00");
        assertThat(deadlines.receivedOn(maundyThursday, Notice.ELECTRONIC)).contains(LocalDate.of(2026, 4, 5));
        // a one-day period would end on Easter Monday: moved to Tuesday
        Period oneDay = deadlines.periodFromNotice(maundyThursday, Notice.ELECTRONIC, 1).orElseThrow();
        assertThat(oneDay.lastDay()).isEqualTo(LocalDate.of(2026, 4, 7));
        // the 30-day rectification period runs from Easter Monday and ends on Tuesday 5 May
        Period thirty = deadlines.periodFromNotice(maundyThursday, Notice.ELECTRONIC, 30).orElseThrow();
        assertThat(thirty.lastDay()).isEqualTo(LocalDate.of(2026, 5, 5));
        assertThat(thirty.passesAtIso()).isEqualTo("2026-05-06T00:00:00+03:00");
    }

    /** The 14-day rectification period of a decision mailed to a contact who consented to electronic notice. */
    @ParameterizedTest(name = "sent {0}: received {1}, last day {2}")
    @CsvSource({
            // received on Easter Sunday; 14 days end on Sunday 19 April, moved to Monday 20 April
            "2026-04-02T10:00, 2026-04-05, 2026-04-20",
            // the last day is Midsummer Eve, Friday 19 June; Midsummer Day and Sunday follow: Monday 22 June
            "2026-06-02T10:00, 2026-06-05, 2026-06-22",
            // the last day is Christmas Eve, Thursday 24 December; Christmas, St Stephen's Day, Sunday: Monday 28 December
            "2026-12-07T10:00, 2026-12-10, 2026-12-28"})
    void theRectificationPeriodOfADecisionEndsOnAWorkingDay(String sent, LocalDate received, LocalDate lastDay) {
        assertThat(deadlines.receivedOn(leftAt(sent), Notice.ELECTRONIC)).contains(received);
        Period period = deadlines.periodFromNotice(leftAt(sent), Notice.ELECTRONIC, 14).orElseThrow();
        assertThat(period.lastDay()).isEqualTo(lastDay);
        assertThat(period.passesAt()).isEqualTo(lastDay.plusDays(1).atStartOfDay(Locales.HELSINKI));
    }

    @Test
    void aLetterCountsAsReceivedOnTheSeventhDayAfterSending() {
        assertThat(deadlines.receivedOn(leftAt("2026-04-02T14:00"), Notice.LETTER)).contains(LocalDate.of(2026, 4, 9));
        assertThat(Notice.forConsent(false)).isEqualTo(Notice.LETTER);
        assertThat(Notice.forConsent(true)).isEqualTo(Notice.ELECTRONIC);
    }

    @Test
    void aPeriodEndingOnMidsummerEveMovesToTheNextWorkingDay() {
        // received Friday 11 June 2027; 14 days → Midsummer Eve Friday 25 June; Saturday is Midsummer Day
        Period period = deadlines.period(LocalDate.of(2027, 6, 11), 14);
        assertThat(period.lastDay()).isEqualTo(LocalDate.of(2027, 6, 28));
        assertThat(period.lastDay().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    }

    @Test
    void aPeriodEndingOnIndependenceDay2027AMondayEndsOnTuesday() {
        Period period = deadlines.period(LocalDate.of(2027, 11, 22), 14);
        assertThat(period.lastDay()).isEqualTo(LocalDate.of(2027, 12, 7));
        assertThat(period.passesAt()).isEqualTo(ZonedDateTime.of(2027, 12, 8, 0, 0, 0, 0, Locales.HELSINKI));
    }

    @Test
    void aPeriodEndingOnChristmasEveMovesPastChristmasAndTheWeekend() {
        // Thursday 24 December 2026, Christmas Day, St Stephen's Day (Saturday), Sunday → Monday 28th
        assertThat(deadlines.period(LocalDate.of(2026, 12, 10), 14).lastDay()).isEqualTo(LocalDate.of(2026, 12, 28));
    }

    @Test
    void aPeriodCrossingNewYearAndEndingOnNewYearsDay() {
        // received 18 December 2026; 14 days → Friday 1 January 2027 → Monday 4 January
        assertThat(deadlines.period(LocalDate.of(2026, 12, 18), 14).lastDay()).isEqualTo(LocalDate.of(2027, 1, 4));
        // crossing the year onto a working day stays where it falls
        assertThat(deadlines.period(LocalDate.of(2027, 12, 20), 14).lastDay()).isEqualTo(LocalDate.of(2028, 1, 3));
    }

    @Test
    void aPeriodEndingOnMayDayMovesOn() {
        // Saturday 1 May 2027 → Sunday → Monday 3 May
        assertThat(deadlines.period(LocalDate.of(2027, 4, 17), 14).lastDay()).isEqualTo(LocalDate.of(2027, 5, 3));
        // Friday 1 May 2026 → Monday 4 May
        assertThat(deadlines.period(LocalDate.of(2026, 4, 17), 14).lastDay()).isEqualTo(LocalDate.of(2026, 5, 4));
    }

    @Test
    void aMailThatLeftTheOutboxADayLateMovesEverythingByADay() {
        Optional<Instant> onTime = leftAt("2027-03-01T15:00");
        Optional<Instant> dayLate = leftAt("2027-03-02T10:00");
        assertThat(deadlines.receivedOn(onTime, Notice.ELECTRONIC)).contains(LocalDate.of(2027, 3, 4));
        assertThat(deadlines.receivedOn(dayLate, Notice.ELECTRONIC)).contains(LocalDate.of(2027, 3, 5));
        assertThat(deadlines.periodFromNotice(onTime, Notice.ELECTRONIC, 14).orElseThrow().lastDay()).isEqualTo(LocalDate.of(2027, 3, 18));
        assertThat(deadlines.periodFromNotice(dayLate, Notice.ELECTRONIC, 14).orElseThrow().lastDay()).isEqualTo(LocalDate.of(2027, 3, 19));
    }

    @Test
    void aMailThatNeverLeftNotifiedNobody() {
        assertThat(deadlines.receivedOn(Optional.empty(), Notice.ELECTRONIC)).isEmpty();
        assertThat(deadlines.periodFromNotice(Optional.empty(), Notice.LETTER, 30)).isEmpty();
    }

    @Test
    void theSendingDayIsTheDayInHelsinkiNotInUtc() {
        // 23.30 UTC on 1 March is 01.30 on 2 March in Helsinki
        Optional<Instant> lateNight = Optional.of(Instant.parse("2027-03-01T23:30:00Z"));
        assertThat(deadlines.receivedOn(lateNight, Notice.ELECTRONIC)).contains(LocalDate.of(2027, 3, 5));
    }

    @Test
    void aPeriodHasAtLeastOneDay() {
        assertThatThrownBy(() -> deadlines.period(LocalDate.of(2027, 3, 1), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "Easter {0}: Good Friday {1}, Easter Monday {2}, Ascension {3}")
    @CsvSource({
            "2026, 2026-04-03, 2026-04-06, 2026-05-14",
            "2027, 2027-03-26, 2027-03-29, 2027-05-06",
            "2028, 2028-04-14, 2028-04-17, 2028-05-25",
            "2029, 2029-03-30, 2029-04-02, 2029-05-10",
            "2030, 2030-04-19, 2030-04-22, 2030-05-30" })
    void easterHolidaysAreNotWorkingDays(int year, LocalDate goodFriday, LocalDate easterMonday, LocalDate ascension) {
        assertThat(deadlines.isWorkingDay(goodFriday)).isFalse();
        assertThat(deadlines.isWorkingDay(easterMonday)).isFalse();
        assertThat(deadlines.isWorkingDay(ascension)).isFalse();
        assertThat(deadlines.isWorkingDay(goodFriday.minusDays(1))).as("Maundy Thursday %d", year).isTrue();
        assertThat(deadlines.isWorkingDay(easterMonday.plusDays(1))).as("Tuesday after Easter %d", year).isTrue();
        // a period whose last day would be Good Friday ends on the Tuesday after Easter
        assertThat(deadlines.period(goodFriday.minusDays(10), 10).lastDay()).isEqualTo(easterMonday.plusDays(1));
    }

    @Test
    void ordinaryWeekdaysAreWorkingDaysAndWeekendsAreNot() {
        assertThat(deadlines.isWorkingDay(LocalDate.of(2027, 3, 3))).isTrue();
        assertThat(deadlines.isWorkingDay(LocalDate.of(2027, 3, 6))).isFalse();
        assertThat(deadlines.isWorkingDay(LocalDate.of(2027, 3, 7))).isFalse();
        assertThat(deadlines.isWorkingDay(LocalDate.of(2027, 1, 6))).as("Epiphany").isFalse();
        assertThat(deadlines.isWorkingDay(LocalDate.of(2026, 10, 31))).as("All Saints' Day").isFalse();
    }
}
