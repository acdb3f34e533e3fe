package fi.silta.grants;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fi.silta.engine.RecordRows;

/** A round's allocation ({@code grant_allocation}) and what happened to it ({@code grant_allocation_event}). */
@Repository
public class GrantAllocationRepository {

    /** One application in the allocation: Silta's proposal and the amount now, with the last change. */
    public record Row(long applicationId, long roundId, int position, GrantDecision.Basis basis, BigDecimal amountAsked,
            BigDecimal proposedAmount, BigDecimal amount, String changeReason, String changedBy, OffsetDateTime changedAt,
            String decidedBy) {

        /**
         * Whether the application may be granted money at all: one that was scored (below the minimum too,
         * with a reason); not a rejected one (ineligible, incomplete), nor one whose review was closed
         * before it was checked and scored.
         */
        public boolean grantable() {
            return basis == GrantDecision.Basis.SCORED || basis == GrantDecision.Basis.BELOW_MINIMUM;
        }
    }

    public enum EventKind {
        PROPOSED, CHANGED, SUBMITTED, RETURNED, APPROVED, REVIEW_CLOSED
    }

    /** Who did what to the allocation, and when. */
    public record Event(long id, long roundId, Long applicationId, EventKind kind, BigDecimal amount, BigDecimal previousAmount,
            Integer position, Integer previousPosition, String note, String actor, OffsetDateTime at) {
    }

    private static final String COLUMNS = "application_id, round_id, position, basis, amount_asked, proposed_amount, amount, "
            + "change_reason, changed_by, changed_at, decided_by";
    private final JdbcClient jdbc;

    public GrantAllocationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Row> rows(long roundId) {
        return jdbc.sql("select " + COLUMNS + " from grant_allocation where round_id = ? order by position").param(roundId)
                .query(RecordRows.of(Row.class)).list();
    }

    public Optional<Row> row(long roundId, long applicationId) {
        return jdbc.sql("select " + COLUMNS + " from grant_allocation where round_id = ? and application_id = ?")
                .params(roundId, applicationId).query(RecordRows.of(Row.class)).optional();
    }

    public void replace(long roundId, List<Row> rows) {
        jdbc.sql("delete from grant_allocation where round_id = ?").param(roundId).update();
        for (Row row : rows) {
            jdbc.sql("insert into grant_allocation (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(row.applicationId(), roundId, row.position(), row.basis().name(), row.amountAsked(),
                            row.proposedAmount(), row.amount(), row.changeReason(), row.changedBy(), row.changedAt(), null)
                    .update();
        }
    }

    public void change(long roundId, long applicationId, BigDecimal amount, String reason, String actor, OffsetDateTime at) {
        jdbc.sql("update grant_allocation set amount = ?, change_reason = ?, changed_by = ?, changed_at = ? "
                        + "where round_id = ? and application_id = ?")
                .params(amount, reason, actor, at, roundId, applicationId).update();
    }

    /** Who decides the application: fixed when the decision maker approves. */
    public void decidedBy(long roundId, long applicationId, String userId) {
        jdbc.sql("update grant_allocation set decided_by = ? where round_id = ? and application_id = ?")
                .params(userId, roundId, applicationId).update();
    }

    public void position(long roundId, long applicationId, int position) {
        jdbc.sql("update grant_allocation set position = ? where round_id = ? and application_id = ?")
                .params(position, roundId, applicationId).update();
    }

    public BigDecimal total(long roundId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from grant_allocation where round_id = ?").param(roundId)
                .query(BigDecimal.class).single();
    }

    public void event(long roundId, Long applicationId, EventKind kind, BigDecimal amount, BigDecimal previousAmount,
            Integer position, Integer previousPosition, String note, String actor, OffsetDateTime at) {
        jdbc.sql("insert into grant_allocation_event (round_id, application_id, kind, amount, previous_amount, position, "
                        + "previous_position, note, actor, at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(roundId, applicationId, kind.name(), amount, previousAmount, position, previousPosition, note, actor, at)
                .update();
    }

    public List<Event> events(long roundId) {
        return jdbc.sql("select id, round_id, application_id, kind, amount, previous_amount, position, previous_position, note, "
                        + "actor, at from grant_allocation_event where round_id = ? order by id")
                .param(roundId).query(RecordRows.of(Event.class)).list();
    }

    /** The latest event of this kind: e.g. the approval, or the comments of the last return. */
    public Optional<Event> latest(long roundId, EventKind kind) {
        return events(roundId).stream().filter(e -> e.kind() == kind).reduce((first, second) -> second);
    }
}
