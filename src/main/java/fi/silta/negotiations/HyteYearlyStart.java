package fi.silta.negotiations;

import java.time.Clock;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import fi.silta.web.Locales;

/**
 * The yearly timer of the hyte cycle (process hyteNegotiationCycleYearly in hyteNegotiationCycle.bpmn) ({@code Timer_YearlyStart}) on the date the configuration names
 * ({@code silta.hyte.yearly-start}, month and day such as {@code 01-15}, at 08.00 Helsinki time): the model holds a
 * yearly cycle, and at every start (and whenever it fires) its next due date is set to the configured day, so a
 * changed setting takes effect without a new model.
 */
@Component
public class HyteYearlyStart {

    static final String TIMER_ID = "Timer_YearlyStart";
    static final LocalTime AT = LocalTime.of(8, 0);

    private final ManagementService managementService;
    private final RepositoryService repositoryService;
    private final Clock clock;
    private final MonthDay day;

    public HyteYearlyStart(ManagementService managementService, RepositoryService repositoryService, Clock clock,
            @Value("${silta.hyte.yearly-start:01-15}") String yearlyStart) {
        this.managementService = managementService;
        this.repositoryService = repositoryService;
        this.clock = clock;
        this.day = MonthDay.parse("--" + yearlyStart.strip(), DateTimeFormatter.ofPattern("--MM-dd"));
    }

    /** The next instant the yearly start is due: the configured day at 08.00 Helsinki time, this year or next. */
    public ZonedDateTime next() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(Locales.HELSINKI));
        ZonedDateTime thisYear = day.atYear(now.getYear()).atTime(AT).atZone(Locales.HELSINKI);
        return thisYear.isAfter(now) ? thisYear : day.atYear(now.getYear() + 1).atTime(AT).atZone(Locales.HELSINKI);
    }

    /** The timer start job of the newest model version, if deployed. */
    public Job timer() {
        var definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(HyteCycles.YEARLY_PROCESS_KEY).latestVersion()
                .singleResult();
        if (definition == null) {
            return null;
        }
        return managementService.createJobQuery().processDefinitionId(definition.getId()).timers().activityId(TIMER_ID).list().stream()
                .filter(j -> j.getProcessInstanceId() == null).findFirst().orElse(null);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void sync() {
        Job job = timer();
        if (job == null) {
            return;
        }
        Date due = Date.from(next().toInstant());
        if (!due.equals(job.getDuedate())) {
            try {
                managementService.setJobDuedate(job.getId(), due);
            } catch (OptimisticLockingException anotherNode) {
                // another node set it at the same moment
            }
        }
    }
}
