package fi.silta.grants;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The recoveries of grants paid out ({@code grant_recovery}, {@code grant_recovery_payment}). */
@Repository
public class GrantRecoveries {

    static final String COLUMNS = "id, funding_id, case_id, reason, description, status, funding_status_before, amount, reasons, "
            + "due_on, prepared_by, return_comments, decided_by, decided_at, language, document_id, notice, outbox_mail_id, "
            + "letter_sent_on, received_on, rectification_last_day, process_instance_id, started_by, created_at, closed_at";

    private final JdbcClient jdbc;

    public GrantRecoveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long fundingId, long caseId, GrantRecovery.Reason reason, String description,
            GrantFunding.Status fundingStatusBefore, String language, String processInstanceId, String startedBy, OffsetDateTime now) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into grant_recovery (funding_id, case_id, reason, description, status, funding_status_before, language, "
                + "process_instance_id, started_by, created_at) values (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?)")
                .params(fundingId, caseId, reason.name(), description, fundingStatusBefore.name(), language, processInstanceId,
                        startedBy, now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /**
     * The id of the case's funding (the newest, should there be more). Read here with {@code list()}: a JdbcClient
     * {@code stream()} left unclosed (as {@code GrantFundings.ofCase} does) keeps its connection outside a transaction.
     */

    public Optional<GrantRecovery> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from grant_recovery where id = ?").param(id).query(GrantRecoveries::recovery).optional();
    }

    public Optional<GrantRecovery> ofProcess(String processInstanceId) {
        return jdbc.sql("select " + COLUMNS + " from grant_recovery where process_instance_id = ?").param(processInstanceId)
                .query(GrantRecoveries::recovery).optional();
    }

    public List<GrantRecovery> ofCase(long caseId) {
        return jdbc.sql("select " + COLUMNS + " from grant_recovery where case_id = ? order by id").param(caseId)
                .query(GrantRecoveries::recovery).list();
    }

    public List<GrantRecovery> ofFunding(long fundingId) {
        return jdbc.sql("select " + COLUMNS + " from grant_recovery where funding_id = ? order by id").param(fundingId)
                .query(GrantRecoveries::recovery).list();
    }

    /** The funding's recovery that still runs, if any. */
    public Optional<GrantRecovery> openOf(long fundingId) {
        return ofFunding(fundingId).stream().filter(r -> r.status().open()).findFirst();
    }

    public void prepared(long id, BigDecimal amount, String reasons, LocalDate dueOn, String preparedBy) {
        jdbc.sql("update grant_recovery set amount = ?, reasons = ?, due_on = ?, prepared_by = ? where id = ?")
                .params(amount, reasons, dueOn, preparedBy, id).update();
    }

    public void returned(long id, String comments) {
        jdbc.sql("update grant_recovery set return_comments = ? where id = ?").params(comments, id).update();
    }

    public void decided(long id, String decidedBy, OffsetDateTime at) {
        jdbc.sql("update grant_recovery set status = 'DECIDED', decided_by = ?, decided_at = ?, return_comments = null where id = ?")
                .params(decidedBy, at, id).update();
    }

    public void documentStored(long id, long documentId) {
        jdbc.sql("update grant_recovery set document_id = ? where id = ?").params(documentId, id).update();
    }

    public void mailed(long id, long outboxMailId) {
        jdbc.sql("update grant_recovery set notice = 'MAIL', outbox_mail_id = ? where id = ?").params(outboxMailId, id).update();
    }

    public void letterSent(long id, LocalDate sentOn) {
        jdbc.sql("update grant_recovery set notice = 'LETTER', letter_sent_on = ? where id = ?").params(sentOn, id).update();
    }

    public void received(long id, LocalDate receivedOn, LocalDate rectificationLastDay) {
        jdbc.sql("update grant_recovery set received_on = ?, rectification_last_day = ? where id = ?")
                .params(receivedOn, rectificationLastDay, id).update();
    }

    public void status(long id, GrantRecovery.Status status, LocalDate dueOn, OffsetDateTime closedAt) {
        jdbc.sql("update grant_recovery set status = ?, due_on = coalesce(?, due_on), closed_at = ? where id = ?")
                .params(status.name(), dueOn, closedAt, id).update();
    }

    public void recordPayment(long recoveryId, GrantRecovery.Outcome outcome, BigDecimal amountReceived, LocalDate newDueOn, String note,
            String recordedBy, OffsetDateTime at) {
        jdbc.sql("insert into grant_recovery_payment (recovery_id, outcome, amount_received, new_due_on, note, recorded_by, recorded_at) "
                + "values (?, ?, ?, ?, ?, ?, ?)").params(recoveryId, outcome.name(), amountReceived, newDueOn, note, recordedBy, at).update();
    }

    public List<GrantRecovery.Payment> payments(long recoveryId) {
        return jdbc.sql("select id, outcome, amount_received, new_due_on, note, recorded_by, recorded_at from grant_recovery_payment "
                + "where recovery_id = ? order by id").param(recoveryId)
                .query((rs, n) -> new GrantRecovery.Payment(rs.getLong("id"), GrantRecovery.Outcome.valueOf(rs.getString("outcome")),
                        rs.getBigDecimal("amount_received"), day(rs, "new_due_on"), rs.getString("note"), rs.getString("recorded_by"),
                        rs.getObject("recorded_at", OffsetDateTime.class)))
                .list();
    }

    /** The euros received so far on this recovery. */
    public BigDecimal received(long recoveryId) {
        return jdbc.sql("select coalesce(sum(amount_received), 0) from grant_recovery_payment where recovery_id = ?").param(recoveryId)
                .query(BigDecimal.class).single();
    }

    private static LocalDate day(ResultSet rs, String column) throws SQLException {
        java.sql.Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }

    static GrantRecovery recovery(ResultSet rs, int row) throws SQLException {
        long document = rs.getLong("document_id");
        Long documentId = rs.wasNull() ? null : document;
        long mail = rs.getLong("outbox_mail_id");
        Long mailId = rs.wasNull() ? null : mail;
        return new GrantRecovery(rs.getLong("id"), rs.getLong("funding_id"), rs.getLong("case_id"),
                GrantRecovery.Reason.valueOf(rs.getString("reason")), rs.getString("description"),
                GrantRecovery.Status.valueOf(rs.getString("status")), GrantFunding.Status.valueOf(rs.getString("funding_status_before")),
                rs.getBigDecimal("amount"), rs.getString("reasons"), day(rs, "due_on"), rs.getString("prepared_by"),
                rs.getString("return_comments"), rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class),
                rs.getString("language"), documentId, rs.getString("notice"), mailId, day(rs, "letter_sent_on"), day(rs, "received_on"),
                day(rs, "rectification_last_day"), rs.getString("process_instance_id"), rs.getString("started_by"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class));
    }
}
