package fi.silta.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.support.Mails;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/** One outbox: nothing is lost when SMTP fails, a mail that keeps failing is visible and can be resent. */
@SiltaIntegrationTest
class MailOutboxTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired MailOutbox outbox;
    @Autowired OutboxDrainer drainer;
    @Autowired OutboxHealthIndicator health;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcClient jdbc;

    Instant now = Instant.parse("2026-11-23T08:00:00Z");
    String recipient;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(now));
        recipient = "outbox-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    @Test
    void mailIsKeptWhileSmtpIsDownAndGoesOutWhenItIsBack() {
        greenMail.stop();
        long id = enqueue();
        drainer.drain();
        OutboxMail waiting = outbox.find(id).orElseThrow();
        assertThat(waiting.status()).isEqualTo(OutboxMail.Status.PENDING);
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.lastError()).isNotBlank();

        greenMail.start();
        drainer.drain();
        assertThat(outbox.find(id).orElseThrow().status()).as("not due before its back-off").isEqualTo(OutboxMail.Status.PENDING);
        advance(31);
        drainer.drain();
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(Mails.to(greenMail, recipient)).singleElement()
                .satisfies(mail -> assertThat(mail.subject()).isEqualTo("Voit nyt asioida järjestön Kerho puolesta"));
    }

    @Test
    void backOffDoublesUpToItsLimit() {
        assertThat(drainer.backoff(1)).hasSeconds(30);
        assertThat(drainer.backoff(2)).hasSeconds(60);
        assertThat(drainer.backoff(3)).hasSeconds(120);
        assertThat(drainer.backoff(30)).hasHours(1);
    }

    @Test
    void mailThatKeepsFailingIsVisibleAndCanBeSentAgain() {
        greenMail.stop();
        long id = enqueue();
        for (int attempt = 1; attempt <= 3; attempt++) {
            drainer.drain();
            advance(3600);
        }
        OutboxMail failed = outbox.find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(OutboxMail.Status.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        long failedBefore = outbox.count(OutboxMail.Status.FAILED);
        drainer.drain();
        assertThat(outbox.find(id).orElseThrow().attempts()).as("a failed mail is not tried again by itself").isEqualTo(3);

        StaffClient admin = new StaffClient(port);
        admin.signIn("ilkka.jarvinen", "silta-demo");
        String page = admin.get("/staff/mail?status=FAILED").body();
        assertThat(page).contains(recipient, "Epäonnistui");
        assertThat(admin.postWithCsrfOf("/staff/mail", "/staff/mail/" + id + "/resend", "").statusCode()).isEqualTo(302);

        greenMail.start();
        drainer.drain();
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(Mails.to(greenMail, recipient)).hasSize(1);
        // other tests share the database: the health follows the count of failed mails, ours no longer among them
        long failedAfter = outbox.count(OutboxMail.Status.FAILED);
        assertThat(failedAfter).isEqualTo(failedBefore - 1);
        assertThat(health.health().getStatus()).isEqualTo(failedAfter == 0 ? Status.UP : Status.OUT_OF_SERVICE);
        assertThat(health.health().getDetails()).containsEntry("failed", failedAfter);
    }

    @Test
    void mailOfARolledBackTransactionIsNeverSent() {
        transactions.executeWithoutResult(status -> {
            enqueue();
            status.setRollbackOnly();
        });
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = ?").param(recipient).query(Long.class).single())
                .isZero();
    }

    @Test
    void mailWithoutRecipientIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> outbox.enqueue("contact-verified", " ", "fi", Map.of(), "TEST"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private long enqueue() {
        return outbox.enqueue("contact-verified", recipient, "fi",
                Map.of("organisationName", "Kerho", "contactName", "Testi"), "TEST");
    }

    private void advance(long seconds) {
        now = now.plusSeconds(seconds);
        ClockUtil.setCurrentTime(Date.from(now));
    }
}
