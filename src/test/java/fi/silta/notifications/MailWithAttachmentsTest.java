package fi.silta.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.cases.documents.DocumentRenderer;
import fi.silta.cases.documents.DocumentRow;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;
import fi.silta.web.Locales;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * A mail with a PDF and an invitation: stored with the mail in one transaction, kept through an SMTP outage,
 * sent once after the retry with both files exactly as stored, shown on /staff/mail and in the demo mailbox.
 */
@SiltaIntegrationTest
class MailWithAttachmentsTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired MailOutbox outbox;
    @Autowired OutboxDrainer drainer;
    @Autowired DocumentRenderer documents;
    @Autowired CalendarInvitations invitations;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcClient jdbc;

    Instant now = Instant.parse("2026-12-07T08:00:00Z");
    String recipient;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(now));
        recipient = "attachments-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    @Test
    void pdfAndInvitationSurviveAnOutageAndArriveOnceIntact() throws Exception {
        MailAttachment pdf = MailAttachment.pdf("päätös-AV-2026-0042.pdf", documents.render("case-document", Locales.FINNISH, Map.of(
                "title", "Päätös avustuksesta", "reference", "AV-2026-0042", "date", "2026-12-07T08:00:00Z",
                "rows", List.of(new DocumentRow("documents.reference", "Vårdföreningen Åbo Akademis vänner ry")),
                "total", new BigDecimal("1234.50"))));
        MailAttachment ics = invitations.attachment(invitation(), CalendarInvitations.Kind.REQUEST, "neuvottelu");

        greenMail.stop();
        long id = transactions.execute(status -> outbox.enqueue("contact-verified", recipient, "fi",
                Map.of("organisationName", "Kerho", "contactName", "Testi"), "AV-2026-0042", List.of(pdf, ics)));
        drainer.drain();
        OutboxMail waiting = outbox.find(id).orElseThrow();
        assertThat(waiting.status()).isEqualTo(OutboxMail.Status.PENDING);
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.lastError()).isNotBlank();

        greenMail.start();
        now = now.plus(drainer.backoff(1)).plusSeconds(1);
        ClockUtil.setCurrentTime(Date.from(now));
        drainer.drain();
        drainer.drain();
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(OutboxMail.Status.SENT);

        List<MimeMessage> received = Arrays.stream(greenMail.getReceivedMessages()).filter(this::isOurs).toList();
        assertThat(received).as("arrives once").hasSize(1);
        MimeMessage mail = received.get(0);
        assertThat(mail.getSubject()).isEqualTo("Voit nyt asioida järjestön \u2068Kerho\u2069 puolesta");
        assertThat(mail.getContentType()).startsWith("multipart/mixed");
        List<BodyPart> parts = parts((Multipart) mail.getContent());
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).isMimeType("text/plain")).isTrue();
        assertThat((String) parts.get(0).getContent()).contains("Kerho");

        BodyPart pdfPart = parts.get(1);
        assertThat(pdfPart.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
        assertThat(jakarta.mail.internet.MimeUtility.decodeText(pdfPart.getFileName())).isEqualTo("päätös-AV-2026-0042.pdf");
        assertThat(pdfPart.isMimeType("application/pdf")).isTrue();
        byte[] pdfBytes = pdfPart.getInputStream().readAllBytes();
        assertThat(pdfBytes).isEqualTo(pdf.content());
        try (PDDocument document = Loader.loadPDF(pdfBytes)) {
            assertThat(new PDFTextStripper().getText(document)).contains("Päätös avustuksesta", "Vårdföreningen Åbo Akademis vänner ry", "€")
                    .contains("å", "ä", "ö", "€");
        }

        BodyPart icsPart = parts.get(2);
        assertThat(icsPart.getFileName()).isEqualTo("neuvottelu.ics");
        assertThat(icsPart.getContentType().replaceAll("\\s+", " ")).startsWith("text/calendar; method=REQUEST; charset=UTF-8");
        byte[] icsBytes = icsPart.getInputStream().readAllBytes();
        assertThat(icsBytes).isEqualTo(ics.content());
        Calendar calendar = new CalendarBuilder().build(new StringReader(new String(icsBytes, StandardCharsets.UTF_8)));
        assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
        VEvent event = (VEvent) calendar.getComponent("VEVENT").orElseThrow();
        assertThat(event.getProperty(Property.ORGANIZER).orElseThrow().getValue()).isEqualTo("mailto:timo.laine@pohde.example");
        assertThat(event.getProperty(Property.DTSTART).orElseThrow().getParameter(Parameter.TZID).orElseThrow().getValue())
                .isEqualTo("Europe/Helsinki");
        assertThat(calendar.getComponent("VTIMEZONE")).isPresent();

        MailSink.ReceivedMail inMailbox = MailSink.toReceived(mail);
        assertThat(inMailbox.body()).contains("Kerho");
        assertThat(inMailbox.attachments()).extracting(MailAttachment.Summary::fileName)
                .containsExactly("päätös-AV-2026-0042.pdf", "neuvottelu.ics");
        assertThat(inMailbox.attachments().get(1).contentType()).startsWith("text/calendar; method=REQUEST");
        assertThat(inMailbox.attachments().get(0).sizeBytes()).isEqualTo(pdf.content().length);

        StaffClient admin = new StaffClient(port);
        admin.signIn("ilkka.jarvinen", "silta-demo");
        String page = admin.get("/staff/mail").body();
        assertThat(page).contains(recipient, "Liitteet", "päätös-AV-2026-0042.pdf", "application/pdf", "neuvottelu.ics",
                "text/calendar; method=REQUEST; charset=UTF-8", " tavua");
    }

    @Test
    void attachmentsOfARolledBackTransactionAreNotStored() {
        transactions.executeWithoutResult(status -> {
            outbox.enqueue("contact-verified", recipient, "fi", Map.of("organisationName", "Kerho", "contactName", "Testi"),
                    "TEST", List.of(new MailAttachment("a.ics", "text/calendar; method=REQUEST; charset=UTF-8", new byte[] {1, 2})));
            status.setRollbackOnly();
        });
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = ?").param(recipient).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from mail_attachment a join mail_outbox m on m.id = a.outbox_id where m.recipient = ?")
                .param(recipient).query(Long.class).single()).isZero();
    }

    @Test
    void attachmentThatNoLongerMatchesWhatWasStoredIsNeverSent() throws Exception {
        byte[] stored = {'%', 'P', 'D', 'F', '-'};
        long id = outbox.enqueue("contact-verified", recipient, "fi", Map.of("organisationName", "Kerho", "contactName", "Testi"),
                "TEST", List.of(MailAttachment.pdf("liite.pdf", stored)));
        jdbc.sql("update mail_attachment set content = ? where outbox_id = ?").params(new byte[] {'x'}, id).update();
        drainer.drain();
        OutboxMail mail = outbox.find(id).orElseThrow();
        assertThat(mail.status()).isEqualTo(OutboxMail.Status.PENDING);
        assertThat(mail.lastError()).contains("liite.pdf", "SHA-256");
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).filter(this::isOurs)).isEmpty();

        // put back as stored: the next attempt sends it
        jdbc.sql("update mail_attachment set content = ? where outbox_id = ?").params(stored, id).update();
        now = now.plus(drainer.backoff(1)).plusSeconds(1);
        ClockUtil.setCurrentTime(Date.from(now));
        drainer.drain();
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).filter(this::isOurs)).singleElement().satisfies(received -> {
            BodyPart part = parts((Multipart) received.getContent()).get(1);
            assertThat(part.getInputStream().readAllBytes()).isEqualTo(stored);
        });
    }

    private static Invitation invitation() {
        return new Invitation(Invitation.uid("HY-2027-0003", "negotiation-1"), 0,
                Instant.parse("2027-03-10T08:00:00Z"), Instant.parse("2027-03-10T10:00:00Z"), "Hyte-neuvottelu", null, null,
                new Invitation.Person("Timo Laine", "timo.laine@pohde.example"),
                List.of(new Invitation.Person("Anna Åström", "anna@abo.example")));
    }

    private boolean isOurs(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(recipient));
        } catch (Exception e) {
            return false;
        }
    }

    private static List<BodyPart> parts(Multipart multipart) throws Exception {
        List<BodyPart> parts = new ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart nested) {
                parts.addAll(parts(nested));
            } else {
                parts.add(part);
            }
        }
        return parts;
    }
}
