package fi.silta.commenting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.silta.commenting.CommentingRound.Question;
import fi.silta.commenting.CommentingRound.Status;

/** The rounds, their invitations, info sessions, answers, responses, reminders and events. */
@Repository
public class CommentingRoundRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUND = "select * from commenting_round";
    private static final String ANSWER = "select a.id, a.round_id, a.case_id, c.reference, a.organisation_id, o.name, a.answers, "
            + "a.contact_name, a.submitted_at, o.business_id from commenting_answer a join case_file c on c.id = a.case_id "
            + "join organisation o on o.id = a.organisation_id";

    private final JdbcClient jdbc;

    public CommentingRoundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String reference, String processInstanceId, String titleFi, String titleSv, OffsetDateTime closesAt, OffsetDateTime now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into commenting_round (reference, process_instance_id, title_fi, title_sv, questions, invitation_only, "
                        + "reminder_days, opens_at, closes_at, status, created_at) values (?, ?, ?, ?, '[]', true, '7,1', ?, ?, ?, ?)")
                .params(reference, processInstanceId, titleFi, titleSv, now, closesAt, Status.CONFIGURING.name(), now)
                .update(key, "id");
        return key.getKey().longValue();
    }

    public Optional<CommentingRound> find(long id) {
        return jdbc.sql(ROUND + " where id = ?").param(id).query(CommentingRoundRepository::round).optional();
    }

    /** The round a planCommentingRound instance runs (its process variables are not trusted for this). */
    Optional<CommentingRound> findByProcessInstance(String processInstanceId) {
        return jdbc.sql(ROUND + " where process_instance_id = ?").param(processInstanceId).query(CommentingRoundRepository::round).optional();
    }

    public Optional<CommentingRound> findByReference(String reference) {
        return jdbc.sql(ROUND + " where reference = ?").param(reference).query(CommentingRoundRepository::round).optional();
    }

    /** Locks the round's row until the transaction ends: answers, closing and extending wait for each other. */
    Optional<CommentingRound> lock(long id) {
        return jdbc.sql(ROUND + " where id = ? for update").param(id).query(CommentingRoundRepository::round).optional();
    }

    /** Every round, newest first. */
    public List<CommentingRound> all() {
        return jdbc.sql(ROUND + " order by created_at desc, id desc").query(CommentingRoundRepository::round).list();
    }

    /** The rounds shown on the portal: open ones and published summaries. */
    public List<CommentingRound> onPortal() {
        return jdbc.sql(ROUND + " where status <> ? order by closes_at desc, id desc").param(Status.CONFIGURING.name())
                .query(CommentingRoundRepository::round).list();
    }

    void configure(long id, String descriptionFi, String descriptionSv, List<String> links, List<Question> questions,
            boolean invitationOnly, List<Integer> reminderDays, String contactUserId, String decisionMakerUserId) {
        jdbc.sql("update commenting_round set description_fi = ?, description_sv = ?, links = ?, questions = ?, invitation_only = ?, "
                        + "reminder_days = ?, contact_user_id = ?, decision_maker_user_id = ? where id = ?")
                .params(descriptionFi, descriptionSv, String.join("\n", links), json(questions), invitationOnly,
                        String.join(",", reminderDays.stream().map(String::valueOf).toList()), contactUserId, decisionMakerUserId, id)
                .update();
    }

    void setStatus(long id, Status status, OffsetDateTime at) {
        String column = switch (status) {
            case OPEN -> "opens_at";
            case CLOSED -> "closed_at";
            case PUBLISHED -> "published_at";
            case CONFIGURING -> "created_at";
        };
        jdbc.sql("update commenting_round set status = ?, " + column + " = ? where id = ?").params(status.name(), at, id).update();
    }

    void closedEarly(long id, String reason) {
        jdbc.sql("update commenting_round set closed_early_reason = ? where id = ?").params(reason, id).update();
    }

    void setClosesAt(long id, OffsetDateTime closesAt) {
        jdbc.sql("update commenting_round set closes_at = ? where id = ?").params(closesAt, id).update();
    }

    void replaceInvitations(long roundId, List<Long> organisationIds) {
        jdbc.sql("delete from commenting_invitation where round_id = ?").param(roundId).update();
        for (long organisationId : organisationIds) {
            jdbc.sql("insert into commenting_invitation (round_id, organisation_id) values (?, ?)").params(roundId, organisationId).update();
        }
    }

    public List<Long> invitedOrganisations(long roundId) {
        return jdbc.sql("select organisation_id from commenting_invitation where round_id = ? order by organisation_id").param(roundId)
                .query(Long.class).list();
    }

    public boolean isInvited(long roundId, long organisationId) {
        return jdbc.sql("select count(*) from commenting_invitation where round_id = ? and organisation_id = ?")
                .params(roundId, organisationId).query(Long.class).single() > 0;
    }

    void replaceInfoSessions(long roundId, List<InfoSession> sessions) {
        jdbc.sql("delete from commenting_info_session where round_id = ?").param(roundId).update();
        for (InfoSession s : sessions) {
            jdbc.sql("insert into commenting_info_session (round_id, starts_at, ends_at, place, online_url) values (?, ?, ?, ?, ?)")
                    .params(roundId, s.startsAt(), s.endsAt(), s.place(), s.onlineUrl()).update();
        }
    }

    public List<InfoSession> infoSessions(long roundId) {
        return jdbc.sql("select * from commenting_info_session where round_id = ? order by starts_at, id").param(roundId)
                .query((rs, row) -> new InfoSession(rs.getLong("id"), rs.getLong("round_id"), rs.getObject("starts_at", OffsetDateTime.class),
                        rs.getObject("ends_at", OffsetDateTime.class), rs.getString("place"), rs.getString("online_url")))
                .list();
    }

    long insertAnswer(long roundId, long caseId, long organisationId, Map<String, String> answers, String contactName, OffsetDateTime at) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into commenting_answer (round_id, case_id, organisation_id, answers, contact_name, submitted_at) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(roundId, caseId, organisationId, json(answers), contactName, at).update(key, "id");
        return key.getKey().longValue();
    }

    /** The answers of a round in the order they came. */
    public List<CommentAnswer> answers(long roundId) {
        return jdbc.sql(ANSWER + " where a.round_id = ? order by a.submitted_at, a.id").param(roundId)
                .query(CommentingRoundRepository::answer).list();
    }

    public Optional<CommentAnswer> answerOfCase(long caseId) {
        return jdbc.sql(ANSWER + " where a.case_id = ?").param(caseId).query(CommentingRoundRepository::answer).optional();
    }

    public long answerCount(long roundId) {
        return jdbc.sql("select count(*) from commenting_answer where round_id = ?").param(roundId).query(Long.class).single();
    }

    void saveResponse(CommentResponse response) {
        int updated = jdbc.sql("update commenting_response set response_fi = ?, response_sv = ?, written_by = ?, written_at = ? "
                        + "where round_id = ? and question_key = ? and answer_id = ?")
                .params(response.responseFi(), response.responseSv(), response.writtenBy(), response.writtenAt(), response.roundId(),
                        response.questionKey(), response.answerId())
                .update();
        if (updated == 0) {
            jdbc.sql("insert into commenting_response (round_id, question_key, answer_id, response_fi, response_sv, written_by, written_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?)")
                    .params(response.roundId(), response.questionKey(), response.answerId(), response.responseFi(), response.responseSv(),
                            response.writtenBy(), response.writtenAt())
                    .update();
        }
    }

    void deleteResponse(long roundId, String questionKey, long answerId) {
        jdbc.sql("delete from commenting_response where round_id = ? and question_key = ? and answer_id = ?")
                .params(roundId, questionKey, answerId).update();
    }

    public List<CommentResponse> responses(long roundId) {
        return jdbc.sql("select * from commenting_response where round_id = ? order by question_key, answer_id").param(roundId)
                .query((rs, row) -> new CommentResponse(rs.getLong("round_id"), rs.getString("question_key"), rs.getLong("answer_id"),
                        rs.getString("response_fi"), rs.getString("response_sv"), rs.getString("written_by"),
                        rs.getObject("written_at", OffsetDateTime.class)))
                .list();
    }

    /** Records a reminder to an organisation; false when it was already sent (this point, this organisation). */
    boolean reminderSent(long roundId, int daysBefore, long organisationId, OffsetDateTime at) {
        boolean sent = jdbc.sql("select count(*) from commenting_reminder where round_id = ? and days_before = ? and organisation_id = ?")
                .params(roundId, daysBefore, organisationId).query(Long.class).single() > 0;
        if (sent) {
            return false;
        }
        jdbc.sql("insert into commenting_reminder (round_id, days_before, organisation_id, sent_at) values (?, ?, ?, ?)")
                .params(roundId, daysBefore, organisationId, at).update();
        return true;
    }

    /** Forgets the reminders of a point so that it is reminded again (a point the extended deadline moved ahead). */
    void forgetReminders(long roundId, int daysBefore) {
        jdbc.sql("delete from commenting_reminder where round_id = ? and days_before = ?").params(roundId, daysBefore).update();
    }

    /** What happened to a round. */
    public record Event(long id, String kind, String detail, String byUser, OffsetDateTime at) {
    }

    void event(long roundId, String kind, String detail, String byUser, OffsetDateTime at) {
        jdbc.sql("insert into commenting_event (round_id, kind, detail, by_user, at) values (?, ?, ?, ?, ?)")
                .params(roundId, kind, detail, byUser, at).update();
    }

    public List<Event> events(long roundId) {
        return jdbc.sql("select * from commenting_event where round_id = ? order by at, id").param(roundId)
                .query((rs, row) -> new Event(rs.getLong("id"), rs.getString("kind"), rs.getString("detail"), rs.getString("by_user"),
                        rs.getObject("at", OffsetDateTime.class)))
                .list();
    }

    private static CommentingRound round(ResultSet rs, int row) throws SQLException {
        String links = rs.getString("links");
        String days = rs.getString("reminder_days");
        return new CommentingRound(rs.getLong("id"), rs.getString("reference"), rs.getString("process_instance_id"),
                rs.getString("title_fi"), rs.getString("title_sv"), rs.getString("description_fi"), rs.getString("description_sv"),
                links == null || links.isBlank() ? List.of() : List.of(links.split("\n")),
                read(rs.getString("questions"), new TypeReference<List<Question>>() { }), rs.getBoolean("invitation_only"),
                days == null || days.isBlank() ? List.of() : Arrays.stream(days.split(",")).map(String::strip).map(Integer::valueOf).toList(),
                rs.getObject("opens_at", OffsetDateTime.class), rs.getObject("closes_at", OffsetDateTime.class),
                Status.valueOf(rs.getString("status")), rs.getString("contact_user_id"), rs.getString("decision_maker_user_id"),
                rs.getObject("closed_at", OffsetDateTime.class), rs.getString("closed_early_reason"),
                rs.getObject("published_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class));
    }

    private static CommentAnswer answer(ResultSet rs, int row) throws SQLException {
        Map<String, String> answers = new LinkedHashMap<>(read(rs.getString("answers"), new TypeReference<Map<String, String>>() { }));
        return new CommentAnswer(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(10), answers,
                rs.getString(8), rs.getObject(9, OffsetDateTime.class));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
