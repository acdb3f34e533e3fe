package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import fi.silta.cases.CaseKind;
import fi.silta.engine.ModelDeployer;
import fi.silta.models.ModelConsistency;
import fi.silta.support.SiltaIntegrationTest;

/**
 * grantChangeRequest is deployed with Silta's models under its own name, with a history time to live, every
 * element named (in Finnish) and consistent as the other models are (forms, mail template and its words in
 * the three languages, beans of its delegates and listeners).
 */
@SiltaIntegrationTest
class GrantChangeModelTest {

    @Autowired RepositoryService repositoryService;
    @Autowired ApplicationContext context;

    @Test
    void deployedNamedAndConsistent() {
        ProcessDefinition definition = repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(GrantChangeRequests.PROCESS_KEY).latestVersion().singleResult();
        assertThat(definition.getResourceName()).isEqualTo("processes/grantChangeRequest.bpmn");
        assertThat(repositoryService.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult().getName())
                .isEqualTo(ModelDeployer.DEPLOYMENT_NAME);
        assertThat(definition.getName()).isEqualTo("Avustuksen muutoshakemuksen käsittely");
        assertThat(definition.getHistoryTimeToLive()).isEqualTo(3650);
        BpmnModelInstance model = repositoryService.getBpmnModelInstance(definition.getId());
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(node.getName()).as(node.getId()).isNotBlank();
        }

        Map<String, Properties> bundles = Map.of(
                "fi", ModelConsistency.bundle("/i18n/messages.properties"),
                "sv", ModelConsistency.bundle("/i18n/messages_sv.properties"),
                "en", ModelConsistency.bundle("/i18n/messages_en.properties"));
        Set<String> caseProcesses = Arrays.stream(CaseKind.values()).map(CaseKind::processKey).collect(Collectors.toSet());
        ModelConsistency consistency = new ModelConsistency(Path.of("forms"), Path.of("src/main/resources/templates/mail"), bundles,
                caseProcesses, context::containsBean);
        Path file = Path.of("processes/grantChangeRequest.bpmn");
        assertThat(consistency.problems(file)).isEmpty();
        assertThat(consistency.rows(file).stream().filter(r -> r.mail() != null)).hasSize(1);
    }
}
