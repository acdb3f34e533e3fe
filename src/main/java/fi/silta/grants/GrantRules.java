package fi.silta.grants;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import fi.silta.web.InvalidInput;

/**
 * The rules grant data must meet before anything is decided or stored (no engine, no database here). Each
 * {@code check…} method adds one error per broken rule to a collector, with the field it concerns and a message
 * key of the bundles ({@code grants.*}, fi/sv/en); {@link #checkReviews} and {@link #checkEligibility} throw them
 * all at once as {@link InvalidInput}.
 *
 * <p>The scale and the 100 % total are also described in {@code processes/grantScoring.dmn}; the decision
 * assumes input that passed these checks.
 */
public final class GrantRules {

    /** Lowest and highest score on a criterion; a score is a whole number. */
    public static final int SCORE_MIN = 0;
    public static final int SCORE_MAX = 5;
    /** The weights of a round's criteria add up to this many percent. */
    public static final BigDecimal WEIGHT_TOTAL = BigDecimal.valueOf(100);
    /** Euros are given to the cent. */
    public static final int AMOUNT_DECIMALS = 2;

    public static final String REQUIRED = "validation.required";
    public static final String CRITERIA_MISSING = "grants.criteria.missing";
    public static final String CRITERION_DUPLICATE = "grants.criterion.duplicate";
    public static final String WEIGHT_POSITIVE = "grants.weights.positive";
    public static final String WEIGHTS_SUM = "grants.weights.sum";
    public static final String SCORE_RANGE = "grants.score.range";
    public static final String SCORE_JUSTIFICATION = "grants.score.justification";
    public static final String REVIEWS_MISSING = "grants.reviews.missing";
    public static final String REVIEW_CRITERIA_DIFFER = "grants.review.criteriaDiffer";
    public static final String MINIMUM_SCORE_RANGE = "grants.minimumScore.range";
    public static final String DISAGREEMENT_THRESHOLD_RANGE = "grants.disagreementThreshold.range";
    public static final String AMOUNT_POSITIVE = "grants.amount.positive";
    public static final String AMOUNT_CENTS = "grants.amount.cents";

    private GrantRules() {
    }

    /**
     * A round's criteria (or the rows of a score sheet): at least one, each named once, every weight greater than
     * zero, the weights adding up to exactly 100 (percent).
     */
    public static void checkCriteria(String field, List<CriterionWeight> criteria, InvalidInput.Collector errors) {
        checkCriteria(field, criteria, CriteriaWording.SCORE_SHEET, errors);
    }

    /**
     * How a breach of the criteria rules is told: on a score sheet each error is at its row's field
     * ({@code scores[0].weight}) and names the criterion; on the round's configuration form every error
     * is at the form's criteria list and names the row by its number.
     */
    public enum CriteriaWording {
        SCORE_SHEET(CRITERIA_MISSING, CRITERION_DUPLICATE, WEIGHT_POSITIVE, WEIGHTS_SUM, true),
        ROUND_FORM("grants.round.criteria.none", "grants.round.criterion.duplicate", "grants.round.criterion.weight",
                "grants.round.criteria.sum", false);

        final String missing;
        final String duplicate;
        final String weightPositive;
        final String sum;
        final boolean rowFields;

        CriteriaWording(String missing, String duplicate, String weightPositive, String sum, boolean rowFields) {
            this.missing = missing;
            this.duplicate = duplicate;
            this.weightPositive = weightPositive;
            this.sum = sum;
            this.rowFields = rowFields;
        }
    }

    /** The criteria rules, told in the given wording. */
    public static void checkCriteria(String field, List<CriterionWeight> criteria, CriteriaWording wording, InvalidInput.Collector errors) {
        if (criteria == null || criteria.isEmpty()) {
            errors.add(field, wording.missing);
            return;
        }
        Set<String> names = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        boolean allWeights = true;
        for (int i = 0; i < criteria.size(); i++) {
            CriterionWeight criterion = criteria.get(i);
            String at = field + "[" + i + "]";
            String nameField = wording.rowFields ? at + ".criterion" : field;
            String weightField = wording.rowFields ? at + ".weight" : field;
            Object row = wording.rowFields ? label(criterion.name(), i) : i + 1;
            if (isBlank(criterion.name())) {
                errors.add(nameField, REQUIRED);
            } else if (!names.add(normalise(criterion.name()))) {
                errors.add(nameField, wording.duplicate, criterion.name().strip());
            }
            if (criterion.weight() == null) {
                errors.add(weightField, REQUIRED);
                allWeights = false;
            } else {
                if (criterion.weight().signum() <= 0) {
                    errors.add(weightField, wording.weightPositive, row);
                }
                sum = sum.add(criterion.weight());
            }
        }
        if (allWeights && sum.compareTo(WEIGHT_TOTAL) != 0) {
            errors.add(field, wording.sum, wording.rowFields ? sum : sum.stripTrailingZeros());
        }
    }

