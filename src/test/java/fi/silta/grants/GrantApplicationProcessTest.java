package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
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
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.Mails;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;
import fi.silta.web.InvalidInput;

/** Every path of grantApplication and grantReview, engine and clock driven explicitly. */
@SiltaIntegrationTest
class GrantApplicationProcessTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    /** Monday 2 March 2026, 10.00 Helsinki time; the round is open in March. */
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T10:00:00+02:00");

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired org.camunda.bpm.engine.FormService formService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired GrantFixtures fixtures;
    @Autowired GrantSubmissions submissions;
    @Autowired GrantApplicationRepository applications;
    @Autowired GrantReviewRepository reviews;
    @Autowired GrantReviewService reviewService;
    @Autowired OutboxDrainer drainer;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired GrantApplicationJourney journey;
    @Autowired GrantCaseActions caseActions;
    @Autowired fi.silta.cases.CaseProgress caseProgress;
    @Autowired fi.silta.cases.CaseRepository caseRepository;

    long roundId;
    GrantFixtures.Applicant applicant;
    long applicationId;
    ProcessInstance instance;

    @BeforeEach
    void submit() {
        init(processEngine);
        ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
        roundId = fixtures.publishedRound(NOW.minusDays(1), NOW.plusDays(29), GrantFixtures.POOL);
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void cleanPass() {
        passCleanly();
        GrantApplication scored = applications.find(applicationId).orElseThrow();
        Assertions.assertThat(scored.status()).isEqualTo(GrantApplication.Status.SCORED);
        Assertions.assertThat(scored.finalScore()).isEqualByComparingTo(new BigDecimal("4.00"));
    }

    /**
     * A coordinator completing the formal check also sets {@code reconciledScore} (a Tasklist form submission may set
     * any variable): the reviewers agree, so no reconciliation happens, and the score recorded is the computed one.
     */
    @Test
    void aReconciledScorePlantedBeforeTheReviewsIsIgnored() {
        start(OrganisationType.REGISTERED_ASSOCIATION, "5000.00");
        confirmEligibility("eligible", null);
        assertThat(instance).isWaitingAt("Task_FormalCheck");
        complete(task(), withVariables("formalCheckResult", "complete", "reconciledScore", "5.00", "reconcileNote", "Istutettu."));
        execute(job());
        assertThat(instance).isWaitingAt("CallActivity_Review");
        List<ProcessInstance> slots = reviewSlots();
        declare(slots.get(0), false);
        score(slots.get(0), 4, 4, 4);
        declare(slots.get(1), false);
        score(slots.get(1), 4, 4, 4);
        assertThat(instance).hasPassed("CallActivity_Review").isWaitingAt("Task_ComputeScore");
        execute(job());
        assertThat(instance).hasPassed("Task_ComputeScore", "Gateway_JoinScored").isWaitingAt("Task_RecordScore");
        execute(job());
        GrantApplication scored = applications.find(applicationId).orElseThrow();
        Assertions.assertThat(scored.finalScore()).isEqualByComparingTo(new BigDecimal("4.00"));
        Assertions.assertThat(scored.scoreNote()).isNull();
    }

    @Test
    void aScoredApplicationWaitsForItsDecisionAndMayStillBeWithdrawnWhileTheCallIsOpen() {
        passCleanly();
        var caseFile = caseRepository.findByReference(instance.getBusinessKey()).orElseThrow();
        Assertions.assertThat(journey.of(caseFile, caseProgress.of(caseFile))).hasValueSatisfying(j -> {
            Assertions.assertThat(j.steps().get(j.current())).isEqualTo("decision");
            Assertions.assertThat(j.ended()).isFalse();
        });
        Assertions.assertThat(caseActions.available(caseFile)).containsExactly(GrantCaseActions.WITHDRAW);

        submissions.withdraw(instance.getBusinessKey());
        Assertions.assertThat(applications.find(applicationId).orElseThrow().status()).isEqualTo(GrantApplication.Status.WITHDRAWN);
        Assertions.assertThat(journey.of(caseFile, caseProgress.of(caseFile))).hasValueSatisfying(j -> Assertions.assertThat(j.ended()).isTrue());
        Assertions.assertThat(caseActions.available(caseFile)).isEmpty();
    }

    /** The path without detours: eligible, complete, two reviewers agree, scored 4.00 and waiting for the round's decision. */
    private void passCleanly() {
        start(OrganisationType.REGISTERED_ASSOCIATION, "5000.00");
        confirmEligibility("eligible", null);
        formalCheck("complete");
        List<ProcessInstance> slots = reviewSlots();
        Assertions.assertThat(slots).hasSize(2);
        // the first sheet as Tasklist submits it (no criterionId), the second as an API client with ids
        declare(slots.get(0), false);
        score(slots.get(0), 4, 3, 5);
        declare(slots.get(1), false);
        assertThat(slots.get(1)).isWaitingAt("Task_ScoreApplication");
        identityService.setAuthentication(reviewer(slots.get(1)), List.of("reviewers"));
        formService.submitTaskForm(taskOf(slots.get(1)).getId(), Map.of("scores", preparedSheet(slots.get(1), 4, 3, 5)));
        identityService.clearAuthentication();
        assertThat(instance).hasPassed("CallActivity_Review").isWaitingAt("Task_ComputeScore");
        execute(job());
        assertThat(instance).hasPassed("Task_ComputeScore", "Gateway_JoinScored").isWaitingAt("Task_RecordScore");
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "applicationScore")).isEqualTo("4.00");
        execute(job());
        assertThat(instance).hasPassed("Gateway_JoinAwaitDecision").isWaitingAt("Event_AwaitDecision");
    }

    @Test
    void supplementAnswered() {
        start(OrganisationType.REGISTERED_ASSOCIATION, "5000.00");
        confirmEligibility("eligible", null);
        requestSupplement();
        complete(task(), withVariables("supplementAnswer", "Talousarvio liitteenä."));
        assertThat(instance).isWaitingAt("Task_FormalCheck");
        formalCheck("complete");
        Assertions.assertThat(reviewSlots()).hasSize(2);
        drainer.drain();
        Assertions.assertThat(Mails.to(greenMail, applicant.email())).extracting(Mails.Received::subject)
                .contains("Täydennyspyyntö: avustushakemus " + instance.getBusinessKey());
    }

    @Test
    void supplementLapsedAndTheCoordinatorProceeds() {
        start(OrganisationType.REGISTERED_ASSOCIATION, "5000.00");
        confirmEligibility("eligible", null);
        requestSupplement();
        // the reminder is queued in the timer's own transaction: no later job could send it after an answer
        execute(timer("Timer_SupplementReminder"));
        assertThat(instance).hasPassed("End_SupplementReminderSent").isWaitingAt("Task_ProvideSupplement");
        execute(timer("Timer_SupplementLapsed"));
        assertThat(instance).isWaitingAt("Task_DecideLapsedSupplement");
        complete(task(), withVariables("lapsedDecision", "proceed"));
        execute(job());
        assertThat(instance).hasPassed("Gateway_JoinReview").isWaitingAt("CallActivity_Review");
    }

    @Test
    void supplementLapsedAndTheCoordinatorRejects() {
        start(OrganisationType.REGISTERED_ASSOCIATION, "5000.00");
        confirmEligibility("eligible", null);
        requestSupplement();
        execute(timer("Timer_SupplementLapsed"));
        String taskId = task().getId();
        assertThatThrownBy(() -> taskService.complete(taskId, withVariables("lapsedDecision", "reject")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Kirjoita perustelu hylkäykselle.");
        complete(task(), withVariables("lapsedDecision", "reject", "lapsedNote", "Talousarviota ei toimitettu."));
        execute(job());
        assertThat(instance).hasPassed("Send_IncompleteMail").isWaitingAt("Event_AwaitDecision");
        Assertions.assertThat(applications.find(applicationId).orElseThrow().status())
                .isEqualTo(GrantApplication.Status.REJECTED_INCOMPLETE);
        drainer.drain();
        Assertions.assertThat(Mails.to(greenMail, applicant.email())).last().satisfies(mail -> {
            Assertions.assertThat(mail.subject()).isEqualTo("Avustushakemus " + instance.getBusinessKey() + " hylättiin puutteellisena");
            // a rejection is a decision: it comes with the round's decisions, with the rectification instructions
            Assertions.assertThat(mail.body()).contains("Talousarviota ei toimitettu.", "Saat päätöksen perusteluineen ja oikaisuvaatimusohjeineen");
        });
    }

    @Test
    void ineligibleConfirmed() {
        start(OrganisationType.UNREGISTERED_GROUP, "5000.00");
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "eligible")).isEqualTo(false);
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "eligibilityReasons")).isEqualTo("organisationType");
        confirmEligibility("ineligible", null);
        execute(job());
        assertThat(instance).hasPassed("Task_MarkIneligible", "Send_IneligibleMail").isWaitingAt("Event_AwaitDecision");
        drainer.drain();
        Assertions.assertThat(Mails.to(greenMail, applicant.email())).last()
                .satisfies(mail -> Assertions.assertThat(mail.subject()).contains("ei täytä avustuksen ehtoja"));
    }

    @Test
    void ineligibleOverriddenWithAReason() {
        start(OrganisationType.REGISTERED_ASSOCIATION, "12000.00");
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "eligibilityReasons")).isEqualTo("amountOverMaximum");
        String taskId = task().getId();
        assertThatThrownBy(() -> taskService.complete(taskId, withVariables("eligibilityDecision", "eligible")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Kirjoita perustelu");
        confirmEligibility("eligible", "Hallitus päätti korottaa enimmäismäärää tälle hankkeelle.");
        assertThat(instance).isWaitingAt("Task_FormalCheck");
    }

    @Test
    void secondApplicationIsRefusedAndTheFirstStaysEligible() {
        start(OrganisationType.REGISTERED_ASSOCIATION, "5000.00");
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "eligibilityReasons")).isEqualTo("");
        long second = fixtures.draft(roundId, applicant, "3000.00");
        long cases = jdbc.sql("select count(*) from case_file").query(Long.class).single();
        assertThatThrownBy(() -> submissions.submit(second, applicant.contactId(), null))
                .isInstanceOf(fi.silta.calls.AlreadyAnswered.class);
        Assertions.assertThat(jdbc.sql("select count(*) from case_file").query(Long.class).single()).isEqualTo(cases);
        Assertions.assertThat(applications.find(second).orElseThrow().status()).isEqualTo(GrantApplication.Status.DRAFT);
        // the first application is still eligible and goes on
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "eligible")).isEqualTo(true);
        confirmEligibility("eligible", null);
        assertThat(instance).isWaitingAt("Task_FormalCheck");
    }

    @Test
    void afterWithdrawingTheOrganisationMayApplyAgain() {
        start(OrganisationType.REGISTERED_ASSOCIATION, "5000.00");
        submissions.withdraw(instance.getBusinessKey());
        long second = fixtures.draft(roundId, applicant, "3000.00");
        var opened = submissions.submit(second, applicant.contactId(), null);
        ProcessInstance other = runtimeService.createProcessInstanceQuery()
                .processInstanceId(opened.caseFile().processInstanceId()).singleResult();
        execute(job(other));
        Assertions.assertThat(runtimeService.getVariable(other.getId(), "eligibilityReasons")).isEqualTo("");
    }

    @Test
    void withdrawnBeforeTheDeadline() {
        start(OrganisationType.REGISTERED_ASSOCIATION, "5000.00");
        confirmEligibility("eligible", null);
        submissions.withdraw(instance.getBusinessKey());
        assertThat(instance).hasPassed("Task_MarkWithdrawn", "End_Withdrawn").isEnded();
        Assertions.assertThat(applications.find(applicationId).orElseThrow().status()).isEqualTo(GrantApplication.Status.WITHDRAWN);
    }

    @Test
    void submissionAfterTheDeadlineIsRefusedAndNothingIsStored() {
        applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        applicationId = fixtures.draft(roundId, applicant, "5000.00");
        ClockUtil.setCurrentTime(Date.from(NOW.plusDays(29).toInstant()));
        assertThatThrownBy(() -> submissions.submit(applicationId, applicant.contactId(), null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> Assertions.assertThat(e.errors())
                        .extracting(InvalidInput.FieldError::messageKey).containsExactly("grants.submit.closed"));
        Assertions.assertThat(applications.find(applicationId).orElseThrow().status()).isEqualTo(GrantApplication.Status.DRAFT);
        Assertions.assertThat(applications.find(applicationId).orElseThrow().caseId()).isNull();
    }

    @Test
    void aCasesMailGoesToItsContactWhateverAVariableSays() {
        start(OrganisationType.REGISTERED_ASSOCIATION, "5000.00");
        confirmEligibility("eligible", null);
        // a coordinator completing the formal check through the REST API adds a variable of their choosing
        complete(task(), withVariables("formalCheckResult", "incomplete", "supplementRequest", "Lisää talousarvio.",
                "supplementDays", 7, "contactEmail", "koordinaattori@hyvinvointialue.example"));
        execute(job());
        assertThat(instance).hasPassed("Send_SupplementRequestMail").isWaitingAt("Task_ProvideSupplement");
        Assertions.assertThat(jdbc.sql("select recipient from mail_outbox where template = 'grant-supplement-requested' and reference = ?")
                .param(instance.getBusinessKey()).query(String.class).list()).containsExactly(applicant.email());
    }

    @Test
    void aReviewerWhoPointsTheDeclarationAtAnotherApplicationSeesNothingOfIt() {
        long other = fixtures.draft(roundId, fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION), "7000.00");
        start(OrganisationType.REGISTERED_ASSOCIATION, "5000.00");
        confirmEligibility("eligible", null);
        formalCheck("complete");
        ProcessInstance slot = reviewSlots().get(0);
        String reviewer = reviewer(slot);
        String taskId = taskOf(slot).getId();
        identityService.setAuthentication(reviewer, List.of("reviewers"));
        // as a REST client may: a variable that is no field of the form, naming an application the reviewer is not on;
        // the steps act on the application of the slot's own case (its business key), whatever the variable says
        taskService.complete(taskId, Map.of("disqualified", "no", "applicationId", other));
        identityService.clearAuthentication();
        assertThat(slot).isWaitingAt("Task_ScoreApplication");
        Assertions.assertThat(reviews.find(applicationId, reviewer)).isPresent();
        Assertions.assertThat(reviews.find(other, reviewer)).isEmpty();
    }

    @Test
    void disqualifiedReviewerIsReplacedFromThePool() {
        start(OrganisationType.REGISTERED_ASSOCIATION, "5000.00");
        confirmEligibility("eligible", null);
        formalCheck("complete");
        ProcessInstance slot = reviewSlots().get(0);
        String first = reviewer(slot);
        identityService.setAuthentication(first, List.of("reviewers"));
        complete(taskOf(slot), withVariables("disqualified", "yes", "disqualificationGround", "boardMember"));
        identityService.clearAuthentication();
        String replacement = reviewer(slot);
        Assertions.assertThat(replacement).isNotEqualTo(first).isIn(GrantFixtures.POOL);
        assertThat(slot).hasPassed("Task_RecordDisqualification").isWaitingAt("Task_DeclareDisqualification");
        Assertions.assertThat(taskOf(slot).getAssignee()).isEqualTo(replacement);
        Assertions.assertThat(reviews.find(applicationId, first).orElseThrow().status()).isEqualTo("DISQUALIFIED");
        declare(slot, false);
        score(slot, 3, 3, 3);
        assertThat(slot).hasPassed("End_Scored").isEnded();
        // the disqualified reviewer cannot score this application afterwards
        assertThatThrownBy(() -> reviewService.storeScores(applicationId, first, List.of()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> Assertions.assertThat(e.errors())
                        .extracting(InvalidInput.FieldError::messageKey).containsExactly("grants.score.notAssigned"));
    }

    @Test
    void whenThePoolRunsOutTheCoordinatorChoosesAReviewer() {
        roundId = fixtures.publishedRound(NOW.minusDays(1), NOW.plusDays(29), List.of("liisa.nieminen", "mikko.korhonen"));
        start(OrganisationType.REGISTERED_ASSOCIATION, "5000.00");
        confirmEligibility("eligible", null);
        formalCheck("complete");
        ProcessInstance slot = reviewSlots().get(0);
        identityService.setAuthentication(reviewer(slot), List.of("reviewers"));
        complete(taskOf(slot), withVariables("disqualified", "yes", "disqualificationGround", "relative"));
        identityService.clearAuthentication();
        assertThat(slot).isWaitingAt("Task_AssignReviewerManually");
        Task choose = taskOf(slot);
        Assertions.assertThat(taskService.getVariableLocal(choose.getId(), "reviewerOptions").toString()).contains("jussi.makinen")
                .doesNotContain("liisa.nieminen");
        assertThatThrownBy(() -> taskService.complete(choose.getId(), withVariables("reviewerChoice", "liisa.nieminen")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Valitse arvioija");
        complete(choose, withVariables("reviewerChoice", "jussi.makinen"));
        Assertions.assertThat(taskOf(slot).getAssignee()).isEqualTo("jussi.makinen");
    }

    @Test
    void disagreementIsReconciledByTheCoordinator() {
        start(OrganisationType.REGISTERED_ASSOCIATION, "5000.00");
        confirmEligibility("eligible", null);
        formalCheck("complete");
        List<ProcessInstance> slots = reviewSlots();
        List<String> reviewers = slots.stream().map(this::reviewer).toList();
        declare(slots.get(0), false);
        score(slots.get(0), 5, 5, 5);
        declare(slots.get(1), false);
        score(slots.get(1), 2, 2, 2);
        assertThat(instance).isWaitingAt("Task_ComputeScore");
        execute(job());
        assertThat(instance).isWaitingAt("Task_ReconcileScores");
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "reviewerTotals")).isEqualTo("5.00 / 2.00");
        String taskId = task().getId();
        // the coordinator sees who gave which scores, per criterion, as people write numbers
        String summary = (String) taskService.getVariableLocal(taskId, "reviewSummary");
        for (String reviewer : reviewers) {
            var user = identityService.createUserQuery().userId(reviewer).singleResult();
            Assertions.assertThat(summary).contains(user.getFirstName() + " " + user.getLastName() + ": painotettu ");
        }
        Assertions.assertThat(summary).contains(": painotettu 5,00", ": painotettu 2,00", "Vaikuttavuus (40\u00a0%): 5", "Toteutettavuus (30\u00a0%): 2");
        Assertions.assertThat(taskService.getVariableLocal(taskId, "applicationScoreText")).isEqualTo("3,50");
        assertThatThrownBy(() -> taskService.complete(taskId, withVariables("reconciledScore", "6", "reconcileNote", "x")))
                .isInstanceOf(ProcessEngineException.class);
        complete(task(), withVariables("reconciledScore", "3,75", "reconcileNote", "Toinen arvioija painotti toteutettavuutta."));
        execute(job());
        assertThat(instance).hasPassed("Task_ReconcileScores").isWaitingAt("Event_AwaitDecision");
        Assertions.assertThat(applications.find(applicationId).orElseThrow().finalScore()).isEqualByComparingTo("3.75");
    }

    @Test
    void scoresAreRefusedOutsideTheScaleWithoutJustificationOrFromAnotherUser() {
        start(OrganisationType.REGISTERED_ASSOCIATION, "5000.00");
        confirmEligibility("eligible", null);
        formalCheck("complete");
        ProcessInstance slot = reviewSlots().get(0);
        declare(slot, false);
        String taskId = taskOf(slot).getId();
        String reviewer = reviewer(slot);
        identityService.setAuthentication(reviewer, List.of("reviewers"));
        assertThatThrownBy(() -> formService.submitTaskForm(taskId, Map.of("scores", sheet(slot, 6, 3, 3, "Perustelu"))))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("0–5");
        assertThatThrownBy(() -> formService.submitTaskForm(taskId, Map.of("scores", sheet(slot, 4, 3, 3, " "))))
                .isInstanceOf(ProcessEngineException.class);
        // another staff member: the engine itself refuses (only the assignee works on the task)
        identityService.setAuthentication("aino.virtanen", List.of("coordinators", "reviewers"));
        assertThatThrownBy(() -> formService.submitTaskForm(taskId, Map.of("scores", sheet(slot, 4, 3, 3, "Hyvä"))))
                .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
        // an administrator may work on any task, but may not score for a reviewer
        identityService.setAuthentication("ilkka.jarvinen", List.of("camunda-admin"));
        assertThatThrownBy(() -> formService.submitTaskForm(taskId, Map.of("scores", sheet(slot, 4, 3, 3, "Hyvä"))))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Vain hakemukselle nimetty");
        identityService.clearAuthentication();
        Assertions.assertThat(reviews.find(applicationId, reviewer).orElseThrow().status()).isEqualTo("ASSIGNED");
        assertThat(slot).isWaitingAt("Task_ScoreApplication");
    }

    // --- steps

    private void start(OrganisationType type, String amount) {
        applicant = fixtures.applicant(type);
        applicationId = fixtures.draft(roundId, applicant, amount);
        var opened = submissions.submit(applicationId, applicant.contactId(), null);
        instance = runtimeService.createProcessInstanceQuery().processInstanceId(opened.caseFile().processInstanceId()).singleResult();
        Assertions.assertThat(instance.getBusinessKey()).matches("AV-2026-\\d{4}");
        assertThat(instance).hasPassed("Send_ReceiptMail").isWaitingAt("Task_CheckEligibility");
        execute(job());
        assertThat(instance).isWaitingAt("Task_ConfirmEligibility");
    }

    private void confirmEligibility(String decision, String reason) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("eligibilityDecision", decision);
        if (reason != null) {
            variables.put("eligibilityOverrideReason", reason);
        }
        complete(task(), variables);
    }

    private void formalCheck(String result) {
        assertThat(instance).isWaitingAt("Task_FormalCheck");
        complete(task(), withVariables("formalCheckResult", result));
        if ("complete".equals(result)) {
            execute(job());
            assertThat(instance).isWaitingAt("CallActivity_Review");
        }
    }

    private void requestSupplement() {
        complete(task(), withVariables("formalCheckResult", "incomplete", "supplementRequest", "Lisää talousarvio.", "supplementDays", 7));
        execute(job());
        assertThat(instance).hasPassed("Send_SupplementRequestMail").isWaitingAt("Task_ProvideSupplement");
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "supplementDueAt")).isEqualTo("2026-03-09T16:00:00+02:00");
    }

    private List<ProcessInstance> reviewSlots() {
        return runtimeService.createProcessInstanceQuery().superProcessInstanceId(instance.getId()).list();
    }

    private String reviewer(ProcessInstance slot) {
        return (String) runtimeService.getVariable(slot.getId(), "reviewer");
    }

    private void declare(ProcessInstance slot, boolean disqualified) {
        assertThat(slot).isWaitingAt("Task_DeclareDisqualification");
        identityService.setAuthentication(reviewer(slot), List.of("reviewers"));
        complete(taskOf(slot), withVariables("disqualified", disqualified ? "yes" : "no"));
        identityService.clearAuthentication();
    }

    private void score(ProcessInstance slot, int... scores) {
        assertThat(slot).isWaitingAt("Task_ScoreApplication");
        Task task = taskOf(slot);
        // the score sheet names the case and the round, and shows the amount as people write money (the form links to the case page by caseReference)
        Assertions.assertThat(task.getName()).isEqualTo("Pisteytä hakemus: " + instance.getBusinessKey() + ", "
                + runtimeService.getVariable(slot.getId(), "organisationName"));
        Assertions.assertThat(taskService.getVariableLocal(task.getId(), "roundNameFi")).isNotNull();
        Assertions.assertThat(taskService.getVariableLocal(task.getId(), "applicationAmount").toString()).endsWith("\u00a0€");
        identityService.setAuthentication(reviewer(slot), List.of("reviewers"));
        // as Tasklist submits a Camunda Form
        formService.submitTaskForm(task.getId(), Map.of("scores", sheet(slot, scores[0], scores[1], scores[2], "Perusteltu arvio.")));
        identityService.clearAuthentication();
        Assertions.assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(slot.getId()).count()).isZero();
    }

    /**
     * The sheet as Tasklist's Camunda Form submits it (seen in TasklistReviewBrowserTest): one row
     * per prepared row with only the values of its fields, {score, justification}; form-js leaves
     * out criterionId (no field) and the disabled criterion and weight.
     */
    private Object sheet(ProcessInstance slot, int a, int b, int c, String justification) {
        String prepared = taskService.getVariableLocal(taskOf(slot).getId(), "scores").toString();
        // the weights as the reviewer reads them in Tasklist (criteria 40/30/30 %), never raw
        Assertions.assertThat(JsonRows.read(prepared)).extracting(row -> row.get("weightText"))
                .containsExactly("40\u00a0%", "30\u00a0%", "30\u00a0%");
        int[] scores = {a, b, c};
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < JsonRows.read(prepared).size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("score", scores[i]);
            row.put("justification", justification);
            rows.add(row);
        }
        return Spin.JSON(JsonRows.write(rows));
    }

    /** The prepared rows (with criterionId) scored, as an API client may submit them. */
    private Object preparedSheet(ProcessInstance slot, int a, int b, int c) {
        String prepared = taskService.getVariableLocal(taskOf(slot).getId(), "scores").toString();
        List<Map<String, Object>> rows = new ArrayList<>(JsonRows.read(prepared));
        int[] scores = {a, b, c};
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).put("score", scores[i]);
            rows.get(i).put("justification", "Perusteltu arvio.");
        }
        return Spin.JSON(JsonRows.write(rows));
    }

    private Task taskOf(ProcessInstance slot) {
        return taskService.createTaskQuery().processInstanceId(slot.getId()).singleResult();
    }

    private org.camunda.bpm.engine.runtime.Job timer(String activityId) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers().singleResult();
    }

    private org.camunda.bpm.engine.runtime.Job jobAt(String activityId) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
    }
}
