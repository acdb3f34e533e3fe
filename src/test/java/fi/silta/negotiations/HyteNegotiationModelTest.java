package fi.silta.negotiations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import fi.silta.models.ModelConsistency;
import fi.silta.support.SiltaIntegrationTest;

/**
 * hyteNegotiation against Silta's model conventions (forms, mail templates, status texts, beans), with Finnish names on
 * every element, its diagram labels in fi/sv/en, a shape or edge for every element, and historyTimeToLive.
 */
@SiltaIntegrationTest
class HyteNegotiationModelTest {

    static final Path MODEL = Path.of("processes/hyteNegotiation.bpmn");

    @Autowired ApplicationContext context;

    @Test
    void theModelFollowsSiltasConventions() {
        Map<String, Properties> bundles = Map.of("fi", ModelConsistency.bundle("/i18n/messages.properties"),
                "sv", ModelConsistency.bundle("/i18n/messages_sv.properties"), "en", ModelConsistency.bundle("/i18n/messages_en.properties"));
        ModelConsistency consistency = new ModelConsistency(Path.of("forms"), Path.of("src/main/resources/templates/mail"), bundles,
                Set.of("hyteNegotiation"), context::containsBean);
        assertThat(consistency.problems(MODEL)).isEmpty();
        assertThat(consistency.rows(MODEL).stream().filter(r -> r.mail() != null)).extracting(ModelConsistency.Row::mail)
                .containsExactlyInAnyOrder("hyte-background-requested", "hyte-background-reminder", "hyte-meeting-invitation",
                        "hyte-meeting-updated", "hyte-meeting-cancelled");

        BpmnModelInstance model = Bpmn.readModelFromFile(MODEL.toFile());
        Process process = model.getModelElementsByType(Process.class).iterator().next();
        assertThat(process.getId()).isEqualTo("hyteNegotiation");
        assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("P3650D");
        List<String> shapes = model.getModelElementsByType(BpmnShape.class).stream().map(s -> s.getBpmnElement().getId()).toList();
        List<String> edges = model.getModelElementsByType(BpmnEdge.class).stream().map(e -> e.getBpmnElement().getId()).toList();
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            if (element instanceof SequenceFlow) {
                assertThat(edges).as(element.getId()).contains(element.getId());
                continue;
            }
            assertThat(shapes).as(element.getId()).contains(element.getId());
            if (element instanceof FlowNode) {
                assertThat(element.getName()).as("Finnish name of " + element.getId()).isNotBlank();
                for (var bundle : bundles.entrySet()) {
                    assertThat(bundle.getValue()).as(bundle.getKey()).containsKey("diagram.hyteNegotiation." + element.getId());
                }
            }
        }
        assertThat(shapes).contains("Task_GiveBackground", "Timer_BackgroundDeadlinePassed", "Task_ScheduleMeeting", "Event_MeetingMoved",
                "Event_MeetingCancelled", "Task_RecordMemo", "Task_ApproveMemoCounty", "Task_ApproveMemoMunicipality");
    }
}
