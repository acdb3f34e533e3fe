package fi.silta.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.SiltaProperties;
import fi.silta.support.Mails;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * One outbox: nothing is lost when SMTP fails, a mail that keeps failing is visible and can be resent
 * with its history kept, a day of SMTP outage delivers every mail once afterwards, and a database
 * blip between the send and its sent mark does not send a mail twice.
 */
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
    @Autowired MailRenderer renderer;
    @Autowired MailAttachments attachments;
    @Autowired Clock clock;
    @Autowired JavaMailSender sender;
    @Autowired SiltaProperties properties;

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
        advance(61);
        drainer.drain();
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(Mails.to(greenMail, recipient)).singleElement()
                .satisfies(mail -> assertThat(mail.subject()).isEqualTo("Voit nyt asioida järjestön \u2068Kerho\u2069 puolesta"));
    }

    @Test
    void backOffDoublesUpToItsLimit() {
        assertThat(drainer.backoff(1)).hasMinutes(1);
        assertThat(drainer.backoff(2)).hasMinutes(2);
        assertThat(drainer.backoff(3)).hasMinutes(4);
        assertThat(drainer.backoff(4)).hasMinutes(8);
        assertThat(drainer.backoff(5)).hasMinutes(15);
        assertThat(drainer.backoff(30)).hasMinutes(15);
    }

    @Test
    void theDefaultBackOffCoversADayOfOutageBeforeAMailFails() {
        SiltaProperties.Outbox defaults = productionSettings();
        OutboxDrainer production = new OutboxDrainer(outbox, sender, defaults, "silta@pohde.example");
        Duration waited = Duration.ZERO;
        for (int attempt = 1; attempt < defaults.maxAttempts(); attempt++) {
            waited = waited.plus(production.backoff(attempt));
        }
        assertThat(waited).as("from the first attempt to the last").isGreaterThanOrEqualTo(Duration.ofHours(24));
    }

    @Test
    void aSentMarkThatFailsOnceAfterTheSendDeliversTheMailOnce() {
        long id = enqueue();
        AtomicInteger marks = new AtomicInteger();
        MailOutbox blipping = new MailOutbox(jdbc, renderer, clock, attachments) {
            @Override
            void markSent(long mailId, int attempt) {
                if (mailId == id && marks.getAndIncrement() == 0) {
                    throw new TransientDataAccessResourceException(
                            "FATAL: terminating connection due to administrator command (SQLSTATE 57P01)");
                }
                super.markSent(mailId, attempt);
            }
        };
        OutboxDrainer drainerWithBlip = new OutboxDrainer(blipping, sender, properties.mail().outbox(), properties.mail().from());
        drainerWithBlip.drain();
        assertThat(marks).hasValue(2);
        OutboxMail sent = outbox.find(id).orElseThrow();
        assertThat(sent.status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(sent.attempts()).isEqualTo(1);
        // past any lease: nothing is sent again
        advance(3600);
        drainerWithBlip.drain();
        drainer.drain();
        assertThat(Mails.to(greenMail, recipient)).hasSize(1);
        assertThat(messageIds()).containsExactly("<outbox-" + id + "." + sent.createdAt().toInstant().toEpochMilli()
                + "@pohde.example>");
        assertThat(outbox.history(id)).extracting(MailOutbox.Event::kind).containsExactly(MailOutbox.Event.Kind.SENT);
    }

    @Test
    void afterADayWithoutSmtpEveryMailIsDeliveredOnceWithTheSameMessageId() {
        SiltaProperties.Outbox defaults = productionSettings();
        OutboxDrainer production = new OutboxDrainer(outbox, sender, defaults, properties.mail().from());
        greenMail.stop();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(enqueue());
        }
        Instant outageEnds = now.plus(Duration.ofHours(23).plusMinutes(50));
        while (now.isBefore(outageEnds)) {
            production.drain();
            advance(300);
        }
        for (long id : ids) {
            OutboxMail waiting = outbox.find(id).orElseThrow();
            assertThat(waiting.status()).as("still waiting after ~24 h").isEqualTo(OutboxMail.Status.PENDING);
            assertThat(waiting.attempts()).isGreaterThan(90).isLessThan(defaults.maxAttempts());
        }
        greenMail.start();
        advance(15 * 60);
        production.drain();
        advance(3600);
        production.drain();
        assertThat(Mails.to(greenMail, recipient)).hasSize(5);
        assertThat(messageIds()).hasSize(5).doesNotHaveDuplicates();
        for (long id : ids) {
            OutboxMail sent = outbox.find(id).orElseThrow();
            assertThat(sent.status()).isEqualTo(OutboxMail.Status.SENT);
            List<MailOutbox.Event> history = outbox.history(id);
            assertThat(history).hasSize(sent.attempts());
            assertThat(history.subList(0, history.size() - 1)).extracting(MailOutbox.Event::kind)
                    .containsOnly(MailOutbox.Event.Kind.ATTEMPT_FAILED);
            assertThat(history.get(history.size() - 1).kind()).isEqualTo(MailOutbox.Event.Kind.SENT);
        }
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
        // SMTP down and a FAILED mail: the node stays in service (readiness is the database only)
        var readiness = new StaffClient(port).get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"UP\"");
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
        // the resend kept what happened before it
        assertThat(outbox.history(id)).extracting(MailOutbox.Event::kind).containsExactly(
                MailOutbox.Event.Kind.ATTEMPT_FAILED, MailOutbox.Event.Kind.ATTEMPT_FAILED, MailOutbox.Event.Kind.ATTEMPT_FAILED,
                MailOutbox.Event.Kind.GAVE_UP, MailOutbox.Event.Kind.RESENT, MailOutbox.Event.Kind.SENT);
        assertThat(outbox.history(id).get(0).detail()).isNotBlank();
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

    /** The outbox settings of application.yaml (the tests' own profile gives up after 3 attempts). */
    private static SiltaProperties.Outbox productionSettings() {
        return new SiltaProperties.Outbox(false, Duration.ofSeconds(5), 50, 100, Duration.ofMinutes(1), Duration.ofMinutes(15));
    }

    /** The Message-IDs of the mails GreenMail received for this test's recipient. */
    private List<String> messageIds() {
        List<String> ids = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                if (message.getAllRecipients()[0].toString().equals(recipient)) {
                    ids.add(message.getMessageID());
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return ids;
    }

    private void advance(long seconds) {
        now = now.plusSeconds(seconds);
        ClockUtil.setCurrentTime(Date.from(now));
    }
}
