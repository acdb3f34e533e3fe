package fi.silta.cases;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

import fi.silta.security.Roles;

/** Where a case's process is now, in terms the status page turns into plain words. */
@Service
public class CaseProgress {

    /**
     * @param stepIds  the BPMN ids where the process waits now, or its end event once ended
     * @param handler  the name of the staff member whose task it is now, if someone has claimed it
     */
    public record Progress(String processKey, List<String> stepIds, boolean ended, Date endedAt, String handler) {
    }

    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final TaskService taskService;
    private final IdentityService identityService;

    public CaseProgress(RuntimeService runtimeService, HistoryService historyService, TaskService taskService,
            IdentityService identityService) {
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.taskService = taskService;
        this.identityService = identityService;
    }

    public Progress of(CaseFile caseFile) {
        String processKey = caseFile.kind().processKey();
        HistoricProcessInstance history = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(caseFile.processInstanceId()).singleResult();
        if (history == null) {
            return new Progress(processKey, List.of(), false, null, null);
        }
        if (history.getEndTime() != null) {
            // the end events reached, last first (an event subprocess's end does not show as the instance's end)
            List<String> ends = historyService.createHistoricActivityInstanceQuery().processInstanceId(caseFile.processInstanceId())
                    .activityType("noneEndEvent").finished().orderByHistoricActivityInstanceEndTime().desc().list()
                    .stream().map(org.camunda.bpm.engine.history.HistoricActivityInstance::getActivityId).toList();
            return new Progress(processKey, ends, true, history.getEndTime(), null);
        }
        List<String> active = runtimeService.getActiveActivityIds(caseFile.processInstanceId());
        String handler = taskService.createTaskQuery().processInstanceId(caseFile.processInstanceId()).taskAssigned().list()
                .stream().filter(t -> !isExternal(t)).map(Task::getAssignee).findFirst().map(this::name).orElse(null);
        return new Progress(processKey, active, false, null, handler);
    }

    private boolean isExternal(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream().anyMatch(l -> Roles.EXTERNAL.equals(l.getGroupId()));
    }

    private String name(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        return user == null ? null : (user.getFirstName() + " " + user.getLastName()).strip();
    }
}
