package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.cases.CaseRepository;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.Mails;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;
import fi.silta.web.InvalidInput;

/**
 * Every path of the allocation (grantRound after the call closes) and of the decision
 * (grantApplication after scoring), engine and clock driven explicitly. Applications start
 * mid-process: submitted through the real submission path, then moved to where they are scored or
 * rejected, with their status and score as the review would have left them.
 */
@SiltaIntegrationTest
class GrantAllocationProcessTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    /** Monday 2 March 2026, 10.00 Helsinki time: the call is open. */
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T10:00:00+02:00");
    /** Thursday 2 April 2026, 12.00: the decisions are made and mailed (received Easter Sunday, last day Monday 20 April). */
    static final OffsetDateTime DECIDED = OffsetDateTime.parse("2026-04-02T12:00:00+03:00");
    static final String COORDINATOR = "aino.virtanen";
    static final String DECISION_MAKER = "helena.hamalainen";

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired GrantFixtures fixtures;
    @Autowired GrantSubmissions submissions;
    @Autowired GrantApplicationRepository applications;
    @Autowired GrantRoundRepository rounds;
    @Autowired GrantAllocationService allocation;
    @Autowired GrantDecisionRepository decisions;
    @Autowired CaseRepository cases;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;
    @Autowired GrantRectificationService rectifications;
    @Autowired GrantRoundDisqualifications disqualifications;
    @Autowired GrantOtherPartyRequests otherParties;
    @Autowired fi.silta.cases.OutsiderTasks outsiderTasks;
    @Autowired GrantFundings fundings;

    long roundId;
    ProcessInstance round;

    record Applied(GrantFixtures.Applicant applicant, long applicationId, ProcessInstance instance) {
    }

    @BeforeEach
    void openRound() {
        init(processEngine);
        ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
        roundId = fixtures.publishedRound(NOW.minusDays(1), NOW.plusDays(29), GrantFixtures.POOL);
        jdbc.sql("update grant_round set budget = 12000.00 where id = ?").param(roundId).update();
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void allocationChangedReturnedAndApprovedBecomesDecisionsMailedWithTheirPdfAndPeriods() {
        Applied best = apply("5000.00", true);
        Applied second = apply("8000.00", true);
        Applied rejected = apply("4000.00", false);
        scored(best, "4.50");
        ineligible(rejected);
        closeRound();
        assertThat(round).hasPassed("Gateway_ReviewComplete").isWaitingAt("Gateway_WaitForReview");

        // the last application scored: the round goes on by itself
        scored(second, "3.00");
        assertThat(round).hasPassed("Message_ReviewComplete").isWaitingAt("Task_ComputeProposal");
        execute(job(round));
        assertThat(round).isWaitingAt("Task_AllocateGrants");
        Assertions.assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(GrantRound.Status.ALLOCATING);
        // in score order while the budget lasts: 5 000 fits, 8 000 no longer does, the ineligible one gets nothing
        Assertions.assertThat(allocation.rows(roundId)).extracting(r -> r.applicationId(), r -> r.amount().toPlainString(), r -> r.basis())
                .containsExactly(Assertions.tuple(best.applicationId(), "5000.00", GrantDecision.Basis.SCORED),
                        Assertions.tuple(second.applicationId(), "0.00", GrantDecision.Basis.SCORED),
                        Assertions.tuple(rejected.applicationId(), "0.00", GrantDecision.Basis.INELIGIBLE));

        // refused, nothing stored: no reason, more than asked, over the budget, money to a rejected one
        refused(() -> allocation.change(roundId, second.applicationId(), "7000", null, " ", COORDINATOR), "grants.allocation.reason.required");
        refused(() -> allocation.change(roundId, best.applicationId(), "5 000,01", null, "x", COORDINATOR), "grants.allocation.amount.overAsked");
        refused(() -> allocation.change(roundId, second.applicationId(), "7000,01", null, "x", COORDINATOR), "grants.allocation.overBudget");
        refused(() -> allocation.change(roundId, rejected.applicationId(), "100", null, "x", COORDINATOR), "grants.allocation.amount.rejected");
        Assertions.assertThat(allocation.total(roundId)).isEqualByComparingTo("5000.00");
        allocation.change(roundId, second.applicationId(), "7 000", null, "Jäljellä oleva määräraha", COORDINATOR);
        Assertions.assertThat(allocation.total(roundId)).isEqualByComparingTo("12000.00");

        completeAs(COORDINATOR, "coordinators", task(round), Map.of());
        Task approval = task(round);
        Assertions.assertThat(approval.getTaskDefinitionKey()).isEqualTo("Task_ApproveAllocation");
        Assertions.assertThat(approval.getAssignee()).isEqualTo(DECISION_MAKER);
        Assertions.assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(GrantRound.Status.PROPOSED);
        refused(() -> allocation.change(roundId, second.applicationId(), "6000", null, "x", COORDINATOR), "grants.allocation.notOpen");
        // another decision maker cannot answer for the round's own
        assertThatThrownBy(() -> completeAs("olli.salonen", "decisionMakers", approval, Map.of("allocationDecision", "approve")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Vain haun päättäjä");
        assertThatThrownBy(() -> completeAs(DECISION_MAKER, "decisionMakers", approval, Map.of("allocationDecision", "return")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Kirjoita kommentit");

        completeAs(DECISION_MAKER, "decisionMakers", approval, Map.of("allocationDecision", "return",
                "allocationComments", "Perustele toisen hakemuksen summa tarkemmin."));
        assertThat(round).hasPassed("Gateway_AllocationApproved").isWaitingAt("Task_AllocateGrants");
        Assertions.assertThat(taskService.getVariableLocal(task(round).getId(), "allocationReturnComments"))
                .isEqualTo("Perustele toisen hakemuksen summa tarkemmin.");
        allocation.change(roundId, second.applicationId(), "6 500", null, "Toiminnan laajuus: 6 500 € riittää.", COORDINATOR);
        completeAs(COORDINATOR, "coordinators", task(round), Map.of());

        ClockUtil.setCurrentTime(Date.from(DECIDED.toInstant()));
        completeAs(DECISION_MAKER, "decisionMakers", task(round), Map.of("allocationDecision", "approve"));
        assertThat(round).isWaitingAt("Task_IssueDecisions");
        Assertions.assertThat(allocation.events(roundId)).extracting(GrantAllocationRepository.Event::kind).containsExactly(
                GrantAllocationRepository.EventKind.PROPOSED, GrantAllocationRepository.EventKind.CHANGED,
                GrantAllocationRepository.EventKind.SUBMITTED, GrantAllocationRepository.EventKind.RETURNED,
                GrantAllocationRepository.EventKind.CHANGED, GrantAllocationRepository.EventKind.SUBMITTED,
                GrantAllocationRepository.EventKind.APPROVED);
        Assertions.assertThat(allocation.events(roundId).get(6).actor()).isEqualTo(DECISION_MAKER);
        execute(job(round));
        assertThat(round).hasPassed("Task_IssueDecisions").isEnded();

        GrantDecision granted = decisions.find(best.applicationId(), GrantDecision.Stage.ORIGINAL).orElseThrow();
        Assertions.assertThat(granted.outcome()).isEqualTo(GrantDecision.Outcome.GRANTED);
        Assertions.assertThat(granted.decidedBy()).isEqualTo(DECISION_MAKER);
        GrantDecision partly = decisions.find(second.applicationId(), GrantDecision.Stage.ORIGINAL).orElseThrow();
        Assertions.assertThat(partly.outcome()).isEqualTo(GrantDecision.Outcome.PARTLY_GRANTED);
        Assertions.assertThat(partly.amountGranted()).isEqualByComparingTo("6500.00");
        Assertions.assertThat(partly.changeReason()).isEqualTo("Toiminnan laajuus: 6 500 € riittää.");
        GrantDecision rejection = decisions.find(rejected.applicationId(), GrantDecision.Stage.ORIGINAL).orElseThrow();
        Assertions.assertThat(rejection.outcome()).isEqualTo(GrantDecision.Outcome.REJECTED);
        Assertions.assertThat(rejection.basis()).isEqualTo(GrantDecision.Basis.INELIGIBLE);

        // by mail: the PDF is the case's document and goes with the mail; the period runs from when the mail left
        assertThat(best.instance()).isWaitingAt("Task_PrepareDecision");
        execute(job(best.instance()));
        assertThat(best.instance()).hasPassed("Send_DecisionMail").isWaitingAt("Task_SetRectificationPeriod");
        execute(job(best.instance()));
        assertThat(best.instance()).as("the mail has not left yet: no period runs").isWaitingAt("Timer_RecheckDelivery");
        drainer.drain();
        Assertions.assertThat(Mails.to(greenMail, best.applicant().email())).last().satisfies(mail -> {
            Assertions.assertThat(mail.subject()).startsWith("Päätös avustushakemukseen AV-");
            Assertions.assertThat(mail.body().replace('\u00a0', ' ')).contains("5 000,00 €", "14 päivän", "/portal/cases/")
                    .doesNotContain("{status-token}");
        });
        List<Mails.Attachment> files = Mails.attachments(greenMail, best.applicant().email(), "Päätös avustushakemukseen");
        Assertions.assertThat(files).hasSize(1);
        Assertions.assertThat(files.get(0).fileName()).endsWith(".pdf");
        Assertions.assertThat(files.get(0).content()).startsWith("%PDF".getBytes());
        execute(job(best.instance()));
        execute(job(best.instance()));
        assertThat(best.instance()).isWaitingAt("Task_RequestRectification");
        granted = decisions.find(granted.id()).orElseThrow();
        Assertions.assertThat(granted.notice()).isEqualTo("ELECTRONIC");
        Assertions.assertThat(granted.receivedOn()).isEqualTo(LocalDate.parse("2026-04-05"));
        Assertions.assertThat(granted.rectificationLastDay()).as("Sunday 19 April moves to Monday 20 April")
                .isEqualTo(LocalDate.parse("2026-04-20"));
        Job passes = managementService.createJobQuery().processInstanceId(best.instance().getId()).timers().singleResult();
        Assertions.assertThat(passes.getDuedate().toInstant()).isEqualTo(OffsetDateTime.parse("2026-04-21T00:00:00+03:00").toInstant());
        Assertions.assertThat(cases.find(granted.caseId()).orElseThrow().processInstanceId()).isEqualTo(best.instance().getId());
        execute(passes);
        assertThat(best.instance()).hasPassed("Task_StartFunding", "End_DecisionFinal").isEnded();
        // the granted application goes on to payment in its own process (grantFunding, the case's reference its key)
        java.math.BigDecimal grantedAmount = granted.amountGranted();
        Assertions.assertThat(fundings.ofApplication(best.applicationId())).hasValueSatisfying(funding -> {
            Assertions.assertThat(funding.amountGranted()).isEqualByComparingTo(grantedAmount);
            Assertions.assertThat(funding.reportDue()).as("a year from the decision when the round sets none")
                    .isEqualTo(LocalDate.parse("2027-04-02"));
            Assertions.assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(funding.processInstanceId())
                    .singleResult().getBusinessKey()).isEqualTo(best.instance().getBusinessKey());
        });

        // by letter: a coordinator posts it and says when; the period runs from the seventh day
        execute(job(rejected.instance()));
        assertThat(rejected.instance()).isWaitingAt("Task_SendDecisionLetter");
        Task letter = task(rejected.instance());
        assertThatThrownBy(() -> completeAs(COORDINATOR, "coordinators", letter, Map.of("letterSentOn", "2026-04-10")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Postituspäivän on oltava");
        completeAs(COORDINATOR, "coordinators", letter, Map.of("letterSentOn", "2026-04-02"));
        execute(job(rejected.instance()));
        assertThat(rejected.instance()).isWaitingAt("Task_RequestRectification");
        rejection = decisions.find(rejection.id()).orElseThrow();
        Assertions.assertThat(rejection.notice()).isEqualTo("LETTER");
        Assertions.assertThat(rejection.receivedOn()).isEqualTo(LocalDate.parse("2026-04-09"));
        Assertions.assertThat(rejection.rectificationLastDay()).isEqualTo(LocalDate.parse("2026-04-23"));
    }

    @Test
    void reviewClosedEarlyWithAReasonDecidesTheUnfinishedApplicationWithoutAScore() {
        Applied scored = apply("3000.00", true);
        Applied stuck = apply("2000.00", true);
        scored(scored, "4.00");
        closeRound();
        assertThat(round).isWaitingAt("Gateway_WaitForReview");
        assertThat(stuck.instance()).isWaitingAt("Task_CheckEligibility");

        refused(() -> allocation.closeReviewEarly(roundId, " ", COORDINATOR), "validation.required");
        assertThat(round).isWaitingAt("Gateway_WaitForReview");
        allocation.closeReviewEarly(roundId, "Arvioija sairastui, eikä varahenkilöä ole.", COORDINATOR);
        assertThat(round).hasPassed("Message_ReviewClosedEarly").isWaitingAt("Task_ComputeProposal");
        Assertions.assertThat(rounds.reviewClosedNote(roundId)).hasValue("Arvioija sairastui, eikä varahenkilöä ole.");
        execute(job(round));
        Assertions.assertThat(allocation.rows(roundId)).extracting(r -> r.applicationId(), r -> r.basis(), r -> r.amount().toPlainString())
                .containsExactly(Assertions.tuple(scored.applicationId(), GrantDecision.Basis.SCORED, "3000.00"),
                        Assertions.tuple(stuck.applicationId(), GrantDecision.Basis.NOT_SCORED, "0.00"));
        completeAs(COORDINATOR, "coordinators", task(round), Map.of());
        completeAs(DECISION_MAKER, "decisionMakers", task(round), Map.of("allocationDecision", "approve"));
        execute(job(round));
        assertThat(round).isEnded();
        // the unfinished one's process left its review for its decision
        assertThat(stuck.instance()).isWaitingAt("Task_PrepareDecision");
        Assertions.assertThat(decisions.find(stuck.applicationId(), GrantDecision.Stage.ORIGINAL).orElseThrow().basis())
                .isEqualTo(GrantDecision.Basis.NOT_SCORED);
        assertThat(scored.instance()).isWaitingAt("Task_PrepareDecision");
    }

    @Test
    void everyApplicationDoneBeforeTheDeadlineGoesStraightToTheAllocationAndTheLastOnePartlyOnRequest() {
        Applied first = apply("9000.00", true);
        Applied second = apply("4000.00", true);
        scored(first, "4.00");
        scored(second, "3.50");
        closeRound();
        assertThat(round).hasPassed("Gateway_JoinAllocation").hasNotPassed("Gateway_WaitForReview").isWaitingAt("Task_ComputeProposal");
        execute(job(round));
        Assertions.assertThat(allocation.rows(roundId)).extracting(r -> r.amount().toPlainString()).containsExactly("9000.00", "0.00");
        allocation.propose(roundId, true, COORDINATOR);
        Assertions.assertThat(allocation.rows(roundId)).extracting(r -> r.amount().toPlainString()).containsExactly("9000.00", "3000.00");
        // the order may change too, with a reason
        allocation.change(roundId, second.applicationId(), null, "1", "Kohderyhmä painottuu tänä vuonna.", COORDINATOR);
        Assertions.assertThat(allocation.rows(roundId)).extracting(GrantAllocationRepository.Row::applicationId)
                .containsExactly(second.applicationId(), first.applicationId());
        // a state grant's own conditions must be checked before the list goes on
        jdbc.sql("update grant_round set state_grant = true, state_grant_conditions = 'Ruoka-apu' where id = ?").param(roundId).update();
        Task allocate = task(round);
        assertThatThrownBy(() -> completeAs(COORDINATOR, "coordinators", allocate, Map.of()))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("valtionavustuksen ehdot");
        completeAs(COORDINATOR, "coordinators", allocate, Map.of("stateGrantConditionsChecked", true));
        assertThat(round).isWaitingAt("Task_ApproveAllocation");
    }

    @Test
    void rejectedAtAllocationGetsARejectionDecision() {
        Applied only = apply("3000.00", true);
        scored(only, "4.00");
        closeRound();
        execute(job(round));
        allocation.change(roundId, only.applicationId(), "0", null, "Toiminta rahoitetaan jo toisesta avustuksesta.", COORDINATOR);
        completeAs(COORDINATOR, "coordinators", task(round), Map.of());
        completeAs(DECISION_MAKER, "decisionMakers", task(round), Map.of("allocationDecision", "approve"));
        execute(job(round));
        GrantDecision decision = decisions.find(only.applicationId(), GrantDecision.Stage.ORIGINAL).orElseThrow();
        Assertions.assertThat(decision.outcome()).isEqualTo(GrantDecision.Outcome.REJECTED);
        Assertions.assertThat(decision.basis()).isEqualTo(GrantDecision.Basis.SCORED);
        Assertions.assertThat(decision.changeReason()).isEqualTo("Toiminta rahoitetaan jo toisesta avustuksesta.");
    }

    @Test
    void rectificationGrantedBecomesANewDecisionMailedWithItsAppealInstructions() {
        Applied applied = decidedAndDelivered("3000.00", "2000");
        Task request = task(applied.instance());
        Assertions.assertThat(request.getTaskDefinitionKey()).isEqualTo("Task_RequestRectification");
        Assertions.assertThat(request.getDueDate().toInstant()).isEqualTo(OffsetDateTime.parse("2026-04-20T23:59:00+03:00").toInstant());
        requestRectification(applied, request);
        ProcessInstance handling = handling(applied);
        assertThat(handling).isWaitingAt("Task_PrepareRectification");
        completeAs(COORDINATOR, "coordinators", task(handling), Map.of("rectificationMemo", "Esitetään hyväksyttäväksi."));
        Task record = task(handling);
        assertThatThrownBy(() -> completeAs(COORDINATOR, "coordinators", record, Map.of("rectificationOutcome", "GRANTED",
                "rectificationAmount", "3000,01", "rectificationBodyReasons", "x", "rectificationMeetingOn", "2026-04-15")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("suurempi kuin hakemuksessa haettu");
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-04-16T12:00:00+03:00").toInstant()));
        completeAs(COORDINATOR, "coordinators", record, Map.of("rectificationOutcome", "GRANTED", "rectificationAmount", "3 000",
                "rectificationBodyReasons", "Toiminta kattaa koko alueen.", "rectificationMeetingOn", "2026-04-15"));
        execute(job(handling));
        assertThat(handling).hasPassed("Task_PrepareRectificationDecision", "Send_RectificationDecisionMail").isEnded();
        assertThat(applied.instance()).hasPassed("CallActivity_HandleRectification").isEnded();
        GrantDecision answer = decisions.find(applied.applicationId(), GrantDecision.Stage.RECTIFICATION).orElseThrow();
        Assertions.assertThat(answer.amountGranted()).isEqualByComparingTo("3000.00");
        Assertions.assertThat(answer.outcome()).isEqualTo(GrantDecision.Outcome.GRANTED);
        Assertions.assertThat(answer.changeReason()).isEqualTo("Toiminta kattaa koko alueen.");
        Assertions.assertThat(answer.documentId()).isNotNull();
        assertThat(applied.instance()).hasPassed("Task_StartFundingAfterRectification");
        Assertions.assertThat(fundings.ofApplication(applied.applicationId()).orElseThrow().amountGranted())
                .as("the decision in force: the rectification's").isEqualByComparingTo("3000.00");
        drainer.drain();
        Assertions.assertThat(Mails.to(greenMail, applied.applicant().email())).last()
                .satisfies(mail -> Assertions.assertThat(mail.body()).contains("hallinto-oikeuteen 30 päivän", "valitusosoituksineen")
                        .doesNotContain("oikaisuvaatimusohjeineen"));
    }

    @Test
    void rectificationPartlyGrantedOrRefused() {
        Applied partly = decidedAndDelivered("3000.00", "1000");
        requestRectification(partly, task(partly.instance()));
        ProcessInstance handling = handling(partly);
        completeAs(COORDINATOR, "coordinators", task(handling), Map.of());
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-04-16T12:00:00+03:00").toInstant()));
        Task record = task(handling);
        // "partly" means less than asked; a new amount must be more than before
        assertThatThrownBy(() -> completeAs(COORDINATOR, "coordinators", record, Map.of("rectificationOutcome", "PARTLY_GRANTED",
                "rectificationAmount", "3000", "rectificationBodyReasons", "x", "rectificationMeetingOn", "2026-04-15")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("pienempi kuin haettu");
        assertThatThrownBy(() -> completeAs(COORDINATOR, "coordinators", record, Map.of("rectificationOutcome", "PARTLY_GRANTED",
                "rectificationAmount", "900", "rectificationBodyReasons", "x", "rectificationMeetingOn", "2026-04-15")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("suurempi kuin aiemmin myönnetty");
        completeAs(COORDINATOR, "coordinators", record, Map.of("rectificationOutcome", "PARTLY_GRANTED", "rectificationAmount", "2000",
                "rectificationBodyReasons", "Osa kuluista hyväksytään.", "rectificationMeetingOn", "2026-04-15"));
        execute(job(handling));
        Assertions.assertThat(decisions.find(partly.applicationId(), GrantDecision.Stage.RECTIFICATION).orElseThrow().amountGranted())
                .isEqualByComparingTo("2000.00");

        ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
        openRound();
        Applied refused = decidedAndDelivered("3000.00", "1000");
        requestRectification(refused, task(refused.instance()));
        ProcessInstance second = handling(refused);
        completeAs(COORDINATOR, "coordinators", task(second), Map.of());
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-04-16T12:00:00+03:00").toInstant()));
        completeAs(COORDINATOR, "coordinators", task(second), Map.of("rectificationOutcome", "REFUSED",
                "rectificationBodyReasons", "Pisteytys oli haun ehtojen mukainen.", "rectificationMeetingOn", "2026-04-15"));
        execute(job(second));
        GrantDecision answer = decisions.find(refused.applicationId(), GrantDecision.Stage.RECTIFICATION).orElseThrow();
        Assertions.assertThat(answer.amountGranted()).as("refused: the amount stays").isEqualByComparingTo("1000.00");
        assertThat(refused.instance()).isEnded();
    }

    @Test
    void aRequestAfterThePeriodIsRefusedWithItsLastDayAndASecondOneIsRefusedToo() {
        Applied applied = decidedAndDelivered("3000.00", "2000");
        GrantDecision decision = decisions.find(applied.applicationId(), GrantDecision.Stage.ORIGINAL).orElseThrow();
        // the last day was Monday 20 April; the timer has not fired yet (the job executor is late)
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-04-21T00:00:30+03:00").toInstant()));
        Task request = task(applied.instance());
        assertThatThrownBy(() -> requestRectification(applied, request)).isInstanceOfSatisfying(InvalidInput.class,
                e -> Assertions.assertThat(e.errors().get(0).args()).containsExactly("20.4.2026"));
        assertThat(applied.instance()).isWaitingAt("Task_RequestRectification");
        execute(job(applied.instance()));
        assertThat(applied.instance()).hasPassed("Timer_RectificationPeriodPassed", "End_DecisionFinal").isEnded();

        // a second request on the same decision by the same organisation
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-04-10T12:00:00+03:00").toInstant()));
        rectifications.fileByApplicant(decision.id(), "Ensimmäinen", null, applied.applicant().email());
        refused(() -> rectifications.fileByApplicant(decision.id(), "Toinen", null, applied.applicant().email()),
                "grants.rectification.already");
    }

    @Test
    void whoHasNotDeclaredCannotActAndADisqualifiedDecisionMakersCasesGoToTheSubstitute() {
        declareOnClose = false;
        Applied first = apply("3000.00", true);
        Applied second = apply("2000.00", true);
        scored(first, "4.00");
        scored(second, "3.50");
        closeRound();
        execute(job(round));
        refused(() -> allocation.change(roundId, first.applicationId(), "2500", null, "x", COORDINATOR),
                "grants.disqualification.declareFirst");
        // a coordinator disqualified on one application changes nothing of it, and not the whole list
        disqualifications.declare(roundId, COORDINATOR, GrantRoundDisqualifications.Role.COORDINATOR, List.of(first.applicationId()),
                "Hallituksen jäsen");
        refused(() -> allocation.change(roundId, first.applicationId(), "2500", null, "x", COORDINATOR), "grants.disqualification.onThis");
        // a declared disqualification cannot be taken back, nor wiped by a declaration in another role
        refused(() -> disqualifications.declare(roundId, COORDINATOR, GrantRoundDisqualifications.Role.COORDINATOR, List.of(), null),
                "grants.disqualification.cannotWithdraw");
        refused(() -> disqualifications.declare(roundId, COORDINATOR, GrantRoundDisqualifications.Role.COORDINATOR,
                List.of(first.applicationId(), second.applicationId()), " "), "grants.disqualification.reason");
        refused(() -> allocation.closeReviewEarly(roundId, "x", COORDINATOR), "grants.allocation.review.notOpen");
        Task allocate = task(round);
        assertThatThrownBy(() -> completeAs(COORDINATOR, "coordinators", allocate, Map.of()))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Toinen koordinaattori");
        disqualifications.declare(roundId, "emilia.lahtinen", GrantRoundDisqualifications.Role.COORDINATOR, List.of(), null);
        allocation.change(roundId, first.applicationId(), "2500", null, "Kustannusarvio oli liian suuri.", "emilia.lahtinen");
        completeAs("emilia.lahtinen", "coordinators", allocate, Map.of());

        Task approval = task(round);
        assertThatThrownBy(() -> completeAs(DECISION_MAKER, "decisionMakers", approval, Map.of("allocationDecision", "approve")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Ilmoita ensin");
        disqualifications.declare(roundId, DECISION_MAKER, GrantRoundDisqualifications.Role.DECISION_MAKER,
                List.of(second.applicationId()), "Puoliso yhdistyksen hallituksessa");
        assertThatThrownBy(() -> completeAs(DECISION_MAKER, "decisionMakers", approval, Map.of("allocationDecision", "approve")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("varapäättäjää");
        refused(() -> allocation.nameSubstitute(roundId, DECISION_MAKER), "grants.round.substitute.same");
        refused(() -> allocation.nameSubstitute(roundId, "jussi.makinen"), "grants.round.notInGroup");
        allocation.nameSubstitute(roundId, "olli.salonen");
        completeAs(DECISION_MAKER, "decisionMakers", approval, Map.of("allocationDecision", "approve"));
        Task substitute = task(round);
        Assertions.assertThat(substitute.getTaskDefinitionKey()).isEqualTo("Task_ApproveDisqualifiedCases");
        Assertions.assertThat(substitute.getAssignee()).isEqualTo("olli.salonen");
        assertThatThrownBy(() -> completeAs("olli.salonen", "decisionMakers", substitute, Map.of("allocationDecision", "approve")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Ilmoita ensin");
        disqualifications.declare(roundId, "olli.salonen", GrantRoundDisqualifications.Role.SUBSTITUTE, List.of(), null);
        // the decision maker's answer does not stand as the substitute's
        assertThatThrownBy(() -> completeAs("olli.salonen", "decisionMakers", substitute, Map.of()))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Valitse");
        // the decision maker's later "none" changes neither their declaration nor who decides their case
        refused(() -> disqualifications.declare(roundId, DECISION_MAKER, GrantRoundDisqualifications.Role.DECISION_MAKER, List.of(),
                null), "grants.disqualification.cannotWithdraw");
        completeAs("olli.salonen", "decisionMakers", substitute, Map.of("allocationDecision", "approve"));
        execute(job(round));
        Assertions.assertThat(decisions.find(first.applicationId(), GrantDecision.Stage.ORIGINAL).orElseThrow().decidedBy())
                .isEqualTo(DECISION_MAKER);
        Assertions.assertThat(decisions.find(second.applicationId(), GrantDecision.Stage.ORIGINAL).orElseThrow().decidedBy())
                .as("the case the decision maker was disqualified on").isEqualTo("olli.salonen");
    }

    @Test
    void anotherPartysRequestByLetterIsEnteredByStaffHandledAndAnsweredToThemByLetter() {
        Applied applied = decidedAndDelivered("3000.00", "2000");
        var caseFile = cases.findByReference(applied.instance().getBusinessKey()).orElseThrow();
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-04-08T12:00:00+03:00").toInstant()));
        refused(() -> otherParties.enter(caseFile, "LETTER", " ", "Katu 1, 90100 Oulu", "2026-04-07", "Pisteytys suosi hakijaa.",
                COORDINATOR), "validation.required");
        refused(() -> otherParties.enter(caseFile, "LETTER", "Kilpaileva Yhdistys ry", "Katu 1, 90100 Oulu", "2026-04-09",
                "Pisteytys suosi hakijaa.", COORDINATOR), "grants.rectification.receivedOn");
        refused(() -> otherParties.enter(caseFile, "PORTAL", "Kilpaileva Yhdistys ry", "Katu 1, 90100 Oulu", "2026-04-07",
                "Pisteytys suosi hakijaa.", COORDINATOR), "validation.required");
        Assertions.assertThat(rectifications.ofCase(caseFile.id())).isEmpty();
        long requestId = otherParties.enter(caseFile, "LETTER", "Kilpaileva Yhdistys ry", "Katu 1, 90100 Oulu", "2026-04-07",
                "Pisteytys suosi hakijaa.", COORDINATOR);
        ProcessInstance handling = runtimeService.createProcessInstanceQuery().processDefinitionKey("grantRectification")
                .processInstanceBusinessKey(caseFile.reference()).singleResult();
        assertThat(handling).isWaitingAt("Task_PrepareRectification").variables().containsEntry("rectificationRequestId", requestId)
                .containsEntry("requestedByOtherParty", true);
        assertThat(applied.instance()).as("the applicant's own period runs on").isWaitingAt("Task_RequestRectification");
        completeAs(COORDINATOR, "coordinators", task(handling), Map.of());
        // another party asks to lower someone else's grant: the body may grant that (the same amount is no change)
        Task record = task(handling);
        assertThatThrownBy(() -> completeAs(COORDINATOR, "coordinators", record, Map.of("rectificationOutcome", "GRANTED",
                "rectificationAmount", "2000", "rectificationBodyReasons", "x", "rectificationMeetingOn", "2026-04-08")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("sama kuin aiemmin");
        completeAs(COORDINATOR, "coordinators", record, Map.of("rectificationOutcome", "GRANTED", "rectificationAmount", "1 500",
                "rectificationBodyReasons", "Toinen arvioija oli esteellinen.", "rectificationMeetingOn", "2026-04-08"));
        execute(job(handling));
        assertThat(handling).hasPassed("Send_RectificationDecisionMail").isWaitingAt("Task_SendAnswerToRequester");
        Assertions.assertThat(decisions.find(applied.applicationId(), GrantDecision.Stage.RECTIFICATION).orElseThrow().amountGranted())
                .isEqualByComparingTo("1500.00");
        Task letter = task(handling);
        Assertions.assertThat(taskService.getVariable(letter.getId(), "requesterAddress")).isEqualTo("Katu 1, 90100 Oulu");
        completeAs(COORDINATOR, "coordinators", letter, Map.of("answerSentOn", "2026-04-08"));
        assertThat(handling).isEnded();
        GrantRectificationRequest request = rectifications.find(requestId).orElseThrow();
        Assertions.assertThat(request.channel()).isEqualTo(GrantRectificationRequest.Channel.LETTER);
        Assertions.assertThat(request.outcome()).isEqualTo(GrantRectificationRequest.Outcome.GRANTED);
        Assertions.assertThat(request.answerSentOn()).isEqualTo(LocalDate.parse("2026-04-08"));
    }

    // --- set-up -------------------------------------------------------------------------------------------------

    /** One application granted {@code granted} of {@code asked}, its decision mailed and received: the period runs. */
    private Applied decidedAndDelivered(String asked, String granted) {
        Applied applied = apply(asked, true);
        scored(applied, "4.00");
        closeRound();
        execute(job(round));
        allocation.change(roundId, applied.applicationId(), granted, null, "Määrärahaa jaetaan useammalle.", COORDINATOR);
        completeAs(COORDINATOR, "coordinators", task(round), Map.of());
        ClockUtil.setCurrentTime(Date.from(DECIDED.toInstant()));
        completeAs(DECISION_MAKER, "decisionMakers", task(round), Map.of("allocationDecision", "approve"));
        execute(job(round));
        execute(job(applied.instance()));
        drainer.drain();
        execute(job(applied.instance()));
        assertThat(applied.instance()).isWaitingAt("Task_RequestRectification");
        return applied;
    }

    private void requestRectification(Applied applied, Task request) {
        var caseFile = cases.findByReference(applied.instance().getBusinessKey()).orElseThrow();
        outsiderTasks.complete(caseFile, request.getId(), Map.of("rectificationReasons", "Pisteytys ei huomioinut toiminnan laajuutta."),
                List.of(), applied.applicant().email());
    }

    private ProcessInstance handling(Applied applied) {
        return runtimeService.createProcessInstanceQuery().superProcessInstanceId(applied.instance().getId()).singleResult();
    }

    private Applied apply(String amount, boolean consented) {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        jdbc.sql("update organisation_contact set electronic_notice_consent = ? where id = ?").params(consented, applicant.contactId())
                .update();
        long applicationId = fixtures.draft(roundId, applicant, amount);
        var opened = submissions.submit(applicationId, applicant.contactId(), null);
        ProcessInstance instance = runtimeService.createProcessInstanceQuery()
                .processInstanceId(opened.caseFile().processInstanceId()).singleResult();
        return new Applied(applicant, applicationId, instance);
    }

    /** The review's outcome as Task_RecordScore leaves it, and the process moved on from there. */
    private void scored(Applied applied, String score) {
        applications.scored(applied.applicationId(), new BigDecimal(score), null, OffsetDateTime.now());
        toDecision(applied);
    }

    private void ineligible(Applied applied) {
        applications.setStatus(applied.applicationId(), GrantApplication.Status.INELIGIBLE, OffsetDateTime.now());
        toDecision(applied);
    }

    private void toDecision(Applied applied) {
        runtimeService.createProcessInstanceModification(applied.instance().getId()).startBeforeActivity("Gateway_JoinAwaitDecision")
                .cancelAllForActivity("Task_CheckEligibility").execute();
        assertThat(applied.instance()).isWaitingAt("Event_AwaitDecision");
    }

    /**
     * The round's process from its closing on (the call itself is the fixture's); the coordinator
     * and the decision maker declare that they are disqualified on none of its applications.
     */
    private void closeRound() {
        round = runtimeService.createProcessInstanceByKey("grantRound").businessKey(GrantRoundService.reference(roundId))
                .setVariable("roundId", roundId).startBeforeActivity("Task_CloseRound").execute();
        rounds.setProcessInstance(roundId, round.getId());
        if (declareOnClose) {
            disqualifications.declare(roundId, COORDINATOR, GrantRoundDisqualifications.Role.COORDINATOR, List.of(), null);
            disqualifications.declare(roundId, DECISION_MAKER, GrantRoundDisqualifications.Role.DECISION_MAKER, List.of(), null);
        }
    }

    boolean declareOnClose = true;

    private void completeAs(String user, String group, Task task, Map<String, Object> variables) {
        identityService.setAuthentication(user, List.of(group));
        try {
            taskService.complete(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private Task task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    private Job job(ProcessInstance instance) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
    }

    private static void refused(Runnable change, String messageKey) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(InvalidInput.class,
                e -> Assertions.assertThat(e.errors()).extracting(InvalidInput.FieldError::messageKey).contains(messageKey));
    }
}
