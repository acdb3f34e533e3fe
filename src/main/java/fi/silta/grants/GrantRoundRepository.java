package fi.silta.grants;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import fi.silta.engine.RecordRows;

/** Rounds, their criteria and reviewer pools. */
@Repository
public class GrantRoundRepository {

    private static final String COLUMNS = "id, process_instance_id, name_fi, name_sv, description_fi, description_sv, budget, "
            + "max_amount, opens_at, closes_at, contact_user_id, reviewers_per_application, decision_maker_user_id, "
            + "disagreement_threshold, minimum_score, multiple_applications, state_grant, state_grant_conditions, status, created_at, "
            + "substitute_decision_maker_user_id";
    private final JdbcClient jdbc;

    public GrantRoundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new round being configured, with the defaults of the issue (2 reviewers, one application per organisation). */
    public long insert(String processInstanceId, String nameFi, String nameSv, String descriptionFi, String descriptionSv,
            BigDecimal budget, BigDecimal maxAmount, OffsetDateTime opensAt, OffsetDateTime closesAt, OffsetDateTime now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into grant_round (process_instance_id, name_fi, name_sv, description_fi, description_sv, budget, "
                        + "max_amount, opens_at, closes_at, reviewers_per_application, disagreement_threshold, minimum_score, "
                        + "multiple_applications, state_grant, status, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, 2, 1.00, 2.50, false, false, ?, ?)")
                .params(processInstanceId, nameFi, nameSv, descriptionFi, descriptionSv, budget, maxAmount, opensAt, closesAt,
                        GrantRound.Status.CONFIGURING.name(), now)
                .update(key, "id");
        return key.getKey().longValue();
    }

    public void configure(long roundId, String contactUserId, int reviewersPerApplication, String decisionMakerUserId,
            BigDecimal disagreementThreshold, BigDecimal minimumScore, boolean multipleApplications, boolean stateGrant,
            String stateGrantConditions) {
        jdbc.sql("update grant_round set contact_user_id = ?, reviewers_per_application = ?, decision_maker_user_id = ?, "
                        + "disagreement_threshold = ?, minimum_score = ?, multiple_applications = ?, state_grant = ?, "
                        + "state_grant_conditions = ? where id = ? and status = ?")
                .params(contactUserId, reviewersPerApplication, decisionMakerUserId, disagreementThreshold, minimumScore,
                        multipleApplications, stateGrant, stateGrantConditions, roundId, GrantRound.Status.CONFIGURING.name())
                .update();
    }

    /** Replaces the criteria of a round that is still being configured (frozen once published). */
    public void replaceCriteria(long roundId, List<Criterion> criteria) {
        requireConfiguring(roundId);
        jdbc.sql("delete from grant_criterion where round_id = ?").param(roundId).update();
        for (Criterion c : criteria) {
            jdbc.sql("insert into grant_criterion (round_id, position, name_fi, name_sv, weight) values (?, ?, ?, ?, ?)")
                    .params(roundId, c.position(), c.nameFi(), c.nameSv(), c.weight()).update();
        }
    }

    public void replaceReviewers(long roundId, List<String> userIds) {
        jdbc.sql("delete from grant_reviewer where round_id = ?").param(roundId).update();
        userIds.stream().distinct().forEach(user ->
                jdbc.sql("insert into grant_reviewer (round_id, user_id) values (?, ?)").params(roundId, user).update());
    }

    public void setClosesAt(long roundId, java.time.OffsetDateTime closesAt) {
        jdbc.sql("update grant_round set closes_at = ? where id = ?").params(closesAt, roundId).update();
    }

    public void setStatus(long roundId, GrantRound.Status status) {
        jdbc.sql("update grant_round set status = ? where id = ?").params(status.name(), roundId).update();
    }

    public Optional<GrantRound> find(long roundId) {
        return jdbc.sql("select " + COLUMNS + " from grant_round where id = ?").param(roundId).query(RecordRows.of(GrantRound.class)).optional();
    }

