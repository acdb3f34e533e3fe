package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DecisionRequirementsDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputData;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.silta.engine.ModelDeployer;
import fi.silta.support.SiltaIntegrationTest;

/**
 * The grant decisions are parsed and deployed with Silta's models, each file named after its decision, every decision
 * with a history time to live, and every element a reader sees labelled (in Finnish) for Cockpit and the Modeler.
 */
@SiltaIntegrationTest
class GrantDecisionModelsTest {

    static final List<String> SCORING_DECISIONS = List.of("grantScoring", "grantReviewerTotals", "grantApplicationScore",
            "grantReviewersDisagree", "grantMinimumMet");

    @Autowired RepositoryService repositoryService;

    @Test
    void eachFileIsDeployedWithSiltasModelsUnderTheNameOfItsDecision() {
        for (String key : List.of(GrantEligibility.DECISION, GrantScoring.DECISION)) {
            DecisionDefinition definition = latest(key);
            assertThat(definition.getResourceName()).isEqualTo("processes/" + key + ".dmn");
            assertThat(repositoryService.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult().getName())
                    .isEqualTo(ModelDeployer.DEPLOYMENT_NAME);
        }
    }

    @Test
    void everyDecisionHasANameAndAHistoryTimeToLive() {
        for (String key : concat(GrantEligibility.DECISION, SCORING_DECISIONS)) {
            DecisionDefinition definition = latest(key);
            assertThat(definition.getName()).as(key).isNotBlank().isNotEqualTo(key);
            assertThat(definition.getHistoryTimeToLive()).as(key).isEqualTo(3650);
        }
        assertThat(latest(GrantEligibility.DECISION).getName()).isEqualTo("Avustushakemuksen hakukelpoisuus");
        assertThat(latest(GrantScoring.DECISION).getName()).isEqualTo("Avustushakemuksen pisteytys");
    }

    @Test
    void scoringIsOneDrdWhoseDecisionsAllBelongToIt() {
        DecisionDefinition top = latest(GrantScoring.DECISION);
        DecisionRequirementsDefinition drd = repositoryService.getDecisionRequirementsDefinition(top.getDecisionRequirementsDefinitionId());
        assertThat(drd.getKey()).isEqualTo("Definitions_GrantScoring");
        assertThat(drd.getName()).isEqualTo("Avustushakemuksen pisteytys");
        for (String key : SCORING_DECISIONS) {
            assertThat(latest(key).getDecisionRequirementsDefinitionId()).as(key).isEqualTo(drd.getId());
        }
    }

    @Test
    void everyElementAReaderSeesIsLabelled() {
        for (String key : List.of(GrantEligibility.DECISION, GrantScoring.DECISION)) {
            DmnModelInstance model = repositoryService.getDmnModelInstance(latest(key).getId());
            assertThat(model.getDefinitions().getName()).as(key).isNotBlank();
            for (Decision decision : model.getModelElementsByType(Decision.class)) {
                assertThat(decision.getName()).as(decision.getId()).isNotBlank();
                assertThat(decision.getDescription()).as(decision.getId()).isNotNull();
                assertThat(decision.getDescription().getTextContent()).as(decision.getId()).isNotBlank();
            }
            for (Input input : model.getModelElementsByType(Input.class)) {
                assertThat(input.getLabel()).as(input.getId()).isNotBlank()
                        .isNotEqualTo(input.getInputExpression().getText().getTextContent());
            }
            for (Output output : model.getModelElementsByType(Output.class)) {
                assertThat(output.getLabel()).as(output.getId()).isNotBlank().isNotEqualTo(output.getName());
            }
            for (Rule rule : model.getModelElementsByType(Rule.class)) {
                assertThat(rule.getDescription()).as(rule.getId() + " annotation").isNotNull();
                assertThat(rule.getDescription().getTextContent()).as(rule.getId() + " annotation").isNotBlank();
            }
            for (InputData data : model.getModelElementsByType(InputData.class)) {
                assertThat(data.getName()).as(data.getId()).isNotBlank();
            }
        }
    }

    private DecisionDefinition latest(String key) {
        return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult();
    }

    private static List<String> concat(String first, List<String> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }
}
