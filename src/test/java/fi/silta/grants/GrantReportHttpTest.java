package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.GrantFixtures;
import fi.silta.support.Mails;
import fi.silta.support.Multipart;
import fi.silta.support.PortalSignIn;
import fi.silta.support.ReportFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * The use-of-funds report over HTTP: the organisation's verified contact reports on the status page (wrong totals
 * refused, nothing stored), a contact of another organisation cannot reach the form, a second tab is told the form is
 * closed, the coordinator asks for more through the engine's REST API (mailed to every verified contact), the
 * organisation sends more and the coordinator accepts.
 */
@SiltaIntegrationTest
class GrantReportHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    @LocalServerPort int port;
    @Autowired ReportFixtures fixtures;
    @Autowired GrantFixtures grantFixtures;
    @Autowired OutboxDrainer drainer;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired HistoryService historyService;
    @Autowired GrantReports reports;

    @AfterEach
    void reset() {
        ClockUtil.reset();
    }

    @Test
    void reportedOnTheStatusPageAskedForMoreAndAccepted() {
        ReportFixtures.Funded funded = fixtures.funded(LocalDate.now().plusDays(90), null);
        GrantFixtures.Applicant colleague = grantFixtures.colleague(funded.applicant(), "Kalle Kollega");
        ProcessInstance instance = fixtures.startReport(funded, "FINAL");
        managementService.executeJob(managementService.createJobQuery().processInstanceId(instance.getId()).singleResult().getId());
        String reference = funded.caseReference();

        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, funded.applicant().email());
        String status = portal.get("/portal/cases/" + reference).body();
        String taskLink = find(status, "href=\"(/portal/cases/" + reference + "/tasks/[^\"]+)\"");
        String taskPage = portal.get(taskLink).body();
        assertThat(taskPage).contains("Ohjaajien palkkiot", "Tilavuokrat", "Jaksaminen ja yhteisö", "reportLines[1].used");

        // a contact of another organisation reaches neither the case nor its form
        var stranger = fixtures.funded(LocalDate.now().plusDays(90), null).applicant();
        StaffClient other = PortalSignIn.signedIn(port, greenMail, drainer, stranger.email());
        assertThat(other.get(taskLink).statusCode()).isEqualTo(404);
        assertThat(other.postMultipart(taskLink, form(StaffClient.csrf(other.get("/portal/my").body()), "2900,00", "100,00"))
                .statusCode()).isEqualTo(404);

        // wrong totals: refused with the reason, nothing stored
        HttpResponse<String> wrong = portal.postMultipart(taskLink, form(StaffClient.csrf(taskPage), "2900,00", "99,00"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body().replace('\u00a0', ' ')).contains("sentilleen myönnetty avustus")
                // the rows still show their budget lines
                .contains("value=\"Ohjaajien palkkiot\"", "value=\"Tilavuokrat\"");
        long reportId = reports.ofProcess(instance.getId()).orElseThrow().id();
        assertThat(reports.versions(reportId)).isEmpty();

        // right: stored with its attachment
        HttpResponse<String> sent = portal.postMultipart(taskLink, form(StaffClient.csrf(taskPage), "2900,00", "100,00")
                .file("reportAttachments", "tilinpaatos.pdf", "application/pdf", PDF));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        List<GrantReport.Version> versions = reports.versions(reportId);
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).submittedBy()).isEqualTo(funded.applicant().email());
        assertThat(versions.get(0).documents()).hasSize(1);
        assertThat(versions.get(0).used()).isEqualByComparingTo("4900.00");
        assertThat(portal.get("/portal/cases/" + reference).body()).contains("Lähettämänne selvitys", "tilinpaatos.pdf");

        // the second tab: told the form is closed, nothing more stored
        HttpResponse<String> again = portal.postMultipart(taskLink, form(StaffClient.csrf(taskPage), "2900,00", "100,00"));
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(portal.get("/portal/cases/" + reference).body()).contains("Lomaketta ei voi enää lähettää");
        assertThat(reports.versions(reportId)).hasSize(1);

        // the coordinator sees the figures against the budget and asks for more through REST
        StaffClient coordinator = StaffClient.signedIn(port, "aino.virtanen", "silta-demo");
        assertThat(coordinator.get("/staff/cases/" + reference).body().replace('\u00a0', ' '))
                .contains("Käyttöselvitykset", "Ohjaajien palkkiot", "2 900,00", "3 000,00", "tilinpaatos.pdf");
        submitForm(instance, "{\"reviewDecision\": {\"value\": \"more\"}, \"reviewRequest\": {\"value\": \"Erittelkää palkkiot.\"}}");
        managementService.executeJob(managementService.createJobQuery().processInstanceId(instance.getId()).singleResult().getId());
        Mails.sendAllDue(drainer);
        for (String email : List.of(funded.applicant().email(), colleague.email())) {
            assertThat(Mails.to(greenMail, email)).anySatisfy(m -> {
                assertThat(m.subject()).contains("Lisäselvityspyyntö", reference);
                assertThat(m.body()).contains("Erittelkää palkkiot.");
            });
        }

        // the organisation sends more (the colleague this time), the coordinator accepts
        StaffClient colleaguePortal = PortalSignIn.signedIn(port, greenMail, drainer, colleague.email());
        String status2 = colleaguePortal.get("/portal/cases/" + reference).body();
        assertThat(status2).contains("Erittelkää palkkiot.");
        String taskLink2 = find(status2, "href=\"(/portal/cases/" + reference + "/tasks/[^\"]+)\"");
        String taskPage2 = colleaguePortal.get(taskLink2).body();
        assertThat(colleaguePortal.postMultipart(taskLink2, form(StaffClient.csrf(taskPage2), "2950,00", "50,00")).statusCode())
                .isEqualTo(302);
        submitForm(instance, "{\"reviewDecision\": {\"value\": \"accept\"}}");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult().getEndTime())
                .isNotNull();
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).variableName("reportOutcome")
                .singleResult().getValue()).isEqualTo("ACCEPTED");
        assertThat(reports.versions(reportId)).extracting(GrantReport.Version::review).containsExactly("MORE_ASKED", "ACCEPTED");
    }

    private static Multipart form(String csrf, String usedFirst, String unused) {
        return new Multipart().field("_csrf", csrf).field("reportLines[0].used", usedFirst).field("reportLines[1].used", "2000,00")
                .field("reportUnused", unused).field("reportPeopleReached", "120").field("reportActivitiesHeld", "24")
                .field("reportOutcomes", "Vertaisryhmät kokoontuivat viikoittain.");
    }

    private void submitForm(ProcessInstance instance, String variables) {
        String task = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_ReviewReport")
                .singleResult().getId();
        HttpResponse<String> done = new StaffClient(port).engineRest("POST", "/task/" + task + "/submit-form", "aino.virtanen",
                "silta-demo", "{\"variables\": " + variables + "}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    private static String find(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in " + html);
        }
        return m.group(1);
    }
}
