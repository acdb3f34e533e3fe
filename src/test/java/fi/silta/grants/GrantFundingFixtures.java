package fi.silta.grants;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;

/**
 * A granted application whose decision part has just ended (grantApplication moved to its Task_StartFunding), so that
 * its funding (grantFunding) has started; and test-only stubs of the processes grantFunding calls
 * ({@code grantUseOfFundsReport}, {@code grantRecovery}: one user task each, completed with {@code reportOutcome}),
 * deployed while a test class runs and removed afterwards (with the fundings the class started), so that the real
 * models of those processes stay the latest versions for everyone else.
 */
@Component
class GrantFundingFixtures {

    record Funded(GrantFixtures.Applicant applicant, long roundId, long applicationId, CaseFile caseFile, GrantFunding funding,
            ProcessInstance instance) {
    }

    static final String DECISION_MAKER = "helena.hamalainen";

    private final GrantFixtures fixtures;
    private final GrantApplicationRepository applications;
    private final GrantSubmissions submissions;
    private final GrantDecisionRepository decisions;
    private final GrantFundings fundings;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final ManagementService management;
    private final JdbcClient jdbc;
    private final fi.silta.cases.CaseRepository cases;
    private final List<String> started = new ArrayList<>();
    private String stubDeployment;

    GrantFundingFixtures(GrantFixtures fixtures, GrantApplicationRepository applications, GrantSubmissions submissions,
            GrantDecisionRepository decisions, GrantFundings fundings, RuntimeService runtime, RepositoryService repository,
            ManagementService management, JdbcClient jdbc, fi.silta.cases.CaseRepository cases) {
        this.fixtures = fixtures;
        this.applications = applications;
        this.submissions = submissions;
        this.decisions = decisions;
        this.fundings = fundings;
        this.runtime = runtime;
        this.repository = repository;
        this.management = management;
        this.jdbc = jdbc;
        this.cases = cases;
    }

    /** Deploys the stubs of the called processes (once until {@link #removeStubs}). */
    void deployStubs() {
        if (stubDeployment == null) {
            stubDeployment = repository.createDeployment().name("grant-funding-test-stubs")
                    .addClasspathResource("grant-funding-stubs/grantUseOfFundsReport.bpmn")
                    .addClasspathResource("grant-funding-stubs/grantRecovery.bpmn").deploy().getId();
        }
    }

    /** Ends the fundings started here (and their stub sub-processes), then removes the stubs. */
    void removeStubs() {
        for (String id : started) {
            if (runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
                runtime.deleteProcessInstance(id, "test over", true, true);
            }
        }
        started.clear();
        if (stubDeployment != null) {
            repository.deleteDeployment(stubDeployment, true, true);
            stubDeployment = null;
        }
    }

    /** A new round (one instalment, or {@code firstPercent} first with the interim report due) for the test's applications. */
    long round(int firstPercent) {
        OffsetDateTime now = OffsetDateTime.now();
        long roundId = fixtures.publishedRound(now.minusDays(1), now.plusDays(29), GrantFixtures.POOL);
        jdbc.sql("update grant_round set first_instalment_percent = ?, interim_report_due = ?, report_due = ? where id = ?")
                .params(firstPercent, firstPercent < 100 ? LocalDate.of(2027, 6, 30) : null, LocalDate.of(2027, 12, 31), roundId)
                .update();
        return roundId;
    }

    /** An application of a new organisation granted {@code granted} (two budget lines), its decision part ended. */
    Funded funded(long roundId, String granted) {
        return funded(roundId, applicant(), granted);
    }

    GrantFixtures.Applicant applicant() {
        return fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
    }

    Funded funded(long roundId, GrantFixtures.Applicant applicant, String granted) {
        long applicationId = decided(roundId, applicant, granted);
        GrantApplication application = applications.find(applicationId).orElseThrow();
        CaseFile caseFile = cases.find(application.caseId()).orElseThrow();
        // the decision part ends: its period passed (the timer's way on)
        runtime.createProcessInstanceModification(caseFile.processInstanceId()).startBeforeActivity("Task_StartFunding")
                .cancelAllForActivity("Task_CheckEligibility").execute();
        GrantFunding funding = fundings.ofApplication(applicationId).orElseThrow();
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(funding.processInstanceId()).singleResult();
        started.add(instance.getId());
        return new Funded(applicant, roundId, applicationId, caseFile, funding, instance);
    }

    /** A submitted application with its decision (granted {@code granted}), its process still at its start. */
    long decided(long roundId, GrantFixtures.Applicant applicant, String granted) {
        long applicationId = fixtures.draft(roundId, applicant, "5000.00");
        applications.replaceBudgetLines(applicationId, List.of(new BudgetLine("Ohjaajien palkkiot", new BigDecimal("3000.00")),
                new BudgetLine("Tilavuokrat", new BigDecimal("2000.00"))));
        var opened = submissions.submit(applicationId, applicant.contactId(), null);
        started.add(opened.caseFile().processInstanceId());
        applications.scored(applicationId, new BigDecimal("4.00"), null, OffsetDateTime.now());
        decisions.insert(applicationId, roundId, opened.caseFile().id(), GrantDecision.Stage.ORIGINAL, GrantDecision.Basis.SCORED,
                new BigDecimal("5000.00"), new BigDecimal(granted), new BigDecimal("4.00"), null, "fi", DECISION_MAKER,
                OffsetDateTime.parse("2026-04-02T12:00:00+03:00"));
        return applicationId;
    }

    void executeJob(String processInstanceId) {
        Job job = management.createJobQuery().processInstanceId(processInstanceId).singleResult();
        if (job == null) {
            throw new IllegalStateException("no job in " + processInstanceId + " at " + runtime.getActiveActivityIds(processInstanceId));
        }
        management.executeJob(job.getId());
    }

    /** What helper B's approved batch does for a payment: paid, and the funding's process told. */
    void paid(GrantFunding funding, int instalment) {
        jdbc.sql("update grant_payment set status = 'PAID', paid_at = ? where funding_id = ? and instalment = ?")
                .params(OffsetDateTime.now(), funding.id(), instalment).update();
        runtime.createMessageCorrelation(GrantFundingService.PAID_MESSAGE).processInstanceId(funding.processInstanceId())
                .correlateWithResult();
        executeJob(funding.processInstanceId());
    }

    /** The called stub process (report or recovery) of the funding, running now. */
    ProcessInstance called(GrantFunding funding, String processKey) {
        return runtime.createProcessInstanceQuery().superProcessInstanceId(funding.processInstanceId())
                .processDefinitionKey(processKey).singleResult();
    }

    List<GrantPayment> payments(GrantFunding funding) {
        return new GrantPayments(jdbc).ofFunding(funding.id());
    }
}
