package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;

/**
 * A coordinator completing a grant task of theirs over /engine-rest (as Tasklist does) may send any
 * process variable with the form: the steps after it must not trust the variables that name the
 * round or the instants of its timers.
 */
@SiltaIntegrationTest
class GrantTaskVariablesAttackTest {

    /** Friday 20 March 2026, 12.00 Helsinki time. */
    static final Instant NOW = Instant.parse("2026-03-20T10:00:00Z");
    static final String COORDINATOR = "aino.virtanen";
    static final String PASSWORD = "silta-demo";
    static final String OPENS = "2026-04-01T09:00:00+03:00";
    static final String CLOSES = "2026-04-30T16:00:00+03:00";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired RepositoryService repositoryService;
    @Autowired FormService formService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired GrantRoundRepository rounds;

    @BeforeEach
    void clock() {
        ClockUtil.setCurrentTime(Date.from(NOW));
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    /**
     * Completing the configuration of one round with {@code roundId} of another round still being
     * configured configured that other round (its decision maker, reviewers and criteria chosen from
     * a task of a different round); with {@code opensAt} and {@code closesAt} the call opened and
     * closed when the coordinator liked, not at the instants stored and shown with the round.
     */
    @Test
    void theConfigurationIsOfItsOwnRoundAndItsTimersKeepTheRoundsInstants() throws Exception {
        ProcessInstance own = start(unique("Oma haku"));
        ProcessInstance other = start(unique("Toisen haku"));
        long ownId = roundId(own);
        long otherId = roundId(other);

        Map<String, Object> configuration = configuration();
        configuration.put("roundId", otherId);
        configuration.put("opensAt", "2026-03-20T12:00:00+02:00");
        configuration.put("closesAt", "2026-03-20T12:05:00+02:00");
        String task = taskService.createTaskQuery().processInstanceId(own.getId()).singleResult().getId();
        HttpResponse<String> submitted = new StaffClient(port).engineRest("POST", "/task/" + task + "/submit-form", COORDINATOR,
                PASSWORD, variables(configuration));

        if (submitted.statusCode() == 204) {
            assertThat(rounds.find(otherId).orElseThrow().decisionMakerUserId()).as("the other round is not configured from this task")
                    .isNull();
            assertThat(rounds.find(ownId).orElseThrow().decisionMakerUserId()).isEqualTo("helena.hamalainen");
            assertThat(timer(own, "Timer_CallOpens").getDuedate().toInstant()).as("the call opens when the round says")
                    .isEqualTo(OffsetDateTime.parse(OPENS).toInstant());
            assertThat(runtimeService.getVariable(own.getId(), "closesAt")).isEqualTo(CLOSES);
            assertThat(runtimeService.getVariable(own.getId(), "roundId")).isEqualTo(ownId);
        } else {
            assertThat(rounds.find(otherId).orElseThrow().decisionMakerUserId()).isNull();
        }
    }

    // --- helpers ---

    private ProcessInstance start(String name) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("nameFi", name);
        variables.put("nameSv", name + " på svenska");
        variables.put("descriptionFi", "Avustusta pienille yhdistyksille.");
        variables.put("budget", "50 000");
        variables.put("maxAmount", "12 500");
        variables.put("opensAt", "2026-04-01T09:00");
        variables.put("closesAt", "2026-04-30T16:00");
        String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey("grantRound")
                .latestVersion().singleResult().getId();
        identityService.setAuthentication(COORDINATOR, List.of("coordinators"));
        try {
            return formService.submitStartForm(definitionId, variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private static Map<String, Object> configuration() throws Exception {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("contactPerson", COORDINATOR);
        variables.put("reviewers", JSON.readTree("[\"mikko.korhonen\", \"liisa.nieminen\", \"jussi.makinen\"]"));
        variables.put("reviewersPerApplication", "2");
        variables.put("decisionMaker", "helena.hamalainen");
        variables.put("disagreementThreshold", "1.5");
        variables.put("minimumScore", "2.75");
        variables.put("multipleApplications", false);
        variables.put("stateGrant", false);
        variables.put("criteria", JSON.readTree("[{\"nameFi\": \"Vaikuttavuus\", \"nameSv\": \"Effekt\", \"weight\": \"60\"},"
                + " {\"nameFi\": \"Toteutettavuus\", \"nameSv\": \"Genomförbarhet\", \"weight\": \"40\"}]"));
        return variables;
    }

    private static String variables(Map<String, Object> values) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode variables = root.putObject("variables");
        values.forEach((name, value) -> {
            ObjectNode variable = variables.putObject(name);
            if (value instanceof JsonNode json) {
                variable.put("value", json.toString()).put("type", "Json");
            } else if (value instanceof Boolean bool) {
                variable.put("value", bool).put("type", "Boolean");
            } else if (value instanceof Long number) {
                variable.put("value", number).put("type", "Long");
            } else {
                variable.put("value", value.toString()).put("type", "String");
            }
        });
        return root.toString();
    }

    private long roundId(ProcessInstance instance) {
        return ((Number) runtimeService.getVariable(instance.getId(), "roundId")).longValue();
    }

    private Job timer(ProcessInstance instance, String activityId) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers().singleResult();
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
