package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.BrowserTests;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;

/**
 * The NGO's side of a granted application's funding in a real browser (src/test/browser/grant-funding.mjs): the
 * contact confirms the bank account on the status page (an invalid IBAN refused with the Finnish message first), the
 * payment is made, and the contact sends the use-of-funds report with the money used per budget line; a Swedish
 * contact's pages show no raw message keys; axe-core finds no violation on any page. The real
 * {@code grantUseOfFundsReport} runs (no stubs here).
 */
@SiltaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrantFundingBrowserTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired GrantFundingFixtures fixtures;
    @Autowired GrantFundingService service;
    @Autowired GrantReports reports;
    @Autowired OutboxDrainer drainer;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;

    @AfterAll
    void cleanUp() {
        // ends the fundings started here (no stubs were deployed)
        fixtures.removeStubs();
    }

    @Test
    void theContactConfirmsTheBankAccountAndLaterSendsTheUseOfFundsReport() {
        BrowserTests browser = BrowserTests.require();
        GrantFundingFixtures.Funded funded = fixtures.funded(fixtures.round(100), "5000.00");
        fixtures.executeJob(funded.funding().processInstanceId());
        String reference = funded.caseFile().reference();
        String email = funded.applicant().email();

        String output = browser.run("grant-funding.mjs", "http://localhost:" + port, Duration.ofMinutes(4),
                "--sign-in-link", PortalSignIn.mailedLink(port, greenMail, drainer, email), "--case-reference", reference,
                "--step", "account", "--invalid-iban", "FI21 1234 5600 0007 86", "--iban", "FI49 5000 9420 0287 30",
                "--masked", "**** **** **** **87 30", "--holder", "Avustusyhdistys ry",
                "--screenshots", BrowserTests.SCREENSHOTS.toString());
        assertThat(output).contains("no axe-core violations");
        assertThat(service.account(funded.funding().organisationId()))
                .hasValueSatisfying(a -> assertThat(a.iban()).isEqualTo("FI4950009420028730"));
        assertThat(fixtures.payments(funded.funding())).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(GrantPayment.Status.DUE);
            assertThat(p.iban()).isEqualTo("FI4950009420028730");
        });

        // paid (what an approved batch does), and the real report process asks for the report
        fixtures.paid(funded.funding(), 1);
        ProcessInstance report = runtime.createProcessInstanceQuery().superProcessInstanceId(funded.funding().processInstanceId())
                .processDefinitionKey("grantUseOfFundsReport").singleResult();
        assertThat(report).as("the use-of-funds report asked").isNotNull();
        for (Job job : management.createJobQuery().processInstanceId(report.getId()).executable().list()) {
            management.executeJob(job.getId());
        }
        assertThat(runtime.getActiveActivityIds(report.getId())).contains("Task_SubmitReport");

        output = browser.run("grant-funding.mjs", "http://localhost:" + port, Duration.ofMinutes(4),
                "--sign-in-link", PortalSignIn.mailedLink(port, greenMail, drainer, email), "--case-reference", reference,
                "--step", "report", "--used", "2 900,00|1 950,00", "--unused", "150,00",
                "--screenshots", BrowserTests.SCREENSHOTS.toString());
        assertThat(output).contains("no axe-core violations");
        GrantReport sent = reports.of(funded.funding().id(), GrantReport.Kind.FINAL).orElseThrow();
        assertThat(sent.status()).isEqualTo(GrantReport.Status.SUBMITTED);
        GrantReport.Version version = reports.versions(sent.id()).get(0);
        assertThat(version.submittedBy()).isEqualTo(email);
        assertThat(version.unused()).isEqualByComparingTo("150.00");
        assertThat(version.peopleReached()).isEqualTo(120);
        assertThat(version.activitiesHeld()).isEqualTo(40);
        assertThat(version.lines()).extracting(GrantReport.Line::description, GrantReport.Line::budgeted, GrantReport.Line::used)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Ohjaajien palkkiot", new BigDecimal("3000.00"), new BigDecimal("2900.00")),
                        org.assertj.core.groups.Tuple.tuple("Tilavuokrat", new BigDecimal("2000.00"), new BigDecimal("1950.00")));
    }

    @Test
    void aSwedishContactSeesNoRawMessageKeys() {
        BrowserTests browser = BrowserTests.require();
        GrantFundingFixtures.Funded funded = fixtures.funded(fixtures.round(100), "5000.00");
        jdbc.sql("update organisation_contact set language = 'sv' where id = ?").param(funded.applicant().contactId()).update();
        fixtures.executeJob(funded.funding().processInstanceId());

        String output = browser.run("grant-funding.mjs", "http://localhost:" + port, Duration.ofMinutes(4),
                "--sign-in-link", PortalSignIn.mailedLink(port, greenMail, drainer, funded.applicant().email()),
                "--case-reference", funded.caseFile().reference(), "--step", "swedish", "--invalid-iban", "FI21 1234 5600 0007 86",
                "--holder", "Understödsföreningen rf", "--screenshots", BrowserTests.SCREENSHOTS.toString());
        assertThat(output).contains("no axe-core violations");
        assertThat(service.account(funded.funding().organisationId())).as("nothing stored").isEmpty();
    }
}
