package fi.silta.cases;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fi.silta.engine.Variables;
import fi.silta.security.StaffDirectory;
import fi.silta.web.Formats;
import fi.silta.web.Locales;

/**
 * The record of what the county asked of an outsider and what they answered ({@link CaseRequests}),
 * kept by the same listeners in every procedure. An outsider's task in a model says what it asks
 * with task input parameters and three listeners:
 * <pre>
 * &lt;camunda:inputParameter name="caseRequestText"&gt;${supplementRequest}&lt;/camunda:inputParameter&gt;
 * &lt;camunda:inputParameter name="caseRequestedBy"&gt;${supplementRequestedBy}&lt;/camunda:inputParameter&gt;
 * &lt;camunda:inputParameter name="caseAnswerVariable"&gt;supplementAnswer&lt;/camunda:inputParameter&gt;
 * &lt;camunda:taskListener delegateExpression="${recordCaseRequest}" event="create" /&gt;
 * &lt;camunda:taskListener delegateExpression="${recordCaseAnswer}" event="complete" /&gt;
 * </pre>
 * and its interrupting deadline timer {@code <camunda:executionListener delegateExpression="${markCaseRequestLapsed}" event="start" />}.
 * The request's topic is the task's id; its deadline the task's due date; the answer's files those
 * the portal stored with it ({@link OutsiderTasks#ANSWER_DOCUMENT_IDS}); who answered,
 * {@link OutsiderTasks#ANSWERED_BY}. The case is the one whose reference is the business key.
 * <p>
 * {@link #clearForRepeat} prepares a staff task that may come round again (a second check after
 * the outsider answered): the earlier requests and answers as a history text, the earlier
 * decision removed, so that nothing is pre-selected.
 */
@Configuration(proxyBeanMethods = false)
public class CaseRequestListeners {

    public static final String REQUEST_TEXT = "caseRequestText";
    public static final String REQUESTED_BY = "caseRequestedBy";
    public static final String ANSWER_VARIABLE = "caseAnswerVariable";
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    @Bean
    TaskListener recordCaseRequest(CaseRequests requests, CaseRepository cases, Clock clock) {
        return task -> caseOf(task.getExecution(), cases).ifPresent(caseFile -> requests.ask(caseFile.id(),
                task.getTaskDefinitionKey(), Variables.text(task, REQUEST_TEXT), Variables.text(task, REQUESTED_BY),
                OffsetDateTime.now(clock), task.getDueDate() == null ? null : task.getDueDate().toInstant().atZone(HELSINKI).toOffsetDateTime()));
    }

    @Bean
    TaskListener recordCaseAnswer(CaseRequests requests, CaseRepository cases, Clock clock) {
        return task -> caseOf(task.getExecution(), cases).ifPresent(caseFile -> {
            String answerVariable = Variables.text(task, ANSWER_VARIABLE);
            Object by = task.getVariableLocal(OutsiderTasks.ANSWERED_BY);
            Object files = task.getVariableLocal(OutsiderTasks.ANSWER_DOCUMENT_IDS);
            requests.answer(caseFile.id(), task.getTaskDefinitionKey(), answerVariable == null ? null : Variables.text(task, answerVariable),
                    by == null ? null : by.toString(), OffsetDateTime.now(clock), files == null ? null : files.toString());
        });
    }

    /** On an interrupting timer attached to an outsider's task: the request it ends is marked lapsed. */
    @Bean
    ExecutionListener markCaseRequestLapsed(CaseRequests requests, CaseRepository cases, Clock clock) {
        return execution -> {
            if (!(execution.getBpmnModelElementInstance() instanceof BoundaryEvent timer)) {
                throw new IllegalStateException("markCaseRequestLapsed belongs on a boundary event, not " + execution.getCurrentActivityId());
            }
            caseOf(execution, cases).ifPresent(caseFile -> requests.lapse(caseFile.id(), timer.getAttachedTo().getId(),
                    OffsetDateTime.now(clock)));
        };
    }

    /**
     * The history text of the case's earlier requests of {@code topic} and their answers, oldest
     * first, in Finnish for Tasklist (which does not translate), dates by {@link Formats}; empty
     * when there are none.
     */
    public static String history(List<CaseRequests.CaseRequest> all, String topic, StaffDirectory staff, MessageSource messages) {
        Formats formats = new Formats(Locales.FINNISH);
        StringBuilder text = new StringBuilder();
        for (CaseRequests.CaseRequest request : all) {
            if (!topic.equals(request.topic())) {
                continue;
            }
            String who = staff.find(request.requestedBy()).map(StaffDirectory.StaffMember::name)
                    .orElse(request.requestedBy() == null ? "" : request.requestedBy());
            line(text, messages.getMessage("case.requests.history.request." + topic, new Object[] {formats.dateTime(request.requestedAt()),
                    who, request.requestText()}, Locales.FINNISH));
            if (request.answeredAt() != null) {
                line(text, messages.getMessage("case.requests.history.answer." + topic, new Object[] {formats.dateTime(request.answeredAt()),
                        request.answerText(), request.documentIds().size()}, Locales.FINNISH));
            } else if (request.lapsedAt() != null) {
                line(text, messages.getMessage("case.requests.history.lapsed", new Object[] {formats.dateTime(request.lapsedAt())},
                        Locales.FINNISH));
            }
        }
        return text.toString();
    }

    /**
     * Prepares a staff task that may be repeated after an outsider answered: the history of the
     * requests of {@code topic} as task-local {@code historyVariable} (when there is any), and the
     * earlier answers {@code answers} removed from the process, so that the form opens empty.
     */
    public static void clearForRepeat(DelegateTask task, CaseRequests requests, CaseRepository cases, StaffDirectory staff,
            MessageSource messages, String topic, String historyVariable, List<String> answers) {
        caseOf(task.getExecution(), cases).ifPresent(caseFile -> {
            String history = history(requests.of(caseFile.id()), topic, staff, messages);
            if (!history.isEmpty()) {
                task.setVariableLocal(historyVariable, history);
            }
        });
        answers.forEach(name -> task.getExecution().removeVariable(name));
    }

    static Optional<CaseFile> caseOf(DelegateExecution execution, CaseRepository cases) {
        String reference = execution.getProcessBusinessKey();
        return reference == null ? Optional.empty() : cases.findByReference(reference);
    }

    private static void line(StringBuilder text, String line) {
        if (text.length() > 0) {
            text.append('\n');
        }
        text.append(line);
    }
}
