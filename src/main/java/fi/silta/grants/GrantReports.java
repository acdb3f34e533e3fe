package fi.silta.grants;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The use-of-funds reports ({@code grant_report}, {@code grant_report_version}, {@code grant_report_line}). */
@Repository
public class GrantReports {

    private static final String COLUMNS = "id, funding_id, kind, process_instance_id, due_at, more_due_at, status";
    private static final String VERSION_COLUMNS = "id, report_id, version, terms_version, unused, people_reached, activities_held, "
            + "outcomes, document_ids, submitted_by, submitted_at, review, review_text, reviewed_by, reviewed_at";

    private final JdbcClient jdbc;

    public GrantReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<GrantReport> ofProcess(String processInstanceId) {
        return jdbc.sql("select " + COLUMNS + " from grant_report where process_instance_id = ?").param(processInstanceId)
                .query(GrantReports::report).optional();
    }

    public Optional<GrantReport> of(long fundingId, GrantReport.Kind kind) {
        return jdbc.sql("select " + COLUMNS + " from grant_report where funding_id = ? and kind = ?").params(fundingId, kind.name())
                .query(GrantReports::report).optional();
    }

    /** Holds the report's row until the transaction ends: one submission or review after the other. */
    public GrantReport lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from grant_report where id = ? for update").param(id).query(GrantReports::report)
                .optional().orElseThrow(() -> new IllegalArgumentException("no report " + id));
    }

    public List<GrantReport> ofFunding(long fundingId) {
        return jdbc.sql("select " + COLUMNS + " from grant_report where funding_id = ? order by id").param(fundingId)
                .query(GrantReports::report).list();
    }

    public long insert(long fundingId, GrantReport.Kind kind, String processInstanceId, OffsetDateTime dueAt, OffsetDateTime now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into grant_report (funding_id, kind, process_instance_id, due_at, status, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(fundingId, kind.name(), processInstanceId, dueAt, GrantReport.Status.AWAITED.name(), now).update(key, "id");
        return key.getKey().longValue();
    }

    public void due(long id, String processInstanceId, OffsetDateTime dueAt) {
        jdbc.sql("update grant_report set process_instance_id = ?, due_at = ? where id = ?").params(processInstanceId, dueAt, id).update();
    }

    public void status(long id, GrantReport.Status status) {
        jdbc.sql("update grant_report set status = ? where id = ?").params(status.name(), id).update();
    }

    public void moreAsked(long id, OffsetDateTime moreDueAt) {
        jdbc.sql("update grant_report set status = ?, more_due_at = ? where id = ?")
                .params(GrantReport.Status.MORE_ASKED.name(), moreDueAt, id).update();
    }

    /** Stores a version with its lines; the version number is one more than the report's latest. */
    public long insertVersion(long reportId, int termsVersion, BigDecimal unused, int peopleReached, int activitiesHeld,
            String outcomes, String documentIds, String by, OffsetDateTime at, List<GrantReport.Line> lines) {
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from grant_report_version where report_id = ?").param(reportId)
                .query(Integer.class).single();
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into grant_report_version (report_id, version, terms_version, unused, people_reached, activities_held, outcomes, "
                        + "document_ids, submitted_by, submitted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(reportId, version, termsVersion, unused, peopleReached, activitiesHeld, outcomes, documentIds, by, at)
                .update(key, "id");
        long id = key.getKey().longValue();
        for (GrantReport.Line line : lines) {
            jdbc.sql("insert into grant_report_line (version_id, position, description, budgeted, used) values (?, ?, ?, ?, ?)")
                    .params(id, line.position(), line.description(), line.budgeted(), line.used()).update();
        }
        return id;
    }

    public void review(long versionId, String review, String text, String by, OffsetDateTime at) {
        jdbc.sql("update grant_report_version set review = ?, review_text = ?, reviewed_by = ?, reviewed_at = ? where id = ?")
                .params(review, text, by, at, versionId).update();
    }

    /** The report's versions, oldest first, with their lines (two queries). */
    public List<GrantReport.Version> versions(long reportId) {
        Map<Long, List<GrantReport.Line>> lines = new LinkedHashMap<>();
        jdbc.sql("select l.version_id, l.position, l.description, l.budgeted, l.used from grant_report_line l "
                        + "join grant_report_version v on v.id = l.version_id where v.report_id = ? order by l.version_id, l.position")
                .param(reportId).query((rs, n) -> lines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new GrantReport.Line(rs.getInt(2), rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5))))
                .list();
        return jdbc.sql("select " + VERSION_COLUMNS + " from grant_report_version where report_id = ? order by version").param(reportId)
                .query((rs, n) -> new GrantReport.Version(rs.getLong("id"), rs.getLong("report_id"), rs.getInt("version"),
                        rs.getInt("terms_version"), rs.getBigDecimal("unused"), rs.getInt("people_reached"), rs.getInt("activities_held"),
                        rs.getString("outcomes"), rs.getString("document_ids"), rs.getString("submitted_by"),
                        rs.getObject("submitted_at", OffsetDateTime.class), rs.getString("review"), rs.getString("review_text"),
                        rs.getString("reviewed_by"), rs.getObject("reviewed_at", OffsetDateTime.class),
                        List.copyOf(lines.getOrDefault(rs.getLong("id"), List.of()))))
                .list();
    }

    /** The kinds of report of these fundings that have at least one version sent: "fundingId:KIND". */
    public java.util.Set<String> submitted(long organisationId) {
        return new java.util.HashSet<>(jdbc.sql("select distinct r.funding_id, r.kind from grant_report r "
                        + "join grant_funding f on f.id = r.funding_id "
                        + "where f.organisation_id = ? and exists (select 1 from grant_report_version v where v.report_id = r.id)")
                .param(organisationId).query((rs, n) -> rs.getLong(1) + ":" + rs.getString(2)).list());
    }

    static GrantReport report(ResultSet rs, int row) throws SQLException {
        return new GrantReport(rs.getLong("id"), rs.getLong("funding_id"), GrantReport.Kind.valueOf(rs.getString("kind")),
                rs.getString("process_instance_id"), rs.getObject("due_at", OffsetDateTime.class),
                rs.getObject("more_due_at", OffsetDateTime.class), GrantReport.Status.valueOf(rs.getString("status")));
    }
}
