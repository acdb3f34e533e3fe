package fi.silta.support;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.grants.BudgetLine;
import fi.silta.grants.GrantAllocationService;
import fi.silta.grants.GrantApplicationRepository;
import fi.silta.grants.GrantDecision;
import fi.silta.grants.GrantDecisionRepository;
import fi.silta.grants.GrantRoundDisqualifications;
import fi.silta.grants.GrantRoundRepository;
import fi.silta.grants.GrantRoundService;
import fi.silta.grants.GrantSubmissions;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationType;

/**
 * A grant decision delivered to its applicant in real time (what GrantAllocationProcessTest's
 * {@code decidedAndDelivered} does with the engine clock pinned to 2026, here with the current
 * time, for browser tests): a published round, a verified applicant who consented to electronic
 * notification, the application (one budget line) submitted and moved to scored, the round's
 * process from its closing on (the coordinator and the decision maker disqualified on none), the
 * proposal computed, the amount changed, the allocation approved by the round's decision maker,
 * the decisions issued, this decision prepared and mailed (the outbox drained) and its period for
 * a request for rectification set: the application's process waits at
 * {@code Task_RequestRectification}, the period ending about 17 days from now.
 */
@Component
public class GrantDecisionFixtures {

    public static final String COORDINATOR = "aino.virtanen";
    public static final String DECISION_MAKER = "helena.hamalainen";

    /** What a browser check needs of a delivered decision. */
    public record Delivered(GrantFixtures.Applicant applicant, long roundId, long applicationId, String caseReference,
            String processInstanceId, GrantDecision decision) {

        public LocalDate rectificationLastDay() {
            return decision.rectificationLastDay();
        }
    }

    private final GrantFixtures fixtures;
    private final GrantSubmissions submissions;
    private final GrantApplicationRepository applications;
    private final GrantRoundRepository rounds;
    private final GrantAllocationService allocation;
    private final GrantRoundDisqualifications disqualifications;
    private final GrantDecisionRepository decisions;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final ManagementService managementService;
    private final IdentityService identityService;
    private final OutboxDrainer drainer;
    private final JdbcClient jdbc;

    public GrantDecisionFixtures(GrantFixtures fixtures, GrantSubmissions submissions, GrantApplicationRepository applications,
            GrantRoundRepository rounds, GrantAllocationService allocation, GrantRoundDisqualifications disqualifications,
            GrantDecisionRepository decisions,
            RuntimeService runtimeService, TaskService taskService, ManagementService managementService,
            IdentityService identityService, OutboxDrainer drainer, JdbcClient jdbc) {
        this.fixtures = fixtures;
        this.submissions = submissions;
        this.applications = applications;
        this.rounds = rounds;
        this.allocation = allocation;
        this.disqualifications = disqualifications;
        this.decisions = decisions;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.managementService = managementService;
        this.identityService = identityService;
        this.drainer = drainer;
        this.jdbc = jdbc;
    }

    /**
     * One application asking {@code asked} and granted {@code granted} (a change with a reason when
     * less than the proposal gives), its decision mailed and received now: the period runs.
     */
    public Delivered decidedAndDelivered(String asked, String granted) {
        ClockUtil.reset();
        OffsetDateTime now = OffsetDateTime.now();
        long roundId = fixtures.publishedRound(now.minusDays(1), now.plusDays(29), GrantFixtures.POOL);

        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        jdbc.sql("update organisation_contact set electronic_notice_consent = true where id = ?").param(applicant.contactId()).update();
        long applicationId = fixtures.draft(roundId, applicant, asked);
        applications.replaceBudgetLines(applicationId, List.of(new BudgetLine("Ohjaajien palkkiot", new BigDecimal(asked))));
        var opened = submissions.submit(applicationId, applicant.contactId(), null);
        String instanceId = opened.caseFile().processInstanceId();

        // scored, as Task_RecordScore leaves it, and the process moved on to wait for the decision
        applications.scored(applicationId, new BigDecimal("4.00"), null, OffsetDateTime.now());
        runtimeService.createProcessInstanceModification(instanceId).startBeforeActivity("Gateway_JoinAwaitDecision")
                .cancelAllForActivity("Task_CheckEligibility").execute();
        require(instanceId, "Event_AwaitDecision");

        // the round's process from its closing on: the proposal, the change, the approval, the decisions
        String round = runtimeService.createProcessInstanceByKey("grantRound").businessKey(GrantRoundService.reference(roundId))
                .setVariable("roundId", roundId).startBeforeActivity("Task_CloseRound").execute().getId();
        rounds.setProcessInstance(roundId, round);
        // the coordinator and the decision maker declare that they are disqualified on none of its applications
        disqualifications.declare(roundId, COORDINATOR, GrantRoundDisqualifications.Role.COORDINATOR, List.of(), null);
        disqualifications.declare(roundId, DECISION_MAKER, GrantRoundDisqualifications.Role.DECISION_MAKER, List.of(), null);
        execute(job(round));
        require(round, "Task_AllocateGrants");
        allocation.change(roundId, applicationId, granted, null, "Määrärahaa jaetaan useammalle.", COORDINATOR);
        completeAs(COORDINATOR, "coordinators", task(round), Map.of());
        completeAs(DECISION_MAKER, "decisionMakers", task(round), Map.of("allocationDecision", "approve"));
        require(round, "Task_IssueDecisions");
        execute(job(round));

        // the decision prepared and mailed; once the mail has left, the period is set from it
        require(instanceId, "Task_PrepareDecision");
        execute(job(instanceId));
        drainer.drain();
        execute(job(instanceId));
        require(instanceId, "Task_RequestRectification");

        GrantDecision decision = decisions.find(applicationId, GrantDecision.Stage.ORIGINAL).orElseThrow();
        if (decision.rectificationLastDay() == null || decision.documentId() == null) {
            throw new IllegalStateException("decision not delivered: " + decision);
        }
        return new Delivered(applicant, roundId, applicationId, opened.caseFile().reference(), instanceId, decision);
    }

    private void require(String processInstanceId, String activityId) {
        List<String> active = runtimeService.getActiveActivityIds(processInstanceId);
        if (!active.contains(activityId)) {
            throw new IllegalStateException("process " + processInstanceId + " waits at " + active + ", not at " + activityId);
        }
    }

    private void completeAs(String user, String group, Task task, Map<String, Object> variables) {
        identityService.setAuthentication(user, List.of(group));
        try {
            taskService.complete(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private Task task(String processInstanceId) {
        return taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
    }

    private Job job(String processInstanceId) {
        Job job = managementService.createJobQuery().processInstanceId(processInstanceId).singleResult();
        if (job == null) {
            throw new IllegalStateException("no job in process " + processInstanceId + " at "
                    + runtimeService.getActiveActivityIds(processInstanceId));
        }
        return job;
    }

    private void execute(Job job) {
        managementService.executeJob(job.getId());
    }
}
