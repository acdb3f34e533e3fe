package fi.silta.cases;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.security.Roles;

/**
 * The steps an outsider takes: BPMN user tasks of the case's process with candidate group
 * {@code external}, each with a Camunda Form ({@code formRef}) that the portal renders.
 */
@Service
public class OutsiderTasks {

    public record OutsiderTask(String id, String name, String definitionKey, String formId, Date due) {
    }

    private final TaskService taskService;

    public OutsiderTasks(TaskService taskService) {
        this.taskService = taskService;
    }

    public List<OutsiderTask> open(CaseFile caseFile) {
        if (caseFile.processInstanceId() == null) {
            return List.of();
        }
        return taskService.createTaskQuery().processInstanceId(caseFile.processInstanceId())
                .taskCandidateGroup(Roles.EXTERNAL).initializeFormKeys().orderByTaskCreateTime().asc().list()
                .stream().map(OutsiderTasks::toOutsiderTask).toList();
    }

    public Optional<OutsiderTask> find(CaseFile caseFile, String taskId) {
        return open(caseFile).stream().filter(t -> t.id().equals(taskId)).findFirst();
    }

    /** What the task's form shows: the variables the process holds for it. */
    public Map<String, Object> values(String taskId) {
        return taskService.getVariables(taskId);
    }

    /** Completes an open outsider task of this case with already validated values. */
    @Transactional
    public void complete(CaseFile caseFile, String taskId, Map<String, Object> values) {
        find(caseFile, taskId).orElseThrow(() -> new IllegalArgumentException("no open task " + taskId));
        taskService.complete(taskId, values);
    }

    private static OutsiderTask toOutsiderTask(Task task) {
        String formId = task.getCamundaFormRef() == null ? null : task.getCamundaFormRef().getKey();
        return new OutsiderTask(task.getId(), task.getName(), task.getTaskDefinitionKey(), formId, task.getDueDate());
    }
}
