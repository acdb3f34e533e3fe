package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.cases.OutsiderTasks;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;
import fi.silta.web.InvalidInput;

/**
 * Every path of grantFunding (the payment of a granted application and its reports), with the processes it calls
 * stubbed ({@link GrantFundingFixtures}): one instalment; two with an interim report; the report ending in recovery;
 * declined by the applicant; "do not pay" before anything was paid and after the first instalment; waiting for another
 * party's request for rectification. Jobs are driven explicitly.
 */
@SiltaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrantFundingProcessTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final String IBAN = "FI2112345600000785";
    static final String COORDINATOR = "aino.virtanen";

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired GrantFundingFixtures fixtures;
    @Autowired GrantFundings fundings;
    @Autowired GrantFundingService service;
    @Autowired OutsiderTasks outsiderTasks;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void engine() {
        init(processEngine);
        fixtures.deployStubs();
    }

    @AfterAll
    void stubsAway() {
        fixtures.removeStubs();
    }

    @Test
    void oneInstalmentPaidToTheConfirmedAccountThenTheReportAccepted() {
        GrantFundingFixtures.Funded funded = fixtures.funded(fixtures.round(100), "4000.00");
        GrantFunding funding = funded.funding();
        Assertions.assertThat(funding.amountGranted()).isEqualByComparingTo("4000.00");
        Assertions.assertThat(funding.reportDue()).hasToString("2027-12-31");
        Assertions.assertThat(funding.split()).isFalse();
        Assertions.assertThat(fundings.lines(funding.id())).extracting(BudgetLine::description).containsExactly("Ohjaajien palkkiot", "Tilavuokrat");
        Assertions.assertThat(fixtures.payments(funding)).singleElement().satisfies(p -> {
            Assertions.assertThat(p.amount()).isEqualByComparingTo("4000.00");
            Assertions.assertThat(p.status()).isEqualTo(GrantPayment.Status.PENDING);
        });
        Assertions.assertThat(funded.instance().getBusinessKey()).isEqualTo(funded.caseFile().reference());
        // a second start does nothing
        Assertions.assertThat(fundings.startIfGranted(funded.applicationId())).isEmpty();
        Assertions.assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("grantFunding")
                .processInstanceBusinessKey(funded.caseFile().reference()).count()).isEqualTo(1);

        fixtures.executeJob(funding.processInstanceId());
        assertThat(funded.instance()).hasPassed("Task_CheckRectifications").isWaitingAt("Task_ConfirmBankAccount");
        Task account = taskService.createTaskQuery().processInstanceId(funding.processInstanceId()).singleResult();
        // the status page lists the funding's task with the case's own
        Assertions.assertThat(outsiderTasks.open(funded.caseFile())).extracting(OutsiderTasks.OutsiderTask::definitionKey)
                .contains("Task_ConfirmBankAccount");
        assertThatThrownBy(() -> outsiderTasks.complete(funded.caseFile(), account.getId(),
                Map.of("iban", "FI21 1234 5600 0007 86", "holder", "Yhdistys ry"), List.of(), funded.applicant().email()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> Assertions.assertThat(e.errors().get(0).messageKey())
                        .isEqualTo("grants.account.iban.invalid"));
        Assertions.assertThat(service.account(funding.organisationId())).isEmpty();
        outsiderTasks.complete(funded.caseFile(), account.getId(), Map.of("iban", "fi21 1234 5600 0007 85", "holder", "Yhdistys ry"),
                List.of(), funded.applicant().email());
        assertThat(funded.instance()).hasPassed("Task_FirstInstalmentDue").isWaitingAt("Event_FirstInstalmentPaid");
        Assertions.assertThat(service.account(funding.organisationId())).hasValueSatisfying(a -> {
            Assertions.assertThat(a.iban()).isEqualTo(IBAN);
            Assertions.assertThat(a.ibanPrinted()).isEqualTo("FI21 1234 5600 0007 85");
            Assertions.assertThat(a.ibanMasked()).isEqualTo("**** **** **** **07 85");
        });
        Assertions.assertThat(fixtures.payments(funding)).singleElement().satisfies(p -> {
            Assertions.assertThat(p.status()).isEqualTo(GrantPayment.Status.DUE);
            Assertions.assertThat(p.iban()).isEqualTo(IBAN);
            Assertions.assertThat(p.holder()).isEqualTo("Yhdistys ry");
        });
        Assertions.assertThat(fundings.find(funding.id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.PAYING);

        fixtures.paid(funding, 1);
        assertThat(funded.instance()).hasPassed("Gateway_Split").isWaitingAt("CallActivity_FinalReport");
        ProcessInstance report = fixtures.called(funding, "grantUseOfFundsReport");
        assertThat(report).variables().containsEntry("reportKind", "FINAL").containsEntry("fundingId", funding.id())
                .containsEntry("caseReference", funded.caseFile().reference());
        Assertions.assertThat(report.getBusinessKey()).isEqualTo(funded.caseFile().reference());
        Assertions.assertThat(fundings.find(funding.id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.REPORTING);
        completeStub(report, "ACCEPTED");
        assertThat(funded.instance()).hasPassed("Task_MarkFundingDone", "End_FundingDone").isEnded();
        Assertions.assertThat(fundings.find(funding.id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.DONE);
    }

    @Test
    void twoInstalmentsTheSecondAfterTheAcceptedInterimReport() {
        GrantFundingFixtures.Funded funded = fixtures.funded(fixtures.round(60), "3333.33");
        GrantFunding funding = funded.funding();
        Assertions.assertThat(funding.split()).isTrue();
        Assertions.assertThat(funding.interimReportDue()).hasToString("2027-06-30");
        Assertions.assertThat(fixtures.payments(funding)).extracting(GrantPayment::amount)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("2000.00"), new BigDecimal("1333.33"));
        toFirstPayment(funded);
        fixtures.paid(funding, 1);
        assertThat(funded.instance()).isWaitingAt("CallActivity_InterimReport");
        ProcessInstance interim = fixtures.called(funding, "grantUseOfFundsReport");
        assertThat(interim).variables().containsEntry("reportKind", "INTERIM");
        Assertions.assertThat(fixtures.payments(funding).get(1).status()).isEqualTo(GrantPayment.Status.PENDING);
        completeStub(interim, "ACCEPTED");
        assertThat(funded.instance()).hasPassed("Task_SecondInstalmentDue").isWaitingAt("Event_SecondInstalmentPaid");
        Assertions.assertThat(fixtures.payments(funding).get(1)).satisfies(p -> {
            Assertions.assertThat(p.status()).isEqualTo(GrantPayment.Status.DUE);
            Assertions.assertThat(p.iban()).isEqualTo(IBAN);
        });
        fixtures.paid(funding, 2);
        assertThat(funded.instance()).isWaitingAt("CallActivity_FinalReport");
        assertThat(fixtures.called(funding, "grantUseOfFundsReport")).variables().containsEntry("reportKind", "FINAL");
        completeStub(fixtures.called(funding, "grantUseOfFundsReport"), "ACCEPTED");
        assertThat(funded.instance()).hasPassed("End_FundingDone").isEnded();
        Assertions.assertThat(fundings.paid(funding.id())).isEqualByComparingTo("3333.33");
    }

    @Test
    void aReportNotAcceptedGoesToRecovery() {
        GrantFundingFixtures.Funded funded = fixtures.funded(fixtures.round(100), "1000.00");
        toFirstPayment(funded);
        fixtures.paid(funded.funding(), 1);
        completeStub(fixtures.called(funded.funding(), "grantUseOfFundsReport"), "RECOVERY");
        assertThat(funded.instance()).isWaitingAt("CallActivity_Recovery");
        ProcessInstance recovery = fixtures.called(funded.funding(), "grantRecovery");
        assertThat(recovery).variables().containsEntry("recoveryReason", "REPORT").containsEntry("fundingId", funded.funding().id());
        Assertions.assertThat(fundings.find(funded.funding().id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.RECOVERY);
        completeStub(recovery, null);
        assertThat(funded.instance()).hasPassed("End_Recovered").isEnded();
    }

    @Test
    void declinedByTheApplicantCancelsWhatIsUnpaidForGood() {
        GrantFundingFixtures.Funded funded = fixtures.funded(fixtures.round(60), "2000.00");
        toFirstPayment(funded);
        service.decline(funded.caseFile(), funded.applicant().email());
        assertThat(funded.instance()).hasPassed("Task_MarkDeclined", "End_Declined").isEnded();
        Assertions.assertThat(fixtures.payments(funded.funding())).extracting(GrantPayment::status)
                .containsExactly(GrantPayment.Status.CANCELLED, GrantPayment.Status.CANCELLED);
        Assertions.assertThat(fundings.find(funded.funding().id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.DECLINED);
        // a payment of a declined grant never becomes due again; neither a second decline nor a stop is taken
        Assertions.assertThat(service.instalmentDue(funded.funding(), 2)).isFalse();
        Assertions.assertThat(new GrantPayments(jdbc).makeDue(funded.funding().id(), 1, IBAN, "X", java.time.OffsetDateTime.now())).isFalse();
        refused(() -> service.decline(funded.caseFile(), funded.applicant().email()), "grants.funding.closed");
        refused(() -> service.stop(funded.caseFile(), "Väärinkäyttö", COORDINATOR), "grants.funding.closed");
    }

    @Test
    void doNotPayBeforeAnythingIsPaidTakesThePaymentOutOfItsUnapprovedBatchAndEnds() {
        GrantFundingFixtures.Funded funded = fixtures.funded(fixtures.round(100), "1500.00");
        toFirstPayment(funded);
        jdbc.sql("update grant_payment set status = 'IN_BATCH', batch_id = 987654 where funding_id = ?").param(funded.funding().id()).update();
        refused(() -> service.stop(funded.caseFile(), "  ", COORDINATOR), "validation.required");
        service.stop(funded.caseFile(), "Toiminta ei käynnistynyt.", COORDINATOR);
        assertThat(funded.instance()).hasPassed("Task_StopPayments", "End_StoppedNothingPaid").isEnded();
        Assertions.assertThat(fixtures.payments(funded.funding())).singleElement().satisfies(p -> {
            Assertions.assertThat(p.status()).isEqualTo(GrantPayment.Status.STOPPED);
            Assertions.assertThat(p.batchId()).isNull();
            Assertions.assertThat(p.stopReason()).isEqualTo("Toiminta ei käynnistynyt.");
        });
        Assertions.assertThat(fundings.find(funded.funding().id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.STOPPED);
    }

    @Test
    void doNotPayAfterTheFirstInstalmentStillAsksForTheReport() {
        GrantFundingFixtures.Funded funded = fixtures.funded(fixtures.round(60), "2000.00");
        toFirstPayment(funded);
        fixtures.paid(funded.funding(), 1);
        assertThat(funded.instance()).isWaitingAt("CallActivity_InterimReport");
        service.stop(funded.caseFile(), "Toiminta lopetettiin kesken.", COORDINATOR);
        assertThat(funded.instance()).hasPassed("Task_StopPayments").isWaitingAt("CallActivity_FinalReportAfterStop");
        Assertions.assertThat(fixtures.payments(funded.funding())).extracting(GrantPayment::status)
                .containsExactly(GrantPayment.Status.PAID, GrantPayment.Status.STOPPED);
        ProcessInstance report = fixtures.called(funded.funding(), "grantUseOfFundsReport");
        assertThat(report).variables().containsEntry("reportKind", "FINAL");
        Assertions.assertThat(service.instalmentDue(funded.funding(), 2)).isFalse();
        completeStub(report, "ACCEPTED");
        assertThat(funded.instance()).hasPassed("End_StoppedReportAccepted").isEnded();
        Assertions.assertThat(fundings.find(funded.funding().id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.STOPPED);
    }

    @Test
    void aGrantPartlyPaidCannotBeDeclinedItIsReportedOn() {
        GrantFundingFixtures.Funded funded = fixtures.funded(fixtures.round(60), "2000.00");
        toFirstPayment(funded);
        fixtures.paid(funded.funding(), 1);
        GrantFunding paying = fundings.find(funded.funding().id()).orElseThrow();
        Assertions.assertThat(service.mayDecline(paying)).isFalse();
        refused(() -> service.decline(funded.caseFile(), funded.applicant().email()), "grants.funding.partlyPaid");
        assertThat(funded.instance()).isWaitingAt("CallActivity_InterimReport");
        Assertions.assertThat(fixtures.payments(funded.funding())).extracting(GrantPayment::status)
                .containsExactly(GrantPayment.Status.PAID, GrantPayment.Status.PENDING);
    }

    @Test
    void partlyGrantedTheBudgetLinesInForceAddUpToTheGrant() {
        List<BudgetLine> asked = List.of(new BudgetLine("Palkkiot", new BigDecimal("3000.00")),
                new BudgetLine("Tilavuokrat", new BigDecimal("1000.00")), new BudgetLine("Tarvikkeet", new BigDecimal("1000.00")));
        List<BudgetLine> terms = GrantFundings.scaled(asked, new BigDecimal("3333.33"));
        Assertions.assertThat(terms).extracting(BudgetLine::amount).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("2000.00"), new BigDecimal("666.67"), new BigDecimal("666.66"));
        Assertions.assertThat(terms).extracting(BudgetLine::description).containsExactly("Palkkiot", "Tilavuokrat", "Tarvikkeet");
        // granted as asked: the application's lines as they are
        Assertions.assertThat(GrantFundings.scaled(asked, new BigDecimal("5000.00"))).isEqualTo(asked);
    }

    @Test
    void waitsWhileAnotherPartysRequestForRectificationIsHandled() {
        GrantFundingFixtures.Funded funded = fixtures.funded(fixtures.round(100), "1200.00");
        ProcessInstance rectification = runtimeService.createProcessInstanceByKey("grantRectification")
                .businessKey(funded.caseFile().reference()).setVariable("applicationId", funded.applicationId())
                .startBeforeActivity("Task_IssueRectificationDecision").execute();
        fixtures.executeJob(funded.funding().processInstanceId());
        assertThat(funded.instance()).hasPassed("Task_CheckRectifications").isWaitingAt("Timer_RecheckRectification");
        runtimeService.deleteProcessInstance(rectification.getId(), "handled", true, true);
        fixtures.executeJob(funded.funding().processInstanceId());
        assertThat(funded.instance()).isWaitingAt("Task_ConfirmBankAccount");
    }

    @Test
    void nothingStartsForARejection() {
        long roundId = fixtures.round(100);
        long rejected = fixtures.decided(roundId, fixtures.applicant(), "0");
        Assertions.assertThat(fundings.startIfGranted(rejected)).isEmpty();
        Assertions.assertThat(fundings.ofApplication(rejected)).isEmpty();
        Assertions.assertThat(GrantFundings.instalments(new BigDecimal("100.01"), 60)).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("60.01"), new BigDecimal("40.00"));
    }

    @Test
    void anOrganisationWithAnAccountConfirmsItAgainPrefilled() {
        GrantFundingFixtures.Funded first = fixtures.funded(fixtures.round(100), "900.00");
        toFirstPayment(first);
        GrantFundingFixtures.Funded second = fixtures.funded(fixtures.round(100), first.applicant(), "700.00");
        fixtures.executeJob(second.funding().processInstanceId());
        Task account = taskService.createTaskQuery().processInstanceId(second.funding().processInstanceId()).singleResult();
        // the holder's name prefilled; the IBAN is typed again (a task's variables are read in Cockpit: Grant2bAttackTest)
        Assertions.assertThat(outsiderTasks.values(account.getId())).containsEntry("holder", "Yhdistys ry").doesNotContainKey("iban");
        // completed outside the portal (Tasklist, the REST API: nobody answered there) it is refused
        assertThatThrownBy(() -> taskService.complete(account.getId(), Map.of("iban", "FI49 5000 9420 0287 30", "holder", "Joku")))
                .hasRootCauseInstanceOf(InvalidInput.class);
        outsiderTasks.complete(second.caseFile(), account.getId(), Map.of("iban", "FI21 1234 5600 0007 85", "holder", "Yhdistys ry"),
                List.of(), second.applicant().email());
        assertThat(second.instance()).isWaitingAt("Event_FirstInstalmentPaid");
        Assertions.assertThat(runtimeService.getVariables(second.funding().processInstanceId())).doesNotContainKeys("iban", "holder");
        Assertions.assertThat(service.account(first.funding().organisationId()).orElseThrow().iban()).isEqualTo(IBAN);
    }

    @Test
    void theRoundsPaymentTermsAreChecked(@Autowired GrantRoundService rounds) {
        String day = java.time.LocalDate.now().plusMonths(6).toString();
        String later = java.time.LocalDate.now().plusMonths(12).toString();
        Assertions.assertThat(rounds.paymentTerms(Map.of())).isEqualTo(GrantRoundService.PaymentTerms.DEFAULT);
        Assertions.assertThat(rounds.paymentTerms(Map.of("firstInstalmentPercent", 60, "interimReportDue", day, "reportDue", later)))
                .isEqualTo(new GrantRoundService.PaymentTerms(60, java.time.LocalDate.parse(day), java.time.LocalDate.parse(later)));
        refused(() -> rounds.paymentTerms(Map.of("firstInstalmentPercent", 60)), "validation.required");
        refused(() -> rounds.paymentTerms(Map.of("firstInstalmentPercent", 0)), "grants.payment.round.percent");
        refused(() -> rounds.paymentTerms(Map.of("firstInstalmentPercent", 60, "interimReportDue", later, "reportDue", day)),
                "grants.payment.round.interimAfterFinal");
        refused(() -> rounds.paymentTerms(Map.of("firstInstalmentPercent", 100, "interimReportDue", day)),
                "grants.payment.round.interimWithoutSplit");
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    /** The funding's start job run and the bank account confirmed: the first instalment is due. */
    private void toFirstPayment(GrantFundingFixtures.Funded funded) {
        fixtures.executeJob(funded.funding().processInstanceId());
        Task account = taskService.createTaskQuery().processInstanceId(funded.funding().processInstanceId()).singleResult();
        outsiderTasks.complete(funded.caseFile(), account.getId(), Map.of("iban", IBAN, "holder", "Yhdistys ry"), List.of(),
                funded.applicant().email());
        assertThat(funded.instance()).isWaitingAt("Event_FirstInstalmentPaid");
    }

    private void completeStub(ProcessInstance stub, String outcome) {
        Task task = taskService.createTaskQuery().processInstanceId(stub.getId()).singleResult();
        taskService.complete(task.getId(), outcome == null ? Map.of() : Map.of("reportOutcome", outcome));
    }

    private static void refused(Runnable change, String messageKey) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(InvalidInput.class,
                e -> Assertions.assertThat(e.errors().get(0).messageKey()).isEqualTo(messageKey));
    }
}
