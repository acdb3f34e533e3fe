package fi.silta.engine;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    private final JdbcClient jdbc;
    private final Clock clock;
    private final boolean enabled;
    private final javax.sql.DataSource dataSource;

    public JobExecutorHealth(ProcessEngine engine, JdbcClient jdbc, Clock clock, javax.sql.DataSource dataSource,
            @Value("${camunda.bpm.job-execution.enabled:true}") boolean enabled) {
        this.dataSource = dataSource;
        this.engine = engine;
        this.enabled = enabled;
        this.jdbc = jdbc;
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
        Timestamp now = Timestamp.from(clock.instant());
        Map<String, Object> jobs = jdbc.sql("select sum(case when RETRIES_ = 0 then 1 else 0 end) as failed,"
                + " sum(case when RETRIES_ > 0 and (DUEDATE_ is null or DUEDATE_ <= ?) and (LOCK_EXP_TIME_ is null or LOCK_EXP_TIME_ < ?)"
                + " and SUSPENSION_STATE_ = 1 then 1 else 0 end) as due,"
                + " min(case when RETRIES_ > 0 and (LOCK_EXP_TIME_ is null or LOCK_EXP_TIME_ < ?) and SUSPENSION_STATE_ = 1"
                + " then DUEDATE_ end) as oldest_due from ACT_RU_JOB")
                .params(now, now, now).query((rs, i) -> {
                    Map<String, Object> figures = new java.util.LinkedHashMap<>();
                    figures.put("dueJobs", rs.getLong("due"));
                    Timestamp oldest = rs.getTimestamp("oldest_due");
                    if (oldest != null && !oldest.after(now)) {
                        figures.put("oldestDueJobSince", oldest.toInstant().toString());
                    }
                    figures.put("failedJobs", rs.getLong("failed"));
                    return figures;
                }).single();
        builder.withDetails(jobs);
        if (executor != null) {
            builder.withDetail("lockOwner", executor.getLockOwner())
                    .withDetail("maxJobsPerAcquisition", executor.getMaxJobsPerAcquisition());
        }
    }
}
