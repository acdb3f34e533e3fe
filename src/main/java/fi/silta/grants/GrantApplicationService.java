package fi.silta.grants;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.organisations.Organisation;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.ReferenceData;

/**
 * What {@code grantApplication} does with an application, as plain Java: eligibility facts,
 * reviewers, the weighted score. The rules themselves are the DMN tables.
 */
@Service
public class GrantApplicationService {

    private final GrantApplicationRepository applications;
    private final GrantRoundRepository rounds;
    private final GrantReviewRepository reviews;
    private final OrganisationRepository organisations;
    private final ReferenceData referenceData;
    private final GrantEligibility eligibility;
    private final GrantScoring scoring;
    private final Clock clock;
    private final GrantEligibilityChecks checks;
    private final GrantReportService reports;

    public GrantApplicationService(GrantApplicationRepository applications, GrantRoundRepository rounds,
            GrantReviewRepository reviews, OrganisationRepository organisations, ReferenceData referenceData,
            GrantEligibility eligibility, GrantScoring scoring, Clock clock, GrantEligibilityChecks checks,
            GrantReportService reports) {
        this.checks = checks;
        this.reports = reports;
        this.applications = applications;
        this.rounds = rounds;
        this.reviews = reviews;
        this.organisations = organisations;
        this.referenceData = referenceData;
        this.eligibility = eligibility;
        this.scoring = scoring;
        this.clock = clock;
    }

    /** Evaluates {@code grantEligibility} with the application's facts and keeps what it saw and said (the staff case page shows it). */
    @Transactional
    public EligibilityResult checkEligibility(long applicationId) {
        GrantApplication application = application(applicationId);
        GrantRound round = round(application.roundId());
        Organisation organisation = organisations.find(application.organisationId()).orElseThrow();
        String county = referenceData.servedCounty().code();
        boolean actsInCounty = organisation.municipalityCodes().stream()
                .anyMatch(code -> referenceData.municipality(code).map(m -> county.equals(m.countyCode())).orElse(false));
        EligibilityInput input = new EligibilityInput(organisation.type(), actsInCounty, application.amount(),
                round.maxAmount(), applications.otherApplications(round.id(), organisation.id(), applicationId),
                round.multipleApplications(), reports.overdue(organisation.id()));
        EligibilityResult result = eligibility.evaluate(input);
        checks.record(applicationId, OffsetDateTime.now(clock), input, result);
        return result;
    }

    @Transactional
    public void setStatus(long applicationId, GrantApplication.Status status) {
        applications.setStatus(applicationId, status, OffsetDateTime.now(clock));
    }

    /**
     * The round's reviewers-per-application from its pool, those with the fewest applications in
     * the round first (then by user id, so the choice is repeatable).
     */
    @Transactional
    public List<String> assignReviewers(long applicationId) {
        GrantApplication application = application(applicationId);
        GrantRound round = round(application.roundId());
        Map<String, Long> load = applications.byRound(round.id()).stream()
                .flatMap(a -> reviews.byApplication(a.id()).stream())
                .collect(Collectors.groupingBy(GrantReviewRepository.Review::reviewerUserId, Collectors.counting()));
        List<String> pool = new ArrayList<>(rounds.reviewers(round.id()));
        pool.sort(Comparator.comparing((String user) -> load.getOrDefault(user, 0L)).thenComparing(user -> user));
        applications.setStatus(applicationId, GrantApplication.Status.IN_REVIEW, OffsetDateTime.now(clock));
        return List.copyOf(pool.subList(0, Math.min(round.reviewersPerApplication(), pool.size())));
    }

    /** {@code grantScoring} over the reviewers' score sheets. */
    public ScoringResult computeScore(long applicationId) {
        GrantApplication application = application(applicationId);
        GrantRound round = round(application.roundId());
        Map<Long, Criterion> criteria = rounds.criteria(round.id()).stream()
                .collect(Collectors.toMap(Criterion::id, c -> c));
        List<ReviewSheet> sheets = reviews.byApplication(applicationId).stream()
                .filter(r -> "SCORED".equals(r.status()))
                .map(r -> new ReviewSheet(r.reviewerUserId(), reviews.scores(r.id()).stream()
                        .map(s -> new CriterionScore(criteria.get(s.criterionId()).nameFi(), criteria.get(s.criterionId()).weight(),
                                BigDecimal.valueOf(s.score()), s.justification()))
                        .toList()))
                .toList();
        return scoring.score(sheets, round.minimumScore(), round.disagreementThreshold());
    }

    @Transactional
    public void recordScore(long applicationId, BigDecimal finalScore, String note) {
        applications.scored(applicationId, finalScore, note, OffsetDateTime.now(clock));
    }

    /** The id of the application of the case with this reference; empty when there is none. */
    public java.util.Optional<Long> idOfCase(String caseReference) {
        return applications.idOfCase(caseReference);
    }

    public GrantApplication application(long applicationId) {
        return applications.find(applicationId).orElseThrow(() -> new IllegalArgumentException("no application " + applicationId));
    }

    GrantRound round(long roundId) {
        return rounds.find(roundId).orElseThrow(() -> new IllegalArgumentException("no round " + roundId));
    }
}
