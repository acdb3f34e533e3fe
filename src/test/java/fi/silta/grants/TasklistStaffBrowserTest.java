package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.cases.CaseFile;
import fi.silta.cases.OutsiderTasks;
import fi.silta.cases.documents.Upload;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.BrowserTests;
import fi.silta.support.EngineJobs;
import fi.silta.support.GrantFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;

/**
 * Issue 11's staff checks in real Tasklist: the coordinator's filters list no outsider's task, a
 * second formal check opens empty and its link leads to the whole case
 * (src/test/browser/tasklist-coordinator.mjs); a reviewer's tasks are told apart by reference and
 * organisation and the score sheet's link opens the case page (tasklist-reviewer-list.mjs).
 * axe-core checks the case page in both. Runs in real time (no ClockUtil).
 */
@SiltaIntegrationTest
class TasklistStaffBrowserTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final String ACTIVITY = "Vertaistukiryhmät omaishoitajille";

    @LocalServerPort int port;
    @Value("${silta.demo.password}") String password;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired EngineJobs jobs;
    @Autowired IdentityService identityService;
    @Autowired GrantFixtures fixtures;
    @Autowired GrantSubmissions submissions;
    @Autowired GrantApplicationRepository applications;
    @Autowired OutsiderTasks outsiderTasks;

    @Test
    void theCoordinatorFollowsTheFormalCheckToTheWholeCase() {
        BrowserTests browser = BrowserTests.require();
        OffsetDateTime now = OffsetDateTime.now();
        long roundId = fixtures.publishedRound(now.minusDays(1), now.plusDays(30), GrantFixtures.POOL);
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        long applicationId = fixtures.draft(roundId, applicant, "4500.00");
        applications.replaceBudgetLines(applicationId, List.of(new BudgetLine("Ohjaajien palkkiot", new BigDecimal("4500.00"))));
        CaseFile answered = submissions.submit(applicationId, applicant.contactId(), null).caseFile();
        requestSupplement(answered.processInstanceId());
        Task supplement = taskService.createTaskQuery().processInstanceId(answered.processInstanceId())
                .taskDefinitionKey("Task_ProvideSupplement").singleResult();
        outsiderTasks.complete(answered, supplement.getId(), Map.of("supplementAnswer", "Hallituksen pöytäkirja on liitteenä."),
                List.of(Upload.of("attachments", "poytakirja.pdf", "application/pdf", GrantCasePageHttpTest.pdf())), applicant.email());
        // another application waits for its applicant: an outsider's task no filter may list
        GrantFixtures.Applicant other = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        String waiting = submissions.submit(fixtures.draft(roundId, other, "3000.00"), other.contactId(), null).caseFile().processInstanceId();
        requestSupplement(waiting);
        assertThat(taskService.createTaskQuery().processInstanceId(waiting).taskCandidateGroup("external").count()).isOne();

        browser.run("tasklist-coordinator.mjs", "http://localhost:" + port, Duration.ofMinutes(4),
                "--user", "aino.virtanen", "--password", password, "--process", answered.processInstanceId(),
                "--reference", answered.reference(), "--activity", ACTIVITY, "--budget-line", "Ohjaajien palkkiot",
                "--municipality", "Oulu", "--answer", "Hallituksen pöytäkirja on liitteenä.", "--file", "poytakirja.pdf",
                "--outsider-task", "Täydennä hakemusta", "--screenshots", BrowserTests.SCREENSHOTS.toString());

        // completed in the browser as complete: on to the reviewers
        assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(answered.processInstanceId())
                .taskDefinitionKey("Task_FormalCheck").finished().count()).isEqualTo(2);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(answered.processInstanceId())
                .variableName("formalCheckResult").singleResult().getValue()).isEqualTo("complete");
    }

    @Test
    void aReviewerTellsTasksApartAndOpensTheCaseFromTheScoreSheet() {
        BrowserTests browser = BrowserTests.require();
        OffsetDateTime now = OffsetDateTime.now();
        String reviewer = "mikko.korhonen";
        long roundId = fixtures.publishedRound(now.minusDays(1), now.plusDays(30), List.of(reviewer, "liisa.nieminen"));
        List<String> pairs = new ArrayList<>();
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
            CaseFile caseFile = submissions.submit(fixtures.draft(roundId, applicant, "5000.00"), applicant.contactId(), null).caseFile();
            String pid = caseFile.processInstanceId();
            jobs.executeAll(pid);
            complete(pid, "Task_ConfirmEligibility", Map.of("eligibilityDecision", "eligible"));
            complete(pid, "Task_FormalCheck", Map.of("formalCheckResult", "complete"));
            jobs.executeAll(pid);
            String organisation = (String) runtimeService.getVariable(pid, "organisationName");
            pairs.add(caseFile.reference() + "|" + organisation);
            references.add(caseFile.reference());
        }
        // the first is declared (its score sheet is open), the other two wait for the declaration
        String slot = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(references.get(0))
                .processDefinitionKey("grantReview").variableValueEquals("reviewer", reviewer).singleResult().getId();
        Task declaration = taskService.createTaskQuery().processInstanceId(slot).singleResult();
        identityService.setAuthentication(reviewer, List.of("reviewers"));
        try {
            taskService.complete(declaration.getId(), Map.of("disqualified", "no"));
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(taskService.createTaskQuery().taskAssignee(reviewer).count()).isGreaterThanOrEqualTo(3);

        browser.run("tasklist-reviewer-list.mjs", "http://localhost:" + port, Duration.ofMinutes(3),
                "--user", reviewer, "--password", password, "--cases", String.join(";", pairs),
                "--scoring-reference", references.get(0), "--activity", ACTIVITY,
                "--screenshots", BrowserTests.SCREENSHOTS.toString());
    }

    private void requestSupplement(String pid) {
        jobs.executeAll(pid);
        complete(pid, "Task_ConfirmEligibility", Map.of("eligibilityDecision", "eligible"));
        identityService.setAuthentication("aino.virtanen", List.of("coordinators"));
        try {
            complete(pid, "Task_FormalCheck", Map.of("formalCheckResult", "incomplete",
                    "supplementRequest", "Lähettäkää hallituksen pöytäkirja.", "supplementDays", 7));
        } finally {
            identityService.clearAuthentication();
        }
        jobs.executeAll(pid);
    }

    private void complete(String pid, String key, Map<String, Object> variables) {
        Task task = taskService.createTaskQuery().processInstanceId(pid).taskDefinitionKey(key).singleResult();
        assertThat(task).as(key).isNotNull();
        taskService.complete(task.getId(), variables);
    }


}
