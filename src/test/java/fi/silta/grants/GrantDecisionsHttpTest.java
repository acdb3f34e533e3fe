package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.Mails;
import fi.silta.support.Multipart;
import fi.silta.support.PortalSignIn;
import fi.silta.support.RestReviews;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * A round from the call to its published decisions, over real HTTP: three organisations apply in
 * the portal (one reads Swedish), reviewers score through the engine's REST API, the coordinator
 * changes the allocation once with a reason on its page (an over-budget change refused first), the
 * decision maker returns it once and approves it through the REST API; every decision is mailed
 * with its PDF in the applicant's language; one applicant asks for rectification on the status page
 * with an attachment, the body grants it, and the open data lists the decisions.
 */
@SiltaIntegrationTest
class GrantDecisionsHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-05-04T10:00:00+03:00");
    /** Tuesday 2 June 2026: received Friday 5 June, the last day Midsummer Eve 19 June moves to Monday 22 June. */
    static final OffsetDateTime DECIDED = OffsetDateTime.parse("2026-06-02T12:00:00+03:00");
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired GrantRoundRepository rounds;
    @Autowired GrantDecisionRepository decisions;

    @AfterEach
    void reset() {
        ClockUtil.reset();
    }

    @Test
    void aRoundFromItsCallToPublishedDecisionsAndARectification() throws Exception {
        ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
        long roundId = fixtures.publishedRound(NOW.minusDays(1), NOW.plusDays(14), GrantFixtures.POOL);
        jdbc.sql("update grant_round set budget = 12000.00 where id = ?").param(roundId).update();
        GrantFixtures.Applicant a = applicant("fi");
        GrantFixtures.Applicant b = applicant("fi");
        GrantFixtures.Applicant c = applicant("sv");
        StaffClient portalA = PortalSignIn.signedIn(port, greenMail, drainer, a.email());
        String apply = "/portal/grants/" + roundId + "/apply";
        ProcessInstance appA = submit(portalA, apply, a, "5 000");
        ProcessInstance appB = submit(PortalSignIn.signedIn(port, greenMail, drainer, b.email()), apply, b, "8 000");
        ProcessInstance appC = submit(PortalSignIn.signedIn(port, greenMail, drainer, c.email()), apply, c, "4 000");

        for (ProcessInstance app : List.of(appA, appB, appC)) {
            runJob(app);
            complete(app, "eligibilityDecision", "eligible");
            complete(app, "formalCheckResult", "complete");
            runJob(app);
        }
        RestReviews.scoreAll(port, runtimeService, taskService, appA, new int[] {5, 4, 5}, new int[] {4, 4, 5});
        RestReviews.scoreAll(port, runtimeService, taskService, appB, new int[] {4, 3, 3}, new int[] {4, 3, 4});
        RestReviews.scoreAll(port, runtimeService, taskService, appC, new int[] {2, 1, 2}, new int[] {2, 2, 1});
        for (ProcessInstance app : List.of(appA, appB, appC)) {
            runJob(app);
            runJob(app);
            assertThat(runtimeService.getActiveActivityIds(app.getId())).containsExactly("Event_AwaitDecision");
        }

        // the call closes: every application is scored, so the round goes straight to the allocation
        ProcessInstance round = runtimeService.createProcessInstanceByKey("grantRound").businessKey(GrantRoundService.reference(roundId))
                .setVariable("roundId", roundId).startBeforeActivity("Task_CloseRound").execute();
        rounds.setProcessInstance(roundId, round.getId());
        runJob(round);
        assertThat(runtimeService.getActiveActivityIds(round.getId())).containsExactly("Task_AllocateGrants");

        StaffClient coordinator = StaffClient.signedIn(port, "aino.virtanen", "silta-demo");
        String allocationPath = "/staff/grants/" + roundId + "/allocation";
        String page = coordinator.get(allocationPath).body().replace('\u00a0', ' ');
        // A (4,50) gets 5 000; B (3,50) asked 8 000 of the 7 000 left: nothing; C (1,67) is below the minimum 2,50
        assertThat(page).contains("12 000,00 €", appA.getBusinessKey(), appB.getBusinessKey(), appC.getBusinessKey(),
                "Alle vähimmäispisteiden");
        long idB = applicationId(appB);
        // nothing is changed before the coordinator has declared on which applications they are disqualified
        coordinator.postWithCsrfOf(allocationPath, allocationPath + "/" + idB, "amount=7000&reason=x");
        assertThat(coordinator.get(allocationPath).body()).contains("Ilmoita ensin");
        assertThat(coordinator.postWithCsrfOf(allocationPath, "/staff/grants/" + roundId + "/declaration", "role=COORDINATOR").statusCode())
                .isEqualTo(302);
        StaffClient decisionMaker = StaffClient.signedIn(port, "helena.hamalainen", "silta-demo");
        assertThat(decisionMaker.postWithCsrfOf(allocationPath, "/staff/grants/" + roundId + "/declaration", "role=COORDINATOR").statusCode())
                .as("the decision maker is no coordinator").isEqualTo(403);
        assertThat(decisionMaker.postWithCsrfOf(allocationPath, "/staff/grants/" + roundId + "/declaration", "role=DECISION_MAKER").statusCode())
                .isEqualTo(302);
        assertThat(decisionMaker.get(allocationPath).body()).contains("Ei esteellinen").doesNotContain("allocation-change");
        HttpResponse<String> overBudget = coordinator.postWithCsrfOf(allocationPath, allocationPath + "/" + idB,
                "amount=7000.01&reason=Kaikki+mit%C3%A4+j%C3%A4%C3%A4");
        assertThat(overBudget.statusCode()).isEqualTo(302);
        assertThat(coordinator.get(allocationPath).body().replace('\u00a0', ' '))
                .contains("ylittäisi haun määrärahan 12 000,00 €").doesNotContain("skulle överskrida", "would exceed the budget")
                .contains("7000.01");
        assertThat(decisionsTotal(roundId)).isEqualByComparingTo("5000.00");
        assertThat(coordinator.postWithCsrfOf(allocationPath, allocationPath + "/" + idB,
                "amount=7+000&reason=J%C3%A4ljell%C3%A4+oleva+m%C3%A4%C3%A4r%C3%A4raha+riitt%C3%A4%C3%A4+osaan+toiminnasta.")
                .statusCode()).isEqualTo(302);
        assertThat(decisionsTotal(roundId)).isEqualByComparingTo("12000.00");

        // Tasklist's forms through the REST API: sent, returned with comments, sent again, approved
        submitForm(round, "aino.virtanen", "{}");
        submitForm(round, "helena.hamalainen",
                "{\"allocationDecision\": {\"value\": \"return\"}, \"allocationComments\": {\"value\": \"Tarkista B:n summa.\"}}");
        assertThat(coordinator.get(allocationPath).body()).contains("Tarkista B:n summa.");
        submitForm(round, "aino.virtanen", "{}");
        ClockUtil.setCurrentTime(Date.from(DECIDED.toInstant()));
        // only the round's decision maker approves
        String approval = taskService.createTaskQuery().processInstanceId(round.getId()).singleResult().getId();
        HttpResponse<String> notTheirs = new StaffClient(port).engineRest("POST", "/task/" + approval + "/submit-form", "aino.virtanen",
                "silta-demo", "{\"variables\": {\"allocationDecision\": {\"value\": \"approve\"}}}");
        assertThat(notTheirs.statusCode()).isNotEqualTo(204);
        submitForm(round, "helena.hamalainen", "{\"allocationDecision\": {\"value\": \"approve\"}}");
        runJob(round);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(round.getId()).count()).isZero();
        HttpResponse<byte[]> list = coordinator.getBytes("/staff/grants/" + roundId + "/decisions.pdf");
        assertThat(list.statusCode()).isEqualTo(200);
        try (var document = org.apache.pdfbox.Loader.loadPDF(list.body())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains("Helena", appB.getBusinessKey());
        }

        for (ProcessInstance app : List.of(appA, appB, appC)) {
            runJob(app);
        }
        drainer.drain();
        for (ProcessInstance app : List.of(appA, appB, appC)) {
            runJob(app);
            assertThat(runtimeService.getActiveActivityIds(app.getId())).containsExactly("Task_RequestRectification");
        }
        String pdfA = onlyDecisionPdf(a.email(), "Päätös avustushakemukseen");
        assertThat(pdfA).contains("5 000,00", "Vaikuttavuus", "Perusteltu arvio 0", "14 päivän", "Helena");
        String pdfB = onlyDecisionPdf(b.email(), "Päätös avustushakemukseen");
        assertThat(pdfB).contains("7 000,00", "8 000,00", "Jäljellä oleva määräraha riittää osaan toiminnasta.", "14 päivän");
        String pdfC = onlyDecisionPdf(c.email(), "Beslut om understödsansökan");
        assertThat(pdfC).contains("14 dagar").doesNotContain("14 päivän");
        GrantDecision decisionB = decisions.find(idB, GrantDecision.Stage.ORIGINAL).orElseThrow();
        assertThat(decisionB.rectificationLastDay()).as("Midsummer Eve moves to Monday").isEqualTo(java.time.LocalDate.parse("2026-06-22"));

        // B asks for rectification on its status page, with an attachment; the body grants it
        StaffClient portalB = PortalSignIn.signedIn(port, greenMail, drainer, b.email());
        String status = portalB.get("/portal/cases/" + appB.getBusinessKey()).body();
        assertThat(status.replace('\u00a0', ' ')).contains("Avustusta myönnettiin 7 000,00 €", "22.6.2026");
        String taskLink = find(status, "href=\"(/portal/cases/" + appB.getBusinessKey() + "/tasks/[^\"]+)\"");
        String taskPage = portalB.get(taskLink).body();
        HttpResponse<String> empty = portalB.postMultipart(taskLink, new Multipart().field("_csrf", StaffClient.csrf(taskPage)));
        assertThat(empty.statusCode()).isEqualTo(422);
        HttpResponse<String> requested = portalB.postMultipart(taskLink, new Multipart().field("_csrf", StaffClient.csrf(taskPage))
                .field("rectificationReasons", "Koko toiminta tarvitsee 8 000 euroa.")
                .file("rectificationAttachments", "laskelma.pdf", "application/pdf", PDF));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(302);
        // a second post of the same form: the task is gone, nothing more is stored
        assertThat(portalB.postMultipart(taskLink, new Multipart().field("_csrf", StaffClient.csrf(taskPage))
                .field("rectificationReasons", "Toinen kerta.")).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from grant_rectification_request r join grant_decision d on d.id = r.decision_id "
                + "where d.application_id = ?").param(idB).query(Long.class).single()).isOne();
        assertThat(portalB.get("/portal/cases/" + appB.getBusinessKey()).body()).contains("data-rectification-requested");
        ProcessInstance handling = runtimeService.createProcessInstanceQuery().superProcessInstanceId(appB.getId()).singleResult();
        submitForm(handling, "aino.virtanen", "{\"rectificationMemo\": {\"value\": \"Esitetään hyväksyttäväksi.\"}}");
        ClockUtil.setCurrentTime(Date.from(DECIDED.plusDays(10).toInstant()));
        submitForm(handling, "aino.virtanen", "{\"rectificationOutcome\": {\"value\": \"GRANTED\"}, \"rectificationAmount\": {\"value\": \"8 000\"},"
                + " \"rectificationBodyReasons\": {\"value\": \"Toiminta kattaa koko alueen.\"},"
                + " \"rectificationMeetingOn\": {\"value\": \"2026-06-11\"}}");
        runJob(handling);
        drainer.drain();
        assertThat(onlyDecisionPdf(b.email(), "Päätös avustushakemukseen", 1)).contains("8 000,00", "Toiminta kattaa koko alueen.",
                "hallinto-oikeu");

        // the round's decisions as open data: B with its rectified amount; C (below the minimum) rejected
        String csv = new StaffClient(port).get("/avustuspaatokset/" + roundId + ".csv").body();
        assertThat(csv).contains("5000.00", "8000.00");
        JsonNode json = new ObjectMapper().readTree(new StaffClient(port).get("/avustuspaatokset/" + roundId + ".json").body());
        assertThat(json).hasSize(3);
    }

    // --- steps --------------------------------------------------------------------------------------------------

    private GrantFixtures.Applicant applicant(String language) {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        jdbc.sql("update organisation_contact set language = ?, electronic_notice_consent = true where id = ?")
                .params(language, applicant.contactId()).update();
        return applicant;
    }

    private ProcessInstance submit(StaffClient portal, String apply, GrantFixtures.Applicant applicant, String amount) {
        HttpResponse<String> sent = portal.postMultipart(apply, GrantFixtures.applicationForm(portal.get(apply).body(),
                "Vertaistukiryhmät", amount, List.<String[]>of(new String[] {"Palkat", amount})));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        String id = jdbc.sql("select process_instance_id from case_file where contact_email = ?").param(applicant.email())
                .query(String.class).single();
        return runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private long applicationId(ProcessInstance app) {
        return jdbc.sql("select a.id from grant_application a join case_file c on c.id = a.case_id where c.reference = ?")
                .param(app.getBusinessKey()).query(Long.class).single();
    }

    private BigDecimal decisionsTotal(long roundId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from grant_allocation where round_id = ?").param(roundId)
                .query(BigDecimal.class).single();
    }

    private void submitForm(ProcessInstance instance, String user, String variables) {
        String task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
        HttpResponse<String> done = new StaffClient(port).engineRest("POST", "/task/" + task + "/submit-form", user, "silta-demo",
                "{\"variables\": " + variables + "}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    private String onlyDecisionPdf(String email, String subject) {
        return onlyDecisionPdf(email, subject, 0);
    }

    private String onlyDecisionPdf(String email, String subject, int index) {
        List<Mails.Attachment> files = Mails.attachments(greenMail, email, subject);
        assertThat(files).hasSizeGreaterThan(index);
        return files.get(index).pdfText().replace('\u00a0', ' ');
    }

    private void runJob(ProcessInstance instance) {
        managementService.executeJob(managementService.createJobQuery().processInstanceId(instance.getId()).executable()
                .singleResult().getId());
    }

    private void complete(ProcessInstance instance, String name, String value) {
        taskService.complete(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId(),
                java.util.Map.of(name, value));
    }

    private static String find(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in " + html);
        }
        return m.group(1);
    }
}
