package fi.silta.grants;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.security.Roles;
import fi.silta.cases.DeadlineTimers;
import fi.silta.security.StaffDirectory;
import fi.silta.web.InvalidInput;

/**
 * A grant round's call (process {@code grantRound}): the draft from the start form, the
 * configuration with its criteria and reviewer pool, publishing (criteria frozen) and closing.
 * Every rule is checked here, on the server, whatever Tasklist's form did; input that breaks one is
 * refused with {@link InvalidInput} (message keys per field) before anything is stored.
 */
@Service
public class GrantRoundService {

    public static final String PROCESS_KEY = "grantRound";
    /** Business key of a round's process: {@code HAKU-12}. */
    public static final String REFERENCE_PREFIX = "HAKU-";
    static final BigDecimal HUNDRED = new BigDecimal("100");
    static final BigDecimal SCORE_MIN = BigDecimal.ZERO;
    static final BigDecimal SCORE_MAX = new BigDecimal("5");
    static final int NAME_MAX = 300;
    static final int TEXT_MAX = 4000;

    /** What the start form gives, checked and exact. */
    public record Draft(String nameFi, String nameSv, String descriptionFi, String descriptionSv, BigDecimal budget,
            BigDecimal maxAmount, OffsetDateTime opensAt, OffsetDateTime closesAt) {
    }

    /** A criterion as entered: names and weight in percent. */
    public record NewCriterion(String nameFi, String nameSv, BigDecimal weight) {
    }

    /** What the configuration task gives, checked. */
    public record Configuration(String contactUserId, List<String> reviewers, int reviewersPerApplication,
            String decisionMakerUserId, BigDecimal disagreementThreshold, BigDecimal minimumScore,
            boolean multipleApplications, boolean stateGrant, String stateGrantConditions, List<NewCriterion> criteria,
            String substituteDecisionMakerUserId) {
    }

    private final GrantRoundRepository rounds;
    private final StaffDirectory staff;
    private final Clock clock;
    private final DeadlineTimers deadlineTimers;

    public GrantRoundService(GrantRoundRepository rounds, StaffDirectory staff, Clock clock, DeadlineTimers deadlineTimers) {
        this.deadlineTimers = deadlineTimers;
        this.rounds = rounds;
        this.staff = staff;
        this.clock = clock;
    }

    public static String reference(long roundId) {
        return REFERENCE_PREFIX + roundId;
    }

