package fi.silta.grants;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.web.InvalidInput;

/**
 * Disqualification (hallintolaki 28 §) of those who allocate and decide a round's grants: each
 * coordinator who works on the allocation, the decision maker and the substitute declare on which
 * applications of the round they are disqualified (none is a declaration too), with a reason when
 * there is one. A declared disqualification stays: a later declaration may only add to it.
 */
@Service
public class GrantRoundDisqualifications {

    public enum Role {
        COORDINATOR, DECISION_MAKER, SUBSTITUTE
    }

    /** A declaration: the applications its maker is disqualified on (empty: none). */
    public record Declaration(String userId, Role role, Set<Long> disqualifiedOn, String note, OffsetDateTime declaredAt) {
    }

    private final JdbcClient jdbc;
    private final GrantRoundRepository rounds;
    private final GrantApplicationRepository applications;
    private final Clock clock;

    public GrantRoundDisqualifications(JdbcClient jdbc, GrantRoundRepository rounds, GrantApplicationRepository applications,
            Clock clock) {
        this.jdbc = jdbc;
        this.rounds = rounds;
        this.applications = applications;
        this.clock = clock;
    }

    /**
     * Stores a declaration: the applications must be the round's, and a new disqualification needs
     * its reason. A disqualification once declared stays (a later declaration may only add to it;
     * leaving one out is refused), and declarations close when the round is decided.
     */
    @Transactional
    public void declare(long roundId, String userId, Role role, Collection<Long> disqualifiedOn, String note) {
        GrantRound.Status status = rounds.lock(roundId);
        if (status == GrantRound.Status.DECIDED || status == GrantRound.Status.CONFIGURING || status == GrantRound.Status.PUBLISHED) {
            throw InvalidInput.of("disqualifiedOn", "grants.disqualification.closed");
        }
        Set<Long> ofRound = new HashSet<>(applications.byRound(roundId).stream().map(GrantApplication::id).toList());
        Set<Long> chosen = new HashSet<>(disqualifiedOn);
        if (!ofRound.containsAll(chosen)) {
            throw InvalidInput.of("disqualifiedOn", "grants.allocation.notInRound");
        }
        Set<Long> before = disqualifiedOn(roundId, userId, role);
        if (!chosen.containsAll(before)) {
            throw InvalidInput.of("disqualifiedOn", "grants.disqualification.cannotWithdraw");
        }
        chosen.removeAll(before);
        String reason = note == null || note.isBlank() ? null : note.strip();
        if (!chosen.isEmpty() && reason == null) {
            throw InvalidInput.of("disqualificationNote", "grants.disqualification.reason");
        }
        if (reason != null && reason.length() > GrantAllocationService.REASON_MAX) {
            throw InvalidInput.of("disqualificationNote", "form.maxLength", GrantAllocationService.REASON_MAX);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (declaration(roundId, userId, role).isEmpty()) {
            jdbc.sql("insert into grant_round_declaration (round_id, user_id, role, note, declared_at) values (?, ?, ?, ?, ?)")
                    .params(roundId, userId, role.name(), reason, now).update();
        }
        for (long applicationId : chosen) {
            jdbc.sql("insert into grant_round_disqualification (round_id, user_id, role, application_id, note, declared_at) "
                            + "values (?, ?, ?, ?, ?, ?)")
                    .params(roundId, userId, role.name(), applicationId, reason, now).update();
        }
    }

    public Optional<Declaration> declaration(long roundId, String userId, Role role) {
        return jdbc.sql("select note, declared_at from grant_round_declaration where round_id = ? and user_id = ? and role = ?")
                .params(roundId, userId, role.name())
                .query((rs, n) -> new Declaration(userId, role, disqualifiedOn(roundId, userId, role), rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class)))
                .optional();
    }

    /** The applications {@code userId} declared a disqualification on in this role. */
    public Set<Long> disqualifiedOn(long roundId, String userId, Role role) {
        return new HashSet<>(jdbc.sql("select application_id from grant_round_disqualification where round_id = ? and user_id = ? "
                        + "and role = ?").params(roundId, userId, role.name()).query(Long.class).list());
    }

    /** Every declaration of the round, for its page (a disqualification's reason with the first one). */
    public List<Declaration> all(long roundId) {
        return jdbc.sql("select user_id, role, note, declared_at from grant_round_declaration where round_id = ? order by declared_at")
                .param(roundId)
                .query((rs, n) -> {
                    Role role = Role.valueOf(rs.getString(2));
                    String notes = String.join(" / ", jdbc.sql("select distinct note from grant_round_disqualification where round_id = ? "
                            + "and user_id = ? and role = ?").params(roundId, rs.getString(1), role.name()).query(String.class).list());
                    return new Declaration(rs.getString(1), role, disqualifiedOn(roundId, rs.getString(1), role),
                            notes.isEmpty() ? rs.getString(3) : notes, rs.getObject(4, OffsetDateTime.class));
                })
                .list();
    }

    /**
     * Who decides on an application of the round after its grant decision (a change request, a recovery): the round's
     * decision maker, or its substitute when the decision maker declared a disqualification on the application
     * (hallintolaki 28 §: as the grant itself was decided); null when there is nobody (then nobody may decide).
     */
    public String deciderOf(long roundId, long applicationId) {
        GrantRound round = rounds.find(roundId).orElse(null);
        if (round == null) {
            return null;
        }
        return disqualifiedOn(roundId, round.decisionMakerUserId(), Role.DECISION_MAKER).contains(applicationId)
                ? round.substituteDecisionMakerUserId() : round.decisionMakerUserId();
    }

    /** Refuses {@code userId} acting as {@code role} without a declaration on the round. */
    void requireDeclared(long roundId, String userId, Role role) {
        if (userId == null || declaration(roundId, userId, role).isEmpty()) {
            throw InvalidInput.of("disqualifiedOn", "grants.disqualification.declareFirst");
        }
    }
}
