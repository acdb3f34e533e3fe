package fi.silta.negotiations;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.dashboard.Dashboard;
import fi.silta.dashboard.Figure;
import fi.silta.dashboard.Figure.Kind;
import fi.silta.dashboard.RoundsDashboardPage;
import fi.silta.security.Roles;
import fi.silta.web.Formats;

/**
 * The hyte negotiations' dashboard ({@code /staff/dashboards/hyte}): per yearly cycle how many negotiations are
 * done, memos approved, measures agreed and how they stand, and the NGOs' input; for one cycle
 * ({@code ?round=<id>}) the negotiations per step, each negotiation's meeting, memo and measures, and the measures
 * per owner and status. Every figure is counted from Silta's tables (one grouped query per figure).
 */
@Component
public class HyteDashboard extends RoundsDashboardPage<HyteCycle> {

    /** The negotiation's steps in the order the model takes them ({@code hyte_negotiation.status}). */
    static final List<String> STEPS = List.of("OPEN", "BACKGROUND", "SCHEDULING", "MEETING", "MEMO", "DONE");
    /** Who may open a cycle's staff page from the dashboard (the others read the figures only). */
    private static final List<String> CYCLE_READERS = List.of(Roles.HYTE_COORDINATOR.authority(), Roles.LIAISON.authority(),
            Roles.DECISION_MAKER.authority(), Roles.MANAGER.authority(), Roles.ADMINISTRATOR.authority());

    private final JdbcClient jdbc;
    private final HyteCycles cycles;

    public HyteDashboard(JdbcClient jdbc, HyteCycles cycles, MessageSource messages) {
        super(messages);
        this.jdbc = jdbc;
        this.cycles = cycles;
    }

