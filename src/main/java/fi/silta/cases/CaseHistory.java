package fi.silta.cases;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import fi.silta.cases.documents.Document;
import fi.silta.security.Roles;
import fi.silta.security.StaffDirectory;

/**
 * What has happened in a case, who did it and when: the steps of its process from Camunda's
 * history (tasks with who completed them, service and send tasks, events) and the documents
 * added in Silta's own tables, oldest first. Only the case's own process instance: the steps of
 * each reviewer's slot stay out (no reviewer is named to those who may not see the reviews).
 */
@Service
public class CaseHistory {

    /** One entry: when, what (the step's name as the model gives it, or a file name), who (a name, or null). */
    public record Entry(Date at, String kind, String what, String who) {
    }

    private static final Set<String> SHOWN = Set.of("startEvent", "endEvent", "noneEndEvent", "userTask", "serviceTask", "sendTask",
            "boundaryTimer", "intermediateTimer", "messageStartEvent", "callActivity", "businessRuleTask");

    private final HistoryService history;
    private final StaffDirectory staff;
    private final MessageSource messages;

    public CaseHistory(HistoryService history, StaffDirectory staff, MessageSource messages) {
        this.history = history;
        this.staff = staff;
        this.messages = messages;
    }

    /** The history in the reader's language where the model has its labels ({@code diagram.<processKey>.<elementId>}, as the diagram). */
    public List<Entry> of(CaseFile caseFile, List<Document> documents, Locale reader) {
        List<Entry> entries = new ArrayList<>();
        if (caseFile.processInstanceId() != null) {
            Map<String, HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery()
                    .processInstanceId(caseFile.processInstanceId()).list().stream()
                    .collect(Collectors.toMap(HistoricTaskInstance::getId, Function.identity()));
            Set<String> outsiders = new HashSet<>();
            for (HistoricIdentityLinkLog link : history.createHistoricIdentityLinkLogQuery()
                    .processDefinitionId(tasks.values().stream().map(HistoricTaskInstance::getProcessDefinitionId).findFirst().orElse("-"))
                    .groupId(Roles.EXTERNAL).list()) {
                if (tasks.containsKey(link.getTaskId())) {
                    outsiders.add(link.getTaskId());
                }
            }
            // who completed a task that nobody claimed (Java API, REST): the user in the operation log
            Map<String, String> completedBy = new java.util.HashMap<>();
            for (UserOperationLogEntry entry : history.createUserOperationLogQuery().processInstanceId(caseFile.processInstanceId())
                    .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list()) {
                if (entry.getTaskId() != null && entry.getUserId() != null) {
                    completedBy.putIfAbsent(entry.getTaskId(), entry.getUserId());
                }
            }
            for (HistoricActivityInstance step : history.createHistoricActivityInstanceQuery()
                    .processInstanceId(caseFile.processInstanceId()).list()) {
                if (!SHOWN.contains(step.getActivityType()) || step.getActivityName() == null) {
                    continue;
                }
                HistoricTaskInstance task = step.getTaskId() == null ? null : tasks.get(step.getTaskId());
                String what = messages.getMessage("diagram." + step.getProcessDefinitionKey() + "." + step.getActivityId(), null,
                        step.getActivityName(), reader);
                boolean userTask = "userTask".equals(step.getActivityType());
                if (userTask && step.getEndTime() == null) {
                    entries.add(new Entry(step.getStartTime(), outsiders.contains(step.getTaskId()) ? "waitingOutsider" : "open",
                            what, task == null ? null : name(task.getAssignee())));
                } else if (userTask) {
                    String kind = task != null && "deleted".equals(task.getDeleteReason()) ? "cancelled"
                            : outsiders.contains(step.getTaskId()) ? "outsider" : "done";
                    String who = task == null ? null : task.getAssignee() != null ? task.getAssignee() : completedBy.get(task.getId());
                    entries.add(new Entry(step.getEndTime(), kind, what, name(who)));
                } else {
                    entries.add(new Entry(step.getEndTime() != null ? step.getEndTime() : step.getStartTime(),
                            step.getEndTime() == null ? "open" : "step", what, null));
                }
            }
        }
        for (Document document : documents) {
            entries.add(new Entry(Date.from(document.createdAt().toInstant()), "document", document.fileName(), document.uploadedBy()));
        }
        entries.sort(Comparator.comparing(Entry::at));
        return entries;
    }

    private String name(String userId) {
        return userId == null ? null : staff.find(userId).map(StaffDirectory.StaffMember::name).orElse(userId);
    }
}
