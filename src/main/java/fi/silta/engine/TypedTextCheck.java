package fi.silta.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.silta.web.TextRules;

/**
 * Every user task, however it is completed (Tasklist, /engine-rest, a form or a plain variable map),
 * first checks the text its variables hold, list and JSON rows included: a NUL or other control
 * character is refused with its message (fi/sv/en, one WARN line) before any of the model's own
 * listeners stores anything. PostgreSQL cannot store a NUL, and the others hide in pages and mails.
 */
@Component
public class TypedTextCheck extends AbstractProcessEnginePlugin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Refusals refusals;

    public TypedTextCheck(@Lazy Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                    first(userTask.getTaskDefinition(), TaskListener.EVENTNAME_COMPLETE, TypedTextCheck.this::check);
                }
            }
        });
        configuration.setCustomPreBPMNParseListeners(listeners);
    }

    private static void first(TaskDefinition definition, String event, TaskListener listener) {
        List<TaskListener> existing = definition.getTaskListeners().get(event);
        if (existing == null) {
            definition.addTaskListener(event, listener);
        } else {
            existing.add(0, listener);
        }
    }

    void check(DelegateTask task) {
        for (Map.Entry<String, Object> variable : task.getVariables().entrySet()) {
            String problem = problem((TypedValue) task.getVariableTyped(variable.getKey()));
            if (problem != null) {
                throw refusals.refuse(problem);
            }
        }
    }

    private static String problem(TypedValue typed) {
        Object value = typed == null ? null : typed.getValue();
        if (value instanceof String text) {
            return TextRules.problem(text, true);
        }
        if (value != null && value.getClass().getName().startsWith("org.camunda.spin")) {
            try {
                return jsonProblem(JSON.readTree(value.toString()));
            } catch (Exception notJson) {
                return null;
            }
        }
        return null;
    }

    private static String jsonProblem(JsonNode node) {
        if (node.isTextual()) {
            return TextRules.problem(node.asText(), true);
        }
        for (JsonNode child : node) {
            String problem = jsonProblem(child);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
