package fi.silta.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reviewers at work through the engine's REST API with their own credentials, as Tasklist sends it:
 * each reviewer of an application declares no disqualification and submits a score sheet.
 */
public final class RestReviews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RestReviews() {
    }

    /** Scores one application: {@code scores[i]} are reviewer i's scores per criterion, justified. */
    public static void scoreAll(int port, RuntimeService runtimeService, TaskService taskService, ProcessInstance application,
            int[]... scores) throws Exception {
        List<ProcessInstance> slots = runtimeService.createProcessInstanceQuery().superProcessInstanceId(application.getId()).list();
        assertThat(slots).hasSize(scores.length);
        for (int i = 0; i < scores.length; i++) {
            String reviewer = (String) runtimeService.getVariable(slots.get(i).getId(), "reviewer");
            StaffClient rest = new StaffClient(port);
            String declare = taskService.createTaskQuery().processInstanceId(slots.get(i).getId()).singleResult().getId();
            HttpResponse<String> declared = rest.engineRest("POST", "/task/" + declare + "/submit-form", reviewer, "silta-demo",
                    "{\"variables\": {\"disqualified\": {\"value\": \"no\", \"type\": \"String\"}}}");
            assertThat(declared.statusCode()).as(declared.body()).isEqualTo(204);
            String scoreTask = taskService.createTaskQuery().processInstanceId(slots.get(i).getId()).singleResult().getId();
            JsonNode prepared = JSON.readTree(rest.engineRest("GET", "/task/" + scoreTask + "/variables/scores?deserializeValue=false",
                    reviewer, "silta-demo", null).body());
            JsonNode value = prepared.get("value");
            if (!value.isArray() && !value.isTextual()) {
                throw new AssertionError("scores variable: " + prepared);
            }
            ArrayNode rows = (ArrayNode) (value.isTextual() ? JSON.readTree(value.asText()) : value);
            for (int row = 0; row < rows.size(); row++) {
                ((ObjectNode) rows.get(row)).put("score", scores[i][row]).put("justification", "Perusteltu arvio " + row);
            }
            ObjectNode body = JSON.createObjectNode();
            body.putObject("variables").putObject("scores").put("type", "Json").put("value", rows.toString());
            HttpResponse<String> scored = rest.engineRest("POST", "/task/" + scoreTask + "/submit-form", reviewer, "silta-demo",
                    body.toString());
            assertThat(scored.statusCode()).as(scored.body()).isEqualTo(204);
        }
    }
}
