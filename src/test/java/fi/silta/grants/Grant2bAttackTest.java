package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.GrantDecisionFixtures;
import fi.silta.support.Multipart;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * Misuse of grants part 2b (payment, batches, reports, changes, recovery) as a real misuser would try it.
 */
@SiltaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Grant2bAttackTest {

    static final String PASSWORD = "silta-demo";
    static final String SUBSTITUTE = "olli.salonen";

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired GrantFundingFixtures fixtures;
    @Autowired GrantFundingService service;
    @Autowired OutboxDrainer drainer;
    @Autowired fi.silta.cases.StatusLinks statusLinks;
    @Autowired GrantDecisionFixtures decisionFixtures;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired fi.silta.cases.CaseRepository cases;
    @Autowired GrantChangeRequests changeRequests;
    @Autowired fi.silta.support.GrantRecoveryFixtures recoveryFixtures;
    @Autowired GrantRecoveryService recoveryService;
    @Autowired GrantRecoveries recoveryRows;
    @Autowired org.camunda.bpm.engine.TaskService taskService;
    @Autowired org.camunda.bpm.engine.IdentityService identityService;
    @Autowired org.camunda.bpm.engine.RuntimeService runtimeService;

    @BeforeEach
    void stubs() {
        fixtures.deployStubs();
    }

    @AfterAll
    void stubsAway() {
        fixtures.removeStubs();
    }

    /**
     * The IBAN the organisation confirms lives in Silta's table (the staff pages show only its last four characters): it
     * is in no process variable, no history of one, no task variable that a coordinator or a manager reads over
     * /engine-rest (Cockpit) — neither while the task waits with the current account filled in nor after the answer.
     */
    @Test
    void theConfirmedIbanIsInNoVariableNorItsHistory() {
        GrantFundingFixtures.Funded funded = fixtures.funded(fixtures.round(100), "2500.00");
        fixtures.executeJob(funded.funding().processInstanceId());
        String statusPath = "/portal/cases/" + funded.caseFile().reference();
        StaffClient contact = PortalSignIn.signedIn(port, greenMail, drainer, funded.applicant().email());
        String taskLink = find(contact.get(statusPath).body(), "href=\"(" + statusPath + "/tasks/[^\"]+)\"");
        String taskPage = contact.get(taskLink).body();
        HttpResponse<String> valid = contact.postMultipart(taskLink, new Multipart().field("_csrf", StaffClient.csrf(taskPage))
                .field("iban", "FI21 1234 5600 0007 85").field("holder", "Avustusyhdistys ry"));
        assertThat(valid.statusCode()).isEqualTo(302);
        assertThat(service.account(funded.funding().organisationId())).isPresent();

        // a second granted application of the same organisation: its account task shows the current account
        GrantFundingFixtures.Funded second = fixtures.funded(fixtures.round(100), funded.applicant(), "1000.00");
        fixtures.executeJob(second.funding().processInstanceId());

        StaffClient rest = new StaffClient(port);
        for (String pi : List.of(funded.funding().processInstanceId(), second.funding().processInstanceId())) {
            for (String user : List.of("aino.virtanen", "pekka.koskinen")) {
                for (String path : List.of("/history/variable-instance?processInstanceId=" + pi, "/history/detail?processInstanceId=" + pi,
                        "/variable-instance?processInstanceIdIn=" + pi)) {
                    HttpResponse<String> read = rest.engineRest("GET", path, user, PASSWORD, null);
                    assertThat(read.body()).as(user + " " + path).doesNotContain("0007 85", "000785");
                }
            }
        }
    }

    /**
     * Whoever holds only the status link (mailed to the applicant, forwarded, left in a shared mailbox) opens the
     * account task with it: confirming an account there moves the organisation's money, so it takes the sign-in of a
     * verified contact as the change on the status page does; nothing is stored, the task stays open.
     */
    @Test
    void theStatusLinkAloneConfirmsNoBankAccount() {
        GrantFundingFixtures.Funded funded = fixtures.funded(fixtures.round(100), "2500.00");
        fixtures.executeJob(funded.funding().processInstanceId());
        String statusPath = "/portal/cases/" + funded.caseFile().reference();
        String token = statusLinks.mint(funded.caseFile().id(), null);
        StaffClient linkOnly = new StaffClient(port);
        String status = linkOnly.get(statusPath + "?token=" + enc(token)).body();
        String taskLink = find(status, "href=\"(" + statusPath + "/tasks/[^\"?]+)");
        String taskPage = linkOnly.get(taskLink + "?token=" + enc(token)).body();
        HttpResponse<String> byLink = linkOnly.postMultipart(taskLink, new Multipart().field("_csrf", StaffClient.csrf(taskPage))
                .field("token", token).field("iban", "FI49 5000 9420 0287 30").field("holder", "Huijari Oy"));
        assertThat(service.account(funded.funding().organisationId())).as("no account from the link alone").isEmpty();
        assertThat(byLink.statusCode()).isEqualTo(422);
        assertThat(byLink.body()).contains("Kirjaudu sisään");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(funded.funding().processInstanceId()).singleResult())
                .isNotNull();

        // signed in as the verified contact it is confirmed
        StaffClient contact = PortalSignIn.signedIn(port, greenMail, drainer, funded.applicant().email());
        taskPage = contact.get(taskLink).body();
        HttpResponse<String> signedIn = contact.postMultipart(taskLink, new Multipart().field("_csrf", StaffClient.csrf(taskPage))
                .field("iban", "FI21 1234 5600 0007 85").field("holder", "Avustusyhdistys ry"));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(service.account(funded.funding().organisationId())).hasValueSatisfying(a -> assertThat(a.iban())
                .isEqualTo("FI2112345600000785"));
    }

    /**
     * The round's decision maker who declared a disqualification on an application (hallintolaki 28 §; its grant was
     * decided by the substitute) does not decide that case's change request either: the substitute does.
     */
    @Test
    void aDisqualifiedDecisionMakerDecidesNoChangeRequestOfTheCase() {
        GrantChangeTestFunding funding = GrantChangeTestFunding.create(decisionFixtures, jdbc, true);
        long roundId = funding.delivered().roundId();
        jdbc.sql("insert into grant_round_disqualification (round_id, user_id, role, application_id, note, declared_at) "
                + "values (?, ?, 'DECISION_MAKER', ?, 'Hallituksen jäsen', ?)").params(roundId, GrantDecisionFixtures.DECISION_MAKER,
                        funding.delivered().applicationId(), java.time.OffsetDateTime.now()).update();
        jdbc.sql("update grant_round set substitute_decision_maker_user_id = ? where id = ?").params(SUBSTITUTE, roundId).update();
        fi.silta.cases.CaseFile caseFile = cases.findByReference(funding.reference()).orElseThrow();
        GrantChangeRequest request = changeRequests.file(caseFile, funding.email(), new GrantChangeRequests.Asked("CONTENT", null, null,
                "Kohderyhmä laajenee.", "Tarve kasvoi."), List.of(), null).request();
        org.camunda.bpm.engine.task.Task task = taskService.createTaskQuery().processInstanceId(request.processInstanceId()).singleResult();
        assertThat(task.getAssignee()).isEqualTo(SUBSTITUTE);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> completeAs(GrantDecisionFixtures.DECISION_MAKER, task.getId(),
                java.util.Map.of("changeOutcome", "GRANTED", "changeDecisionReasons", "Oma asia.")))
                .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class);
        assertThat(changeRequests.byProcessInstance(request.processInstanceId()).orElseThrow().outcome()).isNull();
        completeAs(SUBSTITUTE, task.getId(), java.util.Map.of("changeOutcome", "REFUSED", "changeDecisionReasons", "Ei perusteita."));
        assertThat(changeRequests.byProcessInstance(request.processInstanceId()).orElseThrow().outcome())
                .isEqualTo(GrantChangeRequest.Outcome.REFUSED);
    }

    /**
     * A recovery's amount is at most what was paid: also after an earlier recovery of the same grant was decided, the
     * two together recover no more than was paid (a second decision for the whole sum again is refused, nothing stored).
     */
    @Test
    void twoRecoveriesRecoverNoMoreThanWasPaid() {
        fixtures.removeStubs(); // the real grantRecovery, not the funding tests' stand-in
        fi.silta.support.GrantRecoveryFixtures.Funded f = recoveryFixtures.funded();
        jdbc.sql("insert into grant_recovery (funding_id, case_id, reason, description, status, funding_status_before, amount, reasons, "
                + "due_on, prepared_by, decided_by, decided_at, language, created_at) select id, case_id, 'FINDING', 'Havainto.', 'PAID', "
                + "status, ?, 'Koko summa.', ?, 'aino.virtanen', 'helena.hamalainen', ?, 'fi', ? from grant_funding where id = ?")
                .params(f.paid(), java.time.LocalDate.now().minusDays(10), java.time.OffsetDateTime.now().minusDays(40),
                        java.time.OffsetDateTime.now().minusDays(41), f.fundingId()).update();
        fi.silta.cases.CaseFile caseFile = cases.findByReference(f.reference()).orElseThrow();
        recoveryService.start(caseFile, "UNUSED_FUNDS", "Käyttämättä jäi.", "aino.virtanen");
        GrantRecovery second = recoveryRows.ofFunding(f.fundingId()).stream().filter(r -> r.status().open()).findFirst().orElseThrow();
        String due = java.time.LocalDate.now(fi.silta.web.Locales.HELSINKI).plusDays(30).toString();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> recoveryService.prepare(second.processInstanceId(),
                f.paid().toPlainString().replace('.', ','), "Taas koko summa.", due, "aino.virtanen"))
                .isInstanceOf(fi.silta.web.InvalidInput.class).hasMessageContaining("grants.recovery.amount.overPaid");
        assertThat(recoveryRows.ofFunding(f.fundingId()).stream().filter(r -> r.id() == second.id()).findFirst().orElseThrow().amount())
                .isNull();
    }

    /**
     * The account holder's name goes into the bank file as the creditor's name, which pain.001.001.03 and the SEPA
     * rulebook hold to 70 characters of one line: a longer name (the form allowed 140) or one with a line break made
     * the whole batch's file invalid at the bank — every organisation's payment of it refused by one applicant's typing.
     */
    @Test
    void anAccountHolderNameThatBreaksTheBankFileIsRefused() {
        String iban = "FI21 1234 5600 0007 85";
        assertThat(GrantFundingService.checkedAccount(iban, "A".repeat(70)).holder()).hasSize(70);
        for (String holder : List.of("A".repeat(71), "Avustusyhdistys ry\nToinen rivi", "Yhdistys\try")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> GrantFundingService.checkedAccount(iban, holder))
                    .as(holder).isInstanceOf(fi.silta.web.InvalidInput.class).hasMessageContaining("holder");
        }
    }

    private void completeAs(String user, String taskId, java.util.Map<String, Object> variables) {
        identityService.setAuthentication(user, List.of("decisionMakers"));
        try {
            taskService.complete(taskId, variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String find(String page, String regex) {
        Matcher m = Pattern.compile(regex).matcher(page);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}
