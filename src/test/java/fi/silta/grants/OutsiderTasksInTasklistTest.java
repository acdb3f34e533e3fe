package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.organisations.OrganisationType;
import fi.silta.security.Roles;
import fi.silta.support.EngineJobs;
import fi.silta.support.GrantFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;

/**
 * Outsiders' tasks stay out of Tasklist, through the engine API as each staff role (its demo
 * user and groups): no filter the role may read lists an applicant's supplement task, and no role
 * but administrators may claim one; the coordinators' procedure filter still lists their own task.
 */
@SiltaIntegrationTest
class OutsiderTasksInTasklistTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @Autowired GrantFixtures fixtures;
    @Autowired GrantSubmissions submissions;
    @Autowired TaskService taskService;
    @Autowired FilterService filterService;
    @Autowired IdentityService identityService;
    @Autowired AuthorizationService authorizationService;
    @Autowired EngineJobs jobs;

    @Test
    void noStaffFilterListsAnOutsidersTaskAndOnlyAdministratorsMayClaimOne() {
        OffsetDateTime now = OffsetDateTime.now();
        long roundId = fixtures.publishedRound(now.minusDays(1), now.plusDays(30), GrantFixtures.POOL);
        String waitingForApplicant = processAt(roundId, true);
        String waitingForCoordinator = processAt(roundId, false);
        Task outsiders = taskService.createTaskQuery().processInstanceId(waitingForApplicant).taskCandidateGroup(Roles.EXTERNAL)
                .singleResult();
        assertThat(outsiders).isNotNull();
        Task coordinators = taskService.createTaskQuery().processInstanceId(waitingForCoordinator).singleResult();

        List<String> wrong = new ArrayList<>();
        for (Roles role : Roles.values()) {
            String user = identityService.createUserQuery().memberOfGroup(role.groupId()).orderByUserId().asc().list().get(0).getId();
            List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
            identityService.setAuthentication(user, groups);
            try {
                List<Filter> filters = filterService.createTaskFilterQuery().list();
                List<String> listed = new ArrayList<>();
                for (Filter filter : filters) {
                    List<Task> tasks = filterService.list(filter.getId());
                    tasks.forEach(t -> listed.add(filter.getName() + ": " + t.getId()));
                    if (tasks.stream().anyMatch(t -> t.getId().equals(outsiders.getId()))) {
                        wrong.add(role + " (" + user + ") sees the applicant's task in \"" + filter.getName() + "\"");
                    }
                }
                if (role == Roles.COORDINATOR) {
                    assertThat(listed).as("the coordinator's own task is listed").anyMatch(s -> s.endsWith(coordinators.getId()));
                    assertThat(listed).anyMatch(s -> s.startsWith("Avustushaut: ") && s.endsWith(coordinators.getId()));
                }
                boolean mayWork = authorizationService.isUserAuthorized(user, groups, Permissions.UPDATE, Resources.TASK, outsiders.getId())
                        || authorizationService.isUserAuthorized(user, groups,
                                org.camunda.bpm.engine.authorization.TaskPermissions.TASK_WORK, Resources.TASK, outsiders.getId());
                if (mayWork != (role == Roles.ADMINISTRATOR)) {
                    wrong.add(role + " (" + user + ") may " + (mayWork ? "" : "not ") + "work on the applicant's task");
                }
                if (role != Roles.ADMINISTRATOR) {
                    assertThatThrownBy(() -> taskService.claim(outsiders.getId(), user)).as(role.name())
                            .isInstanceOf(AuthorizationException.class);
                }
            } finally {
                identityService.clearAuthentication();
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(taskService.createTaskQuery().taskId(outsiders.getId()).singleResult().getAssignee()).isNull();
    }

    /** A new application waiting for the applicant's supplement, or for the coordinator's eligibility decision. */
    private String processAt(long roundId, boolean supplementRequested) {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        String pid = submissions.submit(fixtures.draft(roundId, applicant, "5000.00"), applicant.contactId(), null).caseFile()
                .processInstanceId();
        jobs.executeAll(pid);
        if (supplementRequested) {
            complete(pid, "Task_ConfirmEligibility", Map.of("eligibilityDecision", "eligible"));
            complete(pid, "Task_FormalCheck", Map.of("formalCheckResult", "incomplete", "supplementRequest", "Pöytäkirja puuttuu.",
                    "supplementDays", 7));
            jobs.executeAll(pid);
        }
        return pid;
    }

    private void complete(String pid, String key, Map<String, Object> variables) {
        taskService.complete(taskService.createTaskQuery().processInstanceId(pid).taskDefinitionKey(key).singleResult().getId(), variables);
    }

}
