package fi.silta.grants;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.dashboard.Dashboard;
import fi.silta.dashboard.RoundsDashboardPage;
import fi.silta.dashboard.Figure;
import fi.silta.dashboard.Figure.Kind;
import fi.silta.dashboard.Percentiles;
import fi.silta.organisations.ReferenceData;
import fi.silta.web.Formats;

/**
 * The grant rounds' dashboard ({@code /staff/dashboards/grants}): across rounds, euros asked, budgeted and
 * granted per round and euros granted per municipality and per target group; for one round
 * ({@code ?round=<id>}), its applications by state, its money, the distribution of scores, the processing
 * time of each step (median and 90th percentile from Camunda's history), disqualifications and requests
 * for supplements. Every figure is a few grouped queries over all rows (no query per row).
 */
@Component
public class GrantDashboard extends RoundsDashboardPage<GrantRound> {

    /** Rounds the chart of rounds draws (the table has all). */
    static final int CHART_ROUNDS = 12;
    /** The application's decision in force: its newest. */
    private static final String IN_FORCE = GrantDecisionRepository.IN_FORCE;
    private static final String SUBMITTED = "a.status not in ('DRAFT', 'WITHDRAWN')";
    private static final List<String> STATES = List.of("SUBMITTED", "IN_REVIEW", "SCORED", "INELIGIBLE", "REJECTED_INCOMPLETE",
            "WITHDRAWN", "GRANTED", "PARTLY_GRANTED", "REJECTED");
    private static final double DAY_MS = 24 * 60 * 60 * 1000.0;

    private final JdbcClient jdbc;
    private final GrantRoundRepository rounds;
    private final ReferenceData referenceData;
    private final GrantOutcomeFigures outcomes;

    public GrantDashboard(JdbcClient jdbc, GrantRoundRepository rounds, ReferenceData referenceData, MessageSource messages,
            GrantOutcomeFigures outcomes) {
        super(messages);
        this.outcomes = outcomes;
        this.jdbc = jdbc;
        this.rounds = rounds;
        this.referenceData = referenceData;
    }

