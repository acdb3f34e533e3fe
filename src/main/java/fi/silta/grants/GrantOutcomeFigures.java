package fi.silta.grants;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The managers' figures of what the grants achieved, from <b>accepted</b> use-of-funds reports only: people reached,
 * activities held, euros used and unused, per round and per organisation. Per funding the accepted final report counts;
 * an accepted interim report counts only while the final one is not accepted (the final report covers the whole
 * period, so the two are never added up). The figures of a report are those of its latest version (the one accepted).
 * One query over all accepted reports.
 */
@Service
public class GrantOutcomeFigures {

    /** The figures of one round or one organisation. */
    public record Outcome(long id, String name, long reports, long peopleReached, long activitiesHeld, BigDecimal used,
            BigDecimal unused) {

        Outcome plus(Row row) {
            return new Outcome(id, name, reports + 1, peopleReached + row.people, activitiesHeld + row.activities,
                    used.add(row.used), unused.add(row.unused));
        }
    }

    private record Row(long roundId, String roundName, long organisationId, String organisationName, long people,
            long activities, BigDecimal used, BigDecimal unused) {
    }

    private static final String ACCEPTED = "select f.round_id, g.name_fi, f.organisation_id, o.name, v.people_reached, v.activities_held, "
            + "v.unused, (select coalesce(sum(l.used), 0) from grant_report_line l where l.version_id = v.id) used "
            + "from grant_report r join grant_funding f on f.id = r.funding_id "
            + "join grant_round g on g.id = f.round_id join organisation o on o.id = f.organisation_id "
            + "join grant_report_version v on v.report_id = r.id "
            + "and v.version = (select max(v2.version) from grant_report_version v2 where v2.report_id = r.id) "
            + "where r.status = 'ACCEPTED' and (r.kind = 'FINAL' or not exists (select 1 from grant_report r2 "
            + "where r2.funding_id = r.funding_id and r2.kind = 'FINAL' and r2.status = 'ACCEPTED'))";

    private final JdbcClient jdbc;

    public GrantOutcomeFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Per round, rounds in the order of their ids. */
    public List<Outcome> perRound() {
        Map<Long, Outcome> out = new LinkedHashMap<>();
        for (Row row : rows(null)) {
            out.merge(row.roundId, zero(row.roundId, row.roundName).plus(row), (a, b) -> a.plus(row));
        }
        return sorted(out);
    }

    /** Per organisation, in one round ({@code roundId}) or in all (null). */
    public List<Outcome> perOrganisation(Long roundId) {
        Map<Long, Outcome> out = new LinkedHashMap<>();
        for (Row row : rows(roundId)) {
            out.merge(row.organisationId, zero(row.organisationId, row.organisationName).plus(row), (a, b) -> a.plus(row));
        }
        return sorted(out);
    }

    /** The totals of one round (empty figures when it has no accepted report). */
    public Outcome ofRound(long roundId) {
        return perRound().stream().filter(o -> o.id() == roundId).findFirst().orElse(zero(roundId, ""));
    }

    private List<Row> rows(Long roundId) {
        String sql = ACCEPTED + (roundId == null ? "" : " and f.round_id = ?") + " order by f.round_id, f.organisation_id";
        var statement = jdbc.sql(sql);
        if (roundId != null) {
            statement = statement.param(roundId);
        }
        return statement.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
                rs.getLong(6), rs.getBigDecimal(8), rs.getBigDecimal(7))).list();
    }

    private static Outcome zero(long id, String name) {
        return new Outcome(id, name, 0, 0, 0, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2));
    }

    private static List<Outcome> sorted(Map<Long, Outcome> out) {
        List<Outcome> list = new ArrayList<>(out.values());
        list.sort(java.util.Comparator.comparing(Outcome::id));
        return list;
    }
}
