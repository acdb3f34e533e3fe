package fi.silta.grants;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import fi.silta.engine.RecordRows;

/** Who reviews which application, who was disqualified and why, and the scores given. */
@Repository
public class GrantReviewRepository {

    public record Review(long id, long applicationId, String reviewerUserId, String status, String disqualification,
            String disqualificationNote, BigDecimal total) {
    }

    public record Score(long criterionId, int score, String justification) {
    }

    private final JdbcClient jdbc;

    public GrantReviewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long assign(long applicationId, String reviewer, OffsetDateTime now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into grant_review (application_id, reviewer_user_id, status, created_at) values (?, ?, 'ASSIGNED', ?)")
                .params(applicationId, reviewer, now).update(key, "id");
        return key.getKey().longValue();
    }

    /** The reviewer answered the disqualification question (and was not disqualified, or is about to be). */
    public void declared(long applicationId, String reviewer, OffsetDateTime now) {
        jdbc.sql("update grant_review set declared_at = ? where application_id = ? and reviewer_user_id = ? and declared_at is null")
                .params(now, applicationId, reviewer).update();
    }

    /** Where a reviewer stands on the application of a case: status and whether the disqualification question is answered. */
    public record ReviewerStanding(String status, boolean declared) {
    }

    public Optional<ReviewerStanding> standing(long caseId, String reviewer) {
        return jdbc.sql("select r.status, r.declared_at is not null as declared from grant_review r "
                        + "join grant_application a on a.id = r.application_id where a.case_id = ? and r.reviewer_user_id = ?")
                .params(caseId, reviewer).query(RecordRows.of(ReviewerStanding.class)).optional();
    }

    public void disqualify(long applicationId, String reviewer, String ground, String note, OffsetDateTime now) {
        jdbc.sql("update grant_review set status = 'DISQUALIFIED', disqualification = ?, disqualification_note = ?, decided_at = ? "
                        + "where application_id = ? and reviewer_user_id = ? and status = 'ASSIGNED'")
                .params(ground, note, now, applicationId, reviewer).update();
    }

    public void scored(long reviewId, List<Score> scores, BigDecimal total, OffsetDateTime now) {
        for (Score s : scores) {
            jdbc.sql("insert into grant_score (review_id, criterion_id, score, justification) values (?, ?, ?, ?)")
                    .params(reviewId, s.criterionId(), s.score(), s.justification()).update();
        }
        jdbc.sql("update grant_review set status = 'SCORED', total = ?, decided_at = ? where id = ?").params(total, now, reviewId).update();
    }

    public boolean isDeclared(long reviewId) {
        return jdbc.sql("select count(*) from grant_review where id = ? and declared_at is not null").param(reviewId)
                .query(Long.class).single() == 1;
    }

    public Optional<Review> find(long applicationId, String reviewer) {
        return jdbc.sql("select id, application_id, reviewer_user_id, status, disqualification, disqualification_note, total "
                        + "from grant_review where application_id = ? and reviewer_user_id = ?")
                .params(applicationId, reviewer).query(RecordRows.of(Review.class)).optional();
    }

    public List<Review> byApplication(long applicationId) {
        return jdbc.sql("select id, application_id, reviewer_user_id, status, disqualification, disqualification_note, total "
                        + "from grant_review where application_id = ? order by id")
                .param(applicationId).query(RecordRows.of(Review.class)).list();
    }

    public List<Score> scores(long reviewId) {
        return jdbc.sql("select criterion_id, score, justification from grant_score where review_id = ? order by criterion_id")
                .param(reviewId).query(RecordRows.of(Score.class)).list();
    }

    /** A score of a finished (SCORED) review, with its review, for a decision's reasons. */
    public record GivenScore(long reviewId, long criterionId, int score, String justification) {
    }

    /** The scores of the application's finished reviews, review by review. */
    public List<GivenScore> givenScores(long applicationId) {
        return jdbc.sql("select s.review_id, s.criterion_id, s.score, s.justification from grant_score s "
                        + "join grant_review r on r.id = s.review_id where r.application_id = ? and r.status = 'SCORED' "
                        + "order by s.review_id, s.criterion_id")
                .param(applicationId).query(RecordRows.of(GivenScore.class)).list();
    }
}
