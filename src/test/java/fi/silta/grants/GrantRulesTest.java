package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import fi.silta.organisations.OrganisationType;
import fi.silta.web.InvalidInput;
import fi.silta.web.InvalidInput.FieldError;

/** What GrantRules refuses, with which field, message key and arguments (no engine, no database). */
class GrantRulesTest {

    static final BigDecimal MINIMUM = new BigDecimal("2.5");
    static final BigDecimal THRESHOLD = new BigDecimal("1.0");

    static CriterionScore row(String criterion, String weight, String score) {
        return new CriterionScore(criterion, new BigDecimal(weight), score == null ? null : new BigDecimal(score), "Perustelu.");
    }

    static ReviewSheet sheet(String reviewer, CriterionScore... rows) {
        return new ReviewSheet(reviewer, List.of(rows));
    }

    static ReviewSheet valid(String reviewer) {
        return sheet(reviewer, row("Tarve", "40", "4"), row("Vaikuttavuus", "30", "3"), row("Kustannukset", "30", "5"));
    }

    static List<FieldError> errorsOf(ThrowingCallable call) {
        List<FieldError> errors = new ArrayList<>();
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInput.class, e -> errors.addAll(e.errors()));
        return errors;
    }

    @Test
    void validSheetsPass() {
        assertThatCode(() -> GrantRules.checkReviews(List.of(valid("mikko.korhonen"), valid("liisa.nieminen")), MINIMUM, THRESHOLD))
                .doesNotThrowAnyException();
    }

    @Test
    void weightsMustAddUpToOneHundredPercent() {
        assertThat(errorsOf(() -> GrantRules.checkReviews(List.of(sheet("a", row("Tarve", "40", "4"), row("Vaikuttavuus", "30", "3"),
                row("Kustannukset", "20", "5"))), MINIMUM, THRESHOLD)))
                .extracting(FieldError::field, FieldError::messageKey)
                .containsExactly(tuple("reviews[0].scores", "grants.weights.sum"));
        assertThat(errorsOf(() -> GrantRules.checkReviews(List.of(sheet("a", row("Tarve", "40", "4"), row("Vaikuttavuus", "30.5", "3"),
                row("Kustannukset", "30", "5"))), MINIMUM, THRESHOLD)))
                .singleElement().satisfies(e -> assertThat((BigDecimal) e.args()[0]).isEqualByComparingTo("100.5"));
        // decimals are fine when they add up to exactly 100
        assertThatCode(() -> GrantRules.checkReviews(List.of(sheet("a", row("Tarve", "33.3", "4"), row("Vaikuttavuus", "33.3", "3"),
                row("Kustannukset", "33.4", "5"))), MINIMUM, THRESHOLD)).doesNotThrowAnyException();
    }

    @Test
    void weightsMustBePositive() {
        assertThat(errorsOf(() -> GrantRules.checkReviews(List.of(sheet("a", row("Tarve", "100", "4"), row("Vaikuttavuus", "0", "3"))),
                MINIMUM, THRESHOLD)))
                .extracting(FieldError::field, FieldError::messageKey, e -> List.of(e.args()))
                .containsExactly(tuple("reviews[0].scores[1].weight", "grants.weights.positive", List.of("Vaikuttavuus")));
        assertThat(errorsOf(() -> GrantRules.checkReviews(List.of(sheet("a", row("Tarve", "110", "4"), row("Vaikuttavuus", "-10", "3"))),
                MINIMUM, THRESHOLD))).extracting(FieldError::messageKey).containsExactly("grants.weights.positive");
    }

    @Test
    void aScoreIsAWholeNumberFromZeroToFive() {
        for (String bad : new String[] {"6", "-1", "2.5", "5.01", null}) {
            assertThat(errorsOf(() -> GrantRules.checkReviews(List.of(sheet("a", row("Tarve", "60", "4"), row("Vaikuttavuus", "40", bad))),
                    MINIMUM, THRESHOLD)))
                    .as(bad).extracting(FieldError::field, FieldError::messageKey, e -> List.of(e.args()))
                    .containsExactly(tuple("reviews[0].scores[1].score", "grants.score.range", List.of("Vaikuttavuus", 0, 5)));
        }
        for (String good : new String[] {"0", "5", "3.0", "3.000"}) {
            assertThatCode(() -> GrantRules.checkReviews(List.of(sheet("a", row("Tarve", "60", "4"), row("Vaikuttavuus", "40", good))),
                    MINIMUM, THRESHOLD)).as(good).doesNotThrowAnyException();
        }
    }

    @Test
    void everyScoreNeedsAJustification() {
        for (String blank : new String[] {null, "", "  \n"}) {
            ReviewSheet sheet = sheet("a", row("Tarve", "60", "4"), new CriterionScore("Vaikuttavuus", new BigDecimal("40"), BigDecimal.ONE, blank));
            assertThat(errorsOf(() -> GrantRules.checkReviews(List.of(sheet), MINIMUM, THRESHOLD)))
                    .extracting(FieldError::field, FieldError::messageKey, e -> List.of(e.args()))
                    .containsExactly(tuple("reviews[0].scores[1].justification", "grants.score.justification", List.of("Vaikuttavuus")));
        }
    }

    @Test
    void anApplicationNeedsReviewsAndEachSheetItsCriteria() {
        assertThat(errorsOf(() -> GrantRules.checkReviews(List.of(), MINIMUM, THRESHOLD)))
                .extracting(FieldError::field, FieldError::messageKey).containsExactly(tuple("reviews", "grants.reviews.missing"));
        assertThat(errorsOf(() -> GrantRules.checkReviews(null, MINIMUM, THRESHOLD)))
                .extracting(FieldError::messageKey).containsExactly("grants.reviews.missing");
        assertThat(errorsOf(() -> GrantRules.checkReviews(List.of(valid("a"), new ReviewSheet("b", List.of())), MINIMUM, THRESHOLD)))
                .extracting(FieldError::field, FieldError::messageKey)
                .contains(tuple("reviews[1].scores", "grants.criteria.missing"));
    }

    @Test
    void aCriterionIsNamedAndGivenOnce() {
        assertThat(errorsOf(() -> GrantRules.checkReviews(List.of(sheet("a", row("Tarve", "50", "4"), row(" tarve ", "50", "3"))),
                MINIMUM, THRESHOLD)))
                .extracting(FieldError::field, FieldError::messageKey, e -> List.of(e.args()))
                .containsExactly(tuple("reviews[0].scores[1].criterion", "grants.criterion.duplicate", List.of("tarve")));
        assertThat(errorsOf(() -> GrantRules.checkReviews(List.of(sheet("a", row("Tarve", "50", "4"), row(" ", "50", "3"))),
                MINIMUM, THRESHOLD)))
                .extracting(FieldError::field, FieldError::messageKey)
                .containsExactly(tuple("reviews[0].scores[1].criterion", "validation.required"));
    }

    @Test
    void everyReviewerScoresTheSameCriteriaWithTheSameWeights() {
        ReviewSheet otherWeights = sheet("liisa.nieminen", row("Tarve", "50", "4"), row("Vaikuttavuus", "20", "3"), row("Kustannukset", "30", "5"));
        assertThat(errorsOf(() -> GrantRules.checkReviews(List.of(valid("mikko.korhonen"), otherWeights), MINIMUM, THRESHOLD)))
                .extracting(FieldError::field, FieldError::messageKey, e -> List.of(e.args()))
                .containsExactly(tuple("reviews[1]", "grants.review.criteriaDiffer", List.of("liisa.nieminen")));
        ReviewSheet otherCriterion = sheet("jussi.makinen", row("Tarve", "40", "4"), row("Innovatiivisuus", "30", "3"), row("Kustannukset", "30", "5"));
        assertThat(errorsOf(() -> GrantRules.checkReviews(List.of(valid("mikko.korhonen"), otherCriterion), MINIMUM, THRESHOLD)))
                .extracting(FieldError::messageKey).containsExactly("grants.review.criteriaDiffer");
        // another order and 40.0 for 40 are the same criteria
        ReviewSheet reordered = sheet("liisa.nieminen", row("Kustannukset", "30.00", "2"), row("Tarve", "40.0", "1"), row("Vaikuttavuus", "30", "0"));
        assertThatCode(() -> GrantRules.checkReviews(List.of(valid("mikko.korhonen"), reordered), MINIMUM, THRESHOLD))
                .doesNotThrowAnyException();
    }

    @Test
    void theMinimumAndTheThresholdAreOnTheScale() {
        assertThat(errorsOf(() -> GrantRules.checkReviews(List.of(valid("a")), new BigDecimal("5.5"), new BigDecimal("-0.1"))))
                .extracting(FieldError::field, FieldError::messageKey, e -> List.of(e.args()))
                .containsExactly(tuple("minimumScore", "grants.minimumScore.range", List.of(0, 5)),
                        tuple("disagreementThreshold", "grants.disagreementThreshold.range", List.of(0, 5)));
        assertThat(errorsOf(() -> GrantRules.checkReviews(List.of(valid("a")), null, null)))
                .extracting(FieldError::field, FieldError::messageKey)
                .containsExactly(tuple("minimumScore", "validation.required"), tuple("disagreementThreshold", "validation.required"));
        assertThatCode(() -> GrantRules.checkReviews(List.of(valid("a")), BigDecimal.ZERO, new BigDecimal("5"))).doesNotThrowAnyException();
    }

    @Test
    void everyBrokenRuleIsReportedAtOnce() {
        ReviewSheet bad = sheet("a", new CriterionScore("Tarve", new BigDecimal("50"), new BigDecimal("7"), " "),
                row("Vaikuttavuus", "40", "3"));
        assertThat(errorsOf(() -> GrantRules.checkReviews(List.of(bad), new BigDecimal("6"), THRESHOLD)))
                .extracting(FieldError::messageKey)
                .containsExactly("grants.weights.sum", "grants.score.range", "grants.score.justification", "grants.minimumScore.range");
    }

    @Test
    void anAmountIsPositiveAndToTheCent() {
        for (String bad : new String[] {"0", "-0.01", "-100"}) {
            InvalidInput.Collector errors = new InvalidInput.Collector();
            GrantRules.checkAmount("amount", new BigDecimal(bad), errors);
            assertThatThrownBy(errors::throwIfAny).isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                    .extracting(FieldError::field, FieldError::messageKey).containsExactly(tuple("amount", "grants.amount.positive")));
        }
        InvalidInput.Collector cents = new InvalidInput.Collector();
        GrantRules.checkAmount("amount", new BigDecimal("10.005"), cents);
        GrantRules.checkAmount("other", null, cents);
        assertThatThrownBy(cents::throwIfAny).isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                .extracting(FieldError::field, FieldError::messageKey)
                .containsExactly(tuple("amount", "grants.amount.cents"), tuple("other", "validation.required")));
        InvalidInput.Collector fine = new InvalidInput.Collector();
        for (String good : new String[] {"0.01", "1234.50", "1234.500", "5000"}) {
            GrantRules.checkAmount("amount", new BigDecimal(good), fine);
        }
        assertThat(fine.isEmpty()).isTrue();
    }

    @Test
    void eligibilityInputNeedsTheTypeAndBothAmounts() {
        assertThat(errorsOf(() -> GrantRules.checkEligibility(new EligibilityInput(null, true, null, BigDecimal.ZERO, 0, false, false))))
                .extracting(FieldError::field, FieldError::messageKey)
                .containsExactly(tuple("organisationType", "validation.required"), tuple("amountRequested", "validation.required"),
                        tuple("maxAmount", "grants.amount.positive"));
        assertThat(errorsOf(() -> GrantRules.checkEligibility(new EligibilityInput(OrganisationType.FOUNDATION, true,
                new BigDecimal("100.001"), new BigDecimal("5000"), 0, false, false))))
                .extracting(FieldError::field, FieldError::messageKey).containsExactly(tuple("amountRequested", "grants.amount.cents"));
        // a requested amount of zero or less is the decision's own rule (amountNotPositive), not refused here
        assertThatCode(() -> GrantRules.checkEligibility(new EligibilityInput(OrganisationType.FOUNDATION, true, BigDecimal.ZERO,
                new BigDecimal("5000"), 0, false, false))).doesNotThrowAnyException();
        assertThatThrownBy(() -> GrantRules.checkEligibility(new EligibilityInput(OrganisationType.FOUNDATION, true, BigDecimal.TEN,
                new BigDecimal("5000"), -1, false, false))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyMessageKeyHasAText() throws IOException, IllegalAccessException {
        Properties finnish = new Properties();
        try (var reader = new InputStreamReader(new ClassPathResource("i18n/messages.properties").getInputStream(), StandardCharsets.UTF_8)) {
            finnish.load(reader);
        }
        List<String> keys = new ArrayList<>();
        for (Field field : GrantRules.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                keys.add((String) field.get(null));
            }
        }
        assertThat(keys).hasSizeGreaterThan(10);
        assertThat(keys).allSatisfy(key -> assertThat(finnish.getProperty(key)).as(key).isNotBlank());
    }
}
