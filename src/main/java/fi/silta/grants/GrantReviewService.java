package fi.silta.grants;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.security.Roles;
import fi.silta.security.StaffDirectory;
import fi.silta.security.StaffDirectory.StaffMember;
import fi.silta.web.InvalidInput;

/**
 * One reviewer on one application: the disqualification question (hallintolaki 28 §), the
 * replacement from the pool, and the scores, which only an assigned reviewer who is not
 * disqualified may give.
 */
@Service
public class GrantReviewService {

    /** Grounds of disqualification the form offers (hallintolaki 28 §). */
    public static final Set<String> GROUNDS = Set.of("boardMember", "employee", "relative", "personalInterest", "other");

    /** One row of a score sheet: the criterion, its weight, the score (0–5) and its justification. */
    public record SheetRow(long criterionId, String criterion, BigDecimal weight, BigDecimal score, String justification) {
    }

    private final GrantReviewRepository reviews;
    private final GrantApplicationRepository applications;
    private final GrantRoundRepository rounds;
    private final GrantScoring scoring;
    private final StaffDirectory staff;
    private final Clock clock;

    public GrantReviewService(GrantReviewRepository reviews, GrantApplicationRepository applications, GrantRoundRepository rounds,
            GrantScoring scoring, StaffDirectory staff, Clock clock) {
        this.reviews = reviews;
        this.applications = applications;
        this.rounds = rounds;
        this.scoring = scoring;
        this.staff = staff;
        this.clock = clock;
    }

    @Transactional
    public void register(long applicationId, String reviewer) {
        if (reviews.find(applicationId, reviewer).isEmpty()) {
            reviews.assign(applicationId, reviewer, now());
        }
    }

    /** Records the answer to the disqualification question; a ground is required when disqualified. */
    @Transactional
    public void declare(long applicationId, String reviewer, boolean disqualified, String ground, String note) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (disqualified && (ground == null || !GROUNDS.contains(ground))) {
            errors.add("disqualificationGround", "grants.disqualification.ground");
        }
        if (disqualified && "other".equals(ground) && (note == null || note.isBlank())) {
            errors.add("disqualificationNote", "grants.disqualification.note");
        }
        errors.throwIfAny();
        // only for an application the reviewer is assigned to and has not answered for: the application's id
        // comes from a process variable, which whoever completes the task could have changed
        reviews.find(applicationId, reviewer).filter(r -> "ASSIGNED".equals(r.status()))
                .orElseThrow(() -> InvalidInput.of("disqualified", "grants.score.notAssigned"));
        reviews.declared(applicationId, reviewer, now());
        if (disqualified) {
            reviews.disqualify(applicationId, reviewer, ground, note, now());
        }
    }

    /**
     * Refuses unless the reviewer is assigned to the application, has answered the disqualification
     * question and is not disqualified: only then may the application's content be put before them.
     */
    @Transactional(readOnly = true)
    public void requireMayReview(long applicationId, String reviewer) {
        reviews.find(applicationId, reviewer).filter(r -> "ASSIGNED".equals(r.status()))
                .filter(r -> reviews.isDeclared(r.id()))
                .orElseThrow(() -> InvalidInput.of("scores", "grants.score.notAssigned"));
    }

    /** A reviewer of the round's pool who has not been on this application yet. */
    public Optional<String> replacement(long applicationId) {
        long roundId = applications.find(applicationId).orElseThrow().roundId();
        Set<String> used = usedReviewers(applicationId);
        return rounds.reviewers(roundId).stream().filter(user -> !used.contains(user)).findFirst();
    }

    /** When the pool has run out: any member of the reviewers group not yet on this application. */
    public List<StaffMember> candidatesOutsidePool(long applicationId) {
        Set<String> used = usedReviewers(applicationId);
        return staff.members(Roles.REVIEWER.groupId()).stream().filter(member -> !used.contains(member.id())).toList();
    }

    public boolean canBeChosen(long applicationId, String userId) {
        return candidatesOutsidePool(applicationId).stream().anyMatch(member -> member.id().equals(userId));
    }

    /** The empty score sheet of the round's criteria. */
    public List<SheetRow> emptySheet(long applicationId) {
        long roundId = applications.find(applicationId).orElseThrow().roundId();
        return rounds.criteria(roundId).stream()
                .map(c -> new SheetRow(c.id(), c.nameFi(), c.weight(), null, null)).toList();
    }

    /**
     * Stores a reviewer's scores after checking them: the reviewer must be assigned to the
     * application and not disqualified, every criterion scored 0–5 with a justification.
     */
    @Transactional
    public BigDecimal storeScores(long applicationId, String reviewer, List<SheetRow> rows) {
        GrantReviewRepository.Review review = reviews.find(applicationId, reviewer)
                .filter(r -> "ASSIGNED".equals(r.status()))
                .orElseThrow(() -> InvalidInput.of("scores", "grants.score.notAssigned"));
        List<SheetRow> expected = emptySheet(applicationId);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        List<CriterionScore> scores = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            SheetRow criterion = expected.get(i);
            SheetRow given = rows.stream().filter(r -> r.criterionId() == criterion.criterionId()).findFirst().orElse(null);
            CriterionScore score = new CriterionScore(criterion.criterion(), criterion.weight(),
                    given == null ? null : given.score(), given == null ? null : given.justification());
            GrantRules.checkScore("scores[" + i + "]", score, i, errors);
            scores.add(score);
        }
        errors.throwIfAny();
        BigDecimal total = scoring.score(List.of(new ReviewSheet(reviewer, scores)), BigDecimal.ZERO, BigDecimal.valueOf(5))
                .reviewerTotals().get(0);
        List<GrantReviewRepository.Score> stored = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            stored.add(new GrantReviewRepository.Score(expected.get(i).criterionId(), scores.get(i).score().intValueExact(),
                    scores.get(i).justification().strip()));
        }
        reviews.scored(review.id(), stored, total, now());
        return total;
    }

    private Set<String> usedReviewers(long applicationId) {
        return reviews.byApplication(applicationId).stream().map(GrantReviewRepository.Review::reviewerUserId)
                .collect(Collectors.toSet());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
