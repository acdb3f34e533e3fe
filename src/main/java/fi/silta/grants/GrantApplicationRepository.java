package fi.silta.grants;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import fi.silta.engine.RecordRows;

@Repository
public class GrantApplicationRepository {

    private static final String COLUMNS = "id, case_id, round_id, organisation_id, contact_email, status, activity, target_group, "
            + "goals, amount, municipalities, submitted_at, updated_at, board_members, final_score, score_note";
    private final JdbcClient jdbc;

    public GrantApplicationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long roundId, long organisationId, String contactEmail, String activity, String targetGroup, String goals,
            BigDecimal amount, String municipalities, String boardMembers, OffsetDateTime now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into grant_application (round_id, organisation_id, contact_email, status, activity, target_group, goals, "
                        + "amount, municipalities, board_members, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(roundId, organisationId, contactEmail, GrantApplication.Status.DRAFT.name(), activity, targetGroup, goals,
                        amount, municipalities, boardMembers, now)
                .update(key, "id");
        return key.getKey().longValue();
    }

    public long insertDraft(long roundId, long organisationId, String contactEmail, String draftValues, OffsetDateTime now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into grant_application (round_id, organisation_id, contact_email, status, draft_values, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(roundId, organisationId, contactEmail, GrantApplication.Status.DRAFT.name(), draftValues, now)
                .update(key, "id");
        return key.getKey().longValue();
    }

    public void updateDraft(long applicationId, String draftValues, OffsetDateTime now) {
        jdbc.sql("update grant_application set draft_values = ?, updated_at = ? where id = ? and status = ?")
                .params(draftValues, now, applicationId, GrantApplication.Status.DRAFT.name()).update();
    }

    /** Writes the checked values of a draft about to be submitted. */
    public void fill(long applicationId, String activity, String targetGroup, String goals, BigDecimal amount,
            String municipalities, String boardMembers, OffsetDateTime now) {
        jdbc.sql("update grant_application set activity = ?, target_group = ?, goals = ?, amount = ?, municipalities = ?, "
                        + "board_members = ?, updated_at = ? where id = ? and status = ?")
                .params(activity, targetGroup, goals, amount, municipalities, boardMembers, now, applicationId,
                        GrantApplication.Status.DRAFT.name())
                .update();
    }

    public Optional<GrantApplication> findDraft(long roundId, long organisationId, String contactEmail) {
        return jdbc.sql("select " + COLUMNS + " from grant_application where round_id = ? and organisation_id = ? "
                        + "and contact_email = ? and status = ? order by id fetch first 1 rows only")
                .params(roundId, organisationId, contactEmail, GrantApplication.Status.DRAFT.name())
                .query(RecordRows.of(GrantApplication.class)).optional();
    }

    public Optional<String> draftValues(long applicationId) {
        return jdbc.sql("select draft_values from grant_application where id = ?").param(applicationId).query(String.class).optional();
    }

    public void replaceBudgetLines(long applicationId, List<BudgetLine> lines) {
        jdbc.sql("delete from grant_budget_line where application_id = ?").param(applicationId).update();
        int position = 1;
        for (BudgetLine line : lines) {
            jdbc.sql("insert into grant_budget_line (application_id, position, description, amount) values (?, ?, ?, ?)")
                    .params(applicationId, position++, line.description(), line.amount()).update();
        }
    }

    /** The municipalities (codes) and target groups the application names, a row each, as the dashboards count them. */
    public void replaceAreas(long applicationId, List<String> municipalities, List<String> targetGroups) {
        jdbc.sql("delete from grant_application_municipality where application_id = ?").param(applicationId).update();
        jdbc.sql("delete from grant_application_target_group where application_id = ?").param(applicationId).update();
        addCodes("grant_application_municipality", applicationId, municipalities);
        addCodes("grant_application_target_group", applicationId, targetGroups);
    }

    /** A row of {@code table} (grant_application_municipality or _target_group) per distinct code. */
    private void addCodes(String table, long applicationId, List<String> codes) {
        for (String code : new java.util.LinkedHashSet<>(codes)) {
            jdbc.sql("insert into " + table + " (application_id, code) values (?, ?)").params(applicationId, code).update();
        }
    }

    /** The target groups the application chose (codes of the form's options), in the form's order of storing. */
    public List<String> targetGroups(long applicationId) {
        return jdbc.sql("select code from grant_application_target_group where application_id = ? order by code")
                .param(applicationId).query(String.class).list();
    }

    /**
     * Gives applications submitted before their municipalities had rows of their own (V105) those rows, from
     * the comma-separated codes; at start, idempotent (an application with rows is never read again).
     *
     * @return how many applications got rows
     */
    public int indexMunicipalities() {
        List<java.util.Map<String, Object>> missing = jdbc.sql("select id, municipalities from grant_application a "
                        + "where municipalities is not null and status <> 'DRAFT' "
                        + "and not exists (select 1 from grant_application_municipality m where m.application_id = a.id)")
                .query().listOfRows();
        for (java.util.Map<String, Object> row : missing) {
            long id = ((Number) row.get("id")).longValue();
            List<String> codes = java.util.Arrays.stream(row.get("municipalities").toString().split(","))
                    .map(String::strip).filter(c -> c.matches("\\d{3}")).toList();
            addCodes("grant_application_municipality", id, codes);
        }
        return missing.size();
    }

    public void submitted(long applicationId, long caseId, OffsetDateTime at) {
        jdbc.sql("update grant_application set case_id = ?, status = ?, submitted_at = ?, updated_at = ? where id = ?")
                .params(caseId, GrantApplication.Status.SUBMITTED.name(), at, at, applicationId).update();
    }

    public void setStatus(long applicationId, GrantApplication.Status status, OffsetDateTime at) {
        jdbc.sql("update grant_application set status = ?, updated_at = ? where id = ?").params(status.name(), at, applicationId)
                .update();
    }

    public void scored(long applicationId, BigDecimal finalScore, String note, OffsetDateTime at) {
        jdbc.sql("update grant_application set status = ?, final_score = ?, score_note = ?, updated_at = ? where id = ?")
                .params(GrantApplication.Status.SCORED.name(), finalScore, note, at, applicationId).update();
    }

    public Optional<GrantApplication> find(long applicationId) {
        return jdbc.sql("select " + COLUMNS + " from grant_application where id = ?").param(applicationId)
                .query(RecordRows.of(GrantApplication.class)).optional();
    }

    /** The id of the application of the case with this reference (a grant process's business key). */
    public Optional<Long> idOfCase(String caseReference) {
        return jdbc.sql("select a.id from grant_application a join case_file c on c.id = a.case_id where c.reference = ?")
                .param(caseReference).query(Long.class).optional();
    }

    public Optional<GrantApplication> findByCase(long caseId) {
        return jdbc.sql("select " + COLUMNS + " from grant_application where case_id = ?").param(caseId)
                .query(RecordRows.of(GrantApplication.class)).optional();
    }

    public List<BudgetLine> budgetLines(long applicationId) {
        return jdbc.sql("select description, amount from grant_budget_line where application_id = ? order by position")
                .param(applicationId).query(RecordRows.of(BudgetLine.class)).list();
    }

    /**
     * The organisation's earlier applications in the round that count (submitted and not withdrawn): a later
     * application never makes an earlier one ineligible.
     */
    public int otherApplications(long roundId, long organisationId, long applicationId) {
        return jdbc.sql("select count(*) from grant_application where round_id = ? and organisation_id = ? "
                        + "and status not in ('DRAFT', 'WITHDRAWN') and case_id < (select case_id from grant_application where id = ?)")
                .params(roundId, organisationId, applicationId).query(Integer.class).single();
    }

    /** The round's scored applications, best first (ties by submission time). */
    public List<GrantApplication> ranking(long roundId) {
        return jdbc.sql("select " + COLUMNS + " from grant_application where round_id = ? and status = ? "
                        + "order by final_score desc, submitted_at")
                .params(roundId, GrantApplication.Status.SCORED.name()).query(RecordRows.of(GrantApplication.class)).list();
    }

    /** Submitted applications (drafts not counted) per round, in one grouped query. */
    public Map<Long, Long> submittedCountsByRound() {
        Map<Long, Long> counts = new java.util.HashMap<>();
        jdbc.sql("select round_id, count(*) from grant_application where status <> 'DRAFT' group by round_id")
                .query((rs, i) -> counts.put(rs.getLong(1), rs.getLong(2))).list();
        return counts;
    }

    public List<GrantApplication> byRound(long roundId) {
        return jdbc.sql("select " + COLUMNS + " from grant_application where round_id = ? order by id").param(roundId)
                .query(RecordRows.of(GrantApplication.class)).list();
    }
}
