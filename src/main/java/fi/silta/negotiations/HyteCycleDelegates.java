package fi.silta.negotiations;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fi.silta.engine.Refusals;
import fi.silta.portal.forms.FormVariables;
import fi.silta.web.Locales;

/**
 * Thin delegates and listeners of {@code hyteNegotiationCycle}: each finds the cycle by the process's
 * business key (never by a variable a form could have planted), hands the work to {@link HyteCycles} and
 * turns a refusal into a Tasklist message in Finnish, Swedish and English (nothing stored).
 */
@Configuration(proxyBeanMethods = false)
public class HyteCycleDelegates {

    static final String FIELD_PREFIX = "hyte.cycle.field.";

    /** StartEvent_CycleStarted (Tasklist's start form): checks the choices, stores the cycle, business key {@code HYTE-<year>}. */
    @Bean
    ExecutionListener createHyteCycle(HyteCycles cycles, Refusals refusals) {
        return execution -> create(cycles, refusals, execution, execution.getVariables(), user(execution));
    }

    /** Task_ConfigureCycle (after the yearly timer): the year prefilled, the county's municipalities listed (task-local). */
    @Bean
    TaskListener fillHyteCycleConfiguration(HyteCycles cycles) {
        return task -> {
            task.setVariableLocal("year", cycles.currentYear());
            task.setVariableLocal("municipalityList", cycles.municipalityList(Locales.FINNISH));
        };
    }

    /**
     * Task_ConfigureCycle (hyteNegotiationCycleYearly) completed: the same choices as the start form, checked (nothing
     * stored when any is wrong), then the cycle started with them (StartEvent_YearlyConfigured checks them again and stores).
     */
    @Bean
    TaskListener configureHyteCycle(HyteCycles cycles, Refusals refusals) {
        return task -> {
            Map<String, Object> input = FormVariables.fromEngine(task.getVariables());
            refusals.refusing(FIELD_PREFIX, () -> cycles.draft(input));
            cycles.startFromYearlyTask(input);
        };
    }

    /** Task_CheckYear (after the yearly timer): whether this year's cycle was started already; the timer kept on its configured date. */
    @Bean
    JavaDelegate checkHyteCycleYear(HyteCycles cycles, HyteYearlyStart yearly) {
        return execution -> {
            execution.setVariable("yearTaken", cycles.yearTaken(cycles.currentYear()));
            yearly.sync();
        };
    }

    /** Task_OpenNegotiations (asynchronous, no one's authorizations): the negotiations as cases with their processes. */
    @Bean
    JavaDelegate openHyteNegotiations(HyteCycles cycles) {
        return execution -> {
            HyteCycle cycle = cycle(cycles, execution);
            execution.setVariable("negotiationCount", cycles.openNegotiations(cycle).size());
        };
    }

    /** Task_GroupStatement created: due at the cycle's NGO input deadline (from the table). */
    @Bean
    TaskListener prepareHyteGroupStatement(HyteCycles cycles) {
        return task -> {
            HyteCycle cycle = cycle(cycles, task.getExecution());
            if (cycle.inputDeadline() != null) {
                task.setDueDate(java.util.Date.from(cycle.inputDeadline().toInstant()));
            }
            task.setVariableLocal("cycleYear", cycle.year());
        };
    }

    /** Task_GroupStatement completed: the NGO cooperation group's joint statement, stored with the cycle. */
    @Bean
    TaskListener saveHyteGroupStatement(HyteCycles cycles, Refusals refusals) {
        return task -> {
            HyteCycle cycle = cycle(cycles, task.getExecution());
            refusals.refusing(FIELD_PREFIX, () -> cycles.saveStatement(cycle, FormVariables.fromEngine(task.getVariables()), user(task)));
        };
    }

    /** Task_ComposeSummary: the cycle finished (unless closed early) and its yearly summary as PDFs in Finnish and Swedish. */
    @Bean
    JavaDelegate composeHyteSummary(HyteCycles cycles, HyteSummaries summaries) {
        return execution -> {
            HyteCycle cycle = cycle(cycles, execution);
            cycles.finish(cycle);
            summaries.store(cycles.byBusinessKey(cycle.businessKey()).orElseThrow());
        };
    }

    private static void create(HyteCycles cycles, Refusals refusals, DelegateExecution execution, java.util.Map<String, Object> variables,
            String user) {
        HyteCycles.Draft draft = refusals.refusing(FIELD_PREFIX, () -> cycles.draft(FormVariables.fromEngine(variables)));
        HyteCycle cycle = refusals.refusing(FIELD_PREFIX, () -> cycles.create(execution.getProcessInstanceId(), draft, user));
        execution.setProcessBusinessKey(cycle.businessKey());
        execution.setVariable("caseReference", cycle.businessKey());
        execution.setVariable("cycleYear", cycle.year());
    }

    static HyteCycle cycle(HyteCycles cycles, DelegateExecution execution) {
        return cycles.byBusinessKey(execution.getProcessBusinessKey())
                .orElseThrow(() -> new IllegalStateException("no hyte cycle " + execution.getProcessBusinessKey()));
    }

    private static String user(DelegateExecution execution) {
        var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    private static String user(DelegateTask task) {
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication != null ? authentication.getUserId() : task.getAssignee();
    }
}
