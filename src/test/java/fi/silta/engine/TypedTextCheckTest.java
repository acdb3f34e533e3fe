package fi.silta.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.silta.organisations.ContactVerificationService;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestOrganisations;

/** Text typed into any staff task, however it is completed, is refused with its message when it holds a NUL or another control character. */
@SiltaIntegrationTest
class TypedTextCheckTest {

    @Autowired TestOrganisations testOrganisations;
    @Autowired ContactVerificationService verification;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;

    @Test
    void aNulInATasksTextIsRefusedWithItsMessageAndTheTaskStaysOpen() {
        var contact = testOrganisations.newContact("fi");
        String processInstanceId = verification.requestVerification(contact.contactId(), null).caseFile().processInstanceId();
        String taskId = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId();
        assertThatThrownBy(() -> taskService.complete(taskId, Map.of("verificationDecision", "reject",
                "verificationNote", "Ei hallituksen\u0000 jäsen.")))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Tekstissä on ohjausmerkki");
        assertThat(runtimeService.getActiveActivityIds(processInstanceId)).containsExactly("Task_VerifyContact");
        // a JSON row (as a dynamic list of Tasklist sends it) is looked into too
        assertThatThrownBy(() -> taskService.complete(taskId, Map.of("verificationDecision", "approve",
                "rows", org.camunda.spin.Spin.JSON("[{\"justification\":\"hyv\\u0007ä\"}]"))))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Tekstissä on ohjausmerkki");
        assertThat(runtimeService.getActiveActivityIds(processInstanceId)).containsExactly("Task_VerifyContact");
        // line breaks and tabs are text
        taskService.complete(taskId, Map.of("verificationDecision", "approve", "verificationNote", "Rivi 1\nRivi 2\tsarake"));
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isZero();
    }
}
