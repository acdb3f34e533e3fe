package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.BrowserTests;
import fi.silta.support.GrantDecisionFixtures;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;

/**
 * The applicant's side of a grant decision in a real browser (src/test/browser/grant-decision.mjs):
 * the decision on the status page, its PDF, a request for rectification with an attachment sent
 * through the portal's task form, and the status page saying it came in; no axe-core violation.
 * The decision is delivered in real time by {@link GrantDecisionFixtures}.
 */
@SiltaIntegrationTest
class GrantDecisionBrowserTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final String REASONS = "Pisteytys ei huomioinut toiminnan laajuutta koko alueella.";

    @LocalServerPort int port;
    @Autowired GrantDecisionFixtures decisions;
    @Autowired OutboxDrainer drainer;
    @Autowired RuntimeService runtimeService;
    @Autowired JdbcClient jdbc;

    @Test
    void theApplicantSeesTheDecisionOpensItsPdfAndRequestsRectificationWithAnAttachment() {
        BrowserTests browser = BrowserTests.require();
        GrantDecisionFixtures.Delivered delivered = decisions.decidedAndDelivered("3000.00", "2000");
        String link = PortalSignIn.mailedLink(port, greenMail, drainer, delivered.applicant().email());

        String output = browser.run("grant-decision.mjs", "http://localhost:" + port, Duration.ofMinutes(4),
                "--sign-in-link", link, "--case-reference", delivered.caseReference(),
                "--granted", "2 000,00 €", "--asked", "3 000,00 €",
                "--last-day", delivered.rectificationLastDay().format(fi.silta.portal.forms.TaskFormInput.DAY),
                "--reasons", REASONS, "--screenshots", BrowserTests.SCREENSHOTS.toString());

        assertThat(output).contains("no axe-core violations");
        // the request, from the applicant through the portal, with its attachment as a document of the case
        Map<String, Object> request = jdbc.sql("select channel, requested_by, reasons, document_ids, case_id "
                + "from grant_rectification_request where decision_id = ?").param(delivered.decision().id()).query().singleRow();
        assertThat(request.get("channel")).isEqualTo("PORTAL");
        assertThat(request.get("requested_by")).isEqualTo(delivered.applicant().email());
        assertThat(request.get("reasons")).isEqualTo(REASONS);
        assertThat((String) request.get("document_ids")).as("one attachment").matches("\\d+");
        long documentId = Long.parseLong((String) request.get("document_ids"));
        Map<String, Object> document = jdbc.sql("select case_id, field_key, file_name, content_type, uploaded_by from document "
                + "where id = ?").param(documentId).query().singleRow();
        assertThat(((Number) document.get("case_id")).longValue()).isEqualTo(delivered.decision().caseId())
                .isEqualTo(((Number) request.get("case_id")).longValue());
        assertThat(document.get("field_key")).isEqualTo("rectificationAttachments");
        assertThat(document.get("file_name")).isEqualTo("oikaisuvaatimuksen-liite.pdf");
        assertThat(document.get("content_type")).isEqualTo("application/pdf");
        assertThat(document.get("uploaded_by")).isEqualTo(delivered.applicant().email());
        // the application's process handles it: grantRectification waits for the coordinator's preparation
        var handling = runtimeService.createProcessInstanceQuery().superProcessInstanceId(delivered.processInstanceId()).singleResult();
        assertThat(handling).as("grantRectification called").isNotNull();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(handling.getId()).singleResult()
                .getProcessDefinitionId()).startsWith("grantRectification:");
        assertThat(runtimeService.getActiveActivityIds(handling.getId())).containsExactly("Task_PrepareRectification");
        assertThat(runtimeService.getActiveActivityIds(delivered.processInstanceId())).containsExactly("CallActivity_HandleRectification");
    }
}