    @Override
    public String key() {
        return "grants";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    protected List<GrantRound> rounds() {
        return rounds.all();
    }

    @Override
    protected long id(GrantRound round) {
        return round.id();
    }

    @Override
    protected String label(GrantRound round, Locale locale) {
        return GrantRoundService.REFERENCE_PREFIX + round.id() + " " + round.name(locale);
    }

    @Override
    protected Dashboard all(List<GrantRound> all, Dashboard.Choice choice, Locale locale) {
        return new Dashboard(text(locale, "title"), text(locale, "intro"),
                List.of(new Dashboard.Link(text(locale, "link.rounds"), "/staff/grants")),
                choice, List.of(rounds(all, locale), municipalities(locale), targetGroups(locale), outcomesPerRound(all, locale)));
    }

    @Override
    protected Dashboard one(GrantRound round, List<GrantRound> all, Dashboard.Choice choice, Locale locale) {
        Formats formats = new Formats(locale);
        String state = messages.getMessage("grants.rounds.state." + round.status().name(), null, locale);
        return new Dashboard(text(locale, "roundTitle", round.name(locale)),
                text(locale, "roundIntro", state, formats.dateTime(round.opensAt()), formats.dateTime(round.closesAt())),
                List.of(new Dashboard.Link(text(locale, "link.all"), "/staff/dashboards/grants"),
                        new Dashboard.Link(text(locale, "link.ranking"), "/staff/grants/" + round.id()),
                        new Dashboard.Link(text(locale, "link.allocation"), "/staff/grants/" + round.id() + "/allocation")),
                choice, List.of(states(round, locale), money(round, locale), scores(round, locale), steps(round, locale),
                        disqualifications(round, locale), supplements(round, locale), outcomesPerOrganisation(round, locale)));
    }

    // --- across rounds ---

    Figure rounds(List<GrantRound> all, Locale locale) {
        Map<Long, Object[]> asked = new LinkedHashMap<>();
        jdbc.sql("select a.round_id, count(*) n, coalesce(sum(a.amount), 0) euros from grant_application a where " + SUBMITTED
                + " group by a.round_id").query((rs, i) -> asked.put(rs.getLong(1), new Object[] {rs.getLong(2), rs.getBigDecimal(3)})).list();
        Map<Long, BigDecimal> granted = new LinkedHashMap<>();
        jdbc.sql("select round_id, euros from grant_round_total where kind = 'ROUND'")
                .query((rs, i) -> granted.put(rs.getLong(1), rs.getBigDecimal(2))).list();
        List<List<Object>> rows = new ArrayList<>();
        for (GrantRound r : all) {
            Object[] a = asked.getOrDefault(r.id(), new Object[] {0L, BigDecimal.ZERO});
            rows.add(List.of(label(r, locale),
                    messages.getMessage("grants.rounds.state." + r.status().name(), null, locale),
                    a[0], euros((BigDecimal) a[1]), euros(r.budget()), euros(granted.get(r.id()))));
        }
        return new Figure("rounds", text(locale, "rounds.title"), text(locale, "rounds.note", CHART_ROUNDS),
                List.of(col(locale, "round", Kind.TEXT), col(locale, "state", Kind.TEXT), col(locale, "applications", Kind.COUNT),
                        col(locale, "asked", Kind.EUROS), col(locale, "budget", Kind.EUROS), col(locale, "granted", Kind.EUROS)),
                rows, Figure.Chart.bars(0, 3, 4, 5).first(CHART_ROUNDS));
    }

    Figure municipalities(Locale locale) {
        List<List<Object>> rows = new ArrayList<>();
        areas("MUNICIPALITY", (code, n, euros) -> rows.add(List.of(referenceData.municipality(code).map(m -> m.name(locale))
                .orElse(code), n, euros)));
        return new Figure("municipalities", text(locale, "municipalities.title"), text(locale, "municipalities.note"),
                List.of(col(locale, "municipality", Kind.TEXT), col(locale, "grantedApplications", Kind.COUNT), col(locale, "granted", Kind.EUROS)),
                rows, Figure.Chart.bars(0, 2));
    }

    Figure targetGroups(Locale locale) {
        List<List<Object>> rows = new ArrayList<>();
        areas("TARGET_GROUP", (code, n, euros) -> rows.add(List.of(code.isEmpty() ? text(locale, "targetGroup.none")
                : messages.getMessage("form.grant-application.targetGroups.option." + code, null, code, locale), n, euros)));
        return new Figure("target-groups", text(locale, "targetGroups.title"), text(locale, "targetGroups.note"),
                List.of(col(locale, "targetGroup", Kind.TEXT), col(locale, "grantedApplications", Kind.COUNT), col(locale, "granted", Kind.EUROS)),
                rows, Figure.Chart.bars(0, 2));
    }

    private interface AreaRow {
        void add(String code, long applications, BigDecimal euros);
    }

    /** The rounds' totals of one kind summed across rounds (grant_round_total, kept by GrantDecisionRepository), most euros first. */
    private void areas(String kind, AreaRow row) {
        jdbc.sql("select code, sum(applications), sum(euros) euros from grant_round_total where kind = ? "
                        + "group by code order by euros desc, code")
                .param(kind).query((rs, i) -> {
                    row.add(rs.getString(1), rs.getLong(2), euros(rs.getBigDecimal(3)));
                    return null;
                }).list();
    }

    // --- one round ---

    Figure states(GrantRound round, Locale locale) {
        Map<String, Long> counts = new LinkedHashMap<>();
        STATES.forEach(s -> counts.put(s, 0L));
        jdbc.sql("select coalesce(d.outcome, a.status) state, count(*) from grant_application a "
                        + "left join grant_decision d on d.application_id = a.id and " + IN_FORCE
                        + " where a.round_id = ? and a.status <> 'DRAFT' group by coalesce(d.outcome, a.status)")
                .param(round.id()).query((rs, i) -> counts.merge(rs.getString(1), rs.getLong(2), Long::sum)).list();
        List<List<Object>> rows = new ArrayList<>();
        counts.forEach((state, n) -> rows.add(List.of(text(locale, "state." + state), n)));
        return new Figure("states", text(locale, "status.title"), text(locale, "status.note"),
                List.of(col(locale, "status", Kind.TEXT), col(locale, "applications", Kind.COUNT)), rows, Figure.Chart.bars(0, 1));
    }

    Figure money(GrantRound round, Locale locale) {
        BigDecimal asked = jdbc.sql("select coalesce(sum(a.amount), 0) from grant_application a where a.round_id = ? and " + SUBMITTED)
                .param(round.id()).query(BigDecimal.class).single();
        BigDecimal proposed = jdbc.sql("select coalesce(sum(amount), 0) from grant_allocation where round_id = ?")
                .param(round.id()).query(BigDecimal.class).single();
        BigDecimal granted = jdbc.sql("select coalesce(sum(d.amount_granted), 0) from grant_decision d where d.round_id = ? and " + IN_FORCE)
                .param(round.id()).query(BigDecimal.class).single();
        List<List<Object>> rows = List.of(List.of(text(locale, "money.budget"), euros(round.budget())),
                List.of(text(locale, "money.asked"), euros(asked)), List.of(text(locale, "money.proposed"), euros(proposed)),
                List.of(text(locale, "money.granted"), euros(granted)));
        return new Figure("money", text(locale, "money.title"), text(locale, "money.note"),
                List.of(col(locale, "item", Kind.TEXT), col(locale, "euros", Kind.EUROS)), rows, Figure.Chart.bars(0, 1));
    }

    Figure scores(GrantRound round, Locale locale) {
        List<BigDecimal> scores = jdbc.sql("select a.final_score from grant_application a where a.round_id = ? and " + SUBMITTED
                + " and a.final_score is not null order by a.final_score").param(round.id()).query(BigDecimal.class).list();
        long notScored = jdbc.sql("select count(*) from grant_application a where a.round_id = ? and " + SUBMITTED
                + " and a.final_score is null").param(round.id()).query(Long.class).single();
        long[] bands = new long[5];
        for (BigDecimal score : scores) {
            bands[Math.min(4, Math.max(0, score.intValue()))]++;
        }
        Formats formats = new Formats(locale);
        List<List<Object>> rows = new ArrayList<>();
        for (int band = 0; band < 5; band++) {
            String label = band == 4 ? formats.number(4, 0) + "–" + formats.number(5, 0)
                    : formats.number(band, 0) + "–" + formats.number(new BigDecimal(band + ".99"), 2);
            rows.add(List.of(label, bands[band]));
        }
        rows.add(List.of(text(locale, "scores.notScored"), notScored));
        Double median = Percentiles.of(scores, 0.5);
        String note = median == null ? text(locale, "scores.noteEmpty") : text(locale, "scores.note", formats.number(median, 2));
        return new Figure("scores", text(locale, "scores.title"), note,
                List.of(col(locale, "scores", Kind.TEXT), col(locale, "applications", Kind.COUNT)), rows, Figure.Chart.bars(0, 1));
    }

    Figure steps(GrantRound round, Locale locale) {
        Map<String, List<Long>> durations = new TreeMap<>();
        // the tasks of the round's applications (their processes and the reviews and rectifications they call carry
        // the case's reference as business key) and of the round itself
        jdbc.sql("select t.TASK_DEF_KEY_, t.DURATION_ from ACT_HI_TASKINST t "
                        + "join ACT_HI_PROCINST p on p.PROC_INST_ID_ = t.PROC_INST_ID_ "
                        + "join case_file c on c.reference = p.BUSINESS_KEY_ "
                        + "join grant_application a on a.case_id = c.id "
                        + "where a.round_id = ? and t.DURATION_ is not null and t.DELETE_REASON_ = 'completed' "
                        + "union all select t.TASK_DEF_KEY_, t.DURATION_ from ACT_HI_TASKINST t "
                        + "join ACT_HI_PROCINST p on p.PROC_INST_ID_ = t.PROC_INST_ID_ "
                        + "where p.BUSINESS_KEY_ = ? and t.DURATION_ is not null and t.DELETE_REASON_ = 'completed'")
                .params(round.id(), GrantRoundService.REFERENCE_PREFIX + round.id())
                .query((rs, i) -> durations.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2))).list();
        List<List<Object>> rows = new ArrayList<>();
        durations.forEach((task, list) -> {
            list.sort(null);
            rows.add(List.of(messages.getMessage("dashboard.grants.step." + task, null, task, locale), (long) list.size(),
                    days(Percentiles.of(list, 0.5)), days(Percentiles.of(list, 0.9))));
        });
        return new Figure("steps", text(locale, "steps.title"), text(locale, "steps.note"),
                List.of(col(locale, "step", Kind.TEXT), col(locale, "done", Kind.COUNT), col(locale, "median", Kind.DECIMAL),
                        col(locale, "p90", Kind.DECIMAL)), rows, Figure.Chart.bars(0, 2, 3));
    }

    Figure disqualifications(GrantRound round, Locale locale) {
        Map<String, long[]> byRole = new LinkedHashMap<>();
        byRole.put("REVIEWER", new long[2]);
        byRole.put("COORDINATOR", new long[2]);
        byRole.put("DECISION_MAKER", new long[2]);
        jdbc.sql("select count(*), count(distinct r.reviewer_user_id) from grant_review r join grant_application a on a.id = r.application_id "
                        + "where a.round_id = ? and r.status = 'DISQUALIFIED'").param(round.id())
                .query((rs, i) -> byRole.put("REVIEWER", new long[] {rs.getLong(1), rs.getLong(2)})).list();
        jdbc.sql("select role, count(*), count(distinct user_id) from grant_round_disqualification where round_id = ? group by role")
                .param(round.id()).query((rs, i) -> byRole.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)})).list();
        List<List<Object>> rows = new ArrayList<>();
        byRole.forEach((role, n) -> rows.add(List.of(text(locale, "role." + role), n[0], n[1])));
        return new Figure("disqualifications", text(locale, "disqualifications.title"), text(locale, "disqualifications.note"),
                List.of(col(locale, "role", Kind.TEXT), col(locale, "count", Kind.COUNT), col(locale, "people", Kind.COUNT)), rows, null);
    }

    Figure supplements(GrantRound round, Locale locale) {
        long[] n = new long[3];
        jdbc.sql("select count(r.answered_at), count(r.lapsed_at), "
                        + "sum(case when r.answered_at is null and r.lapsed_at is null then 1 else 0 end) from case_request r "
                        + "join grant_application a on a.case_id = r.case_id where a.round_id = ? and r.topic = 'Task_ProvideSupplement'")
                .param(round.id()).query((rs, i) -> {
                    n[0] = rs.getLong(1);
                    n[1] = rs.getLong(2);
                    n[2] = rs.getLong(3);
                    return null;
                }).list();
        List<List<Object>> rows = List.of(List.of(text(locale, "supplements.answered"), n[0]),
                List.of(text(locale, "supplements.lapsed"), n[1]), List.of(text(locale, "supplements.open"), n[2]));
        return new Figure("supplements", text(locale, "supplements.title"), text(locale, "supplements.note"),
                List.of(col(locale, "status", Kind.TEXT), col(locale, "requests", Kind.COUNT)), rows, Figure.Chart.bars(0, 1));
    }

    // --- what the grants achieved (accepted use-of-funds reports, GrantOutcomeFigures) ---

    Figure outcomesPerRound(List<GrantRound> all, Locale locale) {
        Map<Long, GrantRound> byId = new LinkedHashMap<>();
        all.forEach(r -> byId.put(r.id(), r));
        List<List<Object>> rows = new ArrayList<>();
        for (GrantOutcomeFigures.Outcome o : outcomes.perRound()) {
            GrantRound round = byId.get(o.id());
            rows.add(outcomeRow(round == null ? o.name() : label(round, locale), o));
        }
        return outcomeFigure("outcomes", "grants.report.figures.perRound", "grants.report.figures.round", rows, locale);
    }

    Figure outcomesPerOrganisation(GrantRound round, Locale locale) {
        List<List<Object>> rows = new ArrayList<>();
        for (GrantOutcomeFigures.Outcome o : outcomes.perOrganisation(round.id())) {
            rows.add(outcomeRow(o.name(), o));
        }
        return outcomeFigure("outcomes-organisations", "grants.report.figures.perOrganisation", "grants.report.figures.organisation",
                rows, locale);
    }

    private static List<Object> outcomeRow(String label, GrantOutcomeFigures.Outcome o) {
        return List.of(label, o.reports(), o.peopleReached(), o.activitiesHeld(), euros(o.used()), euros(o.unused()));
    }

    private Figure outcomeFigure(String id, String titleKey, String labelKey, List<List<Object>> rows, Locale locale) {
        return new Figure(id, messages.getMessage(titleKey, null, locale), messages.getMessage("grants.report.figures.note", null, locale),
                List.of(new Figure.Column(messages.getMessage(labelKey, null, locale), Kind.TEXT),
                        new Figure.Column(messages.getMessage("grants.report.figures.reports", null, locale), Kind.COUNT),
                        new Figure.Column(messages.getMessage("grants.report.figures.people", null, locale), Kind.COUNT),
                        new Figure.Column(messages.getMessage("grants.report.figures.activities", null, locale), Kind.COUNT),
                        new Figure.Column(messages.getMessage("grants.report.figures.used", null, locale), Kind.EUROS),
                        new Figure.Column(messages.getMessage("grants.report.figures.unused", null, locale), Kind.EUROS)),
                rows, Figure.Chart.bars(0, 2, 3));
    }

    private static BigDecimal days(Double millis) {
        return millis == null ? null : BigDecimal.valueOf(millis / DAY_MS).setScale(1, RoundingMode.HALF_UP);
    }

    private static BigDecimal euros(BigDecimal value) {
        return value == null ? BigDecimal.ZERO.setScale(2) : value.setScale(2, RoundingMode.HALF_UP);
    }
}
