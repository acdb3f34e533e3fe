package fi.silta.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fi.silta.demo.DemoData;
import fi.silta.organisations.ContactVerificationService;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestOrganisations;

/** Each demo role signs in once (one sign-in for Silta's pages and the webapps) and sees its own work only. */
@SiltaIntegrationTest
class StaffAccessTest {

    static final String PASSWORD = "silta-demo";

    /** The Camunda webapps each role may open. */
    static final Map<Roles, List<String>> APPS = Map.of(
            Roles.COORDINATOR, List.of("cockpit", "tasklist", "welcome"),
            Roles.REVIEWER, List.of("tasklist", "welcome"),
            Roles.DECISION_MAKER, List.of("tasklist", "welcome"),
            Roles.HYTE_COORDINATOR, List.of("tasklist", "welcome"),
            Roles.LIAISON, List.of("tasklist", "welcome"),
            Roles.MANAGER, List.of("cockpit", "welcome"),
            Roles.ADMINISTRATOR, List.of("admin", "cockpit", "tasklist", "welcome"));

    @LocalServerPort int port;
    @Autowired ContactVerificationService verification;
    @Autowired TestOrganisations testOrganisations;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired org.camunda.bpm.engine.IdentityService identityService;

    @ParameterizedTest
    @EnumSource(Roles.class)
    void eachRoleSignsInOnceAndGetsItsOwnApps(Roles role) {
        StaffClient client = new StaffClient(port);
        assertThat(client.signIn(user(role), PASSWORD)).endsWith("/staff");
        assertThat(client.get("/staff").statusCode()).isEqualTo(200);
        assertThat(client.get("/staff/organisations").statusCode()).isEqualTo(200);

        // the webapps take the same sign-in: opening an app page creates the Camunda session
        client.get("/camunda/app/welcome/default/");
        HttpResponse<String> me = client.get("/camunda/api/admin/auth/user/default");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"userId\":\"" + user(role) + "\"");
        for (String app : List.of("admin", "cockpit", "tasklist", "welcome")) {
            assertThat(me.body().contains("\"" + app + "\"")).as(role + " authorized for " + app)
                    .isEqualTo(APPS.get(role).contains(app));
        }
        boolean admin = role == Roles.ADMINISTRATOR;
        assertThat(client.get("/camunda/app/admin/default/").statusCode()).isEqualTo(admin ? 200 : 403);
        assertThat(client.get("/staff/mail").statusCode()).isEqualTo(admin ? 200 : 403);
    }

    /** A user of its own: Camunda throttles a user's sign-ins for a while after a wrong password. */
    private String throttledUser() {
        String id = "throttled." + java.util.UUID.randomUUID().toString().substring(0, 8);
        var user = identityService.newUser(id);
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        identityService.createMembership(id, Roles.COORDINATOR.groupId());
        return id;
    }

    @Test
    void wrongPasswordIsRefusedWithAMessage() {
        StaffClient client = new StaffClient(port);
        assertThat(client.signIn(throttledUser(), "wrong")).endsWith("/login?error");
        assertThat(client.get("/login?error").body()).contains("Käyttäjätunnus tai salasana on väärin.");
        assertThat(client.get("/staff").statusCode()).isEqualTo(302);
        assertThat(client.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(302);
        assertThat(client.get("/camunda-welcome/index.html").statusCode()).as("Camunda's own public page").isEqualTo(302);
    }

    @Test
    void engineRestNeedsCredentials() {
        StaffClient client = new StaffClient(port);
        assertThat(client.engineRest("GET", "/process-definition", null, null, null).statusCode()).isEqualTo(401);
        assertThat(client.engineRest("GET", "/process-definition", throttledUser(), "wrong", null).statusCode()).isEqualTo(401);
        assertThat(client.engineRest("GET", "/process-definition", "aino.virtanen", PASSWORD, null).statusCode()).isEqualTo(200);
    }

    @Test
    void managerReadsEverythingButChangesNothing() {
        String instanceId = startVerification();
        StaffClient client = new StaffClient(port);
        String manager = user(Roles.MANAGER);
        HttpResponse<String> read = client.engineRest("GET", "/process-instance/" + instanceId, manager, PASSWORD, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(client.engineRest("GET", "/process-instance/" + instanceId + "/variables", manager, PASSWORD, null).statusCode())
                .isEqualTo(200);
        assertThat(client.engineRest("DELETE", "/process-instance/" + instanceId, manager, PASSWORD, null).statusCode())
                .isEqualTo(403);
        assertThat(client.engineRest("PUT", "/process-instance/" + instanceId + "/suspended", manager, PASSWORD,
                "{\"suspended\": true}").statusCode()).isEqualTo(403);
        assertThat(client.engineRest("POST", "/process-instance/" + instanceId + "/variables/x", manager, PASSWORD,
                "{\"value\": 1, \"type\": \"Integer\"}").statusCode()).isIn(403, 405);
        String taskId = taskService.createTaskQuery().processInstanceId(instanceId).singleResult().getId();
        assertThat(client.engineRest("POST", "/task/" + taskId + "/claim", manager, PASSWORD, "{\"userId\": \"" + manager + "\"}")
                .statusCode()).isEqualTo(403);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).active().count()).isEqualTo(1);

        // the administrator may
        assertThat(client.engineRest("DELETE", "/process-instance/" + instanceId, user(Roles.ADMINISTRATOR), PASSWORD, null)
                .statusCode()).isEqualTo(204);
    }

    @Test
    void tasksAreSeenByTheirCandidateGroupOnly() {
        String instanceId = startVerification();
        StaffClient client = new StaffClient(port);
        String query = "/task/count?processInstanceId=" + instanceId;
        assertThat(client.engineRest("GET", query, user(Roles.COORDINATOR), PASSWORD, null).body()).isEqualTo("{\"count\":1}");
        assertThat(client.engineRest("GET", query, user(Roles.REVIEWER), PASSWORD, null).body()).isEqualTo("{\"count\":0}");
        assertThat(client.engineRest("GET", query, user(Roles.HYTE_COORDINATOR), PASSWORD, null).body()).isEqualTo("{\"count\":0}");
        // a reviewer cannot complete a coordinator's task either
        String taskId = taskService.createTaskQuery().processInstanceId(instanceId).singleResult().getId();
        assertThat(client.engineRest("POST", "/task/" + taskId + "/complete", user(Roles.REVIEWER), PASSWORD, "{}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void eachTaskRoleHasItsFinnishFiltersAndTheCoordinatorHersToo() {
        StaffClient client = new StaffClient(port);
        String reviewerFilters = client.engineRest("GET", "/filter", user(Roles.REVIEWER), PASSWORD, null).body();
        assertThat(reviewerFilters).contains("Omat tehtäväni", "Ryhmäni tehtävät", "Myöhässä olevat")
                .doesNotContain("Yhteyshenkilöiden tarkistus");
        assertThat(client.engineRest("GET", "/filter", user(Roles.COORDINATOR), PASSWORD, null).body())
                .contains("Omat tehtäväni", "Yhteyshenkilöiden tarkistus");
        assertThat(client.engineRest("GET", "/filter", user(Roles.MANAGER), PASSWORD, null).body()).isEqualTo("[]");
    }

    /** The webapps' own API (Jersey servlets under /camunda/api) takes the staff sign-in too. */
    @Test
    void webappApiTakesTheStaffSignIn() {
        String taskId = taskService.createTaskQuery().processInstanceId(startVerification()).singleResult().getId();
        StaffClient client = new StaffClient(port);
        // without a sign-in: 401 for the webapps' scripts, not the sign-in page
        assertThat(client.get("/camunda/api/engine/engine/default/filter").statusCode()).isEqualTo(401);

        String coordinator = user(Roles.COORDINATOR);
        client.signIn(coordinator, PASSWORD);
        assertThat(client.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
        HttpResponse<String> filters = client.get("/camunda/api/engine/engine/default/filter?resourceType=Task");
        assertThat(filters.statusCode()).isEqualTo(200);
        assertThat(filters.body()).contains("Yhteyshenkilöiden tarkistus");

        // a change goes through with the webapps' CSRF token, and is refused without it
        // (Camunda then also ends the session, so that comes last)
        String task = "/camunda/api/engine/engine/default/task/" + taskId;
        assertThat(client.webappPost(task + "/claim", "{\"userId\": \"" + coordinator + "\"}").statusCode()).isEqualTo(204);
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo(coordinator);
        assertThat(client.postForm(task + "/unclaim", "").statusCode()).isEqualTo(403);
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo(coordinator);
    }

    private String startVerification() {
        return verification.requestVerification(testOrganisations.newContact("fi").contactId(), null).caseFile().processInstanceId();
    }

    static String user(Roles role) {
        return DemoData.USERS.stream().filter(u -> u.role() == role).findFirst().orElseThrow().id();
    }
}
