package fi.silta.dashboard;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.dashboard.Figure.Chart;
import fi.silta.dashboard.Figure.Column;
import fi.silta.dashboard.Figure.Kind;
import fi.silta.engine.EngineFigures;
import fi.silta.engine.EngineFigures.GroupTasks;
import fi.silta.security.Roles;
import fi.silta.web.Formats;

/**
 * The overview ({@code /staff/dashboards/overview}): open work per procedure and per role, the overdue and
 * the oldest open tasks, and what has gone wrong (incidents of the engine, mails the outbox gave up on).
 * <p>
 * The figures count the whole county's work, whoever reads them: they are read with plain SQL over the
 * engine's runtime tables ({@code ACT_RU_*}, a few grouped counts and two short lists), outside Camunda's
 * authorization checks, which apply only to the engine's queries made with an authenticated user. That is
 * meant: the readers (managers, coordinators, decision makers, administrators) follow all the work; what
 * they see of a task is its name, its case reference, its group and its dates, never its contents. The
 * portal's tasks (candidate group {@code external}: organisations and municipalities) are counted on a row
 * of their own and left out of the task lists.
 */
@Component
class OverviewDashboard implements DashboardPage {

    static final String KEY = "overview";
    static final int LISTED = 20;
    static final String COCKPIT = "/camunda/app/cockpit/default/#/processes";
    static final String OUTBOX = "/staff/mail";
    static final String NO_GROUP = EngineFigures.NO_GROUP;

    private final JdbcClient jdbc;
    private final EngineFigures figures;
    private final MessageSource messages;
    private final Clock clock;

