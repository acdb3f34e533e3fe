package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.silta.support.SiltaIntegrationTest;
import fi.silta.web.InvalidInput;
import fi.silta.web.TriLingual;

/** The decision grantScoring on worked examples, with exact two-decimal answers, through GrantScoring. */
@SiltaIntegrationTest
class GrantScoringTest {

    @Autowired GrantScoring scoring;
    @Autowired HistoryService historyService;
    @Autowired TriLingual texts;

    /** Sheets on the criteria Tarve 40 %, Vaikuttavuus 30 %, Kustannukset 30 %. */
    static ReviewSheet sheet(String reviewer, int need, int impact, int costs) {
        return new ReviewSheet(reviewer, List.of(
                new CriterionScore("Tarve", new BigDecimal("40"), BigDecimal.valueOf(need), "Perustelu tarpeesta."),
                new CriterionScore("Vaikuttavuus", new BigDecimal("30"), BigDecimal.valueOf(impact), "Perustelu vaikuttavuudesta."),
                new CriterionScore("Kustannukset", new BigDecimal("30"), BigDecimal.valueOf(costs), "Perustelu kustannuksista.")));
    }

    static ReviewSheet twoCriteria(String reviewer, String firstWeight, int first, String secondWeight, int second) {
        return new ReviewSheet(reviewer, List.of(
                new CriterionScore("Tarve", new BigDecimal(firstWeight), BigDecimal.valueOf(first), "Perustelu."),
                new CriterionScore("Vaikuttavuus", new BigDecimal(secondWeight), BigDecimal.valueOf(second), "Perustelu.")));
    }

    static List<BigDecimal> decimals(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }

    ScoringResult score(List<ReviewSheet> sheets, String minimum, String threshold) {
        return scoring.score(sheets, new BigDecimal(minimum), new BigDecimal(threshold));
    }

    @Test
    void workedExample() {
        // 4×40 + 3×30 + 5×30 = 400 → 4.00; 2×40 + 3×30 + 4×30 = 290 → 2.90; mean 3.45; 4.00 − 2.90 = 1.10 > 1.0
        ScoringResult result = score(List.of(sheet("mikko.korhonen", 4, 3, 5), sheet("liisa.nieminen", 2, 3, 4)), "3.00", "1.0");
        assertThat(result).isEqualTo(new ScoringResult(decimals("4.00", "2.90"), new BigDecimal("3.45"), true, true));
        assertThat(result.reviewerTotals()).allSatisfy(total -> assertThat(total.scale()).isEqualTo(2));
        assertThat(result.score().scale()).isEqualTo(2);
    }

    @Test
    void theMinimumIsMetAtExactlyTheMinimumAndNotACentBelow() {
        List<ReviewSheet> sheets = List.of(sheet("mikko.korhonen", 4, 3, 5), sheet("liisa.nieminen", 2, 3, 4));
        assertThat(score(sheets, "3.45", "1.0").minimumMet()).isTrue();
        assertThat(score(sheets, "3.46", "1.0").minimumMet()).isFalse();
    }

    @Test
    void reviewersDisagreeOnlyWhenTheGapIsMoreThanTheThreshold() {
        List<ReviewSheet> sheets = List.of(sheet("mikko.korhonen", 4, 3, 5), sheet("liisa.nieminen", 2, 3, 4));
        assertThat(score(sheets, "3.00", "1.10").reviewersDisagree()).isFalse();
        assertThat(score(sheets, "3.00", "1.09").reviewersDisagree()).isTrue();
    }

    @Test
    void roundingIsHalfUpOnTheExactDecimalNeverThroughADouble() {
        // 1×13.5 + 2×86.5 = 186.5 → 1.865 → 1.87 (as a double 1.865 is 1.86499999…, which would give 1.86)
        // mean of 1.87 and 1.00 is 1.435 → 1.44 (as a double 1.43499999…)
        ScoringResult result = score(List.of(twoCriteria("mikko.korhonen", "13.5", 1, "86.5", 2),
                twoCriteria("liisa.nieminen", "13.5", 1, "86.5", 1)), "1.44", "0.87");
        assertThat(result).isEqualTo(new ScoringResult(decimals("1.87", "1.00"), new BigDecimal("1.44"), false, true));
    }

    @Test
    void theScoreIsTheMeanOfThePublishedReviewerTotals() {
        // 4.00, 4.00, 3.00 → 3.666… → 3.67
        ScoringResult result = score(List.of(sheet("mikko.korhonen", 4, 4, 4), sheet("liisa.nieminen", 4, 4, 4),
                sheet("jussi.makinen", 3, 3, 3)), "3.67", "1.0");
        assertThat(result).isEqualTo(new ScoringResult(decimals("4.00", "4.00", "3.00"), new BigDecimal("3.67"), false, true));
    }

