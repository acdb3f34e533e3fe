package fi.silta.negotiations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

import fi.silta.negotiations.HyteTestNegotiations.TestNegotiation;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.Multipart;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * Through real HTTP: the municipality's verified contact gives the background with an attachment on the case's
 * status page; the meeting's invitations, the update after a move and the cancellation (staff case page actions)
 * arrive in GreenMail, each .ics read with ical4j and checked on its raw text; a move into the past is refused and
 * changes nothing.
 */
@SiltaIntegrationTest
class HyteNegotiationHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final Instant NOW = Instant.parse("2027-01-04T10:00:00Z");
    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @LocalServerPort int port;
    @Autowired HyteTestNegotiations negotiations;
    @Autowired HyteBackgrounds backgrounds;
    @Autowired HyteMeetings meetings;
    @Autowired OutboxDrainer drainer;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(NOW));
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void theMunicipalityGivesBackgroundOnTheStatusPageAndEveryInvitationCarriesItsMethodUidAndSequence() throws Exception {
        TestNegotiation n = negotiations.open(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 5, 31),
                OffsetDateTime.parse("2027-01-29T16:00:00+02:00"));
        reference = n.caseReference();
        runJob(n);
        fi.silta.support.Mails.sendAllDue(drainer);
        assertThat(subjects(n.contactEmail())).anyMatch(s -> s.contains(n.caseReference()) && s.contains("taustatietojen pyyntö"));

        // the municipality's verified contact signs in and answers on the case's status page
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, n.contactEmail());
        String status = portal.get("/portal/cases/" + n.caseReference()).body();
        assertThat(status).contains("Hyvinvointialue pyytää kunnalta taustatiedot neuvottelua varten.",
                // the negotiation's steps in plain words, the background marked as the current one
                "Kunnan taustatiedot", "Asialista", "Neuvottelukokous", "Muistion hyväksyminen", "Neuvottelu valmis");
        String taskLink = find(status, "href=\"(/portal/cases/" + n.caseReference() + "/tasks/[^\"]+)\"");
        String taskPage = portal.get(taskLink).body();
        assertThat(taskPage).contains("Hyvinvointikertomuksen keskeiset havainnot", "Kunnan ehdotukset tavoitteiksi");
        // a required field left empty: refused, nothing stored
        HttpResponse<String> refused = portal.postMultipart(taskLink, new Multipart().field("_csrf", StaffClient.csrf(taskPage))
                .field("backgroundKeyPoints", "Nuorten yksinäisyys kasvaa."));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(runtimeService.getActiveActivityIds(n.processInstanceId())).contains("Task_GiveBackground");
        HttpResponse<String> answered = portal.postMultipart(taskLink, new Multipart().field("_csrf", StaffClient.csrf(taskPage))
                .field("backgroundKeyPoints", "Nuorten yksinäisyys kasvaa.").field("backgroundIndicators", "Kouluterveyskysely 2025")
                .field("backgroundGoalProposals", "Harrastustakuu kaikille.")
                .file("backgroundAttachments", "hyvinvointikertomus.pdf", "application/pdf", PDF));
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(302);
        assertThat(runtimeService.getActiveActivityIds(n.processInstanceId())).containsExactly("Task_DraftAgenda");
        assertThat(portal.get("/portal/cases/" + n.caseReference()).body()).contains("Hyvinvointialue laatii neuvottelun asialistaa.");
        var background = backgrounds.find(n.negotiationId()).orElseThrow();
        assertThat(background.givenBy()).isEqualTo(n.contactEmail());
        assertThat(background.goalProposals()).isEqualTo("Harrastustakuu kaikille.");
        assertThat(background.documentIds()).isNotBlank();
        assertThat(jdbc.sql("select file_name from document where id = ?").param(Long.valueOf(background.documentIds().split(",")[0]))
                .query(String.class).single()).isEqualTo("hyvinvointikertomus.pdf");

        // the coordinator drafts the agenda and schedules the meeting in Tasklist
        complete(n, Map.of("agenda", "1. Taustatiedot\n2. Tavoitteet"));
        complete(n, Map.of("meetingStart", "2027-03-10T09:00", "meetingEnd", "2027-03-10T11:00", "meetingPlace", "Kunnantalo",
                "meetingLink", "https://meet.example/hyte", "countyParticipants", "Liisa Alue <liisa.alue@pohde.example>",
                "municipalityParticipants", "Kaisa Kunta <" + n.contactEmail() + ">",
                "organisationParticipants", "Järjestö Edustaja, jarjesto.edustaja@yhdistys.example"));
        fi.silta.support.Mails.sendAllDue(drainer);
        List<String> people = List.of("liisa.alue@pohde.example", n.contactEmail(), "jarjesto.edustaja@yhdistys.example");
        String uid = null;
        for (String person : people) {
            Ics request = ics(person, "Kutsu: hyte-neuvottelu");
            assertThat(request.contentType()).contains("text/calendar").contains("method=REQUEST");
            assertThat(request.raw()).contains("METHOD:REQUEST", "DTSTART;TZID=Europe/Helsinki:20270310T090000",
                    "DTEND;TZID=Europe/Helsinki:20270310T110000", "SEQUENCE:0", "BEGIN:VTIMEZONE", "TZID:Europe/Helsinki");
            assertThat(unfold(request.raw())).contains("ORGANIZER;CN=Timo Laine:mailto:", "mailto:liisa.alue@pohde.example",
                    "mailto:" + n.contactEmail(), "mailto:jarjesto.edustaja@yhdistys.example");
            VEvent event = request.event();
            assertThat(request.calendar().getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
            assertThat(event.getProperty(Property.DTSTART).orElseThrow().getParameter(Parameter.TZID).orElseThrow().getValue())
                    .isEqualTo("Europe/Helsinki");
            assertThat(event.getProperty(Property.ORGANIZER).orElseThrow().getValue()).startsWith("mailto:");
            List<Property> attendees = event.getProperties(Property.ATTENDEE);
            assertThat(attendees.stream().map(Property::getValue).toList()).containsExactlyInAnyOrder(
                    people.stream().map(p -> "mailto:" + p).toArray(String[]::new));
            String thisUid = event.getProperty(Property.UID).orElseThrow().getValue();
            assertThat(request.raw()).contains("UID:" + thisUid);
            if (uid != null) {
                assertThat(thisUid).isEqualTo(uid);
            }
            uid = thisUid;
        }

        // the staff case page: a move into the past is refused and changes nothing; a valid move sends an update
        StaffClient staff = StaffClient.signedIn(port, "timo.laine", "silta-demo");
        String page = staff.get("/staff").body();
        // the case page as PDF, with the meeting (and no move or cancel form) in it
        HttpResponse<String> casePdf = staff.get("/staff/cases/" + n.caseReference() + "/pdf");
        assertThat(casePdf.statusCode()).isEqualTo(200);
        assertThat(casePdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        HttpResponse<String> past = staff.postWithCsrfOf("/staff", "/staff/cases/" + n.caseReference() + "/hyte-meeting/move",
                "meetingStart=2.1.2027+klo+9.00&meetingEnd=2.1.2027+klo+10.00");
        assertThat(past.statusCode()).isEqualTo(302);
        assertThat(meetings.current(n.negotiationId()).orElseThrow().meeting().sequenceNo()).isZero();
        HttpResponse<String> moved = staff.postWithCsrfOf("/staff", "/staff/cases/" + n.caseReference() + "/hyte-meeting/move",
                "meetingStart=11.3.2027+klo+12.00&meetingEnd=11.3.2027+klo+14.00");
        assertThat(moved.statusCode()).isEqualTo(302);
        assertThat(meetings.current(n.negotiationId()).orElseThrow().meeting().sequenceNo()).isEqualTo(1);
        fi.silta.support.Mails.sendAllDue(drainer);
        // the mail's own words: a meeting within one day written once ("11.3.2027 klo 12.00 – 14.00")
        assertThat(fi.silta.support.Mails.to(greenMail, people.get(0))).anySatisfy(m -> assertThat(m.body())
                .contains("11.3.2027 klo 12.00 – 14.00").doesNotContain("– 11.3.2027"));
        for (String person : people) {
            Ics update = ics(person, "Siirretty: hyte-neuvottelu");
            assertThat(update.contentType()).contains("method=REQUEST");
            assertThat(update.raw()).contains("METHOD:REQUEST", "UID:" + uid, "SEQUENCE:1", "DTSTART;TZID=Europe/Helsinki:20270311T120000");
            assertThat(update.event().getProperty(Property.UID).orElseThrow().getValue()).isEqualTo(uid);
            assertThat(update.event().getProperty(Property.SEQUENCE).orElseThrow().getValue()).isEqualTo("1");
        }
        // only a hyte coordinator may move or cancel
        StaffClient other = StaffClient.signedIn(port, "aino.virtanen", "silta-demo");
        assertThat(other.postWithCsrfOf("/staff", "/staff/cases/" + n.caseReference() + "/hyte-meeting/cancel", "").statusCode())
                .isEqualTo(403);

        HttpResponse<String> cancelled = staff.postWithCsrfOf("/staff", "/staff/cases/" + n.caseReference() + "/hyte-meeting/cancel", "");
        assertThat(cancelled.statusCode()).isEqualTo(302);
        assertThat(runtimeService.getActiveActivityIds(n.processInstanceId())).containsExactly("Task_ScheduleMeeting");
        fi.silta.support.Mails.sendAllDue(drainer);
        for (String person : people) {
            Ics cancel = ics(person, "Peruttu: hyte-neuvottelu");
            assertThat(cancel.contentType()).contains("text/calendar").contains("method=CANCEL");
            assertThat(cancel.raw()).contains("METHOD:CANCEL", "UID:" + uid, "SEQUENCE:2", "STATUS:CANCELLED");
            assertThat(cancel.calendar().getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("CANCEL");
            assertThat(cancel.event().getProperty(Property.UID).orElseThrow().getValue()).isEqualTo(uid);
        }
        assertThat(page).isNotEmpty();

        // scheduled anew, the page offers moving and cancelling; once the meeting is held (the memo's turn) no more
        complete(n, Map.of("meetingStart", "2027-03-12T09:00", "meetingEnd", "2027-03-12T11:00", "meetingPlace", "Kunnantalo",
                "countyParticipants", "Liisa Alue <liisa.alue@pohde.example>"));
        assertThat(staff.get("/staff/cases/" + n.caseReference()).body()).contains("/hyte-meeting/move", "/hyte-meeting/cancel")
                .containsPattern("href=\"/staff/hyte/\\d{4}\"");
        Job timer = managementService.createJobQuery().processInstanceId(n.processInstanceId()).timers().activityId("Timer_MeetingStarted")
                .singleResult();
        managementService.executeJob(timer.getId());
        assertThat(runtimeService.getActiveActivityIds(n.processInstanceId())).containsExactly("Task_RecordMemo");
        assertThat(staff.get("/staff/cases/" + n.caseReference()).body()).doesNotContain("/hyte-meeting/move", "/hyte-meeting/cancel");
    }

    /** The case whose invitations are read (other tests' mails may wait in the outbox of a kept database). */
    String reference;

    record Ics(String contentType, String raw) {
        Calendar calendar() throws Exception {
            return new CalendarBuilder().build(new StringReader(raw));
        }

        VEvent event() throws Exception {
            return (VEvent) calendar().getComponent("VEVENT").orElseThrow();
        }
    }

    /** The one calendar part about this case (its description names it) of the one mail to this person whose subject starts so. */
    Ics ics(String recipient, String subjectStart) throws Exception {
        List<Ics> found = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            boolean forThem = java.util.Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
            if (!forThem || !message.getSubject().startsWith(subjectStart)) {
                continue;
            }
            var parts = (jakarta.mail.Multipart) message.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                var part = parts.getBodyPart(i);
                if (part.getContentType().toLowerCase().startsWith("text/calendar")) {
                    String raw = new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (unfold(raw).contains(reference)) {
                        found.add(new Ics(part.getContentType(), raw));
                    }
                }
            }
        }
        assertThat(found).as("one calendar part to " + recipient + " in \"" + subjectStart + "\"").hasSize(1);
        return found.get(0);
    }

    List<String> subjects(String recipient) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            if (java.util.Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equalsIgnoreCase(recipient))) {
                subjects.add(message.getSubject());
            }
        }
        return subjects;
    }

    static String unfold(String ics) {
        return ics.replace("\r\n ", "").replace("\n ", "");
    }

    void complete(TestNegotiation n, Map<String, Object> values) {
        String taskId = taskService.createTaskQuery().processInstanceId(n.processInstanceId()).singleResult().getId();
        identityService.setAuthentication("timo.laine", List.of("hyteCoordinators"));
        try {
            taskService.complete(taskId, values);
        } finally {
            identityService.clearAuthentication();
        }
    }

    void runJob(TestNegotiation n) {
        Job job = managementService.createJobQuery().processInstanceId(n.processInstanceId()).executable().messages().singleResult();
        managementService.executeJob(job.getId());
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1).replace("&amp;", "&");
    }
}
