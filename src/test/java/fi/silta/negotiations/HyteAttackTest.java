package fi.silta.negotiations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

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

import fi.silta.negotiations.HyteTestNegotiations.TestNegotiation;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.Multipart;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * The hyte negotiations attacked as insiders would, through real HTTP and /engine-rest: a hyte coordinator's
 * Tasklist form planting a meeting place that would break the participants' .ics (a bare CR starts a new line
 * there); a hyte coordinator adding a contact to, or flagging, a municipality outside the served county.
 */
@SiltaIntegrationTest
class HyteAttackTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final String PASSWORD = "silta-demo";
    static final Instant NOW = Instant.parse("2027-01-04T10:00:00Z");

    @LocalServerPort int port;
    @Autowired HyteTestNegotiations negotiations;
    @Autowired OutboxDrainer drainer;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired JdbcClient jdbc;
    @Autowired fi.silta.cases.CaseFileService caseFiles;
    @Autowired fi.silta.organisations.OrganisationRepository organisations;
    @Autowired fi.silta.organisations.OrganisationService organisationService;
    @Autowired fi.silta.support.GrantFixtures grantFixtures;

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
    void aMeetingPlaceWithLineBreaksOrControlCharactersIsRefusedAndNoInvitationIsSent() throws Exception {
        TestNegotiation n = negotiations.open(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 5, 31),
                OffsetDateTime.parse("2027-01-29T16:00:00+02:00"));
        Job job = managementService.createJobQuery().processInstanceId(n.processInstanceId()).executable().messages().singleResult();
        managementService.executeJob(job.getId());
        // the municipality's background (its portal answer, given here through the engine without a user)
        taskService.complete(taskService.createTaskQuery().processInstanceId(n.processInstanceId()).singleResult().getId(),
                Map.of("backgroundKeyPoints", "Havainnot", "backgroundIndicators", "Mittarit", "backgroundGoalProposals", "Ehdotukset"));
        complete(n, Map.of("agenda", "1. Taustatiedot"));
        assertThat(runtimeService.getActiveActivityIds(n.processInstanceId())).containsExactly("Task_ScheduleMeeting");
        String taskId = taskService.createTaskQuery().processInstanceId(n.processInstanceId()).singleResult().getId();

        StaffClient rest = new StaffClient(port);
        for (String[] attempt : List.of(new String[] {"Kunnantalo\rATTENDEE;CN=Ulkopuolinen:mailto:evil@attacker.example", "Liisa Alue"},
                new String[] {"Kunnantalo\r\nMETHOD:CANCEL", "Liisa Alue"}, new String[] {"Kunnantalo\u202Eolatnnuk", "Liisa Alue"},
                new String[] {"x".repeat(501), "Liisa Alue"}, new String[] {"Kunnantalo", "Liisa \u202EeulA"},
                new String[] {"Kunnantalo", "Liisa\u0000Alue"})) {
            String place = attempt[0];
            String json = "{\"variables\":{"
                    + "\"meetingStart\":{\"value\":\"2027-03-10T09:00\",\"type\":\"String\"},"
                    + "\"meetingEnd\":{\"value\":\"2027-03-10T11:00\",\"type\":\"String\"},"
                    + "\"meetingPlace\":{\"value\":" + json(place) + ",\"type\":\"String\"},"
                    + "\"countyParticipants\":{\"value\":" + json(attempt[1] + " <liisa.alue@pohde.example>") + ",\"type\":\"String\"},"
                    + "\"municipalityParticipants\":{\"value\":\"Kaisa Kunta <" + n.contactEmail() + ">\",\"type\":\"String\"}}}";
            HttpResponse<String> completed = rest.engineRest("POST", "/task/" + taskId + "/complete", "timo.laine", PASSWORD, json);
            assertThat(completed.statusCode()).as(place + ": " + completed.body()).isNotEqualTo(204);
            assertThat(runtimeService.getActiveActivityIds(n.processInstanceId())).containsExactly("Task_ScheduleMeeting");
            assertThat(jdbc.sql("select count(*) from hyte_meeting where negotiation_id = ?").param(n.negotiationId()).query(Long.class)
                    .single()).isZero();
        }
        drainer.drain();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            assertThat(message.getSubject()).doesNotContain("Kutsu: hyte-neuvottelu");
        }
    }

    @Test
    void aHyteCoordinatorAddsNoContactToAMunicipalityOutsideTheCountyNorFlagsIt() {
        // a municipality organisation that is not of the served county (19): one that left it in a merger keeps its organisation
        String code = jdbc.sql("select m.code from municipality m where m.county_code <> '19' and not exists "
                + "(select 1 from organisation o where o.municipality_code = m.code) order by m.code").query(String.class).list().get(0);
        jdbc.sql("insert into organisation (name, org_type, municipality_code, bilingual, created_at) values (?, 'MUNICIPALITY', ?, false, ?)")
                .params("Ulkokunta " + code, code, OffsetDateTime.now()).update();
        long outside = jdbc.sql("select id from organisation where municipality_code = ?").param(code).query(Long.class).single();
        long before = jdbc.sql("select count(*) from organisation_contact").query(Long.class).single();

        StaffClient hyte = StaffClient.signedIn(port, "timo.laine", PASSWORD);
        String page = "/staff/organisations/" + outside;
        HttpResponse<String> add = hyte.postWithCsrfOf(page, page + "/contacts", "contactName=" + enc("Ulla Ulkopuolinen") + "&email="
                + enc("ulla@ulkokunta.example") + "&language=fi");
        assertThat(add.statusCode()).isEqualTo(302);
        assertThat(hyte.get(page).body()).contains("Yhteyshenkilön voi lisätä vain hyvinvointialueen kunnalle.");
        assertThat(jdbc.sql("select count(*) from organisation_contact").query(Long.class).single()).isEqualTo(before);
        hyte.postWithCsrfOf(page, page + "/bilingual?lang=sv", "bilingual=true");
        assertThat(hyte.get(page).body()).contains("Språkuppgiften anges bara för en kommun i välfärdsområdet.");
        assertThat(jdbc.sql("select bilingual from organisation where id = ?").param(outside).query(Boolean.class).single()).isFalse();
        hyte.postWithCsrfOf(page, page + "/contacts?lang=en", "contactName=" + enc("Ulla") + "&email=" + enc("ulla2@ulkokunta.example"));
        assertThat(hyte.get(page).body()).contains("A contact person can be added only to a municipality of the wellbeing services county.");
        assertThat(jdbc.sql("select count(*) from organisation_contact").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void anNgoCoordinatorReadsNoHyteNegotiationThroughTheEngineApi() {
        TestNegotiation n = negotiations.open(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 5, 31),
                OffsetDateTime.parse("2027-01-29T16:00:00+02:00"));
        Job job = managementService.createJobQuery().processInstanceId(n.processInstanceId()).executable().messages().singleResult();
        managementService.executeJob(job.getId());
        taskService.complete(taskService.createTaskQuery().processInstanceId(n.processInstanceId()).singleResult().getId(),
                Map.of("backgroundKeyPoints", "Salainen havainto", "backgroundIndicators", "Mittarit", "backgroundGoalProposals", "Ehdotukset"));
        StaffClient rest = new StaffClient(port);
        // the need-to-know of a hyte negotiation (HyteCaseAccessRule): NGO coordinators none, like reviewers
        assertThat(StaffClient.signedIn(port, "aino.virtanen", PASSWORD).get("/staff/cases/" + n.caseReference()).statusCode())
                .isEqualTo(403);
        for (String user : List.of("aino.virtanen", "mikko.korhonen")) {
            HttpResponse<String> history = rest.engineRest("GET", "/history/variable-instance?processInstanceId=" + n.processInstanceId(),
                    user, PASSWORD, null);
            assertThat(history.body()).as(user).doesNotContain("Salainen havainto", "backgroundKeyPoints");
            HttpResponse<String> running = rest.engineRest("GET", "/process-instance/" + n.processInstanceId() + "/variables", user,
                    PASSWORD, null);
            assertThat(running.body()).as(user).doesNotContain("Salainen havainto", "backgroundDueAt");
            HttpResponse<String> instances = rest.engineRest("GET", "/history/process-instance?processDefinitionKey=hyteNegotiation",
                    user, PASSWORD, null);
            assertThat(instances.body()).as(user).doesNotContain(n.caseReference());
        }
        // a hyte coordinator still reads what Tasklist shows of the case's tasks
        assertThat(rest.engineRest("GET", "/task?processInstanceId=" + n.processInstanceId(), "timo.laine", PASSWORD, null).body())
                .contains("Task_DraftAgenda");
    }

    @Test
    void aGroupedMunicipalitysContactGivesTheBackgroundAnotherMunicipalitysCannot() {
        TestNegotiation n = negotiations.open(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 5, 31),
                OffsetDateTime.parse("2027-01-29T16:00:00+02:00"));
        String member = negotiations.addMunicipality(n);
        // a verified contact of a municipality of the county outside this negotiation
        long outsider = organisations.municipalitiesOf("19").stream().map(fi.silta.organisations.Organisation::id)
                .filter(id -> jdbc.sql("select count(*) from hyte_negotiation_municipality where negotiation_id = ? and organisation_id = ?")
                        .params(n.negotiationId(), id).query(Long.class).single() == 0).findFirst().orElseThrow();
        String strangerEmail = "vieras-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@kunta.example";
        organisationService.markVerified(organisationService.addContact(outsider,
                new fi.silta.organisations.OrganisationService.NewContact("Vieras Kunta", strangerEmail, null, "fi")), "timo.laine");
        Job job = managementService.createJobQuery().processInstanceId(n.processInstanceId()).executable().messages().singleResult();
        managementService.executeJob(job.getId());
        String taskId = taskService.createTaskQuery().processInstanceId(n.processInstanceId()).singleResult().getId();
        String task = "/portal/cases/" + n.caseReference() + "/tasks/" + taskId;

        // another negotiation's municipality: the case is not found for them, nothing changes
        StaffClient other = PortalSignIn.signedIn(port, greenMail, drainer, strangerEmail);
        assertThat(other.get(task).statusCode()).isEqualTo(404);
        assertThat(other.postMultipart(task, new Multipart().field("_csrf", StaffClient.csrf(other.get("/portal/my").body()))
                .field("backgroundKeyPoints", "Vieras").field("backgroundIndicators", "x").field("backgroundGoalProposals", "y"))
                .statusCode()).isEqualTo(404);
        assertThat(runtimeService.getActiveActivityIds(n.processInstanceId())).contains("Task_GiveBackground");

        // the group's second municipality's verified contact answers for the negotiation
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, member);
        String page = portal.get(task).body();
        HttpResponse<String> answered = portal.postMultipart(task, new Multipart().field("_csrf", StaffClient.csrf(page))
                .field("backgroundKeyPoints", "Ryhmän havainnot").field("backgroundIndicators", "Mittarit")
                .field("backgroundGoalProposals", "Ehdotukset"));
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(302);
        assertThat(runtimeService.getActiveActivityIds(n.processInstanceId())).containsExactly("Task_DraftAgenda");
    }

    @Test
    void anNgosInputAttachmentIsNoDocumentTheMunicipalitySeesOnItsCaseStatusPage() {
        OffsetDateTime now = OffsetDateTime.parse("2027-03-01T12:00:00+02:00");
        ClockUtil.setCurrentTime(Date.from(now.toInstant()));
        HyteInputFixtures hyte = new HyteInputFixtures(jdbc, caseFiles, "19");
        HyteInputFixtures.Cycle cycle = hyte.cycle(List.of("Lasten ja nuorten hyvinvointi"), now.minusDays(3),
                OffsetDateTime.parse("2027-03-15T16:00:00+02:00"));
        long municipality = organisations.findByMunicipalityCode("564").orElseThrow().id();
        long negotiationId = hyte.negotiation(cycle, "Oulu " + cycle.year(), List.of(municipality), now.minusDays(3));
        String reference = jdbc.sql("select c.reference from case_file c join hyte_negotiation n on n.case_id = c.id where n.id = ?")
                .param(negotiationId).query(String.class).single();
        String municipalContact = "kunta-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@kunta.example";
        organisationService.markVerified(organisationService.addContact(municipality,
                new fi.silta.organisations.OrganisationService.NewContact("Kaisa Kunta", municipalContact, null, "fi")), "timo.laine");

        // an NGO gives its input with an attachment (for the county's negotiation; the NGO's own page serves it to its contacts only)
        fi.silta.support.GrantFixtures.Applicant ngo = grantFixtures.applicant(fi.silta.organisations.OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portalNgo = PortalSignIn.signedIn(port, greenMail, drainer, ngo.email());
        String answer = "/hyte/" + cycle.year() + "/input/" + negotiationId + "/answer";
        String form = portalNgo.get(answer).body();
        HttpResponse<String> sent = portalNgo.postMultipart(answer, new Multipart().field("_csrf", StaffClient.csrf(form))
                .field("submissionKey", find(form, "name=\"submissionKey\" value=\"([^\"]+)\""))
                .field("organisationId", find(form, "name=\"organisationId\" value=\"(\\d+)\""))
                .field("theme1", "Kunnan nuorisotyö ei tavoita meitä.")
                .file("attachments", "jarjeston-kysely.pdf", "application/pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        long documentId = jdbc.sql("select d.document_id from hyte_input_document d join hyte_input i on i.id = d.input_id "
                + "where i.negotiation_id = ?").param(negotiationId).query(Long.class).single();

        // the municipality's verified contact: neither listed on the case's status page nor downloadable from it
        StaffClient municipal = PortalSignIn.signedIn(port, greenMail, drainer, municipalContact);
        HttpResponse<String> status = municipal.get("/portal/cases/" + reference);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).doesNotContain("jarjeston-kysely.pdf", "/documents/" + documentId);
        assertThat(municipal.getBytes("/portal/cases/" + reference + "/documents/" + documentId).statusCode()).isEqualTo(404);
        // staff who read the case still have it
        assertThat(StaffClient.signedIn(port, "timo.laine", PASSWORD).getBytes("/staff/hyte/" + cycle.year() + "/input/" + negotiationId
                + "/documents/" + documentId).statusCode()).isEqualTo(200);
    }

    static String find(String html, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(html);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
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

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : value.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20 || ch > 0x7e) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }
}