    /** One row of a score sheet: a whole number on the scale, and a justification that is not blank. */
    public static void checkScore(String field, CriterionScore row, int index, InvalidInput.Collector errors) {
        String criterion = label(row.criterion(), index);
        if (!isWholeNumberOnScale(row.score())) {
            errors.add(field + ".score", SCORE_RANGE, criterion, SCORE_MIN, SCORE_MAX);
        }
        if (isBlank(row.justification())) {
            errors.add(field + ".justification", SCORE_JUSTIFICATION, criterion);
        }
    }


    /** An amount in euros: given, greater than zero, to the cent at most. */
    public static void checkAmount(String field, BigDecimal amount, InvalidInput.Collector errors) {
        if (amount == null) {
            errors.add(field, REQUIRED);
        } else if (amount.signum() <= 0) {
            errors.add(field, AMOUNT_POSITIVE);
        } else {
            checkCents(field, amount, errors);
        }
    }

    /** A round's minimum score or disagreement threshold: given, on the scale (decimals allowed). */
    public static void checkOnScale(String field, String messageKey, BigDecimal value, InvalidInput.Collector errors) {
        if (value == null) {
            errors.add(field, REQUIRED);
        } else if (value.compareTo(BigDecimal.valueOf(SCORE_MIN)) < 0 || value.compareTo(BigDecimal.valueOf(SCORE_MAX)) > 0) {
            errors.add(field, messageKey, SCORE_MIN, SCORE_MAX);
        }
    }

    /**
     * Everything the scoring decision needs: at least one sheet; each sheet's criteria pass
     * {@link #checkCriteria} and are the same (names and weights) as the first sheet's; each row passes
     * {@link #checkScore}; the minimum score and the disagreement threshold are on the scale.
     */
    public static void checkReviews(List<ReviewSheet> reviews, BigDecimal minimumScore, BigDecimal disagreementThreshold) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (reviews == null || reviews.isEmpty()) {
            errors.add("reviews", REVIEWS_MISSING);
        } else {
            Map<String, BigDecimal> first = null;
            for (int i = 0; i < reviews.size(); i++) {
                ReviewSheet sheet = reviews.get(i);
                String at = "reviews[" + i + "].scores";
                List<CriterionScore> rows = sheet == null || sheet.scores() == null ? List.of() : sheet.scores();
                checkCriteria(at, rows.stream().map(CriterionScore::asCriterion).toList(), errors);
                for (int j = 0; j < rows.size(); j++) {
                    checkScore(at + "[" + j + "]", rows.get(j), j, errors);
                }
                Map<String, BigDecimal> criteria = criteriaOf(rows);
                if (first == null) {
                    first = criteria;
                } else if (!first.equals(criteria)) {
                    errors.add("reviews[" + i + "]", REVIEW_CRITERIA_DIFFER,
                            sheet == null || isBlank(sheet.reviewer()) ? String.valueOf(i + 1) : sheet.reviewer().strip());
                }
            }
        }
        checkOnScale("minimumScore", MINIMUM_SCORE_RANGE, minimumScore, errors);
        checkOnScale("disagreementThreshold", DISAGREEMENT_THRESHOLD_RANGE, disagreementThreshold, errors);
        errors.throwIfAny();
    }

    /**
     * What the eligibility decision needs: the organisation type and both amounts given, the round's largest grant
     * greater than zero, amounts to the cent. Whether the requested amount is greater than zero is one of the
     * decision's own rules ({@code amountNotPositive}), so it is not refused here.
     */
    public static void checkEligibility(EligibilityInput input) {
        Objects.requireNonNull(input, "input");
        if (input.otherApplicationsInRound() < 0) {
            throw new IllegalArgumentException("otherApplicationsInRound < 0: " + input.otherApplicationsInRound());
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (input.organisationType() == null) {
            errors.add("organisationType", REQUIRED);
        }
        if (input.amountRequested() == null) {
            errors.add("amountRequested", REQUIRED);
        } else {
            checkCents("amountRequested", input.amountRequested(), errors);
        }
        checkAmount("maxAmount", input.maxAmount(), errors);
        errors.throwIfAny();
    }

    static boolean isWholeNumberOnScale(BigDecimal score) {
        return score != null && score.stripTrailingZeros().scale() <= 0
                && score.compareTo(BigDecimal.valueOf(SCORE_MIN)) >= 0 && score.compareTo(BigDecimal.valueOf(SCORE_MAX)) <= 0;
    }

    private static void checkCents(String field, BigDecimal amount, InvalidInput.Collector errors) {
        if (amount.stripTrailingZeros().scale() > AMOUNT_DECIMALS) {
            errors.add(field, AMOUNT_CENTS);
        }
    }

    /** CriterionWeight name → weight, names compared as {@link #checkCriteria} does, weights by value (40 = 40.0). */
    private static Map<String, BigDecimal> criteriaOf(List<CriterionScore> rows) {
        Map<String, BigDecimal> criteria = new HashMap<>();
        for (CriterionScore row : rows) {
            criteria.put(isBlank(row.criterion()) ? "" : normalise(row.criterion()),
                    row.weight() == null ? null : row.weight().stripTrailingZeros());
        }
        return criteria;
    }

    private static String label(String name, int index) {
        return isBlank(name) ? "#" + (index + 1) : name.strip();
    }

    private static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
