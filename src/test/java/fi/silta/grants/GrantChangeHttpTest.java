package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantDecisionFixtures;
import fi.silta.support.GrantFixtures;
import fi.silta.support.Mails;
import fi.silta.support.Multipart;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * A change request over real HTTP: the organisation's verified contact asks on the status page for a budget
 * shift (a changed total and a negative line refused first), the decision maker decides through the engine's
 * REST API (Tasklist's form), the decision is mailed with its PDF and the funding's lines change; then more
 * time, granted, moves the report's due day. Refused with nothing stored: the same post twice (one request), a
 * second open request, another organisation's grant, a request after the grant period and after the final report.
 */
@SiltaIntegrationTest
class GrantChangeHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    @LocalServerPort int port;
    @Autowired GrantDecisionFixtures decisions;
    @Autowired GrantFixtures fixtures;
    @Autowired GrantFundings fundings;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;

    @Autowired TaskService taskService;
    @Autowired org.camunda.bpm.engine.RuntimeService runtimeService;
    @Autowired ManagementService managementService;

    @Test
    void aBudgetShiftAndMoreTimeFromTheStatusPageToNewTerms() {
        GrantChangeTestFunding funding = GrantChangeTestFunding.create(decisions, jdbc, true);
        String status = "/portal/cases/" + funding.reference();
        String post = status + "/change-requests";
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, funding.email());
        String page = portal.get(status).body();
        assertThat(page).contains("Hae muutosta avustuksen ehtoihin", "Ohjaajien palkkiot", "Tilavuokrat");
        String key = find(page, "name=\"submissionKey\" value=\"([^\"]+)\"");
        String csrf = StaffClient.csrf(page);

        // a total that changes, a negative line: refused in the reader's language, nothing stored
        assertThat(portal.postMultipart(post, budget(csrf, key, "4 000", "1 500")).statusCode()).isEqualTo(302);
        assertThat(portal.get(status).body().replace('\u00a0', ' ')).contains("loppusumman on pysyttävä samana (5 000,00 €)")
                .doesNotContain("totalbeloppet");
        assertThat(portal.postMultipart(post, budget(csrf, key, "-500", "5 500")).statusCode()).isEqualTo(302);
        assertThat(portal.get(status).body()).contains("role=\"alert\"");
        assertThat(requests(funding)).isZero();

        // the request, with an attachment; the same post again (a double click) is the same request
        HttpResponse<String> sent = portal.postMultipart(post, budget(csrf, key, "3 500", "1 500")
                .file("changeAttachments", "laskelma.pdf", "application/pdf", PDF));
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(portal.postMultipart(post, budget(csrf, key, "3 500", "1 500")).statusCode()).isEqualTo(302);
        assertThat(portal.get(status).body()).contains("Muutoshakemus on vastaanotettu");
        assertThat(requests(funding)).isOne();
        assertThat(jdbc.sql("select document_ids from grant_change_request where funding_id = ?").param(funding.fundingId())
                .query(String.class).single()).isNotBlank();
        // another tab: a second open request is refused naming the first
        assertThat(portal.postMultipart(post, time(csrf, UUID.randomUUID().toString(), funding.reportDue().plusDays(30))).statusCode())
                .isEqualTo(302);
        assertThat(portal.get(status).body()).contains("on jo haettu muutosta");
        assertThat(requests(funding)).isOne();

        // another organisation's contact: the case is not theirs
        GrantFixtures.Applicant other = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient otherPortal = PortalSignIn.signedIn(port, greenMail, drainer, other.email());
        String otherPage = otherPortal.get("/portal/grants/" + funding.delivered().roundId() + "/apply").body();
        assertThat(otherPortal.postMultipart(post, budget(StaffClient.csrf(otherPage), UUID.randomUUID().toString(), "2 000", "3 000"))
                .statusCode()).isEqualTo(404);
        assertThat(requests(funding)).isOne();

        // the decision maker grants it in Tasklist (its form through the REST API)
        submitForm(funding, "helena.hamalainen", "{\"changeOutcome\": {\"value\": \"GRANTED\"}, "
                + "\"changeDecisionReasons\": {\"value\": \"Siirto on perusteltu.\"}}");
        runJobs(funding);
        drainer.drain();
        runJobs(funding);
        List<Mails.Attachment> pdfs = Mails.attachments(greenMail, funding.email(), "Päätös muutoshakemukseen");
        assertThat(pdfs).hasSize(1);
        assertThat(pdfs.get(0).fileName()).startsWith("muutospaatos-" + funding.reference());
        assertThat(pdfs.get(0).pdfText().replace('\u00a0', ' ')).contains("Haettu muutos myönnetään", "3 500,00", "Oikaisuvaatimusohje");
        assertThat(fundings.lines(funding.fundingId())).extracting(BudgetLine::amount).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("3500"), new BigDecimal("1500"));
        String decided = portal.get(status).body();
        String pdfLink = find(decided, "href=\"(" + Pattern.quote(status) + "/documents/\\d+)\"[^>]*>[^<]*Muutospäätös");
        HttpResponse<byte[]> pdf = portal.getBytes(pdfLink);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        // more time, now that nothing is open
        LocalDate later = funding.reportDue().plusDays(60);
        page = portal.get(status).body();
        assertThat(portal.postMultipart(post, time(StaffClient.csrf(page), find(page, "name=\"submissionKey\" value=\"([^\"]+)\""), later))
                .statusCode()).isEqualTo(302);
        assertThat(requests(funding)).isEqualTo(2);
        submitForm(funding, "helena.hamalainen", "{\"changeOutcome\": {\"value\": \"GRANTED\"}, "
                + "\"changeDecisionReasons\": {\"value\": \"Lisäaika myönnetään.\"}}");
        runJobs(funding);
        assertThat(fundings.find(funding.fundingId()).orElseThrow().reportDue()).isEqualTo(later);
        assertThat(fundings.find(funding.fundingId()).orElseThrow().termsVersion()).isEqualTo(3);

        // the staff case page lists both
        String staffPage = StaffClient.signedIn(port, "aino.virtanen", "silta-demo").get("/staff/cases/" + funding.reference()).body();
        assertThat(staffPage).contains("Muutoshakemukset", "Siirto on perusteltu.", "Lisäaika myönnetään.");
    }

    @Test
    void noRequestAfterTheGrantPeriodOrTheFinalReport() {
        GrantChangeTestFunding funding = GrantChangeTestFunding.create(decisions, jdbc, true);
        String status = "/portal/cases/" + funding.reference();
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, funding.email());
        String page = portal.get(status).body();
        String csrf = StaffClient.csrf(page);

        fundings.status(funding.fundingId(), GrantFunding.Status.DONE);
        assertThat(portal.get(status).body()).doesNotContain("Hae muutosta avustuksen ehtoihin");
        assertThat(portal.postMultipart(status + "/change-requests", time(csrf, UUID.randomUUID().toString(),
                funding.reportDue().plusDays(30))).statusCode()).isEqualTo(302);
        assertThat(portal.get(status).body()).contains("Muutosta ei voi enää hakea");
        assertThat(requests(funding)).isZero();

        // the final report is in (a version of the funding's FINAL use-of-funds report): the grant period is over
        fundings.status(funding.fundingId(), GrantFunding.Status.REPORTING);
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into grant_report (funding_id, kind, due_at, status, created_at) values (?, 'FINAL', ?, 'SUBMITTED', ?)")
                .params(funding.fundingId(), java.time.OffsetDateTime.now().plusDays(10), java.time.OffsetDateTime.now())
                .update(key, "id");
        jdbc.sql("insert into grant_report_version (report_id, version, terms_version, unused, people_reached, activities_held, "
                + "outcomes, document_ids, submitted_by, submitted_at) values (?, 1, 1, 0, 10, 2, 'Tavoitteet toteutuivat.', '', "
                + "'test@example.org', ?)").params(key.getKey().longValue(), java.time.OffsetDateTime.now()).update();
        assertThat(portal.postMultipart(status + "/change-requests", time(csrf, UUID.randomUUID().toString(),
                funding.reportDue().plusDays(30))).statusCode()).isEqualTo(302);
        assertThat(portal.get(status).body()).contains("Muutosta ei voi enää hakea");
        assertThat(requests(funding)).isZero();

        // a status link alone (no one signed in) asks for nothing
        assertThat(new StaffClient(port).postMultipart(status + "/change-requests", time(csrf, UUID.randomUUID().toString(),
                funding.reportDue().plusDays(30))).statusCode()).isNotEqualTo(302);
        assertThat(requests(funding)).isZero();
    }

    // --- steps --------------------------------------------------------------------------------------------------

    private static Multipart budget(String csrf, String key, String first, String second) {
        return new Multipart().field("_csrf", csrf).field("submissionKey", key).field("changeKind", "BUDGET")
                .field("line0", first).field("line1", second).field("changeReasons", "Tilavuokrat halpenivat.");
    }

    private static Multipart time(String csrf, String key, LocalDate due) {
        return new Multipart().field("_csrf", csrf).field("submissionKey", key).field("changeKind", "TIME")
                .field("changeReportDue", due.toString()).field("changeReasons", "Toiminta alkoi myöhässä.");
    }

    private long requests(GrantChangeTestFunding funding) {
        return jdbc.sql("select count(*) from grant_change_request where funding_id = ?").param(funding.fundingId())
                .query(Long.class).single();
    }

    private void submitForm(GrantChangeTestFunding funding, String user, String variables) {
        String task = taskService.createTaskQuery().processInstanceBusinessKey(funding.reference())
                .taskDefinitionKey("Task_DecideChangeRequest").singleResult().getId();
        HttpResponse<String> done = new StaffClient(port).engineRest("POST", "/task/" + task + "/submit-form", user, "silta-demo",
                "{\"variables\": " + variables + "}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    /** Runs the change requests' jobs that are due (the decision's steps, the day of receipt). */
    private void runJobs(GrantChangeTestFunding funding) {
        for (var instance : runtimeService.createProcessInstanceQuery().processDefinitionKey(GrantChangeRequests.PROCESS_KEY)
                .processInstanceBusinessKey(funding.reference()).list()) {
            for (var job : managementService.createJobQuery().processInstanceId(instance.getId()).executable().list()) {
                managementService.executeJob(job.getId());
            }
        }
    }

    private static String find(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in " + html);
        }
        return m.group(1);
    }
}