    /** Every round, newest first (the staff's list of rounds). */
    public List<GrantRound> all() {
        return jdbc.sql("select " + COLUMNS + " from grant_round order by created_at desc, id desc").query(RecordRows.of(GrantRound.class)).list();
    }

    /** The rounds shown on the portal's front page: published and not yet closed. */
    public List<GrantRound> published() {
        return jdbc.sql("select " + COLUMNS + " from grant_round where status = ? order by closes_at")
                .param(GrantRound.Status.PUBLISHED.name()).query(RecordRows.of(GrantRound.class)).list();
    }

    /**
     * Locks the round's row until the transaction ends and returns its status: whatever decides
     * "every application is ready" or moves the allocation on runs one at a time per round.
     */
    public GrantRound.Status lock(long roundId) {
        return GrantRound.Status.valueOf(jdbc.sql("select status from grant_round where id = ? for update").param(roundId)
                .query(String.class).single());
    }

    /** Moves the round from one status to the next; false when it was not in {@code from}. */
    public boolean moveStatus(long roundId, GrantRound.Status from, GrantRound.Status to) {
        return jdbc.sql("update grant_round set status = ? where id = ? and status = ?").params(to.name(), roundId, from.name())
                .update() == 1;
    }

    public void setPaymentTerms(long roundId, int firstInstalmentPercent, java.time.LocalDate interimReportDue,
            java.time.LocalDate reportDue) {
        jdbc.sql("update grant_round set first_instalment_percent = ?, interim_report_due = ?, report_due = ? where id = ?")
                .params(firstInstalmentPercent, interimReportDue, reportDue, roundId).update();
    }

    public GrantRoundService.PaymentTerms paymentTerms(long roundId) {
        return jdbc.sql("select first_instalment_percent, interim_report_due, report_due from grant_round where id = ?").param(roundId)
                .query((rs, n) -> new GrantRoundService.PaymentTerms(rs.getInt(1),
                        rs.getDate(2) == null ? null : rs.getDate(2).toLocalDate(), rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate()))
                .optional().orElse(GrantRoundService.PaymentTerms.DEFAULT);
    }

    public void setSubstituteDecisionMaker(long roundId, String userId) {
        jdbc.sql("update grant_round set substitute_decision_maker_user_id = ? where id = ?").params(userId, roundId).update();
    }

    public void setProcessInstance(long roundId, String processInstanceId) {
        jdbc.sql("update grant_round set process_instance_id = ? where id = ?").params(processInstanceId, roundId).update();
    }

    public void reviewClosed(long roundId, String note, String by) {
        jdbc.sql("update grant_round set review_closed_note = ?, review_closed_by = ? where id = ?").params(note, by, roundId)
                .update();
    }

    /** Why the coordinator closed the review early; empty when it was not closed early. */
    public Optional<String> reviewClosedNote(long roundId) {
        return jdbc.sql("select review_closed_note from grant_round where id = ?").param(roundId).query(String.class).list()
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Rounds in a status, newest first. */
    public List<GrantRound> withStatus(GrantRound.Status status) {
        return jdbc.sql("select " + COLUMNS + " from grant_round where status = ? order by closes_at desc, id desc")
                .param(status.name()).query(RecordRows.of(GrantRound.class)).list();
    }

    public List<Criterion> criteria(long roundId) {
        return jdbc.sql("select id, round_id, position, name_fi, name_sv, weight from grant_criterion where round_id = ? order by position")
                .param(roundId).query(RecordRows.of(Criterion.class)).list();
    }

    public List<String> reviewers(long roundId) {
        return jdbc.sql("select user_id from grant_reviewer where round_id = ? order by user_id").param(roundId)
                .query(String.class).list();
    }

    private void requireConfiguring(long roundId) {
        GrantRound round = find(roundId).orElseThrow(() -> new IllegalArgumentException("no round " + roundId));
        if (round.status() != GrantRound.Status.CONFIGURING) {
            throw new IllegalStateException("the criteria of round " + roundId + " are frozen");
        }
    }
}
