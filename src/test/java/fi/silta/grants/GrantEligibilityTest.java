package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.model.dmn.instance.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

import fi.silta.organisations.OrganisationType;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;

/** Each rule of the decision table grantEligibility, alone and together, through GrantEligibility. */
@SiltaIntegrationTest
class GrantEligibilityTest {

    @Autowired GrantEligibility eligibility;
    @Autowired HistoryService historyService;
    @Autowired RepositoryService repositoryService;
    @Autowired MessageSource messages;

    /** A registered association of the county asks for 4 000 € of at most 5 000 €, its only application. */
    static Input clear() {
        return new Input(OrganisationType.REGISTERED_ASSOCIATION, true, "4000.00", "5000.00", 0, false, false);
    }

    record Input(OrganisationType type, boolean inCounty, String amount, String max, int others, boolean multipleAllowed,
            boolean overdue) {
        Input type(OrganisationType type) { return new Input(type, inCounty, amount, max, others, multipleAllowed, overdue); }
        Input inCounty(boolean inCounty) { return new Input(type, inCounty, amount, max, others, multipleAllowed, overdue); }
        Input amount(String amount) { return new Input(type, inCounty, amount, max, others, multipleAllowed, overdue); }
        Input others(int others, boolean multipleAllowed) { return new Input(type, inCounty, amount, max, others, multipleAllowed, overdue); }
        Input overdue(boolean overdue) { return new Input(type, inCounty, amount, max, others, multipleAllowed, overdue); }
        EligibilityInput build() {
            return new EligibilityInput(type, inCounty, new BigDecimal(amount), new BigDecimal(max), others, multipleAllowed, overdue);
        }
    }

    EligibilityResult evaluate(Input input) {
        return eligibility.evaluate(input.build());
    }

    @Test
    void allClearIsEligible() {
        assertThat(evaluate(clear())).isEqualTo(new EligibilityResult(true, List.of()));
    }

    @ParameterizedTest
    @EnumSource(value = OrganisationType.class, names = {"REGISTERED_ASSOCIATION", "FOUNDATION", "OTHER_NONPROFIT"})
    void associationsFoundationsAndOtherNonprofitsMayApply(OrganisationType type) {
        assertThat(evaluate(clear().type(type)).eligible()).isTrue();
    }

    @Test
    void anUnregisteredGroupMayNotApply() {
        assertThat(evaluate(clear().type(OrganisationType.UNREGISTERED_GROUP)))
                .isEqualTo(new EligibilityResult(false, List.of("organisationType")));
    }

    @Test
    void aMunicipalityMayNotApplyForAnNgoGrant() {
        // a municipality of the county, asking for an amount within the limits: refused for its type alone
        assertThat(evaluate(clear().type(OrganisationType.MUNICIPALITY)))
                .isEqualTo(new EligibilityResult(false, List.of("municipality")));
        assertThat(evaluate(clear().type(OrganisationType.MUNICIPALITY).amount("9000")).reasons())
                .containsExactly("municipality", "amountOverMaximum");
        for (Locale locale : Locales.SUPPORTED) {
            assertThat(messages.getMessage(GrantEligibility.reasonMessageKey("municipality"), null, locale)).isNotBlank();
        }
        assertThat(messages.getMessage(GrantEligibility.reasonMessageKey("municipality"), null, Locale.forLanguageTag("sv")))
                .startsWith("En kommun kan inte få organisationsunderstöd");
    }

    @Test
    void anOrganisationThatDoesNotActInTheCountyMayNotApply() {
        assertThat(evaluate(clear().inCounty(false)).reasons()).containsExactly("notInCounty");
    }

    @Test
    void theAmountMustBeMoreThanZero() {
        assertThat(evaluate(clear().amount("0")).reasons()).containsExactly("amountNotPositive");
        assertThat(evaluate(clear().amount("-0.01")).reasons()).containsExactly("amountNotPositive");
        assertThat(evaluate(clear().amount("0.01")).eligible()).isTrue();
    }

    @Test
    void theAmountMayBeTheMaximumButNotACentMore() {
        assertThat(evaluate(clear().amount("5000")).eligible()).isTrue();
        assertThat(evaluate(clear().amount("5000.01")).reasons()).containsExactly("amountOverMaximum");
    }

