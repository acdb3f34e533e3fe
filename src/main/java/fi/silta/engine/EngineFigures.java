package fi.silta.engine;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What stands in the engine's runtime tables now, as grouped counts in plain SQL (outside Camunda's
 * authorization checks, which apply only to the engine's own queries made for a signed-in user): read by
 * the metrics ({@link EngineMetrics}), the health of the job executor ({@link JobExecutorHealth}) and the
 * managers' overview (fi.silta.dashboard.OverviewDashboard), so that the three count alike.
 */
@Component
public class EngineFigures {

    /** The key of tasks that have no candidate group in {@link #openTasksByGroup}. */
    public static final String NO_GROUP = "";

    /** Open tasks of a candidate group: how many, how many past their due date, when the oldest was created (null for none). */
    public record GroupTasks(long open, long overdue, Instant oldest) {
    }

    /** Jobs with no retries left; jobs due and free to acquire (retries left, not locked, not suspended), the oldest due date of those free. */
    public record Jobs(long failed, long due, Instant oldestDue) {
    }

    private final JdbcClient jdbc;

    public EngineFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Running process instances per process definition key (every version together). */
    public Map<String, Long> runningInstancesByProcess() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select d.KEY_ as process_key, count(*) as n from ACT_RU_EXECUTION e join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_"
                + " where e.ID_ = e.PROC_INST_ID_ group by d.KEY_")
                .query((rs, i) -> counts.put(rs.getString("process_key"), rs.getLong("n"))).list();
        return counts;
    }

    /**
     * Open tasks per candidate group, and under {@link #NO_GROUP} those of no candidate group (a person's only;
     * always there, 0 for none). A task of two groups counts in both.
     */
    public Map<String, GroupTasks> openTasksByGroup(Instant now) {
        Map<String, GroupTasks> counts = new LinkedHashMap<>();
        jdbc.sql("""
                select l.GROUP_ID_ as g, count(*) as n, sum(case when t.DUE_DATE_ < :now then 1 else 0 end) as late,
                min(t.CREATE_TIME_) as oldest
                from ACT_RU_TASK t join ACT_RU_IDENTITYLINK l on l.TASK_ID_ = t.ID_
                where l.TYPE_ = 'candidate' and l.GROUP_ID_ is not null group by l.GROUP_ID_""")
                .param("now", Timestamp.from(now))
                .query((rs, i) -> counts.put(rs.getString("g"), groupTasks(rs))).list();
        // a join with the grouped tasks, not a correlated NOT EXISTS (PostgreSQL without fresh statistics took
        // 175 ms for 3 000 open tasks that way, 2 ms this way)
        jdbc.sql("""
                select count(*) as n, sum(case when t.DUE_DATE_ < :now then 1 else 0 end) as late, min(t.CREATE_TIME_) as oldest
                from ACT_RU_TASK t left join (select distinct TASK_ID_ from ACT_RU_IDENTITYLINK
                where TYPE_ = 'candidate' and GROUP_ID_ is not null) g on g.TASK_ID_ = t.ID_ where g.TASK_ID_ is null""")
                .param("now", Timestamp.from(now))
                .query((rs, i) -> counts.put(NO_GROUP, groupTasks(rs))).list();
        return counts;
    }

    public Jobs jobs(Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.sql("select sum(case when RETRIES_ = 0 then 1 else 0 end) as failed,"
                + " sum(case when RETRIES_ > 0 and (DUEDATE_ is null or DUEDATE_ <= ?) and (LOCK_EXP_TIME_ is null or LOCK_EXP_TIME_ < ?)"
                + " and SUSPENSION_STATE_ = 1 then 1 else 0 end) as due,"
                + " min(case when RETRIES_ > 0 and (LOCK_EXP_TIME_ is null or LOCK_EXP_TIME_ < ?) and SUSPENSION_STATE_ = 1"
                + " then DUEDATE_ end) as oldest_due from ACT_RU_JOB")
                .params(at, at, at)
                .query((rs, i) -> new Jobs(rs.getLong("failed"), rs.getLong("due"), instant(rs.getTimestamp("oldest_due")))).single();
    }

    private static GroupTasks groupTasks(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new GroupTasks(rs.getLong("n"), rs.getLong("late"), instant(rs.getTimestamp("oldest")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
