package fi.silta.negotiations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.Organisation;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.GrantFixtures.Applicant;
import fi.silta.support.Mails;
import fi.silta.support.Multipart;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * Issue 15's integration test, through real HTTP wherever a person acts: a hyte coordinator starts a cycle for
 * Keski-Suomi (county 15, its 22 municipalities from the reference data) with the start form as Tasklist posts it;
 * two negotiations (Jyväskylä and Äänekoski) are carried to approved memos — the municipality's verified contact gives
 * the background with an attachment on the status page, two NGOs give input (a second answer of one refused), the
 * coordinator drafts the agenda and schedules the meeting in Tasklist (one outside the cycle's window refused, nothing
 * changed), every participant's invitation with its .ics read with ical4j and on its raw text, the meeting's start
 * passes, the memo is recorded on the staff memo page, approved by a decision maker in Tasklist and by the
 * municipality's signed-in contact on the portal (another municipality's contact refused, nothing changed), published
 * as a PDF on the public page, its measures followed up — and the other 20 stay open, the cycle waiting for them.
 * Every mail is read in GreenMail; at the end SQL shows nothing half-written.
 */
@SiltaIntegrationTest
@TestPropertySource(properties = "silta.county-code=15")
class HyteCycleEndToEndHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final String PASSWORD = "silta-demo";
    static final String COORDINATOR = "timo.laine";
    static final String DECISION_MAKER = "helena.hamalainen";
    static final String COUNTY_PERSON = "liisa.alue@pohde.example";
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final Pattern TASK = Pattern.compile("href=\"(/portal/cases/[A-Z0-9-]+/tasks/[^\"?]+)");

    @LocalServerPort int port;
    @Autowired HyteCycles cycles;
    @Autowired HyteCycleFixtures cycleFixtures;
    @Autowired GrantFixtures grantFixtures;
    @Autowired HyteBackgrounds backgrounds;
    @Autowired HyteMeetings meetings;
    @Autowired HyteMemos memos;
    @Autowired HyteInputs inputs;
    @Autowired OrganisationRepository organisations;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;

    int year;
    StaffClient coordinator;

    @AfterEach
    void reset() {
        ClockUtil.reset();
    }

    /** One negotiation carried through: its row, its municipality and the municipality's verified contact. */
    record Side(HyteNegotiationRow row, Organisation municipality, String contact) {
        String reference() {
            return row.caseReference();
        }
    }

    @Test
    void aKeskiSuomiCycleCarriesTwoNegotiationsToApprovedMemosAndLeavesTwentyOpen() throws Exception {
        // --- the cycle, started by the hyte coordinator with the start form as Tasklist posts it
        List<Organisation> county = organisations.municipalitiesOf("15");
        assertThat(county).hasSize(22);
        Organisation jyvaskyla = municipality(county, "Jyväskylä");
        Organisation aanekoski = municipality(county, "Äänekoski");
        Organisation laukaa = municipality(county, "Laukaa");
        year = cycleFixtures.freshYear(); // the engine's clock: 4 January of the year, 12.00 Helsinki time
        String jyvaskylaContact = cycleFixtures.verifiedContact(jyvaskyla.id());
        String aanekoskiContact = cycleFixtures.verifiedContact(aanekoski.id());
        String laukaaContact = cycleFixtures.verifiedContact(laukaa.id());

        // a meeting window outside the cycle's year: refused in fi/sv/en, no cycle stored
        Map<String, Object> badWindow = HyteCycleFixtures.startForm(year);
        badWindow.put("windowStart", (year - 1) + "-12-01");
        HttpResponse<String> refusedStart = engineRest(COORDINATOR, "POST", "/process-definition/key/" + HyteCycles.PROCESS_KEY
                + "/submit-form", variables(badWindow));
        assertThat(refusedStart.statusCode()).isEqualTo(500);
        assertThat(refusedStart.body()).contains("Päivän on oltava väliltä", "Dagen ska vara mellan",
                "(the cycle's year, not in the past)");
        assertThat(cycles.byYear(year)).isEmpty();

        HttpResponse<String> started = engineRest(COORDINATOR, "POST", "/process-definition/key/" + HyteCycles.PROCESS_KEY + "/submit-form",
                variables(HyteCycleFixtures.startForm(year)));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String cycleInstance = JSON.readTree(started.body()).get("id").asText();
        runJob(cycleInstance, "Task_OpenNegotiations");
        HyteCycle cycle = cycles.byYear(year).orElseThrow();
        assertThat(cycle.countyCode()).isEqualTo("15");
        assertThat(cycle.businessKey()).isEqualTo("HYTE-" + year);
        List<HyteNegotiationRow> all = cycles.negotiations(cycle);
        assertThat(all).hasSize(22);
        Side a = new Side(negotiationOf(all, jyvaskyla), jyvaskyla, jyvaskylaContact);
        Side b = new Side(negotiationOf(all, aanekoski), aanekoski, aanekoskiContact);
        coordinator = StaffClient.signedIn(port, COORDINATOR, PASSWORD);
        assertThat(coordinator.get("/staff/hyte/" + year).body()).contains("0 / 22", a.reference(), b.reference());

        // --- background requested by mail, given on the status page by the municipality's verified contact with an attachment
        StaffClient portalA = null;
        StaffClient portalB = null;
        for (Side side : List.of(a, b)) {
            runJob(instance(side), "Task_RequestBackground");
            assertThat(activities(side)).containsExactly("Task_GiveBackground");
        }
        fi.silta.support.Mails.sendAllDue(drainer);
        for (Side side : List.of(a, b)) {
            assertThat(Mails.to(greenMail, side.contact())).anySatisfy(m -> assertThat(m.subject()).contains(side.reference(), "taustatietojen pyyntö"));
            StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, side.contact());
            String status = portal.get("/portal/cases/" + side.reference()).body();
            assertThat(status).contains("Hyvinvointialue pyytää kunnalta taustatiedot neuvottelua varten.");
            String taskLink = find(status, "href=\"(/portal/cases/" + side.reference() + "/tasks/[^\"]+)\"");
            String taskPage = portal.get(taskLink).body();
            HttpResponse<String> answered = portal.postMultipart(taskLink, new Multipart().field("_csrf", StaffClient.csrf(taskPage))
                    .field("backgroundKeyPoints", "Nuorten yksinäisyys kasvaa: " + side.municipality().name())
                    .field("backgroundIndicators", "Kouluterveyskysely 2025").field("backgroundGoalProposals", "Harrastustakuu kaikille.")
                    .file("backgroundAttachments", "hyvinvointikertomus.pdf", "application/pdf", PDF));
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(302);
            assertThat(activities(side)).containsExactly("Task_DraftAgenda");
            var background = backgrounds.find(side.row().id()).orElseThrow();
            assertThat(background.givenBy()).isEqualTo(side.contact());
            assertThat(jdbc.sql("select file_name from document where id = ?").param(Long.valueOf(background.documentIds().split(",")[0]))
                    .query(String.class).single()).isEqualTo("hyvinvointikertomus.pdf");
            if (side == a) {
                portalA = portal;
            } else {
                portalB = portal;
            }
        }

        // --- NGO input from two organisations to Jyväskylä's negotiation; a second answer of the first refused
        Applicant ngo1 = grantFixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        Applicant ngo2 = grantFixtures.applicant(OrganisationType.FOUNDATION);
        String answer = "/hyte/" + year + "/input/" + a.row().id() + "/answer";
        StaffClient ngoPortal1 = PortalSignIn.signedIn(port, greenMail, drainer, ngo1.email());
        String first = ngoPortal1.get(answer).body();
        String secondTab = ngoPortal1.get(answer).body();
        HttpResponse<String> input1 = ngoPortal1.postMultipart(answer, inputForm(first, "Nuorten harrastukset ovat tärkeitä."));
        assertThat(input1.statusCode()).as(input1.body()).isEqualTo(302);
        HttpResponse<String> again = ngoPortal1.postMultipart(answer, inputForm(secondTab, "Toinen versio."));
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("Järjestö on jo vastannut:");
        StaffClient ngoPortal2 = PortalSignIn.signedIn(port, greenMail, drainer, ngo2.email());
        HttpResponse<String> input2 = ngoPortal2.postMultipart(answer, inputForm(ngoPortal2.get(answer).body(), "Ikääntyneiden liikuntaryhmät."));
        assertThat(input2.statusCode()).as(input2.body()).isEqualTo(302);
        assertThat(count("hyte_input where negotiation_id = " + a.row().id())).isEqualTo(2);
        assertThat(count("hyte_input where negotiation_id = " + a.row().id() + " and organisation_id = " + ngo1.organisationId())).isOne();
        assertThat(count("call_answer where call_kind = 'HYTE_INPUT' and call_id = " + cycle.id() + " and scope = '" + a.row().id() + "'"))
                .isEqualTo(2);
        assertThat(inputs.forNegotiation(a.row().id())).hasSize(2);
        fi.silta.support.Mails.sendAllDue(drainer);
        for (Applicant ngo : List.of(ngo1, ngo2)) {
            assertThat(Mails.to(greenMail, ngo.email()).stream().map(Mails.Received::subject)
                    .filter(s -> s.startsWith("Järjestön näkemys vastaanotettu: hyte-neuvottelut " + year))).hasSize(1);
        }

        // --- the agenda with background and NGO input in view (staff case page), drafted in Tasklist
        for (Side side : List.of(a, b)) {
            String casePage = coordinator.get("/staff/cases/" + side.reference()).body();
            assertThat(casePage).contains("Kunnan taustatiedot", "Nuorten yksinäisyys kasvaa: " + side.municipality().name());
            if (side == a) {
                assertThat(casePage).contains("Nuorten harrastukset ovat tärkeitä.", "Ikääntyneiden liikuntaryhmät.");
            }
            completeTask(side, "Task_DraftAgenda", COORDINATOR, Map.of("agenda", "1. Taustatiedot\n2. Järjestöjen näkemykset\n3. Tavoitteet"));
            assertThat(activities(side)).containsExactly("Task_ScheduleMeeting");
        }

        // --- a meeting outside the cycle's window (1.3.–30.11.) refused, nothing changed
        Map<String, Object> outside = schedule(a, ngo1.email(), year + "-12-10T09:00", year + "-12-10T11:00");
        HttpResponse<String> refused = submitTask(a, "Task_ScheduleMeeting", COORDINATOR, outside);
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).contains("kokousikkunassa 1.3." + year + "–30.11." + year, "mötesperiod 1.3." + year + "–30.11." + year,
                "within the cycle's meeting window 1.3." + year + "–30.11." + year);
        assertThat(activities(a)).containsExactly("Task_ScheduleMeeting");
        assertThat(count("hyte_meeting where negotiation_id = " + a.row().id())).isZero();
        assertThat(count("mail_outbox where template = 'hyte-meeting-invitation' and reference = '" + a.reference() + "'")).isZero();

        // --- the meetings, participants from the county, the municipality and an NGO; every invitation with its .ics
        String[] starts = {year + "-03-10T09:00", year + "-03-11T13:00"};
        String[] ends = {year + "-03-10T11:00", year + "-03-11T15:00"};
        String[] icsStarts = {year + "0310T090000", year + "0311T130000"};
        List<Side> sides = List.of(a, b);
        for (int i = 0; i < 2; i++) {
            Side side = sides.get(i);
            String ngoEmail = i == 0 ? ngo1.email() : ngo2.email();
            HttpResponse<String> scheduled = submitTask(side, "Task_ScheduleMeeting", COORDINATOR, schedule(side, ngoEmail, starts[i], ends[i]));
            assertThat(scheduled.statusCode()).as(scheduled.body()).isIn(200, 204);
            assertThat(activities(side)).containsExactly("Gateway_MeetingEvents");
            fi.silta.support.Mails.sendAllDue(drainer);
            List<String> people = List.of(COUNTY_PERSON, side.contact(), ngoEmail);
            String uid = null;
            for (String person : people) {
                Ics request = ics(side.reference(), person, "Kutsu: hyte-neuvottelu");
                assertThat(request.contentType()).contains("text/calendar").contains("method=REQUEST");
                assertThat(request.raw()).contains("METHOD:REQUEST", "DTSTART;TZID=Europe/Helsinki:" + icsStarts[i], "SEQUENCE:0",
                        "BEGIN:VTIMEZONE", "TZID:Europe/Helsinki");
                assertThat(unfold(request.raw())).contains("ORGANIZER;CN=Timo Laine:mailto:", "ATTENDEE", "mailto:" + COUNTY_PERSON,
                        "mailto:" + side.contact(), "mailto:" + ngoEmail);
                Calendar calendar = request.calendar();
                VEvent event = (VEvent) calendar.getComponent("VEVENT").orElseThrow();
                assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
                assertThat(event.getProperty(Property.DTSTART).orElseThrow().getParameter(Parameter.TZID).orElseThrow().getValue())
                        .isEqualTo("Europe/Helsinki");
                assertThat(event.getProperty(Property.ORGANIZER).orElseThrow().getValue()).startsWith("mailto:");
                List<Property> attendees = event.getProperties(Property.ATTENDEE);
                assertThat(attendees.stream().map(Property::getValue).toList())
                        .containsExactlyInAnyOrder(people.stream().map(p -> "mailto:" + p).toArray(String[]::new));
                String thisUid = event.getProperty(Property.UID).orElseThrow().getValue();
                assertThat(request.raw()).contains("UID:" + thisUid);
                if (uid != null) {
                    assertThat(thisUid).isEqualTo(uid);
                }
                uid = thisUid;
            }
            assertThat(meetings.current(side.row().id()).orElseThrow().meeting().uid()).isEqualTo(uid);
            if (side == b) {
                // Äänekoski's meeting is moved a day on the staff case page: an update with the same UID, SEQUENCE raised
                HttpResponse<String> moved = coordinator.postWithCsrfOf("/staff/cases/" + b.reference(), "/staff/cases/" + b.reference()
                        + "/hyte-meeting/move", "meetingStart=12.3." + year + "+klo+13.00&meetingEnd=12.3." + year + "+klo+15.00");
                assertThat(moved.statusCode()).isEqualTo(302);
                assertThat(activities(b)).containsExactly("Gateway_MeetingEvents");
                fi.silta.support.Mails.sendAllDue(drainer);
                for (String person : people) {
                    Ics update = ics(b.reference(), person, "Siirretty: hyte-neuvottelu");
                    assertThat(update.contentType()).contains("text/calendar").contains("method=REQUEST");
                    assertThat(update.raw()).contains("METHOD:REQUEST", "UID:" + uid, "SEQUENCE:1",
                            "DTSTART;TZID=Europe/Helsinki:" + year + "0312T130000");
                    VEvent event = (VEvent) update.calendar().getComponent("VEVENT").orElseThrow();
                    assertThat(event.getProperty(Property.UID).orElseThrow().getValue()).isEqualTo(uid);
                    assertThat(event.getProperty(Property.SEQUENCE).orElseThrow().getValue()).isEqualTo("1");
                }
            }
        }

        // --- the meetings' start passes (the engine's clock, the timer job): the memo is due
        ClockUtil.setCurrentTime(Date.from(Instant.parse(year + "-03-12T11:00:01Z")));
        for (Side side : sides) {
            Job timer = managementService.createJobQuery().processInstanceId(instance(side)).activityId("Timer_MeetingStarted").timers()
                    .singleResult();
            managementService.executeJob(timer.getId());
            assertThat(activities(side)).containsExactly("Task_RecordMemo");
        }

        // --- the memo recorded on the staff memo page with measures, sent to approval in Tasklist
        for (Side side : sides) {
            String page = "/staff/cases/" + side.reference() + "/hyte-memo";
            HttpResponse<String> saved = coordinator.postWithCsrfOf(page, page, body("goals", "Nuorten yksinäisyyden vähentäminen",
                    "cooperation", "Yhteinen hyvinvointiryhmä", "informationFlow", "Neljännesvuosittain", "measureCount", "2",
                    "measure1.text", "Harrastustakuu " + side.municipality().name(), "measure1.owner", "MUNICIPALITY:" + side.municipality().id(),
                    "measure1.due", year + "-09-30", "measure1.indicator", "Harrastavien nuorten osuus",
                    "measure2.text", "Ehkäisevä päihdetyö", "measure2.owner", "COUNTY", "measure2.due", year + "-11-30", "action", "save"));
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
            assertThat(memos.measures(side.row().id())).hasSize(2);
            HttpResponse<String> recorded = submitTask(side, "Task_RecordMemo", COORDINATOR, Map.of());
            assertThat(recorded.statusCode()).as(recorded.body()).isIn(200, 204);
            assertThat(activities(side)).containsExactlyInAnyOrder("Task_ApproveMemoCounty", "Task_ApproveMemoMunicipality");
            assertThat(memos.memo(side.row().id()).orElseThrow().status()).isEqualTo(HyteMemos.Status.IN_APPROVAL);
        }

        // --- the county's approval: a decision maker in Tasklist
        for (Side side : sides) {
            HttpResponse<String> approved = submitTask(side, "Task_ApproveMemoCounty", DECISION_MAKER,
                    Map.of("memoCountyDecision", "approve", "memoCountyComments", "Hyvä muistio."));
            assertThat(approved.statusCode()).as(approved.body()).isIn(200, 204);
            assertThat(activities(side)).containsExactly("Task_ApproveMemoMunicipality");
        }

        // --- the municipality's approval on the portal; the approval request was mailed
        fi.silta.support.Mails.sendAllDue(drainer);
        StaffClient laukaaPortal = PortalSignIn.signedIn(port, greenMail, drainer, laukaaContact);
        for (Side side : sides) {
            StaffClient portal = side == a ? portalA : portalB;
            StaffClient otherMunicipality = side == a ? portalB : portalA;
            assertThat(Mails.to(greenMail, side.contact())).anySatisfy(m -> assertThat(m.subject() + m.body())
                    .contains("odottaa hyväksyntäänne", side.reference()).doesNotContain("token="));
            String status = portal.get("/portal/cases/" + side.reference()).body();
            assertThat(status).contains("Nuorten yksinäisyyden vähentäminen", "Harrastustakuu " + side.municipality().name());
            Matcher link = TASK.matcher(status);
            assertThat(link.find()).isTrue();
            String task = link.group(1);
            // another municipality's signed-in contacts (the other negotiation's, a third one's): refused, nothing changed
            for (StaffClient stranger : List.of(otherMunicipality, laukaaPortal)) {
                assertThat(stranger.get(task).statusCode()).isEqualTo(404);
                HttpResponse<String> strangerPost = stranger.postWithCsrfOf("/portal/my", task, "memoDecision=approve");
                assertThat(strangerPost.statusCode()).isEqualTo(404);
            }
            assertThat(activities(side)).containsExactly("Task_ApproveMemoMunicipality");
            assertThat(memos.memo(side.row().id()).orElseThrow().status()).isEqualTo(HyteMemos.Status.IN_APPROVAL);
            assertThat(memos.reviews(memos.memo(side.row().id()).orElseThrow().id())).extracting(HyteMemos.Review::side)
                    .containsExactly(HyteMemos.Side.COUNTY);

            HttpResponse<String> approved = portal.postWithCsrfOf(task, task, "memoDecision=approve");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
            assertThat(activities(side)).containsExactly("Task_PublishMemo");
            runJob(instance(side), "Task_PublishMemo");
            assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance(side)).count()).isZero();
        }

        // --- published: PDF documents of the cases, the public page of the year, follow-up started per measure
        String publicList = new StaffClient(port).get("/hyte/" + year).body();
        for (Side side : sides) {
            HyteMemos.Memo memo = memos.memo(side.row().id()).orElseThrow();
            assertThat(memo.status()).isEqualTo(HyteMemos.Status.PUBLISHED);
            assertThat(memo.pdfFiDocumentId()).isNotNull();
            assertThat(publicList).contains(side.municipality().name(), "/hyte/" + year + "/" + side.reference() + "/fi.pdf");
            HttpResponse<byte[]> pdf = new StaffClient(port).getBytes("/hyte/" + year + "/" + side.reference() + "/fi.pdf");
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
            assertThat(HyteMemoProcessTest.pdfText(pdf.body())).contains("Hyte-neuvottelun muistio", side.reference(),
                    "Nuorten yksinäisyyden vähentäminen", "Harrastustakuu " + side.municipality().name(), "30.9." + year);
            assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("hyteMeasureFollowUp")
                    .processInstanceBusinessKeyLike(side.reference() + "/M%").count()).isEqualTo(2);
            assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("hyteMeasureReview")
                    .processInstanceBusinessKey(side.reference() + "/V").count()).isEqualTo(1);
        }

        // --- the cycle still waits, for the 20 others
        assertThat(runtimeService.getActiveActivityIds(cycleInstance)).contains("Event_AwaitNegotiationDone");
        assertThat(cycles.byYear(year).orElseThrow().status()).isEqualTo(HyteCycle.Status.OPEN);
        assertThat(coordinator.get("/staff/hyte/" + year).body()).contains("2 / 22");

        // --- nothing half-written: one case per negotiation, one process instance per case, 20 open and 2 done
        String ofCycle = "hyte_negotiation n join case_file c on c.id = n.case_id where n.cycle_id = " + cycle.id();
        assertThat(count(ofCycle)).isEqualTo(22);
        assertThat(jdbc.sql("select count(distinct n.case_id) from " + ofCycle).query(Long.class).single()).isEqualTo(22);
        assertThat(count(ofCycle + " and c.kind = 'HYTE_NEGOTIATION' and c.process_instance_id is not null")).isEqualTo(22);
        assertThat(count("hyte_negotiation_municipality m join hyte_negotiation n on n.id = m.negotiation_id where n.cycle_id = "
                + cycle.id())).isEqualTo(22);
        assertThat(jdbc.sql("select count(*) from " + ofCycle + " and (select count(*) from act_hi_procinst p where p.business_key_ = c.reference"
                + " and p.proc_def_key_ = 'hyteNegotiation') = 1 and exists (select 1 from act_hi_procinst p where p.id_ = c.process_instance_id"
                + " and p.business_key_ = c.reference)").query(Long.class).single()).isEqualTo(22);
        assertThat(count(ofCycle + " and n.status = 'DONE'")).isEqualTo(2);
        assertThat(jdbc.sql("select c.reference from " + ofCycle + " and n.status = 'DONE' order by c.reference").query(String.class).list())
                .containsExactlyInAnyOrder(a.reference(), b.reference());
        assertThat(count(ofCycle + " and n.status <> 'DONE'")).isEqualTo(20);
        assertThat(count(ofCycle + " and n.status <> 'DONE' and exists (select 1 from act_ru_execution e where e.proc_inst_id_ = "
                + "c.process_instance_id and e.parent_id_ is null)")).isEqualTo(20);
        assertThat(count(ofCycle + " and n.status = 'DONE' and exists (select 1 from act_ru_execution e where e.proc_inst_id_ = "
                + "c.process_instance_id)")).isZero();
        assertThat(count("hyte_memo m join hyte_negotiation n on n.id = m.negotiation_id where n.cycle_id = " + cycle.id())).isEqualTo(2);
        assertThat(count("hyte_memo m join hyte_negotiation n on n.id = m.negotiation_id where n.cycle_id = " + cycle.id()
                + " and m.status = 'PUBLISHED'")).isEqualTo(2);
        assertThat(count("hyte_meeting m join hyte_negotiation n on n.id = m.negotiation_id where n.cycle_id = " + cycle.id())).isEqualTo(2);
        assertThat(count("hyte_cycle where business_key = 'HYTE-" + year + "'")).isOne();
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(HyteCycles.PROCESS_KEY)
                .processInstanceBusinessKey("HYTE-" + year).count()).isOne();
    }

    // --- helpers

    Map<String, Object> schedule(Side side, String ngoEmail, String start, String end) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("meetingStart", start);
        values.put("meetingEnd", end);
        values.put("meetingPlace", side.municipality().name() + ", kaupungintalo");
        values.put("meetingLink", "https://meet.example/hyte");
        values.put("countyParticipants", "Liisa Alue <" + COUNTY_PERSON + ">");
        values.put("municipalityParticipants", "Kaisa Kunta <" + side.contact() + ">");
        values.put("organisationParticipants", "Järjestön edustaja <" + ngoEmail + ">");
        return values;
    }

    static Organisation municipality(List<Organisation> county, String name) {
        return county.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    static HyteNegotiationRow negotiationOf(List<HyteNegotiationRow> all, Organisation municipality) {
        List<HyteNegotiationRow> found = all.stream().filter(n -> n.municipalities().contains(municipality.id())).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    String instance(Side side) {
        return jdbc.sql("select process_instance_id from case_file where reference = ?").param(side.reference()).query(String.class).single();
    }

    List<String> activities(Side side) {
        return runtimeService.getActiveActivityIds(instance(side));
    }

    void runJob(String processInstanceId, String activityId) {
        Job job = managementService.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).singleResult();
        assertThat(job).as("job at " + activityId).isNotNull();
        managementService.executeJob(job.getId());
    }

    /** Tasklist's completion of a task: POST /engine-rest/task/{id}/submit-form with the person's own credentials. */
    HttpResponse<String> submitTask(Side side, String key, String user, Map<String, Object> values) {
        String taskId = taskService.createTaskQuery().processInstanceId(instance(side)).taskDefinitionKey(key).singleResult().getId();
        return engineRest(user, "POST", "/task/" + taskId + "/submit-form", variables(values));
    }

    void completeTask(Side side, String key, String user, Map<String, Object> values) {
        HttpResponse<String> done = submitTask(side, key, user, values);
        assertThat(done.statusCode()).as(done.body()).isIn(200, 204);
    }

    HttpResponse<String> engineRest(String user, String method, String path, String json) {
        return new StaffClient(port).engineRest(method, path, user, PASSWORD, json);
    }

    static String variables(Map<String, Object> values) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode variables = root.putObject("variables");
        values.forEach((name, value) -> {
            ObjectNode variable = variables.putObject(name);
            if (value instanceof Integer number) {
                variable.put("value", number).put("type", "Integer");
            } else {
                variable.put("value", value.toString()).put("type", "String");
            }
        });
        return root.toString();
    }

    static Multipart inputForm(String page, String theme1) {
        return new Multipart().field("_csrf", StaffClient.csrf(page)).field("submissionKey", find(page, "name=\"submissionKey\" value=\"([^\"]+)\""))
                .field("organisationId", find(page, "name=\"organisationId\" value=\"(\\d+)\"")).field("theme1", theme1);
    }

    long count(String fromWhere) {
        return jdbc.sql("select count(*) from " + fromWhere).query(Long.class).single();
    }

    record Ics(String contentType, String raw) {
        Calendar calendar() throws Exception {
            return new CalendarBuilder().build(new StringReader(raw));
        }
    }

    /** The one calendar part about this case (its text names it) of the mails to this person whose subject starts so. */
    Ics ics(String reference, String recipient, String subjectStart) throws Exception {
        List<Ics> found = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            boolean forThem = Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(x -> x.toString().equalsIgnoreCase(recipient));
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
        assertThat(found).as("one calendar part to " + recipient + " in \"" + subjectStart + "\" of " + reference).hasSize(1);
        return found.get(0);
    }

    static String unfold(String ics) {
        return ics.replace("\r\n ", "").replace("\n ", "");
    }

    static String body(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1).replace("&amp;", "&");
    }
}
