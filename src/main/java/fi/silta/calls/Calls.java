package fi.silta.calls;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import fi.silta.web.InvalidInput;
import fi.silta.web.Moment;

/**
 * The one place that says whether a call is open and that keeps its answers: a submission is
 * in time when the server received it inside the window (not when a timer fired), drafts are
 * editable and answers withdrawable until the deadline, and where the call takes one answer per
 * organisation the database holds that (unique {@code call_answer_one_active}) even when two
 * answers arrive at the same instant.
 */
@Service
public class Calls {

    /** How the first answer's time is named in a refusal (the bundles add "klo"/"kl."/"at"). */
    private static final String NO_SCOPE = "";
    private static final String COLUMNS = "id, call_kind, call_id, scope, organisation_id, case_id, answered_by_email, "
            + "answered_by_name, answered_at, active_key";

    private final JdbcClient jdbc;
    private final Clock clock;

    public Calls(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The instant the server received the request being handled now. */
    public OffsetDateTime received() {
        return OffsetDateTime.now(clock);
    }

    /** Whether something received at {@code instant} is in time for the call. */
    public boolean isOpen(Call call, OffsetDateTime instant) {
        return call.published() && !instant.isBefore(call.opensAt()) && instant.isBefore(call.closesAt());
    }

    /** Whether the call is open now. */
    public boolean isOpenNow(Call call) {
        return isOpen(call, received());
    }

    /** Refuses with {@code messageKey} on {@code field} unless the call is open at {@code instant}. */
    public void requireOpen(Call call, OffsetDateTime instant, String field, String messageKey) {
        if (!isOpen(call, instant)) {
            throw InvalidInput.of(field, messageKey);
        }
    }

    /** The organisation's active answer to the call (in the scope), if any. */
    public Optional<CallAnswer> activeAnswer(String callKind, long callId, String scope, long organisationId) {
        return jdbc.sql("select " + COLUMNS + " from call_answer where call_kind = ? and call_id = ? and scope = ? "
                        + "and organisation_id = ? and withdrawn_at is null order by id fetch first 1 rows only")
                .params(callKind, callId, scope(scope), organisationId).query(Calls::answer).optional();
    }

    /**
     * Records an answer received at {@code at} (call it in the transaction that stores the answer,
     * before the rest): {@link AlreadyAnswered} when the call takes one answer per organisation and
     * the organisation has an active one, also when the other one is being stored at the same instant.
     */
    public long answer(Call call, String scope, long organisationId, String byEmail, String byName, OffsetDateTime at) {
        String s = scope(scope);
        if (call.oneAnswerPerOrganisation() && activeAnswer(call.callKind(), call.callId(), s, organisationId).isPresent()) {
            throw new AlreadyAnswered(call, s, organisationId);
        }
        try {
            var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
            jdbc.sql("insert into call_answer (call_kind, call_id, scope, organisation_id, answered_by_email, "
                            + "answered_by_name, answered_at, active_key) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(call.callKind(), call.callId(), s, organisationId, byEmail, byName, at,
                            call.oneAnswerPerOrganisation() ? 1 : null)
                    .update(key, "id");
            return key.getKey().longValue();
        } catch (DuplicateKeyException | PessimisticLockingFailureException | QueryTimeoutException sameInstant) {
            // another answer of the organisation is being stored: the index waited for it (or gave up waiting)
            throw new AlreadyAnswered(call, s, organisationId);
        }
    }

    /** Links an answer to the case it opened. */
    public void attachCase(long answerId, long caseId) {
        jdbc.sql("update call_answer set case_id = ? where id = ?").params(caseId, answerId).update();
    }

    /** Withdraws the answer of a case: the organisation may answer again while the call is open. */
    public void withdraw(long caseId, OffsetDateTime at) {
        jdbc.sql("update call_answer set active_key = null, withdrawn_at = ? where case_id = ? and withdrawn_at is null")
                .params(at, caseId).update();
    }

    /**
     * The refusal for people, on {@code field}: {@code calls.alreadyAnswered} naming when (Helsinki
     * time) and by whom the first answer was given. Read it after the refused transaction ended.
     */
    public InvalidInput refusal(AlreadyAnswered refused, String field) {
        return activeAnswer(refused.callKind(), refused.callId(), refused.scope(), refused.organisationId())
                .map(first -> InvalidInput.of(field, "calls.alreadyAnswered",
                        new Moment(first.answeredAt().toInstant()), first.answeredByName()))
                // still being stored, or withdrawn meanwhile: the organisation may try again in a moment
                .orElseGet(() -> InvalidInput.of(field, "calls.answerNotSettled"));
    }

    private static String scope(String scope) {
        return scope == null ? NO_SCOPE : scope;
    }

    private static CallAnswer answer(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        long caseId = rs.getLong("case_id");
        boolean noCase = rs.wasNull();
        return new CallAnswer(rs.getLong("id"), rs.getString("call_kind"), rs.getLong("call_id"), rs.getString("scope"),
                rs.getLong("organisation_id"), noCase ? null : caseId, rs.getString("answered_by_email"),
                rs.getString("answered_by_name"), rs.getObject("answered_at", OffsetDateTime.class), rs.getObject("active_key") != null);
    }
}