    @Test
    void decimalWeightsAndWholeNumbers() {
        ScoringResult decimalWeights = scoring.score(List.of(new ReviewSheet("mikko.korhonen", List.of(
                new CriterionScore("Tarve", new BigDecimal("33.3"), new BigDecimal("4"), "a"),
                new CriterionScore("Vaikuttavuus", new BigDecimal("33.3"), new BigDecimal("3"), "b"),
                new CriterionScore("Kustannukset", new BigDecimal("33.4"), new BigDecimal("5"), "c")))),
                BigDecimal.ZERO, BigDecimal.ONE);
        // 133.2 + 99.9 + 167.0 = 400.1 → 4.001 → 4.00
        assertThat(decimalWeights.reviewerTotals()).containsExactly(new BigDecimal("4.00"));
        ScoringResult allFive = score(List.of(sheet("mikko.korhonen", 5, 5, 5)), "5", "0");
        assertThat(allFive).isEqualTo(new ScoringResult(decimals("5.00"), new BigDecimal("5.00"), false, true));
        ScoringResult allZero = score(List.of(sheet("mikko.korhonen", 0, 0, 0)), "0.01", "0");
        assertThat(allZero).isEqualTo(new ScoringResult(decimals("0.00"), new BigDecimal("0.00"), false, false));
    }

    @Test
    void cockpitShowsEachStepOfTheDrdReadably() {
        // this evaluation's root: the one that was not there before (other tests may have evaluated the DRD with the
        // engine's clock moved forward, so the newest evaluation time need not be this one's)
        java.util.Set<String> before = historyService.createHistoricDecisionInstanceQuery().decisionDefinitionKey(GrantScoring.DECISION)
                .list().stream().map(HistoricDecisionInstance::getId).collect(Collectors.toSet());
        score(List.of(sheet("mikko.korhonen", 4, 3, 5), sheet("liisa.nieminen", 2, 3, 4)), "3.00", "1.0");
        HistoricDecisionInstance root = historyService.createHistoricDecisionInstanceQuery().decisionDefinitionKey(GrantScoring.DECISION)
                .list().stream().filter(i -> !before.contains(i.getId())).findFirst().orElseThrow();
        Map<String, HistoricDecisionOutputInstance> outputs = historyService.createHistoricDecisionInstanceQuery()
                .rootDecisionInstanceId(root.getId()).includeOutputs().list().stream()
                .collect(Collectors.toMap(HistoricDecisionInstance::getDecisionDefinitionKey, i -> i.getOutputs().get(0), (a, b) -> a));
        assertThat(outputs).containsOnlyKeys("grantScoring", "grantReviewerTotals", "grantApplicationScore", "grantReviewersDisagree",
                "grantMinimumMet");
        Function<String, Object> value = key -> outputs.get(key).getValue();
        assertThat(outputs.get("grantReviewerTotals").getTypeName()).isEqualTo("json");
        assertThat(value.apply("grantReviewerTotals")).hasToString("[4,2.9]");
        assertThat(value.apply("grantApplicationScore")).isEqualTo(3.45);
        assertThat(value.apply("grantReviewersDisagree")).isEqualTo(true);
        assertThat(value.apply("grantMinimumMet")).isEqualTo(true);
        assertThat(outputs.get("grantScoring").getTypeName()).isEqualTo("json");
        assertThat(value.apply("grantScoring").toString()).contains("\"score\":3.45", "\"reviewerTotals\":[4,2.9]");
    }

    @Test
    void badSheetsAreRefusedBeforeTheDecisionWithTextsInEveryLanguage() {
        long before = historyService.createHistoricDecisionInstanceQuery().decisionDefinitionKey(GrantScoring.DECISION).count();
        ReviewSheet badWeights = twoCriteria("mikko.korhonen", "60", 3, "30", 4);
        assertThatThrownBy(() -> score(List.of(badWeights), "3", "1"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    InvalidInput.FieldError error = e.errors().get(0);
                    assertThat(error.messageKey()).isEqualTo("grants.weights.sum");
                    assertThat(texts.text(error.messageKey(), error.args())).isEqualTo(
                            "Kriteerien painot ovat yhteensä 90 %. Niiden on oltava yhteensä 100 %."
                                    + " / Kriteriernas vikter är sammanlagt 90 %. De ska vara sammanlagt 100 %."
                                    + " / The criteria weights add up to 90%. They must add up to 100%.");
                });
        ReviewSheet badScore = new ReviewSheet("liisa.nieminen", List.of(
                new CriterionScore("Tarve", new BigDecimal("50"), new BigDecimal("6"), "Erinomainen."),
                new CriterionScore("Vaikuttavuus", new BigDecimal("50"), new BigDecimal("3"), "")));
        assertThatThrownBy(() -> score(List.of(badScore), "3", "1"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                        .extracting(error -> texts.text(error.messageKey(), error.args()))
                        .containsExactly(
                                "Kriteerin Tarve pisteiden on oltava kokonaisluku 0–5. / Poängen för kriteriet Tarve ska vara ett heltal 0–5."
                                        + " / The score on criterion Tarve must be a whole number from 0 to 5.",
                                "Perustele kriteerin Vaikuttavuus pisteet. / Motivera poängen för kriteriet Vaikuttavuus."
                                        + " / Give the reasons for the score on criterion Vaikuttavuus."));
        assertThat(historyService.createHistoricDecisionInstanceQuery().decisionDefinitionKey(GrantScoring.DECISION).count())
                .isEqualTo(before);
    }
}
