package fi.silta.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.MailOutbox;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;

/** A period runs from when the notice left the outbox, and not at all while it has not. */
@SiltaIntegrationTest
class NoticePeriodsTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @Autowired MailOutbox outbox;
    @Autowired OutboxDrainer drainer;
    @Autowired NoticePeriods notices;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aNoticeStillInTheOutboxStartsNoPeriodAndOneThatLeftADayLateStartsItADayLate() {
        // queued on Monday 1 March 2027
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-03-01T13:00:00Z")));
        long id = outbox.enqueue("contact-verified", "paatos-" + System.nanoTime() + "@test.example", "fi",
                Map.of("contactName", "Aino", "organisationName", "Testiyhdistys", "caseReference", "YH-2027-0001"), "YH-2027-0001");
        assertThat(notices.leftOutboxAt(id)).isEmpty();
        assertThat(notices.fromMail(id, true, 14)).isEmpty();

        // SMTP was down on Monday; it left on Tuesday 2 March
        drainer.drain();
        jdbc.sql("update mail_outbox set sent_at = ? where id = ?")
                .params(java.time.OffsetDateTime.parse("2027-03-02T10:00:00+02:00"), id).update();
        assertThat(notices.leftOutboxAt(id)).contains(Instant.parse("2027-03-02T08:00:00Z"));
        Deadlines.Period electronic = notices.fromMail(id, true, 14).orElseThrow();
        assertThat(electronic.receivedOn()).isEqualTo(LocalDate.of(2027, 3, 5));
        assertThat(electronic.lastDay()).isEqualTo(LocalDate.of(2027, 3, 19));
        Deadlines.Period letter = notices.fromMail(id, false, 14).orElseThrow();
        assertThat(letter.receivedOn()).isEqualTo(LocalDate.of(2027, 3, 9));
        assertThat(letter.lastDay()).isEqualTo(LocalDate.of(2027, 3, 23));
    }
}
