package fi.silta.grants;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Date;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.cases.CaseRepository;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;

/**
 * Applications and a round that ended where the models of part 1 ended (the models as they were,
 * from src/test/resources/models-part1) are moved to where the current models wait: the
 * application at Event_AwaitDecision, the round on to its allocation, the case and round following
 * the new instances; a second run moves nothing.
 */
@SiltaIntegrationTest
class GrantDecisionMigrationTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T10:00:00+02:00");

    @Autowired ProcessEngine processEngine;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired ManagementService managementService;
    @Autowired GrantFixtures fixtures;
    @Autowired GrantSubmissions submissions;
    @Autowired GrantApplicationRepository applications;
    @Autowired GrantRoundRepository rounds;
    @Autowired CaseRepository cases;
    @Autowired GrantDecisionMigration migration;

    Deployment part1;

    @AfterEach
    void reset() {
        ClockUtil.reset();
        if (part1 != null) {
            // the current models are the latest again; the ended instances' history stays
            repositoryService.deleteDeployment(part1.getId(), false);
        }
    }

    @Test
    void endedApplicationsAndTheirRoundAreMovedToTheDecisionStep() {
        init(processEngine);
        ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
        long roundId = fixtures.publishedRound(NOW.minusDays(1), NOW.plusDays(29), GrantFixtures.POOL);
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        long applicationId = fixtures.draft(roundId, applicant, "4000.00");
        var opened = submissions.submit(applicationId, applicant.contactId(), null);
        String reference = opened.caseFile().reference();
        runtimeService.deleteProcessInstance(opened.caseFile().processInstanceId(), "replaced by a part 1 instance in this test");

        part1 = repositoryService.createDeployment().name("part 1 models (test)")
                .addClasspathResource("models-part1/grantApplication-part1.bpmn")
                .addClasspathResource("models-part1/grantRound-part1.bpmn").deploy();
        ProcessDefinition oldApplication = repositoryService.createProcessDefinitionQuery().deploymentId(part1.getId())
                .processDefinitionKey("grantApplication").singleResult();
        ProcessDefinition oldRound = repositoryService.createProcessDefinitionQuery().deploymentId(part1.getId())
                .processDefinitionKey("grantRound").singleResult();

        // scored under part 1: its process ended at End_ReadyForProposal
        applications.scored(applicationId, new BigDecimal("4.00"), null, OffsetDateTime.now());
        ProcessInstance ended = runtimeService.createProcessInstanceById(oldApplication.getId()).businessKey(reference)
                .setVariable("applicationId", applicationId).setVariable("applicationScore", "4.00")
                .setVariable("caseReference", reference).startBeforeActivity("Task_RecordScore").execute();
        managementService.executeJob(managementService.createJobQuery().processInstanceId(ended.getId()).singleResult().getId());
        assertThat(ended).hasPassed("End_ReadyForProposal").isEnded();
        cases.setProcessInstance(opened.caseFile().id(), ended.getId());
        // the round closed under part 1: its process ended at End_RoundClosed
        ProcessInstance closed = runtimeService.createProcessInstanceById(oldRound.getId()).businessKey(GrantRoundService.reference(roundId))
                .setVariable("roundId", roundId).startBeforeActivity("Task_CloseRound").execute();
        assertThat(closed).hasPassed("End_RoundClosed").isEnded();
        rounds.setProcessInstance(roundId, closed.getId());
        repositoryService.deleteDeployment(part1.getId(), false);
        part1 = null;

        Assertions.assertThat(migration.run()).isGreaterThanOrEqualTo(2);

        String moved = cases.find(opened.caseFile().id()).orElseThrow().processInstanceId();
        Assertions.assertThat(moved).isNotEqualTo(ended.getId());
        ProcessInstance application = runtimeService.createProcessInstanceQuery().processInstanceId(moved).singleResult();
        assertThat(application).isWaitingAt("Event_AwaitDecision").hasBusinessKey(reference).variables()
                .containsEntry("applicationId", applicationId).containsEntry("applicationScore", "4.00");
        String roundInstance = rounds.find(roundId).orElseThrow().processInstanceId();
        Assertions.assertThat(roundInstance).isNotEqualTo(closed.getId());
        // every application of the round was already scored: straight on to the allocation
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(roundInstance).singleResult())
                .isWaitingAt("Task_ComputeProposal").hasBusinessKey(GrantRoundService.reference(roundId));

        Assertions.assertThat(migration.run()).as("nothing is moved twice").isZero();
    }
}
