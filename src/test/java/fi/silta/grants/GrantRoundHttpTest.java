package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.Mails;
import fi.silta.support.Multipart;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * A round over real HTTP: two organisations apply in the portal (bad input refused first, a
 * draft, a double submission), one supplement round trip through the status page, two reviewers
 * per application score through the engine's REST API, and the totals and ranking are right.
 */
@SiltaIntegrationTest
class GrantRoundHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T10:00:00+02:00");
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired fi.silta.organisations.OrganisationService organisations;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired GrantApplicationRepository applications;

    long roundId;

    @BeforeEach
    void openRound() {
        ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
        roundId = fixtures.publishedRound(NOW.minusDays(1), NOW.plusDays(29), GrantFixtures.POOL);
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
    }

    @Test
    void twoOrganisationsApplyOneSupplementsAndTheReviewsRankThem() throws Exception {
        GrantFixtures.Applicant a = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        GrantFixtures.Applicant b = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portalA = signIn(a.email());
        StaffClient portalB = signIn(b.email());
        String apply = "/portal/grants/" + roundId + "/apply";

        assertThat(portalA.get("/").body()).contains("href=\"" + apply + "\"", "Hae avustusta");
        String page = portalA.get(apply).body();
        assertThat(page).contains("Hakuaika päättyy 31.3.2026 klo 11.00", "Yhdelle hakemukselle voi myöntää enintään 10\u00a0000,00\u00a0€.");
        long cases = count("case_file");

        // bad input: refused with a clear message, nothing stored
        assertThat(post(portalA, apply, "-5", List.<String[]>of(new String[] {"Palkat", "-5"}), null).body())
                .contains("error-summary");
        assertThat(post(portalA, apply, "12 000,00", List.<String[]>of(new String[] {"Palkat", "12 000,00"}), null).body())
                .contains("Summa on suurempi kuin haun enimmäisavustus 10\u00a0000,00\u00a0€.");
        assertThat(post(portalA, apply, "5 000,00", List.<String[]>of(new String[] {"Palkat", "4 000,00"}), null).body())
                .contains("Talousarvion rivien summa 4\u00a0000,00\u00a0€ ei vastaa haettavaa summaa 5\u00a0000,00\u00a0€.");
        assertThat(count("case_file")).isEqualTo(cases);

        // a draft keeps what was typed
        Multipart draft = form(portalA.get(apply).body(), "Luonnos: vertaistukiryhmät", "5 000,00",
                List.<String[]>of(new String[] {"Palkat", "5 000,00"})).field("_save", "draft");
        assertThat(portalA.postMultipart(apply, draft).statusCode()).isEqualTo(302);
        assertThat(portalA.get(apply).body()).contains("Luonnos: vertaistukiryhmät", "Luonnos on tallennettu");
        assertThat(portalA.get("/portal/my").body()).contains("Keskeneräiset hakemukset", "href=\"" + apply + "\"");

        // submitted once, however many times it is sent
        page = portalA.get(apply).body();
        String secondTabPage = portalA.get(apply).body();
        Multipart submitA = form(page, "Vertaistukiryhmät omaishoitajille", "5 000,00",
                List.<String[]>of(new String[] {"Palkat", "3 000,00"}, new String[] {"Tilavuokrat", "2 000,00"}))
                .file("attachments", "toimintasuunnitelma.pdf", "application/pdf", PDF);
        HttpResponse<String> receiptA = portalA.postMultipart(apply, submitA);
        assertThat(receiptA.statusCode()).as(receiptA.body()).isEqualTo(302);
        assertThat(portalA.postMultipart(apply, submitA).headers().firstValue("Location").orElseThrow())
                .isEqualTo(receiptA.headers().firstValue("Location").orElseThrow());
        // a second tab opened before (its own submission key) gives the same application
        Multipart secondTab = form(secondTabPage, "Vertaistukiryhmät omaishoitajille", "5 000,00",
                List.<String[]>of(new String[] {"Palkat", "5 000,00"}));
        assertThat(portalA.postMultipart(apply, secondTab).headers().firstValue("Location").orElseThrow())
                .isEqualTo(receiptA.headers().firstValue("Location").orElseThrow());
        // opened now, the form says the organisation has applied instead of offering an empty form
        assertThat(portalA.get(apply).body()).contains("Järjestö on jo hakenut tässä haussa").doesNotContain("name=\"submissionKey\"");
        assertThat(post(portalB, apply, "8 000", List.<String[]>of(new String[] {"Ohjaajien palkkiot", "8 000"}), null).statusCode()).isEqualTo(302);
        assertThat(count("case_file")).isEqualTo(cases + 2);

        ProcessInstance applicationA = instanceOf(a.email());
        ProcessInstance applicationB = instanceOf(b.email());
        assertThat(applicationA.getBusinessKey()).matches("AV-2026-\\d{4}");
        GrantApplication storedA = applications.findByCase(caseIdOf(a.email())).orElseThrow();
        assertThat(storedA.amount()).isEqualByComparingTo("5000.00");
        assertThat(applications.budgetLines(storedA.id())).extracting(BudgetLine::amount)
                .usingElementComparator(java.math.BigDecimal::compareTo).containsExactly(
                        new java.math.BigDecimal("3000.00"), new java.math.BigDecimal("2000.00"));

        for (ProcessInstance instance : List.of(applicationA, applicationB)) {
            runJob(instance);
            complete(instance, Map.of("eligibilityDecision", "eligible"));
        }

        // A is asked for a supplement and answers on its status page
        complete(applicationA, Map.of("formalCheckResult", "incomplete", "supplementRequest", "Lisää tilinpäätös.", "supplementDays", 7));
        runJob(applicationA);
        String status = portalA.get("/portal/cases/" + applicationA.getBusinessKey()).body();
        assertThat(status).contains("Hakemuksesta puuttuu tietoja.", "Täydennä hakemusta");
        String taskLink = find(status, "href=\"(/portal/cases/" + applicationA.getBusinessKey() + "/tasks/[^\"]+)\"");
        String taskPage = portalA.get(taskLink).body();
        assertThat(taskPage).contains("Lisää tilinpäätös.");
        // a contact who is no longer a verified contact of the organisation answers nothing in its name
        organisations.markRejected(a.contactId(), "aino.virtanen");
        HttpResponse<String> notVerified = portalA.postMultipart(taskLink, new Multipart().field("_csrf", StaffClient.csrf(taskPage))
                .field("supplementAnswer", "Tilinpäätös liitteenä."));
        assertThat(notVerified.statusCode()).isEqualTo(422);
        assertThat(notVerified.body()).contains("Hyvinvointialue ei ole vielä vahvistanut rekisteröitymistäsi yhteyshenkilöksi.");
        assertThat(runtimeService.getActiveActivityIds(applicationA.getId())).containsExactly("Task_ProvideSupplement");
        organisations.markVerified(a.contactId(), "aino.virtanen");
        HttpResponse<String> answered = portalA.postMultipart(taskLink, new Multipart().field("_csrf", StaffClient.csrf(taskPage))
                .field("supplementAnswer", "Tilinpäätös liitteenä.")
                .file("attachments", "tilinpaatos.pdf", "application/pdf", PDF));
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(302);
        assertThat(runtimeService.getActiveActivityIds(applicationA.getId())).containsExactly("Task_FormalCheck");
        assertThat(count("document d join case_file c on d.case_id = c.id where c.contact_email = '" + a.email() + "'")).isEqualTo(2);

        for (ProcessInstance instance : List.of(applicationA, applicationB)) {
            complete(instance, Map.of("formalCheckResult", "complete"));
            runJob(instance);
        }

        // two reviewers each, through the REST API with their own credentials
        scoreAll(applicationA, new int[] {4, 4, 4}, new int[] {4, 3, 5});
        scoreAll(applicationB, new int[] {3, 3, 3}, new int[] {2, 3, 4});
        for (ProcessInstance instance : List.of(applicationA, applicationB)) {
            runJob(instance);
            runJob(instance);
            // scored: waiting for the round's decision
            assertThat(runtimeService.createExecutionQuery().processInstanceId(instance.getId()).activityId("Event_AwaitDecision")
                    .count()).isOne();
        }
        assertThat(applications.findByCase(caseIdOf(a.email())).orElseThrow().finalScore()).isEqualByComparingTo("4.00");
        assertThat(applications.findByCase(caseIdOf(b.email())).orElseThrow().finalScore()).isEqualByComparingTo("2.95");

        StaffClient coordinator = new StaffClient(port);
        coordinator.signIn("aino.virtanen", "silta-demo");
        String ranking = coordinator.get("/staff/grants/" + roundId).body();
        assertThat(ranking.indexOf(applicationA.getBusinessKey())).isPositive().isLessThan(ranking.indexOf(applicationB.getBusinessKey()));
        assertThat(ranking).contains("4,00", "2,95");
        // the coordinator sees every review and score; a reviewer of the application sees the case and its
        // attachments, not the scores; a reviewer of the pool not assigned to it sees nothing of it
        assertThat(coordinator.get("/staff/cases/" + applicationA.getBusinessKey()).body())
                .contains("Arviot", "pisteytetty", "Perusteltu arvio 0", "toimintasuunnitelma.pdf");
        List<String> reviewersOfA = jdbc.sql("select r.reviewer_user_id from grant_review r join grant_application a "
                + "on a.id = r.application_id where a.case_id = ? order by r.reviewer_user_id").param(caseIdOf(a.email()))
                .query(String.class).list();
        StaffClient reviewer = new StaffClient(port);
        reviewer.signIn(reviewersOfA.get(0), "silta-demo");
        assertThat(reviewer.get("/staff/cases/" + applicationA.getBusinessKey()).body())
                .contains("toimintasuunnitelma.pdf").doesNotContain("Perusteltu arvio", "Arviot");
        String notAssigned = GrantFixtures.POOL.stream().filter(r -> !reviewersOfA.contains(r)).findFirst().orElseThrow();
        StaffClient outsider = new StaffClient(port);
        outsider.signIn(notAssigned, "silta-demo");
        assertThat(outsider.get("/staff/cases/" + applicationA.getBusinessKey()).statusCode()).isEqualTo(403);

        drainer.drain();
        assertThat(Mails.to(greenMail, a.email())).extracting(Mails.Received::subject).contains(
                "Olemme vastaanottaneet asiasi " + applicationA.getBusinessKey(),
                "Täydennyspyyntö: avustushakemus " + applicationA.getBusinessKey());
        assertThat(Mails.to(greenMail, b.email())).extracting(Mails.Received::subject)
                .contains("Olemme vastaanottaneet asiasi " + applicationB.getBusinessKey());
    }

    @Test
    void anApplicationIsWithdrawnOnItsStatusPageBeforeTheDeadline() {
        GrantFixtures.Applicant a = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portal = signIn(a.email());
        String apply = "/portal/grants/" + roundId + "/apply";
        assertThat(post(portal, apply, "1 000", List.<String[]>of(new String[] {"Kulut", "1 000"}), null).statusCode()).isEqualTo(302);
        ProcessInstance instance = instanceOf(a.email());
        String statusPath = "/portal/cases/" + instance.getBusinessKey();
        assertThat(portal.get(statusPath).body()).contains("Peru hakemus");
        // a contact no longer verified withdraws nothing in the organisation's name
        organisations.markRejected(a.contactId(), "aino.virtanen");
        assertThat(portal.postWithCsrfOf(statusPath, statusPath + "/withdraw", "").statusCode()).isEqualTo(302);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isOne();
        assertThat(portal.get(statusPath).body()).contains("ei ole vielä vahvistanut rekisteröitymistäsi");
        organisations.markVerified(a.contactId(), "aino.virtanen");
        assertThat(portal.postWithCsrfOf(statusPath, statusPath + "/withdraw", "").statusCode()).isEqualTo(302);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(portal.get(statusPath).body()).contains("Hakemus on peruttu.", "Peruit hakemuksen.").doesNotContain("Peru hakemus<");
    }

    @Test
    void afterTheDeadlineTheFormSaysSoAndNothingIsAccepted() {
        GrantFixtures.Applicant a = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portal = signIn(a.email());
        String apply = "/portal/grants/" + roundId + "/apply";
        String page = portal.get(apply).body();
        ClockUtil.setCurrentTime(Date.from(NOW.plusDays(29).toInstant()));
        assertThat(portal.get(apply).body()).contains("Haku ei ole auki.").doesNotContain("name=\"activity\"");
        HttpResponse<String> late = portal.postMultipart(apply, form(page, "Myöhässä", "1 000", List.<String[]>of(new String[] {"Kulut", "1 000"})));
        assertThat(late.statusCode()).isEqualTo(422);
        assertThat(late.body()).contains("Haku ei ole auki: hakuaika on päättynyt tai ei ole vielä alkanut.", "Haku ei ole auki.");
        assertThat(count("grant_application where contact_email = '" + a.email() + "' and status <> 'DRAFT'")).isZero();
    }

    private void scoreAll(ProcessInstance application, int[] first, int[] second) throws Exception {
        fi.silta.support.RestReviews.scoreAll(port, runtimeService, taskService, application, first, second);
    }

    private StaffClient signIn(String email) {
        return PortalSignIn.signedIn(port, greenMail, drainer, email);
    }

    private HttpResponse<String> post(StaffClient portal, String apply, String amount, List<String[]> lines, byte[] attachment) {
        return portal.postMultipart(apply, form(portal.get(apply).body(), "Kerhotoiminta", amount, lines));
    }

    private Multipart form(String page, String activity, String amount, List<String[]> lines) {
        return GrantFixtures.applicationForm(page, activity, amount, lines);
    }

    private ProcessInstance instanceOf(String email) {
        String id = jdbc.sql("select process_instance_id from case_file where contact_email = ?").param(email).query(String.class).single();
        return runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private long caseIdOf(String email) {
        return jdbc.sql("select id from case_file where contact_email = ?").param(email).query(Long.class).single();
    }

    private void runJob(ProcessInstance instance) {
        managementService.executeJob(managementService.createJobQuery().processInstanceId(instance.getId()).executable()
                .singleResult().getId());
    }

    private void complete(ProcessInstance instance, Map<String, Object> variables) {
        taskService.complete(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId(), variables);
    }

    private long count(String fromWhere) {
        return jdbc.sql("select count(*) from " + fromWhere).query(Long.class).single();
    }

    private static String find(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in " + html);
        }
        return m.group(1);
    }
}