    @Test
    void oneApplicationPerOrganisationUnlessTheRoundAllowsMore() {
        assertThat(evaluate(clear().others(1, false)).reasons()).containsExactly("secondApplication");
        assertThat(evaluate(clear().others(3, false)).reasons()).containsExactly("secondApplication");
        assertThat(evaluate(clear().others(1, true)).eligible()).isTrue();
        assertThat(evaluate(clear().others(0, true)).eligible()).isTrue();
    }

    @Test
    void anOverdueUseOfFundsReportBlocksANewGrant() {
        assertThat(evaluate(clear().overdue(true)).reasons()).containsExactly("overdueReport");
    }

    @Test
    void severalReasonsAtOnceInTheTablesOrder() {
        assertThat(evaluate(new Input(OrganisationType.UNREGISTERED_GROUP, false, "9000", "5000", 1, false, true)))
                .isEqualTo(new EligibilityResult(false,
                        List.of("organisationType", "notInCounty", "amountOverMaximum", "secondApplication", "overdueReport")));
        assertThat(evaluate(clear().inCounty(false).amount("0")).reasons()).containsExactly("notInCounty", "amountNotPositive");
    }

    @Test
    void badInputIsRefusedBeforeTheDecision() {
        long before = decisionInstances();
        assertThatThrownBy(() -> eligibility.evaluate(new EligibilityInput(null, true, new BigDecimal("10.001"), BigDecimal.ZERO, 0,
                false, false)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting(InvalidInput.FieldError::messageKey)
                        .containsExactly("validation.required", "grants.amount.cents", "grants.amount.positive"));
        assertThat(decisionInstances()).isEqualTo(before);
    }

    @Test
    void cockpitShowsEachInputByItsFinnishLabelAndTheReasons() {
        evaluate(clear().amount("5000.01").others(1, false));
        HistoricDecisionInstance instance = historyService.createHistoricDecisionInstanceQuery()
                .decisionDefinitionKey(GrantEligibility.DECISION).includeInputs().includeOutputs()
                .orderByEvaluationTime().desc().listPage(0, 1).get(0);
        assertThat(instance.getInputs()).extracting(HistoricDecisionInputInstance::getClauseName, HistoricDecisionInputInstance::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("Haettu summa (€)", 5000.01),
                        org.assertj.core.groups.Tuple.tuple("Kierroksen enimmäisavustus (€)", 5000.0),
                        org.assertj.core.groups.Tuple.tuple("Järjestön oikeudellinen muoto", "REGISTERED_ASSOCIATION"),
                        org.assertj.core.groups.Tuple.tuple("Järjestön muut hakemukset tällä kierroksella", 1));
        assertThat(instance.getOutputs()).extracting(HistoricDecisionOutputInstance::getValue)
                .containsExactly("amountOverMaximum", "secondApplication");
    }

    @Test
    void everyReasonTheTableCanGiveHasATextInFinnishSwedishAndEnglish() {
        String definitionId = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(GrantEligibility.DECISION)
                .latestVersion().singleResult().getId();
        Output output = repositoryService.getDmnModelInstance(definitionId).getModelElementsByType(Output.class).iterator().next();
        List<String> codes = Arrays.stream(output.getOutputValues().getTextContent().split(","))
                .map(code -> code.strip().replace("\"", "")).toList();
        assertThat(codes).containsExactly("organisationType", "municipality", "notInCounty", "amountNotPositive", "amountOverMaximum",
                "secondApplication", "overdueReport");
        for (String code : codes) {
            for (Locale locale : Locales.SUPPORTED) {
                assertThat(messages.getMessage(GrantEligibility.reasonMessageKey(code), null, null, locale)).as(code + " " + locale)
                        .isNotBlank();
            }
        }
        assertThat(messages.getMessage(GrantEligibility.reasonMessageKey("organisationType"), null, Locale.forLanguageTag("fi")))
                .startsWith("Rekisteröimätön ryhmä ei voi saada avustusta");
    }

    private long decisionInstances() {
        return historyService.createHistoricDecisionInstanceQuery().decisionDefinitionKey(GrantEligibility.DECISION).count();
    }
}
