package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.organisations.OrganisationType;
import fi.silta.support.BrowserTests;
import fi.silta.support.EngineJobs;
import fi.silta.support.GrantFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;

/**
 * A reviewer's two tasks in real Tasklist with Silta's Camunda Forms
 * (src/test/browser/tasklist-review.mjs): the disqualification declaration, then the score sheet
 * whose rows come prefilled from the task-local {@code scores}. The engine must have the review
 * stored as SCORED with the scores typed in the browser. Runs in real time (no ClockUtil).
 */
@SiltaIntegrationTest
class TasklistReviewBrowserTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    /** What the script types, row by row (the fixture's criteria: 40 / 30 / 30 %). */
    static final List<Integer> SCORES = List.of(4, 3, 5);

    @LocalServerPort int port;
    @Value("${silta.demo.password}") String password;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired EngineJobs jobs;
    @Autowired GrantFixtures fixtures;
    @Autowired GrantSubmissions submissions;
    @Autowired GrantReviewRepository reviews;

    @Test
    void aReviewerDeclaresAndScoresInTasklist() {
        BrowserTests browser = BrowserTests.require();
        OffsetDateTime now = OffsetDateTime.now();
        long roundId = fixtures.publishedRound(now.minusDays(1), now.plusDays(30), GrantFixtures.POOL);
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        long applicationId = fixtures.draft(roundId, applicant, "5000.00");
        String processInstanceId = submissions.submit(applicationId, applicant.contactId(), null).caseFile().processInstanceId();

        jobs.executeAll(processInstanceId);
        complete(processInstanceId, "Task_ConfirmEligibility", "eligibilityDecision", "eligible");
        complete(processInstanceId, "Task_FormalCheck", "formalCheckResult", "complete");
        jobs.executeAll(processInstanceId);
        List<ProcessInstance> slots = runtimeService.createProcessInstanceQuery().superProcessInstanceId(processInstanceId).list();
        assertThat(slots).hasSize(2);
        ProcessInstance slot = slots.get(0);
        String reviewer = (String) runtimeService.getVariable(slot.getId(), "reviewer");
        Task declaration = taskService.createTaskQuery().processInstanceId(slot.getId()).singleResult();
        assertThat(declaration.getTaskDefinitionKey()).isEqualTo("Task_DeclareDisqualification");
        assertThat(declaration.getAssignee()).isEqualTo(reviewer);

        browser.run("tasklist-review.mjs", "http://localhost:" + port, Duration.ofMinutes(3),
                "--user", reviewer, "--password", password, "--slot", slot.getId(),
                "--scores", String.join(",", SCORES.stream().map(String::valueOf).toList()),
                "--screenshots", BrowserTests.SCREENSHOTS.toString());

        // both forms reached the engine: the slot has ended and the review is stored with the typed scores
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(slot.getId()).count()).isZero();
        GrantReviewRepository.Review review = reviews.find(applicationId, reviewer).orElseThrow();
        assertThat(review.status()).isEqualTo("SCORED");
        assertThat(review.total()).isEqualByComparingTo("4.00"); // 4 × 40 % + 3 × 30 % + 5 × 30 %
        assertThat(reviews.scores(review.id())).extracting(GrantReviewRepository.Score::score).containsExactlyElementsOf(SCORES);
        assertThat(reviews.scores(review.id())).extracting(GrantReviewRepository.Score::justification)
                .allSatisfy(text -> assertThat(text).startsWith("Perustelu"));
    }

    private void complete(String processInstanceId, String taskDefinitionKey, String name, Object value) {
        Task task = taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskDefinitionKey).singleResult();
        assertThat(task).as(taskDefinitionKey).isNotNull();
        taskService.complete(task.getId(), java.util.Map.of(name, value));
    }

}
