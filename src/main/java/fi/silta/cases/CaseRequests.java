package fi.silta.cases;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the county asked of an outsider on a case and what the outsider answered (table
 * {@code case_request}): every request and answer of a case, where process variables keep only
 * the last. {@code topic} is the outsider task's definition key (e.g. {@code Task_ProvideSupplement}).
 */
@Repository
public class CaseRequests {

    /** One request; the answer fields are null while it is open, {@code lapsedAt} set when its time ran out unanswered. */
    public record CaseRequest(long id, String topic, String requestText, String requestedBy, OffsetDateTime requestedAt,
            OffsetDateTime dueAt, String answerText, String answeredBy, OffsetDateTime answeredAt, List<Long> documentIds,
            OffsetDateTime lapsedAt) {

        public boolean isOpen() {
            return answeredAt == null && lapsedAt == null;
        }
    }

    private final JdbcClient jdbc;

    public CaseRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void ask(long caseId, String topic, String requestText, String requestedBy, OffsetDateTime at, OffsetDateTime dueAt) {
        jdbc.sql("insert into case_request (case_id, topic, request_text, requested_by, requested_at, due_at) values (?, ?, ?, ?, ?, ?)")
                .params(caseId, topic, requestText, requestedBy, at, dueAt).update();
    }

    /** Records the answer to the case's open request of this topic (the latest one); false when none is open. */
    public boolean answer(long caseId, String topic, String answerText, String answeredBy, OffsetDateTime at, String documentIds) {
        return jdbc.sql("update case_request set answer_text = ?, answered_by = ?, answered_at = ?, document_ids = ? "
                        + "where id = (select max(id) from case_request where case_id = ? and topic = ? "
                        + "and answered_at is null and lapsed_at is null)")
                .params(answerText, answeredBy, at, documentIds, caseId, topic).update() == 1;
    }

    /** Marks the case's open request of this topic as lapsed (its time ran out). */
    public void lapse(long caseId, String topic, OffsetDateTime at) {
        jdbc.sql("update case_request set lapsed_at = ? where case_id = ? and topic = ? and answered_at is null and lapsed_at is null")
                .params(at, caseId, topic).update();
    }

    /** Every request of the case, oldest first. */
    public List<CaseRequest> of(long caseId) {
        return jdbc.sql("select id, topic, request_text, requested_by, requested_at, due_at, answer_text, answered_by, answered_at, "
                        + "document_ids, lapsed_at from case_request where case_id = ? order by requested_at, id")
                .param(caseId)
                .query((rs, n) -> new CaseRequest(rs.getLong("id"), rs.getString("topic"), rs.getString("request_text"),
                        rs.getString("requested_by"), rs.getObject("requested_at", OffsetDateTime.class),
                        rs.getObject("due_at", OffsetDateTime.class), rs.getString("answer_text"), rs.getString("answered_by"),
                        rs.getObject("answered_at", OffsetDateTime.class), ids(rs.getString("document_ids")),
                        rs.getObject("lapsed_at", OffsetDateTime.class)))
                .list();
    }

    static List<Long> ids(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> s.matches("\\d+")).map(Long::valueOf).toList();
    }
}
