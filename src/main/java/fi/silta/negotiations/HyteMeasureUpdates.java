package fi.silta.negotiations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.cases.OutsiderTasks;
import fi.silta.negotiations.HyteMemos.Measure;
import fi.silta.negotiations.HyteMemos.MeasureStatus;
import fi.silta.web.InvalidInput;

/**
 * The owners' side of the follow-up on the portal: the measures a signed-in person may update (those owned by an
 * organisation or municipality they are a verified contact of, with the follow-up's task open) and the update,
 * which completes that task (its complete listener, {@code hyteMeasureDelegates.recordUpdate}, checks and stores).
 */
@Service
public class HyteMeasureUpdates {

    public record Open(Measure measure, String reference, String organisationName, String taskId) {
    }

    private final JdbcClient jdbc;
    private final HyteMemos memos;
    private final TaskService tasks;

    public HyteMeasureUpdates(JdbcClient jdbc, HyteMemos memos, TaskService tasks) {
        this.jdbc = jdbc;
        this.memos = memos;
        this.tasks = tasks;
    }

    /** The measures this person may update now, by case and position. */
    public List<Open> openFor(String email) {
        List<Open> open = new ArrayList<>();
        if (email == null) {
            return open;
        }
        List<Object[]> rows = jdbc.sql("""
                select m.id, c.reference, o.name from hyte_measure m
                join hyte_memo h on h.id = m.memo_id join hyte_negotiation n on n.id = h.negotiation_id join case_file c on c.id = n.case_id
                join organisation o on o.id = m.owner_organisation_id
                join organisation_contact oc on oc.organisation_id = o.id and lower(oc.email) = lower(?) and oc.verification = 'VERIFIED'
                where m.owner_kind <> 'COUNTY' and h.status = 'PUBLISHED' order by c.reference, m.position""")
                .param(email).query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}).list();
        for (Object[] row : rows) {
            Measure measure = memos.measure((Long) row[0]).orElseThrow();
            task((String) row[1], measure).ifPresent(t -> open.add(new Open(measure, (String) row[1], (String) row[2], t.getId())));
        }
        return open;
    }

    /** The owner's update from the portal; refused (nothing changed) for anyone but a verified contact of the owner. */
    @Transactional
    public void update(long measureId, String email, String status, String note) {
        Open open = openFor(email).stream().filter(o -> o.measure().id() == measureId).findFirst()
                .orElseThrow(() -> InvalidInput.of("submission", "hyte.measure.notOwner"));
        String known = status == null ? null : List.of(MeasureStatus.DONE, MeasureStatus.IN_PROGRESS, MeasureStatus.LATE).stream()
                .map(Enum::name).filter(status::equals).findFirst().orElse(null);
        if (known == null) {
            throw InvalidInput.of(HyteMeasureDelegates.STATUS, "hyte.measure.statusMissing");
        }
        tasks.setVariableLocal(open.taskId(), OutsiderTasks.ANSWERED_BY, email);
        try {
            tasks.complete(open.taskId(), Map.of(HyteMeasureDelegates.STATUS, known, HyteMeasureDelegates.NOTE, note == null ? "" : note));
        } catch (ProcessEngineException engine) {
            for (Throwable cause = engine; cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidInput invalid) {
                    throw invalid;
                }
            }
            throw engine;
        }
    }

    private Optional<Task> task(String reference, Measure measure) {
        return Optional.ofNullable(tasks.createTaskQuery().processDefinitionKey(HyteMemoDelegates.FOLLOW_UP_PROCESS)
                .processInstanceBusinessKey(reference + "/M" + measure.position()).taskDefinitionKey("Task_UpdateMeasure").singleResult());
    }
}
