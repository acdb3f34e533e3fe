package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.GrantRecoveryFixtures;
import fi.silta.support.Mails;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;
import fi.silta.web.Locales;

/**
 * A recovery over HTTP: a reviewer, a decision maker or the organisation itself cannot begin one; a coordinator begins
 * it on the staff case page; Tasklist's forms through the REST API refuse an amount over what was paid, take a valid
 * one; the round's decision maker approves; the decision's PDF is mailed to the organisation; the due date's timer
 * fires and the coordinator records it paid; the staff page and the organisation's status page show it.
 */
@SiltaIntegrationTest
class GrantRecoveryHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired GrantRecoveryFixtures fixtures;
    @Autowired GrantRecoveries recoveries;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired OutboxDrainer drainer;

    @Test
    void begunOnTheCasePageDecidedMailedAndRecordedPaid() throws Exception {
        GrantRecoveryFixtures.Funded f = fixtures.funded();
        String casePath = "/staff/cases/" + f.reference();
        String startPath = casePath + "/recoveries";
        String body = "reason=UNUSED_FUNDS&description=" + URLEncoder.encode("Kesäleiri peruttiin.", StandardCharsets.UTF_8);

        // who may not begin one: a reviewer, a decision maker (not a coordinator), the organisation in the portal
        StaffClient reviewer = StaffClient.signedIn(port, "jussi.makinen", "silta-demo");
        assertThat(reviewer.postWithCsrfOf("/staff", startPath, body).statusCode()).isEqualTo(403);
        StaffClient decisionMaker = StaffClient.signedIn(port, "helena.hamalainen", "silta-demo");
        assertThat(decisionMaker.get(casePath).body()).doesNotContain("name=\"description\"");
        assertThat(decisionMaker.postWithCsrfOf("/staff", startPath, body).statusCode()).isEqualTo(403);
        StaffClient ngo = PortalSignIn.signedIn(port, greenMail, drainer, f.email());
        HttpResponse<String> fromPortal = ngo.postWithCsrfOf("/portal/my", startPath, body);
        assertThat(fromPortal.headers().firstValue("Location").orElse("")).doesNotContain(casePath);
        assertThat(recoveries.ofFunding(f.fundingId())).isEmpty();

        // the coordinator: the form is on the case page; a start without a description is refused, then begun
        StaffClient coordinator = StaffClient.signedIn(port, "aino.virtanen", "silta-demo");
        String page = coordinator.get(casePath).body();
        assertThat(page).contains("id=\"recovery\"", "name=\"description\"", "Aloita takaisinperintä");
        HttpResponse<String> refused = coordinator.postWithCsrfOf(casePath, startPath, "reason=FINDING&description=");
        assertThat(refused.statusCode()).isEqualTo(302);
        String refusedPage = coordinator.get(casePath).body();
        assertThat(refusedPage).contains("class=\"error\"");
        assertThat(recoveries.ofFunding(f.fundingId())).isEmpty();
        HttpResponse<String> started = coordinator.postWithCsrfOf(casePath, startPath, body);
        assertThat(started.statusCode()).isEqualTo(302);
        assertThat(started.headers().firstValue("Location").orElse("")).endsWith(casePath + "#recovery");
        assertThat(recoveries.ofFunding(f.fundingId())).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(GrantRecovery.Reason.UNUSED_FUNDS))
                .satisfies(r -> assertThat(r.startedBy()).isEqualTo("aino.virtanen"));
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processDefinitionKey("grantRecovery")
                .processInstanceBusinessKey(f.reference()).singleResult();
        // a second one while it is open: no form, and a post is refused
        assertThat(coordinator.get(casePath).body()).doesNotContain("name=\"description\"");
        coordinator.postWithCsrfOf(casePath, startPath, body);
        assertThat(recoveries.ofFunding(f.fundingId())).hasSize(1);

        // Tasklist through REST: an amount over the 6 000 € paid is refused in three languages; a valid one is taken
        String due = LocalDate.now(Locales.HELSINKI).plusDays(30).toString();
        HttpResponse<String> over = submit(instance, "aino.virtanen", "{\"recoveryAmount\": {\"value\": \"6500\"}, "
                + "\"recoveryReasons\": {\"value\": \"Leiri peruttiin.\"}, \"recoveryDueOn\": {\"value\": \"" + due + "\"}}");
        assertThat(over.statusCode()).isNotEqualTo(204);
        assertThat(over.body()).contains("Takaisin voi periä enintään", "Högst det belopp", "At most the amount paid out");
        assertThat(recoveries.ofFunding(f.fundingId()).get(0).amount()).isNull();
        assertThat(submit(instance, "aino.virtanen", "{\"recoveryAmount\": {\"value\": \"2 500,00\"}, "
                + "\"recoveryReasons\": {\"value\": \"Leiri peruttiin.\"}, \"recoveryDueOn\": {\"value\": \"" + due + "\"}}")
                .statusCode()).isEqualTo(204);
        // only the round's decision maker approves
        assertThat(submit(instance, "aino.virtanen", "{\"recoveryDecision\": {\"value\": \"approve\"}}").statusCode()).isNotEqualTo(204);
        HttpResponse<String> approved = submit(instance, "helena.hamalainen", "{\"recoveryDecision\": {\"value\": \"approve\"}}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);

        // issued and mailed with the PDF
        runJob(instance);
        Mails.sendAllDue(drainer);
        runJob(instance);
        var pdfs = Mails.attachments(greenMail, f.email(), "Takaisinperintäpäätös " + f.reference());
        assertThat(pdfs).singleElement().satisfies(pdf -> {
            assertThat(pdf.fileName()).isEqualTo("takaisinperintapaatos-" + f.reference() + ".pdf");
            assertThat(GrantRecoveryProcessTest.plain(pdf.pdfText())).contains("2 500,00 €", "Oikaisuvaatimusohje", "Leiri peruttiin.");
        });
        assertThat(Mails.to(greenMail, f.email())).anySatisfy(m -> assertThat(GrantRecoveryProcessTest.plain(m.body()))
                .contains("2 500,00 €", "/portal/cases/" + f.reference()));

        // the organisation's status page: the decision, its due date and the PDF
        String status = GrantRecoveryProcessTest.plain(ngo.get("/portal/cases/" + f.reference()).body());
        String dueShown = LocalDate.parse(due).format(java.time.format.DateTimeFormatter.ofPattern("d.M.yyyy"));
        assertThat(status).contains("Avustusta peritään takaisin 2 500,00 €; eräpäivä " + dueShown, "data-status=\"DECIDED\"");
        Matcher link = Pattern.compile("href=\"(/portal/cases/[^\"]+/documents/(\\d+))\"[^>]*>Takaisinperintäpäätös").matcher(status);
        assertThat(link.find()).isTrue();
        assertThat(ngo.getBytes(link.group(1)).statusCode()).isEqualTo(200);

        // the due date: the timer fires, the coordinator records it paid
        Job timer = managementService.createJobQuery().processInstanceId(instance.getId()).activityId("Timer_RecoveryDue").singleResult();
        managementService.setJobDuedate(timer.getId(), new Date());
        managementService.executeJob(timer.getId());
        Task record = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(record.getTaskDefinitionKey()).isEqualTo("Task_RecordRecoveryPayment");
        assertThat(submit(instance, "aino.virtanen", "{\"recoveryPaymentOutcome\": {\"value\": \"PAID\"}}").statusCode()).isEqualTo(204);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();

        String after = GrantRecoveryProcessTest.plain(coordinator.get(casePath).body());
        assertThat(after).contains("data-status=\"PAID\"", "2 500,00 €", "Maksettu kokonaan", "Takaisinperintäpäätös (PDF)");
        Matcher staffLink = Pattern.compile("href=\"(" + Pattern.quote(casePath) + "/documents/\\d+)\"[^>]*>Takaisinperintäpäätös").matcher(after);
        assertThat(staffLink.find()).isTrue();
        assertThat(coordinator.getBytes(staffLink.group(1)).statusCode()).isEqualTo(200);
        // ended: the form is offered again
        assertThat(after).contains("name=\"description\"");
    }

    private HttpResponse<String> submit(ProcessInstance instance, String user, String variables) {
        String task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
        return new StaffClient(port).engineRest("POST", "/task/" + task + "/submit-form", user, "silta-demo",
                "{\"variables\": " + variables + "}");
    }

    private void runJob(ProcessInstance instance) {
        managementService.executeJob(managementService.createJobQuery().processInstanceId(instance.getId()).singleResult().getId());
    }
}