    /**
     * Reads the start form: names and descriptions, budget and the most one application may ask
     * (typed euros), opening and closing (Helsinki time; closing after opening and in the future).
     */
    public Draft draft(Map<String, ?> input) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        fi.silta.portal.forms.TaskFormInput in = new fi.silta.portal.forms.TaskFormInput(input, errors);
        String nameFi = in.text("nameFi", true, NAME_MAX);
        String nameSv = in.text("nameSv", false, NAME_MAX);
        String descriptionFi = in.text("descriptionFi", true, TEXT_MAX);
        String descriptionSv = in.text("descriptionSv", false, TEXT_MAX);
        BigDecimal budget = in.money("budget");
        BigDecimal maxAmount = in.money("maxAmount");
        if (budget != null && maxAmount != null && maxAmount.compareTo(budget) > 0) {
            errors.add("maxAmount", "grants.round.maxAmount.overBudget");
        }
        OffsetDateTime opensAt = in.dateTime("opensAt");
        OffsetDateTime closesAt = in.dateTime("closesAt");
        if (opensAt != null && closesAt != null && !closesAt.isAfter(opensAt)) {
            errors.add("closesAt", "grants.round.closesBeforeOpening");
        } else if (closesAt != null && !closesAt.isAfter(OffsetDateTime.now(clock))) {
            errors.add("closesAt", "grants.round.closesInPast");
        }
        errors.throwIfAny();
        return new Draft(nameFi, nameSv, descriptionFi, descriptionSv, budget, maxAmount, opensAt, closesAt);
    }

    /** Stores a new round being configured; returns its id. */
    @Transactional
    public long create(String processInstanceId, Draft draft) {
        return rounds.insert(processInstanceId, draft.nameFi(), draft.nameSv(), draft.descriptionFi(), draft.descriptionSv(),
                draft.budget(), draft.maxAmount(), draft.opensAt(), draft.closesAt(), OffsetDateTime.now(clock));
    }

    /**
     * Reads the configuration task: contact person (a coordinator), reviewer pool (reviewers, at
     * least one), reviewers per application (1 to the pool's size), decision maker, disagreement
     * threshold and minimum score (0–5), whether an organisation may send several applications,
     * state-grant conditions (required when the round passes on a state grant), and the criteria
     * (at least one, each named in Finnish, weights positive and adding up to 100).
     */
    public Configuration configuration(Map<String, ?> input) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        fi.silta.portal.forms.TaskFormInput in = new fi.silta.portal.forms.TaskFormInput(input, errors);

        String contact = in.text("contactPerson", true, 100);
        if (contact != null && !staff.isMember(contact, Roles.COORDINATOR.groupId())) {
            errors.add("contactPerson", "grants.round.notInGroup", contact);
        }
        List<String> reviewers = in.strings("reviewers");
        if (reviewers.isEmpty()) {
            errors.add("reviewers", "grants.round.reviewers.none");
        }
        for (String reviewer : reviewers) {
            if (!staff.isMember(reviewer, Roles.REVIEWER.groupId())) {
                errors.add("reviewers", "grants.round.notInGroup", reviewer);
            }
        }
        int pool = Math.max(reviewers.size(), 1);
        Integer perApplication = in.integer("reviewersPerApplication", "grants.round.reviewersPerApplication.range", pool);
        if (perApplication != null && (perApplication < 1 || perApplication > pool)) {
            errors.add("reviewersPerApplication", "grants.round.reviewersPerApplication.range", pool);
        }
        String decisionMaker = in.text("decisionMaker", true, 100);
        if (decisionMaker != null && !staff.isMember(decisionMaker, Roles.DECISION_MAKER.groupId())) {
            errors.add("decisionMaker", "grants.round.notInGroup", decisionMaker);
        }
        // decides the cases the decision maker is disqualified on (hallintolaki 28 §)
        String substitute = in.text("substituteDecisionMaker", false, 100);
        if (substitute != null && !staff.isMember(substitute, Roles.DECISION_MAKER.groupId())) {
            errors.add("substituteDecisionMaker", "grants.round.notInGroup", substitute);
        } else if (substitute != null && substitute.equals(decisionMaker)) {
            errors.add("substituteDecisionMaker", "grants.round.substitute.same");
        }
        BigDecimal threshold = in.decimal("disagreementThreshold", SCORE_MIN, SCORE_MAX, "grants.round.score.range");
        BigDecimal minimum = in.decimal("minimumScore", SCORE_MIN, SCORE_MAX, "grants.round.score.range");
        boolean multiple = in.bool("multipleApplications");
        boolean stateGrant = in.bool("stateGrant");
        String conditions = stateGrant ? in.text("stateGrantConditions", true, TEXT_MAX) : null;
        List<NewCriterion> criteria = criteria(in, errors);
        errors.throwIfAny();
        return new Configuration(contact, reviewers, perApplication, decisionMaker, threshold, minimum, multiple, stateGrant,
                conditions, criteria, substitute);
    }

    /**
     * How the round's grants are paid and reported: the first instalment's percent (100 = one instalment, the
     * default; e.g. 60 = 60/40, the second after an accepted interim report), the interim report's due day
     * (required exactly when the payment is split) and the use-of-funds report's due day (empty: a year after the
     * decision).
     */
    public record PaymentTerms(int firstInstalmentPercent, java.time.LocalDate interimReportDue, java.time.LocalDate reportDue) {

        public static final PaymentTerms DEFAULT = new PaymentTerms(100, null, null);

        public boolean split() {
            return firstInstalmentPercent < 100;
        }
    }

    /** Reads the payment terms of the configuration task (see {@link PaymentTerms}); refused fields in fi/sv/en. */
    public PaymentTerms paymentTerms(Map<String, ?> input) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        fi.silta.portal.forms.TaskFormInput in = new fi.silta.portal.forms.TaskFormInput(input, errors);
        int percent = 100;
        Object typedPercent = input.get("firstInstalmentPercent");
        if (typedPercent != null && !typedPercent.toString().isBlank()) {
            Integer number = in.integer("firstInstalmentPercent", "grants.payment.round.percent");
            if (number != null && (number < 1 || number > 100)) {
                errors.add("firstInstalmentPercent", "grants.payment.round.percent");
            } else if (number != null) {
                percent = number;
            }
        }
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(fi.silta.web.Locales.HELSINKI));
        java.time.LocalDate last = today.plusYears(10);
        String reportText = textOf(input.get("reportDue"));
        java.time.LocalDate reportDue = reportText == null ? null : fi.silta.portal.forms.TaskFormInput.day("reportDue", reportText,
                today, last, errors, "grants.payment.round.day", "grants.payment.round.day");
        String interimText = textOf(input.get("interimReportDue"));
        java.time.LocalDate interimDue = null;
        if (percent < 100) {
            interimDue = fi.silta.portal.forms.TaskFormInput.day("interimReportDue", interimText, today, last, errors,
                    "grants.payment.round.day", "grants.payment.round.day");
            if (interimDue != null && reportDue != null && !interimDue.isBefore(reportDue)) {
                errors.add("interimReportDue", "grants.payment.round.interimAfterFinal");
            }
        } else if (interimText != null) {
            errors.add("interimReportDue", "grants.payment.round.interimWithoutSplit");
        }
        errors.throwIfAny();
        return new PaymentTerms(percent, interimDue, reportDue);
    }

    private static String textOf(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** Stores the payment terms of a round still being configured (frozen once published, like its criteria). */
    @Transactional
    public void setPaymentTerms(long roundId, PaymentTerms terms) {
        requireStatus(roundId, GrantRound.Status.CONFIGURING, "firstInstalmentPercent", "grants.round.criteria.frozen");
        rounds.setPaymentTerms(roundId, terms.firstInstalmentPercent(), terms.interimReportDue(), terms.reportDue());
    }

    /** The round's payment terms. */
    public PaymentTerms paymentTerms(long roundId) {
        return rounds.paymentTerms(roundId);
    }

    private static List<NewCriterion> criteria(fi.silta.portal.forms.TaskFormInput in, InvalidInput.Collector errors) {
        List<NewCriterion> criteria = new ArrayList<>();
        List<Map<String, ?>> rows = in.rows("criteria");
        boolean complete = true;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, ?> row = rows.get(i);
            int number = i + 1;
            String nameFi = in.text("criteria", row.get("nameFi"), false, NAME_MAX);
            if (nameFi == null && (row.get("nameFi") == null || row.get("nameFi").toString().isBlank())) {
                errors.add("criteria", "grants.round.criterion.name", number);
            }
            String nameSv = in.text("criteria", row.get("nameSv"), false, NAME_MAX);
            BigDecimal weight = in.decimal("criteria", row.get("weight"), new BigDecimal("0.01"), HUNDRED,
                    "grants.round.criterion.weight", number);
            if (nameFi == null || weight == null) {
                complete = false;
                continue;
            }
            criteria.add(new NewCriterion(nameFi, nameSv, weight));
        }
        if (complete) {
            // the rules themselves (at least one, each named once, weights positive, adding up to 100) live in GrantRules
            GrantRules.checkCriteria("criteria", criteria.stream().map(c -> new CriterionWeight(c.nameFi(), c.weight())).toList(),
                    GrantRules.CriteriaWording.ROUND_FORM, errors);
        }
        return criteria;
    }

    /** Stores the configuration, the criteria and the reviewer pool of a round still being configured. */
    @Transactional
    public void configure(long roundId, Configuration configuration) {
        requireStatus(roundId, GrantRound.Status.CONFIGURING, "criteria", "grants.round.criteria.frozen");
        rounds.configure(roundId, configuration.contactUserId(), configuration.reviewersPerApplication(),
                configuration.decisionMakerUserId(), configuration.disagreementThreshold(), configuration.minimumScore(),
                configuration.multipleApplications(), configuration.stateGrant(), configuration.stateGrantConditions());
        rounds.setSubstituteDecisionMaker(roundId, configuration.substituteDecisionMakerUserId());
        storeCriteria(roundId, configuration.criteria());
        rounds.replaceReviewers(roundId, configuration.reviewers());
    }

    /**
     * Replaces the criteria of a round still being configured: at least one, weights positive and
     * adding up to 100. Refused once the round is published (criteria frozen).
     */
    @Transactional
    public void replaceCriteria(long roundId, List<NewCriterion> criteria) {
        requireStatus(roundId, GrantRound.Status.CONFIGURING, "criteria", "grants.round.criteria.frozen");
        InvalidInput.Collector errors = new InvalidInput.Collector();
        List<Map<String, Object>> rows = criteria.stream().map(c -> {
            Map<String, Object> row = new java.util.HashMap<>();
            row.put("nameFi", c.nameFi());
            row.put("nameSv", c.nameSv());
            row.put("weight", c.weight());
            return row;
        }).toList();
        List<NewCriterion> checked = criteria(new fi.silta.portal.forms.TaskFormInput(Map.of("criteria", rows), errors), errors);
        errors.throwIfAny();
        storeCriteria(roundId, checked);
    }

    private void storeCriteria(long roundId, List<NewCriterion> criteria) {
        List<Criterion> numbered = new ArrayList<>();
        for (int i = 0; i < criteria.size(); i++) {
            NewCriterion c = criteria.get(i);
            numbered.add(new Criterion(0, roundId, i + 1, c.nameFi(), c.nameSv(), c.weight()));
        }
        rounds.replaceCriteria(roundId, numbered);
    }

    /** The call opens: on the portal from now on, its criteria and weights frozen. */
    @Transactional
    public void publish(long roundId) {
        requireStatus(roundId, GrantRound.Status.CONFIGURING, "status", "grants.round.notConfiguring");
        InvalidInput.Collector errors = new InvalidInput.Collector();
        GrantRules.checkCriteria("criteria", rounds.criteria(roundId).stream().map(c -> new CriterionWeight(c.nameFi(), c.weight())).toList(),
                GrantRules.CriteriaWording.ROUND_FORM, errors);
        errors.throwIfAny();
        rounds.setStatus(roundId, GrantRound.Status.PUBLISHED);
    }

    /**
     * Extends a published call: the new closing instant (Helsinki) must be later than the current one.
     * The round's record and the process's {@code closesAt} change together, and the timer that
     * closes the call is moved by the engine's due-date recalculation ({@link DeadlineTimers}), so the
     * portal's "is it open" check and the timer agree.
     */
    @Transactional
    public void extendCall(long roundId, ZonedDateTime closesAt) {
        GrantRound round = requireStatus(roundId, GrantRound.Status.PUBLISHED, "status", "grants.round.notPublished");
        if (!closesAt.toInstant().isAfter(round.closesAt().toInstant())) {
            throw InvalidInput.of("closesAt", "grants.round.extend.later");
        }
        rounds.setClosesAt(roundId, closesAt.toOffsetDateTime());
        deadlineTimers.move(round.processInstanceId(), GrantRoundDelegates.CLOSES_AT, closesAt);
    }

    /** The deadline has passed: off the portal. */
    @Transactional
    public void close(long roundId) {
        requireStatus(roundId, GrantRound.Status.PUBLISHED, "status", "grants.round.notPublished");
        rounds.setStatus(roundId, GrantRound.Status.CLOSED);
    }

    private GrantRound requireStatus(long roundId, GrantRound.Status status, String field, String messageKey) {
        GrantRound round = rounds.find(roundId).orElseThrow(() -> new IllegalArgumentException("no grant round " + roundId));
        if (round.status() != status) {
            throw InvalidInput.of(field, messageKey);
        }
        return round;
    }
}
