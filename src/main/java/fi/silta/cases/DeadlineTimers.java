package fi.silta.cases;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves a deadline that timers already wait for (an extended call, a corrected receipt date): the
 * deadline variable gets its new instant, every timer of the process instance has its due date
 * recalculated by the engine from its own definition (Camunda's job due-date recalculation, based
 * on the job's creation so that duration timers keep their length), and open tasks whose due date
 * was the old deadline get the new one.
 */
@Service
public class DeadlineTimers {

    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final TaskService taskService;

    public DeadlineTimers(RuntimeService runtimeService, ManagementService managementService, TaskService taskService) {
        this.runtimeService = runtimeService;
        this.managementService = managementService;
        this.taskService = taskService;
    }

    /** Sets {@code variable} to {@code deadline} and moves what was scheduled from it; returns how many timers were recalculated. */
    @Transactional
    public int move(String processInstanceId, String variable, ZonedDateTime deadline) {
        Object old = runtimeService.getVariable(processInstanceId, variable);
        runtimeService.setVariable(processInstanceId, variable, Deadlines.iso(deadline));
        int moved = 0;
        for (Job timer : managementService.createJobQuery().processInstanceId(processInstanceId).timers().list()) {
            managementService.recalculateJobDuedate(timer.getId(), true);
            moved++;
        }
        if (old != null) {
            Date oldDue = Date.from(OffsetDateTime.parse(old.toString()).toInstant());
            for (Task task : taskService.createTaskQuery().processInstanceId(processInstanceId).dueDate(oldDue).list()) {
                task.setDueDate(Date.from(deadline.toInstant()));
                taskService.saveTask(task);
            }
        }
        return moved;
    }
}
