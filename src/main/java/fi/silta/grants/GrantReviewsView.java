package fi.silta.grants;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;

/** Every review of a grant application with its scores per criterion: what the coordinator sees, reviewers do not. */
@Component
public class GrantReviewsView {

    public record ReviewView(String reviewer, String status, String disqualification, String note, String total,
            List<ScoreView> scores) {
    }

    public record ScoreView(String criterion, String weight, int score, String justification) {
    }

    private final GrantApplicationRepository applications;
    private final GrantReviewRepository reviews;
    private final GrantRoundRepository rounds;

    public GrantReviewsView(GrantApplicationRepository applications, GrantReviewRepository reviews, GrantRoundRepository rounds) {
        this.applications = applications;
        this.reviews = reviews;
        this.rounds = rounds;
    }

    /** The reviews with the criteria named in the reader's language (weights and totals as stored, for the reader's formats). */
    public List<ReviewView> of(CaseFile caseFile, Locale locale) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION) {
            return List.of();
        }
        return applications.findByCase(caseFile.id()).map(application -> {
            Map<Long, Criterion> criteria = rounds.criteria(application.roundId()).stream()
                    .collect(Collectors.toMap(Criterion::id, Function.identity()));
            return reviews.byApplication(application.id()).stream().map(r -> new ReviewView(r.reviewerUserId(), r.status(),
                    r.disqualification(), r.disqualificationNote(), r.total() == null ? null : r.total().toPlainString(),
                    reviews.scores(r.id()).stream().map(s -> new ScoreView(criteria.get(s.criterionId()).name(locale),
                            criteria.get(s.criterionId()).weight().stripTrailingZeros().toPlainString(), s.score(),
                            s.justification())).toList()))
                    .toList();
        }).orElse(List.of());
    }
}
