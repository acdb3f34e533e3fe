package fi.silta.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** A process instance's open tasks, completed as a named staff member (so the history says who). */
@Component
public class EngineTasks {

    private final TaskService taskService;
    private final IdentityService identityService;

    public EngineTasks(TaskService taskService, IdentityService identityService) {
        this.taskService = taskService;
        this.identityService = identityService;
    }

    /** The instance's one open task of {@code key} (fails the test when there is none). */
    public Task task(String processInstanceId, String key) {
        Task task = taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult();
        assertThat(task).as(key).isNotNull();
        return task;
    }

    /** Completes {@code task} as {@code user} of the coordinators' group. */
    public void completeAs(String user, Task task, Map<String, Object> variables) {
        identityService.setAuthentication(user, List.of("coordinators"));
        try {
            taskService.complete(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }
}
