package fi.silta.engine;

import java.time.Clock;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code jobExecutor} in /actuator/health, in place of the Camunda starter's indicator of the same
 * name (its bean is conditional on no bean {@code jobExecutorHealthIndicator}): UP while this
 * node's job executor runs, DOWN when it is meant to run and does not, UNKNOWN (which leaves the
 * overall status alone) on a node where job execution is off
 * ({@code camunda.bpm.job-execution.enabled=false}). Details: the jobs due now that no executor has
 * acquired, since when the oldest of them waits, and the jobs that failed with no retries left.
 */
@Component("jobExecutorHealthIndicator")
public class JobExecutorHealth extends AbstractHealthIndicator {

    private final ProcessEngine engine;
    private final EngineFigures figures;
    private final Clock clock;
    private final boolean enabled;
    private final javax.sql.DataSource dataSource;

    public JobExecutorHealth(ProcessEngine engine, EngineFigures figures, Clock clock, javax.sql.DataSource dataSource,
            @Value("${camunda.bpm.job-execution.enabled:true}") boolean enabled) {
        this.dataSource = dataSource;
        this.engine = engine;
        this.enabled = enabled;
        this.figures = figures;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        JobExecutor executor = configuration.getJobExecutor();
        if (executor != null && executor.isActive()) {
            builder.up();
        } else if (enabled) {
            builder.down();
        } else {
            builder.unknown().withDetail("reason", "job execution is off on this node (camunda.bpm.job-execution.enabled)");
        }
        builder.withDetail("active", executor != null && executor.isActive());
        if (ConnectionPool.unreachable(dataSource)) {
            // the jobs' figures would wait the pool's timeout after the db check has waited one
            builder.withDetail("jobs", "database unreachable (see db)");
            return;
        }
        java.time.Instant now = clock.instant();
        EngineFigures.Jobs jobs = figures.jobs(now);
        builder.withDetail("dueJobs", jobs.due());
        if (jobs.oldestDue() != null && !jobs.oldestDue().isAfter(now)) {
            builder.withDetail("oldestDueJobSince", jobs.oldestDue().toString());
        }
        builder.withDetail("failedJobs", jobs.failed());
        if (executor != null) {
            builder.withDetail("lockOwner", executor.getLockOwner())
                    .withDetail("maxJobsPerAcquisition", executor.getMaxJobsPerAcquisition());
        }
    }
}
