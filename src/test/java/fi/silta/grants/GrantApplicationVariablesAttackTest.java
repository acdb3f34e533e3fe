package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.SiltaIntegrationTest;

/**
 * A coordinator completing an application's task may send any process variable with the form (as
 * Tasklist and /engine-rest let them): the steps after it act on the application of the process's own
 * case, never on one an {@code applicationId} variable names.
 */
@SiltaIntegrationTest
class GrantApplicationVariablesAttackTest {

    @Autowired GrantFixtures fixtures;
    @Autowired GrantSubmissions submissions;
    @Autowired GrantApplicationRepository applications;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired FormService formService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;

    @AfterEach
    void signOut() {
        identityService.clearAuthentication();
    }

    @Test
    void confirmingOneApplicationsEligibilityCannotMarkAnotherOneIneligible() {
        OffsetDateTime now = OffsetDateTime.now();
        long roundId = fixtures.publishedRound(now.minusDays(1), now.plusDays(29), GrantFixtures.POOL);
        String own = submitted(roundId);
        String other = submitted(roundId);
        long ownId = applicationOf(own);
        long otherId = applicationOf(other);

        String task = taskService.createTaskQuery().processInstanceBusinessKey(own).taskDefinitionKey("Task_ConfirmEligibility")
                .singleResult().getId();
        identityService.setAuthentication("aino.virtanen", List.of("coordinators"));
        formService.submitTaskForm(task, Map.of("eligibilityDecision", "ineligible", "eligibilityOverrideReason", "Ei toimi alueella.",
                "applicationId", otherId));
        identityService.clearAuthentication();
        String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(own).singleResult().getId();
        managementService.executeJob(managementService.createJobQuery().processInstanceId(instance).activityId("Task_MarkIneligible")
                .singleResult().getId());

        assertThat(applications.find(ownId).orElseThrow().status()).isEqualTo(GrantApplication.Status.INELIGIBLE);
        assertThat(applications.find(otherId).orElseThrow().status()).as("the other organisation's application is untouched")
                .isNotEqualTo(GrantApplication.Status.INELIGIBLE);
    }

    /** A submitted application waiting for the coordinator's eligibility confirmation; its case reference. */
    private String submitted(long roundId) {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        long applicationId = fixtures.draft(roundId, applicant, "5000.00");
        String reference = submissions.submit(applicationId, applicant.contactId(), null).caseFile().reference();
        String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId();
        managementService.executeJob(managementService.createJobQuery().processInstanceId(instance).singleResult().getId());
        return reference;
    }

    @Autowired fi.silta.cases.CaseRepository cases;

    private long caseIdOf(String reference) {
        return cases.findByReference(reference).orElseThrow().id();
    }

    private long applicationOf(String caseReference) {
        return applications.findByCase(caseIdOf(caseReference)).orElseThrow().id();
    }
}
