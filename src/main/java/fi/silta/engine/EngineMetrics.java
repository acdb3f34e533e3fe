package fi.silta.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.security.Roles;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The engine's figures for {@code /actuator/prometheus} (README, "Metrics (Prometheus)"):
 * <ul>
 * <li>Camunda's own metrics as counters of this node since it started
 * ({@code camunda_activity_instance_start_total}, {@code camunda_job_successful_total},
 * {@code camunda_job_failed_total}, ...; see {@link EngineMetricsPlugin});</li>
 * <li>what stands in the engine's tables now, each figure one count query read at most once per
 * {@code silta.metrics.cache-for} (5 s): running process instances per process
 * ({@code camunda_process_instances_running}), open incidents per type
 * ({@code camunda_incidents_open}), jobs failed with no retries left ({@code silta_jobs_failed}),
 * jobs due and waiting for the job executor ({@code silta_jobs_due}), and open and overdue tasks
 * per candidate group ({@code silta_tasks_open}, {@code silta_tasks_overdue}; {@code none}: tasks
 * with no candidate group).</li>
 * </ul>
 */
@Component
public class EngineMetrics implements MeterBinder {

    /** The candidate group of tasks that have none. */
    public static final String NO_GROUP = "none";

    private final EngineMetricsPlugin plugin;
    private final EngineFigures figures;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final CachedFigure<Map<String, Long>> instances;
    private final CachedFigure<Map<String, Long>> incidents;
    private final CachedFigure<EngineFigures.Jobs> jobs;
    private final CachedFigure<Map<String, long[]>> tasks;

    /** {@code engine}: bound once the engine is built (its tables, its deployment and its meters exist). */
    public EngineMetrics(ProcessEngine engine, EngineMetricsPlugin plugin, EngineFigures figures, JdbcClient jdbc, Clock clock,
            @Value("${silta.metrics.cache-for:PT5S}") Duration cacheFor) {
        this.plugin = plugin;
        this.figures = figures;
        this.jdbc = jdbc;
        this.clock = clock;
        this.instances = new CachedFigure<>(cacheFor, Map.of(), figures::runningInstancesByProcess);
        this.incidents = new CachedFigure<>(cacheFor, Map.of(), this::openIncidents);
        this.jobs = new CachedFigure<>(cacheFor, new EngineFigures.Jobs(0, 0, null), () -> figures.jobs(clock.instant()));
        this.tasks = new CachedFigure<>(cacheFor, Map.of(), this::openAndOverdueTasks);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Map.Entry<String, LongAdder> metric : new java.util.TreeMap<>(plugin.nodeTotals()).entrySet()) {
            FunctionCounter.builder("camunda." + metric.getKey().replace('-', '.'), metric.getValue(), LongAdder::doubleValue)
                    .description("Camunda engine metric " + metric.getKey() + " on this node since it started")
                    .register(registry);
        }
        Set<String> processes = new TreeSet<>(jdbc.sql("select distinct KEY_ from ACT_RE_PROCDEF").query(String.class).list());
        processes.addAll(figures.runningInstancesByProcess().keySet());
        for (String process : processes) {
            Gauge.builder("camunda.process.instances.running", () -> instances.get().getOrDefault(process, 0L))
                    .description("Running process instances of the process").tag("process", process).register(registry);
        }
        Set<String> types = new TreeSet<>(Set.of(Incident.FAILED_JOB_HANDLER_TYPE, Incident.EXTERNAL_TASK_HANDLER_TYPE));
        types.addAll(openIncidents().keySet());
        for (String type : types) {
            Gauge.builder("camunda.incidents.open", () -> incidents.get().getOrDefault(type, 0L))
                    .description("Open incidents of the type").tag("type", type).register(registry);
        }
        Gauge.builder("silta.jobs.failed", () -> jobs.get().failed())
                .description("Jobs that failed with no retries left (each an incident until retried)").register(registry);
        Gauge.builder("silta.jobs.due", () -> jobs.get().due())
                .description("Jobs due now that no job executor has acquired").register(registry);
        Set<String> groups = new TreeSet<>();
        for (Roles role : Roles.values()) {
            groups.add(role.groupId());
        }
        groups.add(Roles.EXTERNAL);
        groups.add(NO_GROUP);
        groups.addAll(openAndOverdueTasks().keySet());
        for (String group : groups) {
            Gauge.builder("silta.tasks.open", () -> tasks.get().getOrDefault(group, new long[2])[0])
                    .description("Open tasks of the candidate group").tag("group", group).register(registry);
            Gauge.builder("silta.tasks.overdue", () -> tasks.get().getOrDefault(group, new long[2])[1])
                    .description("Open tasks of the candidate group whose due date has passed").tag("group", group).register(registry);
        }
    }

    private Map<String, Long> openIncidents() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select INCIDENT_TYPE_ as incident_type, count(*) as n from ACT_RU_INCIDENT group by INCIDENT_TYPE_")
                .query((rs, i) -> counts.put(rs.getString("incident_type"), rs.getLong("n"))).list();
        return counts;
    }

    /** Per candidate group ({@link #NO_GROUP}: tasks with none): open tasks and those of them whose due date has passed. */
    private Map<String, long[]> openAndOverdueTasks() {
        Map<String, long[]> counts = new LinkedHashMap<>();
        figures.openTasksByGroup(clock.instant()).forEach((group, tasks) ->
                counts.put(group.equals(EngineFigures.NO_GROUP) ? NO_GROUP : group, new long[] {tasks.open(), tasks.overdue()}));
        return counts;
    }
}