    @Override
    public String key() {
        return "hyte";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    protected List<HyteCycle> rounds() {
        return cycles.all();
    }

    @Override
    protected long id(HyteCycle cycle) {
        return cycle.id();
    }

    @Override
    protected String label(HyteCycle cycle, Locale locale) {
        return cycle.businessKey();
    }

    @Override
    protected Dashboard all(List<HyteCycle> all, Dashboard.Choice choice, Locale locale) {
        return new Dashboard(text(locale, "title"), text(locale, "intro"),
                List.of(new Dashboard.Link(text(locale, "link.cycles"), "/staff/hyte", CYCLE_READERS)), choice,
                List.of(cycleFigure(all, locale)));
    }

    @Override
    protected Dashboard one(HyteCycle cycle, List<HyteCycle> all, Dashboard.Choice choice, Locale locale) {
        Formats formats = new Formats(locale);
        return new Dashboard(label(cycle, locale),
                text(locale, "cycleIntro", state(cycle, locale), formats.date(cycle.windowStart()), formats.date(cycle.windowEnd())),
                List.of(new Dashboard.Link(text(locale, "link.all"), "/staff/dashboards/hyte"),
                        new Dashboard.Link(text(locale, "link.cycle"), "/staff/hyte/" + cycle.year(), CYCLE_READERS)),
                choice, List.of(steps(cycle, locale), negotiations(cycle, locale), measures(cycle, locale)));
    }

    Figure cycleFigure(List<HyteCycle> all, Locale locale) {
        Map<Long, long[]> n = new HashMap<>();
        // 0 negotiations, 1 done, 2 memos approved, 3 measures, 4 measures done, 5 measures late, 6 NGO inputs
        jdbc.sql("select cycle_id, count(*), sum(case when status = 'DONE' then 1 else 0 end) from hyte_negotiation group by cycle_id")
                .query((rs, i) -> {
                    long[] c = n.computeIfAbsent(rs.getLong(1), k -> new long[7]);
                    c[0] = rs.getLong(2);
                    c[1] = rs.getLong(3);
                    return null;
                }).list();
        jdbc.sql("select g.cycle_id, count(*) from hyte_memo m join hyte_negotiation g on g.id = m.negotiation_id "
                        + "where m.status in ('APPROVED', 'PUBLISHED') group by g.cycle_id")
                .query((rs, i) -> n.computeIfAbsent(rs.getLong(1), k -> new long[7])[2] = rs.getLong(2)).list();
        jdbc.sql("select g.cycle_id, count(*), sum(case when s.status = 'DONE' then 1 else 0 end), "
                        + "sum(case when s.status = 'LATE' then 1 else 0 end) from hyte_measure s join hyte_memo m on m.id = s.memo_id "
                        + "join hyte_negotiation g on g.id = m.negotiation_id where m.status in ('APPROVED', 'PUBLISHED') group by g.cycle_id")
                .query((rs, i) -> {
                    long[] c = n.computeIfAbsent(rs.getLong(1), k -> new long[7]);
                    c[3] = rs.getLong(2);
                    c[4] = rs.getLong(3);
                    c[5] = rs.getLong(4);
                    return null;
                }).list();
        jdbc.sql("select cycle_id, count(*) from hyte_input group by cycle_id")
                .query((rs, i) -> n.computeIfAbsent(rs.getLong(1), k -> new long[7])[6] = rs.getLong(2)).list();
        List<List<Object>> rows = new ArrayList<>();
        for (HyteCycle cycle : all) {
            long[] c = n.getOrDefault(cycle.id(), new long[7]);
            rows.add(List.of(label(cycle, locale), state(cycle, locale), c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
        }
        return new Figure("cycles", text(locale, "cycles.title"), text(locale, "cycles.note"),
                List.of(col(locale, "cycle", Kind.TEXT), col(locale, "state", Kind.TEXT), col(locale, "negotiations", Kind.COUNT),
                        col(locale, "done", Kind.COUNT), col(locale, "memos", Kind.COUNT), col(locale, "measures", Kind.COUNT),
                        col(locale, "measuresDone", Kind.COUNT), col(locale, "measuresLate", Kind.COUNT), col(locale, "inputs", Kind.COUNT)),
                rows, Figure.Chart.bars(0, 2, 3));
    }

    Figure steps(HyteCycle cycle, Locale locale) {
        Map<String, Long> counts = new LinkedHashMap<>();
        STEPS.forEach(step -> counts.put(step, 0L));
        jdbc.sql("select status, count(*) from hyte_negotiation where cycle_id = ? group by status").param(cycle.id())
                .query((rs, i) -> counts.merge(rs.getString(1), rs.getLong(2), Long::sum)).list();
        List<List<Object>> rows = new ArrayList<>();
        counts.forEach((step, count) -> rows.add(List.of(step(step, locale), count)));
        return new Figure("steps", text(locale, "steps.title"), text(locale, "steps.note"),
                List.of(col(locale, "step", Kind.TEXT), col(locale, "negotiations", Kind.COUNT)), rows, Figure.Chart.bars(0, 1));
    }

    Figure negotiations(HyteCycle cycle, Locale locale) {
        Formats formats = new Formats(locale);
        List<List<Object>> rows = jdbc.sql("""
                select c.reference, g.title, g.status,
                       (select min(t.starts_at) from hyte_meeting t where t.negotiation_id = g.id and t.status = 'SCHEDULED') meeting,
                       m.status memo_status,
                       (select count(*) from hyte_measure s where s.memo_id = m.id) measures,
                       (select count(*) from hyte_measure s where s.memo_id = m.id and s.status = 'DONE') measures_done,
                       (select count(*) from hyte_measure s where s.memo_id = m.id and s.status = 'LATE') measures_late,
                       (select count(*) from hyte_input i where i.negotiation_id = g.id) inputs
                from hyte_negotiation g join case_file c on c.id = g.case_id left join hyte_memo m on m.negotiation_id = g.id
                where g.cycle_id = ? order by g.title""").param(cycle.id()).query((rs, i) -> {
            OffsetDateTime meeting = rs.getObject("meeting", OffsetDateTime.class);
            String memo = rs.getString("memo_status");
            return List.<Object>of(rs.getString("reference") + " " + rs.getString("title"), step(rs.getString("status"), locale),
                    meeting == null ? "" : formats.dateTime(meeting),
                    messages.getMessage("hyte.memo.status." + (memo == null ? "NONE" : memo), null, locale),
                    rs.getLong("measures"), rs.getLong("measures_done"), rs.getLong("measures_late"), rs.getLong("inputs"));
        }).list();
        return new Figure("negotiations", text(locale, "negotiations.title"), text(locale, "negotiations.note"),
                List.of(col(locale, "negotiation", Kind.TEXT), col(locale, "step", Kind.TEXT), col(locale, "meeting", Kind.TEXT),
                        col(locale, "memo", Kind.TEXT), col(locale, "measures", Kind.COUNT), col(locale, "measuresDone", Kind.COUNT),
                        col(locale, "measuresLate", Kind.COUNT), col(locale, "inputs", Kind.COUNT)),
                rows, null);
    }

    Figure measures(HyteCycle cycle, Locale locale) {
        Map<String, long[]> byOwner = new LinkedHashMap<>();
        for (HyteMemos.OwnerKind owner : HyteMemos.OwnerKind.values()) {
            byOwner.put(owner.name(), new long[HyteMemos.MeasureStatus.values().length]);
        }
        jdbc.sql("select s.owner_kind, s.status, count(*) from hyte_measure s join hyte_memo m on m.id = s.memo_id "
                        + "join hyte_negotiation g on g.id = m.negotiation_id where g.cycle_id = ? "
                        + "and m.status in ('APPROVED', 'PUBLISHED') group by s.owner_kind, s.status").param(cycle.id())
                .query((rs, i) -> byOwner.computeIfAbsent(rs.getString(1), k -> new long[HyteMemos.MeasureStatus.values().length])
                        [HyteMemos.MeasureStatus.valueOf(rs.getString(2)).ordinal()] += rs.getLong(3)).list();
        List<List<Object>> rows = new ArrayList<>();
        byOwner.forEach((owner, c) -> {
            List<Object> row = new ArrayList<>();
            row.add(messages.getMessage("hyte.cycle.measure.owner." + owner, null, owner, locale));
            for (long count : c) {
                row.add(count);
            }
            rows.add(row);
        });
        List<Figure.Column> columns = new ArrayList<>(List.of(col(locale, "owner", Kind.TEXT)));
        for (HyteMemos.MeasureStatus status : HyteMemos.MeasureStatus.values()) {
            columns.add(new Figure.Column(messages.getMessage("hyte.measure.status." + status.name(), null, locale), Kind.COUNT));
        }
        return new Figure("measures", text(locale, "measures.title"), text(locale, "measures.note"), columns, rows,
                Figure.Chart.bars(0, 1, 2, 3, 4));
    }

    private String state(HyteCycle cycle, Locale locale) {
        return messages.getMessage("hyte.cycle.status." + cycle.status().name(), null, locale);
    }

    private String step(String step, Locale locale) {
        return text(locale, "step." + step);
    }
}
