package fi.silta.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.LoggerFactory;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import fi.silta.organisations.ContactVerificationService;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;

/**
 * A refused Tasklist form leaves one WARN line in the log and no stack trace, whether the task
 * is completed through the Java API or through the REST API Tasklist uses; the engine's
 * ENGINE-16004 error and the REST API's error log stay out.
 */
@SiltaIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class QuietRefusalsTest {

    /** the English part of the refusal (the log is read back in the platform charset) */
    static final String REFUSAL = "Choose a decision: approve, ask for more information or reject.";

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired ContactVerificationService verification;
    @Autowired TaskService taskService;

    @Test
    void aRefusedFormIsOneWarnLineWithoutAStackTrace(CapturedOutput output) {
        assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getTurboFilterList()).extracting(TurboFilter::getName)
                .contains(QuietRefusals.NAME);
        String viaApi = verificationTask();
        assertThatThrownBy(() -> taskService.complete(viaApi, Map.of())).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining(REFUSAL);
        String viaRest = verificationTask();
        HttpResponse<String> refused = new StaffClient(port).engineRest("POST", "/task/" + viaRest + "/submit-form",
                "aino.virtanen", "silta-demo", "{\"variables\": {}}");
        assertThat(refused.statusCode()).as(refused.body()).isGreaterThanOrEqualTo(400);
        assertThat(refused.body()).contains(REFUSAL);
        assertThat(taskService.createTaskQuery().taskId(viaRest).count()).as("the task stays open").isOne();

        String log = output.getAll();
        assertThat(log.lines().filter(line -> line.contains(REFUSAL)).toList()).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains(" WARN ", "fi.silta.engine.FormRefused", "Form refused: Valitse ratkaisu", REFUSAL));
        assertThat(log).doesNotContain("ENGINE-16004", "ENGINE-03051", "FormRefused:", "at fi.silta.organisations.");
        assertThat(log.lines().filter(line -> line.startsWith("\tat ") || line.startsWith("Caused by:")).toList()).isEmpty();
    }

    @Test
    void anotherFailureIsStillLoggedInFull() {
        assertThat(QuietRefusals.isRefusal(new ProcessEngineException("wrapped", new FormRefused(REFUSAL)))).isTrue();
        assertThat(QuietRefusals.isRefusal(new ProcessEngineException("a fault", new IllegalStateException("boom")))).isFalse();
        assertThat(QuietRefusals.isRefusal(null)).isFalse();
        QuietRefusals filter = new QuietRefusals();
        Logger rest = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine.rest.exception");
        assertThat(filter.decide(null, rest, Level.WARN, "{}", new Object[] {"RestException: x\nCaused by: "
                + FormRefused.class.getName() + ": " + REFUSAL}, null)).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, rest, Level.WARN, "{}", new Object[] {"RestException: x\nCaused by: "
                + IllegalStateException.class.getName() + ": boom"}, null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, rest, Level.WARN, "ENGINE-REST-HTTP500 RestException: x\nCaused by: "
                + FormRefused.class.getName() + ": " + REFUSAL, new Object[0], null)).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, rest, Level.ERROR, "failed", null, new IllegalStateException("boom")))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    private String verificationTask() {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        String instance = verification.requestVerification(applicant.contactId(), UUID.randomUUID().toString()).caseFile()
                .processInstanceId();
        return taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    }
}