    OverviewDashboard(JdbcClient jdbc, EngineFigures figures, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.figures = figures;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public Optional<Dashboard> dashboard(Map<String, String> parameters, Locale locale) {
        Instant now = clock.instant();
        Map<String, String> processNames = processNames(locale);
        List<Dashboard.Link> links = List.of(
                new Dashboard.Link(text("dashboard.overview.link.cockpit", locale), COCKPIT,
                        Roles.cockpitUsers().stream().map(Roles::authority).toList()),
                new Dashboard.Link(text("dashboard.overview.link.outbox", locale), OUTBOX,
                        List.of(Roles.ADMINISTRATOR.authority())));
        return Optional.of(new Dashboard(text("dashboard.overview.name", locale), text("dashboard.overview.intro", locale), links,
                List.of(processes(processNames, locale), groups(now, locale),
                        tasks("overdue", "t.DUE_DATE_ < :now", "t.DUE_DATE_ asc, t.CREATE_TIME_ asc, t.ID_ asc", now, locale),
                        tasks("oldest", "1 = 1", "t.CREATE_TIME_ asc, t.ID_ asc", now, locale),
                        incidents(processNames, locale))));
    }

    /** Running process instances and their open tasks per procedure (all versions of a model together). */
    private Figure processes(Map<String, String> names, Locale locale) {
        Map<String, Long> instances = figures.runningInstancesByProcess();
        Map<String, Long> tasks = countsByKey("""
                select d.KEY_ as k, count(*) as n from ACT_RU_TASK t join ACT_RE_PROCDEF d on d.ID_ = t.PROC_DEF_ID_
                group by d.KEY_""");
        List<List<Object>> rows = new ArrayList<>();
        names.entrySet().stream().sorted(Map.Entry.comparingByValue(java.text.Collator.getInstance(locale)))
                .forEach(e -> rows.add(List.of(e.getValue(), instances.getOrDefault(e.getKey(), 0L), tasks.getOrDefault(e.getKey(), 0L))));
        return new Figure("processes", text("dashboard.overview.processes.title", locale), text("dashboard.overview.processes.note", locale),
                List.of(new Column(text("dashboard.overview.processes.process", locale), Kind.TEXT),
                        new Column(text("dashboard.overview.processes.instances", locale), Kind.COUNT),
                        new Column(text("dashboard.overview.processes.tasks", locale), Kind.COUNT)),
                rows, Chart.bars(0, 1, 2));
    }

    /** Open tasks per candidate group: the staff roles, then the portal's tasks, then tasks of no group (a person's only). */
    private Figure groups(Instant now, Locale locale) {
        Map<String, GroupTasks> counts = new HashMap<>(figures.openTasksByGroup(now));
        // tasks of no group on a row of their own only when there are any
        counts.remove(NO_GROUP, new GroupTasks(0, 0, null));
        List<String> order = new ArrayList<>(Roles.taskRoles().stream().map(Roles::groupId).toList());
        counts.keySet().stream().filter(g -> !order.contains(g) && !g.equals(Roles.EXTERNAL) && !g.equals(NO_GROUP)).sorted().forEach(order::add);
        order.add(Roles.EXTERNAL);
        order.add(NO_GROUP);
        List<List<Object>> rows = new ArrayList<>();
        for (String group : order) {
            GroupTasks count = counts.get(group);
            if (count == null && (group.equals(NO_GROUP) || !Roles.taskRoles().stream().anyMatch(r -> r.groupId().equals(group)))) {
                continue;
            }
            count = count == null ? new GroupTasks(0, 0, null) : count;
            List<Object> row = new ArrayList<>();
            row.add(groupName(group, locale));
            row.add(count.open());
            row.add(count.overdue());
            row.add(count.oldest() == null ? null : days(count.oldest(), now));
            rows.add(row);
        }
        return new Figure("groups", text("dashboard.overview.groups.title", locale), text("dashboard.overview.groups.note", locale),
                List.of(new Column(text("dashboard.overview.groups.group", locale), Kind.TEXT),
                        new Column(text("dashboard.overview.groups.open", locale), Kind.COUNT),
                        new Column(text("dashboard.overview.groups.overdue", locale), Kind.COUNT),
                        new Column(text("dashboard.overview.groups.oldest", locale), Kind.COUNT)),
                rows, Chart.bars(0, 1, 2));
    }

    private record Task(String id, String name, String caseReference, Instant created, Instant due) {
    }

    /** Up to {@link #LISTED} open staff tasks (never the portal's) matching {@code where}, in {@code order}. */
    private Figure tasks(String id, String where, String order, Instant now, Locale locale) {
        List<Task> tasks = jdbc.sql("""
                select t.ID_ as id, t.NAME_ as name, p.BUSINESS_KEY_ as ref, t.CREATE_TIME_ as created, t.DUE_DATE_ as due
                from ACT_RU_TASK t left join ACT_RU_EXECUTION p on p.ID_ = t.PROC_INST_ID_
                where %s and not exists (select 1 from ACT_RU_IDENTITYLINK l where l.TASK_ID_ = t.ID_ and l.TYPE_ = 'candidate'
                and l.GROUP_ID_ = :external)
                order by %s fetch first %d rows only""".formatted(where, order, LISTED))
                .param("external", Roles.EXTERNAL)
                .param("now", Timestamp.from(now))
                .query((rs, i) -> new Task(rs.getString("id"), rs.getString("name"), rs.getString("ref"),
                        instant(rs.getTimestamp("created")), instant(rs.getTimestamp("due"))))
                .list();
        Map<String, List<String>> groups = new TreeMap<>();
        if (!tasks.isEmpty()) {
            jdbc.sql("select TASK_ID_ as t, GROUP_ID_ as g from ACT_RU_IDENTITYLINK where TYPE_ = 'candidate' and GROUP_ID_ is not null and TASK_ID_ in (:ids)")
                    .param("ids", tasks.stream().map(Task::id).toList())
                    .query((rs, i) -> groups.computeIfAbsent(rs.getString("t"), k -> new ArrayList<>()).add(rs.getString("g")))
                    .list();
        }
        Formats formats = new Formats(locale);
        List<List<Object>> rows = new ArrayList<>();
        for (Task task : tasks) {
            List<Object> row = new ArrayList<>();
            row.add(task.name() == null ? "" : task.name());
            row.add(task.caseReference());
            row.add(String.join(", ", groups.getOrDefault(task.id(), List.of(NO_GROUP)).stream().sorted()
                    .map(g -> groupName(g, locale)).toList()));
            row.add(formats.date(task.created()));
            row.add(task.due() == null ? null : formats.date(task.due()));
            row.add(days(task.created(), now));
            row.add(task.due() == null || !task.due().isBefore(now) ? null : days(task.due(), now));
            rows.add(row);
        }
        String prefix = "dashboard.overview." + id;
        return new Figure(id, text(prefix + ".title", locale), messages.getMessage(prefix + ".note", new Object[] {LISTED}, locale),
                List.of(new Column(text("dashboard.overview.task.name", locale), Kind.TEXT),
                        new Column(text("dashboard.overview.task.case", locale), Kind.TEXT),
                        new Column(text("dashboard.overview.task.group", locale), Kind.TEXT),
                        new Column(text("dashboard.overview.task.created", locale), Kind.TEXT),
                        new Column(text("dashboard.overview.task.due", locale), Kind.TEXT),
                        new Column(text("dashboard.overview.task.age", locale), Kind.COUNT),
                        new Column(text("dashboard.overview.task.late", locale), Kind.COUNT)),
                rows, null);
    }

    /** Open incidents by type and procedure, and the mails the outbox gave up on (status FAILED). */
    private Figure incidents(Map<String, String> names, Locale locale) {
        List<List<Object>> rows = new ArrayList<>();
        jdbc.sql("""
                select i.INCIDENT_TYPE_ as type, d.KEY_ as k, count(*) as n
                from ACT_RU_INCIDENT i left join ACT_RE_PROCDEF d on d.ID_ = i.PROC_DEF_ID_
                group by i.INCIDENT_TYPE_, d.KEY_ order by i.INCIDENT_TYPE_, d.KEY_""")
                .query((rs, i) -> rows.add(List.of(
                        messages.getMessage("dashboard.overview.incident." + rs.getString("type"), null, rs.getString("type"), locale),
                        rs.getString("k") == null ? "–" : names.getOrDefault(rs.getString("k"), rs.getString("k")),
                        rs.getLong("n"))))
                .list();
        long failedMails = jdbc.sql("select count(*) from mail_outbox where status = 'FAILED'").query(Long.class).single();
        rows.add(List.of(text("dashboard.overview.incident.failedMail", locale), text("dashboard.overview.incident.outbox", locale), failedMails));
        return new Figure("incidents", text("dashboard.overview.incidents.title", locale), text("dashboard.overview.incidents.note", locale),
                List.of(new Column(text("dashboard.overview.incidents.type", locale), Kind.TEXT),
                        new Column(text("dashboard.overview.incidents.process", locale), Kind.TEXT),
                        new Column(text("dashboard.overview.incidents.count", locale), Kind.COUNT)),
                rows, null);
    }

    /** Each deployed model's name in the reader's language: {@code dashboard.overview.process.<key>}, or its latest version's name. */
    private Map<String, String> processNames(Locale locale) {
        Map<String, String> latest = new LinkedHashMap<>();
        Map<String, Integer> versions = new HashMap<>();
        jdbc.sql("select KEY_ as k, NAME_ as name, VERSION_ as v from ACT_RE_PROCDEF").query((rs, i) -> {
            String key = rs.getString("k");
            int version = rs.getInt("v");
            if (versions.getOrDefault(key, Integer.MIN_VALUE) < version) {
                versions.put(key, version);
                latest.put(key, rs.getString("name") == null ? key : rs.getString("name"));
            }
            return key;
        }).list();
        Map<String, String> names = new LinkedHashMap<>();
        latest.forEach((key, name) -> names.put(key, messages.getMessage("dashboard.overview.process." + key, null, name, locale)));
        return names;
    }

    private Map<String, Long> countsByKey(String sql) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql(sql).query((rs, i) -> counts.put(rs.getString("k"), rs.getLong("n"))).list();
        return counts;
    }

    private String groupName(String group, Locale locale) {
        if (group.equals(NO_GROUP)) {
            return text("dashboard.overview.group.none", locale);
        }
        if (group.equals(Roles.EXTERNAL)) {
            return text("dashboard.overview.group.external", locale);
        }
        for (Roles role : Roles.values()) {
            if (role.groupId().equals(group)) {
                return text("role." + role.name(), locale);
            }
        }
        return group;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Whole days from {@code from} to {@code now} (0 on the first day). */
    static long days(Instant from, Instant now) {
        return Math.max(0, Duration.between(from, now).toDays());
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
