package fi.silta.grants;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import fi.silta.engine.RecordRows;

/** Decisions on applications ({@code grant_decision}). */
@Repository
public class GrantDecisionRepository {

    static final String COLUMNS = "id, application_id, round_id, case_id, stage, outcome, basis, amount_asked, amount_granted, "
            + "score, change_reason, language, decided_by, decided_at, document_id, notice, outbox_mail_id, letter_sent_on, "
            + "received_on, rectification_last_day";
    private final JdbcClient jdbc;

    private final GrantRoundRepository rounds;

    public GrantDecisionRepository(JdbcClient jdbc, GrantRoundRepository rounds) {
        this.jdbc = jdbc;
        this.rounds = rounds;
    }

    public long insert(long applicationId, long roundId, long caseId, GrantDecision.Stage stage, GrantDecision.Basis basis,
            BigDecimal amountAsked, BigDecimal amountGranted, BigDecimal score, String changeReason, String language,
            String decidedBy, OffsetDateTime decidedAt) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into grant_decision (application_id, round_id, case_id, stage, outcome, basis, amount_asked, "
                        + "amount_granted, score, change_reason, language, decided_by, decided_at, original_of) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(applicationId, roundId, caseId, stage.name(), GrantDecision.Outcome.of(amountAsked, amountGranted).name(),
                        basis.name(), amountAsked, amountGranted, score, changeReason, language, decidedBy, decidedAt,
                        stage == GrantDecision.Stage.ORIGINAL ? applicationId : null)
                .update(key, "id");
        sumUp(roundId);
        return key.getKey().longValue();
    }

    /** The decision in force of each application: its newest (a rectification's over the round's). */
    static final String IN_FORCE = "not exists (select 1 from grant_decision n where n.application_id = d.application_id and n.id > d.id)";

    /**
     * Writes the round's totals of granted euros anew ({@code grant_round_total}): in all, per municipality and
     * per target group, each application's grant divided evenly among its municipalities (target groups). Holds
     * the round's row, so two decisions of one round (rectifications decided at once) sum up one after the other.
     */
    public void sumUp(long roundId) {
        rounds.lock(roundId);
        jdbc.sql("delete from grant_round_total where round_id = ?").param(roundId).update();
        String granted = "from grant_decision d where d.round_id = ? and d.amount_granted > 0 and " + IN_FORCE;
        jdbc.sql("insert into grant_round_total (round_id, kind, code, applications, euros) "
                + "select ?, 'ROUND', '', count(*), coalesce(sum(d.amount_granted), 0) " + granted).params(roundId, roundId).update();
        for (String[] area : new String[][] {{"MUNICIPALITY", "grant_application_municipality"}, {"TARGET_GROUP", "grant_application_target_group"}}) {
            jdbc.sql("insert into grant_round_total (round_id, kind, code, applications, euros) "
                    + "select ?, '" + area[0] + "', m.code, count(*), sum(cast(d.amount_granted as decimal(20, 6)) / s.n) "
                    + "from grant_decision d join " + area[1] + " m on m.application_id = d.application_id "
                    + "join (select application_id, count(*) n from " + area[1] + " group by application_id) s "
                    + "on s.application_id = d.application_id "
                    + "where d.round_id = ? and d.amount_granted > 0 and " + IN_FORCE + " group by m.code").params(roundId, roundId).update();
        }
        // granted applications that chose no target group (submitted before they were asked)
        jdbc.sql("insert into grant_round_total (round_id, kind, code, applications, euros) "
                + "select ?, 'TARGET_GROUP', '', count(*), sum(d.amount_granted) " + granted
                + " and not exists (select 1 from grant_application_target_group g where g.application_id = d.application_id) "
                + "having count(*) > 0").params(roundId, roundId).update();
    }

    /** Sums up the rounds with decisions and no totals yet (decided before V111); at start. */
    public int sumUpRoundsWithoutTotals() {
        List<Long> rounds = jdbc.sql("select distinct d.round_id from grant_decision d where not exists "
                + "(select 1 from grant_round_total t where t.round_id = d.round_id)").query(Long.class).list();
        rounds.forEach(this::sumUp);
        return rounds.size();
    }

    public Optional<GrantDecision> find(long decisionId) {
        return jdbc.sql("select " + COLUMNS + " from grant_decision where id = ?").param(decisionId)
                .query(RecordRows.of(GrantDecision.class)).optional();
    }

    /** The application's decision at this stage: the round's, or the latest on a request for rectification. */
    public Optional<GrantDecision> find(long applicationId, GrantDecision.Stage stage) {
        return jdbc.sql("select " + COLUMNS + " from grant_decision where application_id = ? and stage = ? order by id desc")
                .params(applicationId, stage.name()).query(RecordRows.of(GrantDecision.class)).list().stream().findFirst();
    }

    /** A case's decisions, the first first. */
    public List<GrantDecision> ofCase(long caseId) {
        return jdbc.sql("select " + COLUMNS + " from grant_decision where case_id = ? order by id").param(caseId)
                .query(RecordRows.of(GrantDecision.class)).list();
    }

    /** The round's decisions of a stage, in the allocation's order. */
    public List<GrantDecision> ofRound(long roundId, GrantDecision.Stage stage) {
        return jdbc.sql("select d.id, d.application_id, d.round_id, d.case_id, d.stage, d.outcome, d.basis, d.amount_asked, "
                        + "d.amount_granted, d.score, d.change_reason, d.language, d.decided_by, d.decided_at, d.document_id, "
                        + "d.notice, d.outbox_mail_id, d.letter_sent_on, d.received_on, d.rectification_last_day "
                        + "from grant_decision d left join grant_allocation a on a.application_id = d.application_id "
                        + "where d.round_id = ? and d.stage = ? order by a.position, d.id")
                .params(roundId, stage.name()).query(RecordRows.of(GrantDecision.class)).list();
    }

    /** Who approved the round's allocation and when (its latest {@code APPROVED} event); empty before approval. */
    public record Approval(String actor, OffsetDateTime at) {
    }

    public Optional<Approval> approval(long roundId) {
        return jdbc.sql("select actor, at from grant_allocation_event where round_id = ? and kind = 'APPROVED' "
                        + "order by at desc, id desc")
                .param(roundId).query(RecordRows.of(Approval.class)).list().stream().findFirst();
    }

    public void documentStored(long decisionId, long documentId) {
        jdbc.sql("update grant_decision set document_id = ? where id = ?").params(documentId, decisionId).update();
    }

    public void mailed(long decisionId, long outboxMailId) {
        jdbc.sql("update grant_decision set notice = 'ELECTRONIC', outbox_mail_id = ? where id = ?").params(outboxMailId, decisionId)
                .update();
    }

    public void letterSent(long decisionId, LocalDate sentOn) {
        jdbc.sql("update grant_decision set notice = 'LETTER', letter_sent_on = ? where id = ?").params(sentOn, decisionId).update();
    }

    public void received(long decisionId, LocalDate receivedOn, LocalDate rectificationLastDay) {
        jdbc.sql("update grant_decision set received_on = ?, rectification_last_day = ? where id = ?")
                .params(receivedOn, rectificationLastDay, decisionId).update();
    }
}
