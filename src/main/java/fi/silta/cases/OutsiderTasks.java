package fi.silta.cases;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.cases.documents.Document;
import fi.silta.cases.documents.DocumentService;
import fi.silta.cases.documents.Upload;
import fi.silta.security.Roles;
import fi.silta.web.SubmissionCommits;

/**
 * The steps an outsider takes: BPMN user tasks of the case's process with candidate group
 * {@code external}, each with a Camunda Form ({@code formRef}) that the portal renders.
 */
@Service
public class OutsiderTasks {

    public record OutsiderTask(String id, String name, String definitionKey, String formId, Date due) {
    }

    /** Task-local variable with who completed an outsider task in the portal (their e-mail address). */
    public static final String ANSWERED_BY = "answeredBy";
    /** Task-local variable with the ids of the documents stored with the answer, comma-separated (empty for none). */
    public static final String ANSWER_DOCUMENT_IDS = "answerDocumentIds";
    /**
     * Task-local: whether the one who answered was signed in (false: only the case's status link), for a task whose
     * answer must not rest on a link that may have been forwarded (the organisation's bank account).
     */
    public static final String ANSWERED_SIGNED_IN = "answeredSignedIn";

    private final TaskService taskService;
    private final DocumentService documents;

    public OutsiderTasks(TaskService taskService, DocumentService documents) {
        this.taskService = taskService;
        this.documents = documents;
    }

    /**
     * The open outsider tasks of the case: of every running process instance whose business key is the case's
     * reference (the case's own process, and those that carry it on: a grant's payment, report, change request), in
     * one query; a case without a process of its own has none.
     */
    public List<OutsiderTask> open(CaseFile caseFile) {
        if (caseFile.processInstanceId() == null) {
            return List.of();
        }
        return taskService.createTaskQuery().processInstanceBusinessKey(caseFile.reference())
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

    /**
     * Completes an open outsider task of this case with already validated values; its files become
     * documents of the case (the task gets their ids as {@code <field>DocumentIds}). One transaction:
     * a refused file leaves the task open and stores nothing.
     */
    @Transactional
    public void complete(CaseFile caseFile, String taskId, Map<String, Object> values, List<Upload> uploads, String by) {
        complete(caseFile, taskId, values, uploads, by, true);
    }

    /** As above, {@code signedIn} false when the answer came with the status link alone. */
    @Transactional
    public void complete(CaseFile caseFile, String taskId, Map<String, Object> values, List<Upload> uploads, String by,
            boolean signedIn) {
        find(caseFile, taskId).orElseThrow(() -> new IllegalArgumentException("no open task " + taskId));
        Map<String, Object> all = new HashMap<>(values);
        List<String> stored = new java.util.ArrayList<>();
        for (Document document : documents.storeAll(caseFile.id(), uploads, by)) {
            all.merge(document.fieldKey() + "DocumentIds", String.valueOf(document.id()), (a, b) -> a + "," + b);
            stored.add(String.valueOf(document.id()));
        }
        // who answered and with which files, for the task's listeners (task-local: they end with the task)
        taskService.setVariableLocal(taskId, ANSWERED_BY, by);
        taskService.setVariableLocal(taskId, ANSWER_DOCUMENT_IDS, String.join(",", stored));
        taskService.setVariableLocal(taskId, ANSWERED_SIGNED_IN, signedIn);
        try {
            taskService.complete(taskId, all);
        } catch (org.camunda.bpm.engine.ProcessEngineException engine) {
            // a rule the process checks when the answer arrives (e.g. a period that has just ended): the reader's message
            for (Throwable cause = engine; cause != null; cause = cause.getCause()) {
                if (cause instanceof fi.silta.web.InvalidInput invalid) {
                    throw invalid;
                }
            }
            throw engine;
        }
        SubmissionCommits.watch(caseFile.reference());
    }

    private static OutsiderTask toOutsiderTask(Task task) {
        String formId = task.getCamundaFormRef() == null ? null : task.getCamundaFormRef().getKey();
        return new OutsiderTask(task.getId(), task.getName(), task.getTaskDefinitionKey(), formId, task.getDueDate());
    }
}
