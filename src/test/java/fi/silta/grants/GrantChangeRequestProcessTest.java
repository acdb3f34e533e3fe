package fi.silta.grants;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseRepository;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.GrantDecisionFixtures;
import fi.silta.support.Mails;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;
import fi.silta.web.Locales;

/**
 * Every path of grantChangeRequest: a budget shift granted (new lines, the message to a process that waits
 * for it, the decision mailed with its PDF), a later report due date partly granted, a change of content
 * refused and sent as a letter; the decision maker's refusals (another user, a changed total, a day out
 * of range) store nothing, and a form's planted request id is not read.
 */
@SiltaIntegrationTest
class GrantChangeRequestProcessTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final String WAITER = "grantChangeTestWaiter";

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired RepositoryService repositoryService;
    @Autowired GrantDecisionFixtures decisions;
    @Autowired GrantChangeRequests requests;
    @Autowired GrantFundings fundings;
    @Autowired CaseRepository cases;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;
    @Autowired fi.silta.cases.documents.DocumentService documents;

    @BeforeEach
    void setUp() {
        init(processEngine);
    }

    @AfterEach
    void reset() {
        identityService.clearAuthentication();
    }

    @Test
    void aBudgetShiftGrantedBecomesTheTermsAndIsAnnounced() {
        GrantChangeTestFunding funding = GrantChangeTestFunding.create(decisions, jdbc, true);
        ProcessInstance waiter = waitForTermsChanged(funding.reference());
        ProcessInstance instance = file(funding, new GrantChangeRequests.Asked("BUDGET", List.of("3 500", "1 500"), null, null,
                "Tilavuokrat halpenivat, ohjaajia tarvitaan enemmän."));
        assertThat(instance).isStarted().isWaitingAt("Task_DecideChangeRequest");
        Assertions.assertThat(instance.getBusinessKey()).isEqualTo(funding.reference());
        Assertions.assertThat(task(instance).getAssignee()).isEqualTo(GrantDecisionFixtures.DECISION_MAKER);
        Assertions.assertThat(taskService.getVariableLocal(task(instance).getId(), "changeAskedText").toString().replace('\u00a0', ' '))
                .contains("Ohjaajien palkkiot", "3 500,00");

        decide(instance, GrantDecisionFixtures.DECISION_MAKER, Map.of("changeOutcome", "GRANTED",
                "changeDecisionReasons", "Siirto on toiminnan kannalta perusteltu."));
        assertThat(instance).isWaitingAt("Task_IssueChangeDecision");
        execute(job(instance));
        assertThat(instance).hasPassed("Task_IssueChangeDecision", "Event_TermsChanged", "Task_PrepareChangeDecision",
                "Send_ChangeDecisionMail").isWaitingAt("Task_SetChangeDecisionReceived");
        assertThat(waiter).isEnded();
        Assertions.assertThat(fundings.lines(funding.fundingId())).extracting(BudgetLine::amount)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("3500"), new BigDecimal("1500"));
        Assertions.assertThat(fundings.find(funding.fundingId()).orElseThrow().termsVersion()).isEqualTo(2);

        drainer.drain();
        execute(job(instance));
        assertThat(instance).hasPassed("Gateway_DecisionReceived").isEnded();
        GrantChangeRequest request = requests.byProcessInstance(instance.getId()).orElseThrow();
        Assertions.assertThat(request.outcome()).isEqualTo(GrantChangeRequest.Outcome.GRANTED);
        Assertions.assertThat(request.openFundingId()).isNull();
        Assertions.assertThat(request.termsVersion()).isEqualTo(2);
        Assertions.assertThat(request.receivedOn()).isEqualTo(LocalDate.now(Locales.HELSINKI).plusDays(3));
        Assertions.assertThat(request.rectificationLastDay()).isAfterOrEqualTo(request.receivedOn().plusDays(14));
        List<Mails.Attachment> pdfs = Mails.attachments(greenMail, funding.email(), "Päätös muutoshakemukseen");
        Assertions.assertThat(pdfs).hasSize(1);
        Assertions.assertThat(pdfs.get(0).pdfText().replace('\u00a0', ' ')).contains("Haettu muutos myönnetään", "3 500,00", "1 500,00",
                "Siirto on toiminnan kannalta perusteltu.", "Oikaisuvaatimusohje", "14 päivän");
    }

    @Test
    void moreTimePartlyGrantedWithinTheDaysAskedAndTheRefusalsStoreNothing() {
        GrantChangeTestFunding funding = GrantChangeTestFunding.create(decisions, jdbc, true);
        LocalDate asked = funding.reportDue().plusDays(90);
        ProcessInstance instance = file(funding, new GrantChangeRequests.Asked("TIME", null, asked.toString(), null,
                "Toiminta alkoi myöhässä."));

        // not the round's decision maker (a coordinator through the engine): refused
        Assertions.assertThatThrownBy(() -> decide(instance, GrantDecisionFixtures.COORDINATOR, Map.of("changeOutcome", "GRANTED",
                "changeDecisionReasons", "x"))).isInstanceOf(ProcessEngineException.class).hasMessageContaining("haun päättäjä");
        // a day after the one asked for: refused in the three languages
        Assertions.assertThatThrownBy(() -> decide(instance, GrantDecisionFixtures.DECISION_MAKER, Map.of(
                "changeOutcome", "PARTLY_GRANTED", "changeDecisionReasons", "Osa ajasta.",
                "changeGrantedReportDue", asked.plusDays(1).toString())))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Uuden määräpäivän").hasMessageContaining("förfallodagen")
                .hasMessageContaining("due date");
        // no reasons
        Assertions.assertThatThrownBy(() -> decide(instance, GrantDecisionFixtures.DECISION_MAKER, Map.of("changeOutcome", "GRANTED")))
                .isInstanceOf(ProcessEngineException.class);
        Assertions.assertThat(requests.byProcessInstance(instance.getId()).orElseThrow().outcome()).isNull();
        assertThat(instance).isWaitingAt("Task_DecideChangeRequest");

        // a planted request id is not read: the process's own request is decided
        ProcessInstance other = file(GrantChangeTestFunding.create(decisions, jdbc, true), new GrantChangeRequests.Asked("CONTENT",
                null, null, "Kohderyhmä laajenee.", "Tarve kasvoi."));
        long otherId = requests.byProcessInstance(other.getId()).orElseThrow().id();
        LocalDate granted = funding.reportDue().plusDays(45);
        Map<String, Object> answer = new HashMap<>(Map.of("changeOutcome", "PARTLY_GRANTED", "changeDecisionReasons",
                "Lisäaikaa myönnetään puolitoista kuukautta.", "changeGrantedReportDue", granted.toString()));
        answer.put(GrantChangeRequests.REQUEST_ID, otherId);
        decide(instance, GrantDecisionFixtures.DECISION_MAKER, answer);
        execute(job(instance));
        assertThat(instance).hasPassed("Event_TermsChanged").isWaitingAt("Task_SetChangeDecisionReceived");
        Assertions.assertThat(requests.find(otherId).orElseThrow().outcome()).isNull();
        Assertions.assertThat(fundings.find(funding.fundingId()).orElseThrow().reportDue()).isEqualTo(granted);
        Assertions.assertThat(fundings.lines(funding.fundingId())).extracting(BudgetLine::amount)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("3000"), new BigDecimal("2000"));
        drainer.drain();
        execute(job(instance));
        assertThat(instance).isEnded();
        Assertions.assertThat(Mails.attachments(greenMail, funding.email(), "Päätös muutoshakemukseen").get(0).pdfText()
                .replace('\u00a0', ' ')).contains("myönnetään osittain", TestDays.day(granted));
    }

    @Test
    void aBudgetShiftPartlyGrantedKeepsTheTotal() {
        GrantChangeTestFunding funding = GrantChangeTestFunding.create(decisions, jdbc, true);
        ProcessInstance instance = file(funding, new GrantChangeRequests.Asked("BUDGET", List.of("4 000", "1 000"), null, null,
                "Enemmän ohjausta."));
        Assertions.assertThatThrownBy(() -> decide(instance, GrantDecisionFixtures.DECISION_MAKER, Map.of(
                "changeOutcome", "PARTLY_GRANTED", "changeDecisionReasons", "Osittain.", "changeGrantedAmounts", "3 600; 1 500")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("loppusumman").hasMessageContaining("totalbeloppet")
                .hasMessageContaining("total must stay");
        Assertions.assertThat(jdbc.sql("select count(*) from grant_change_request_line l join grant_change_request r on r.id = l.request_id "
                + "where r.process_instance_id = ? and l.which = 'GRANTED'").param(instance.getId()).query(Long.class).single()).isZero();
        decide(instance, GrantDecisionFixtures.DECISION_MAKER, Map.of("changeOutcome", "PARTLY_GRANTED",
                "changeDecisionReasons", "Puolet siirrosta.", "changeGrantedAmounts", "3 500; 1 500"));
        execute(job(instance));
        Assertions.assertThat(fundings.lines(funding.fundingId())).extracting(BudgetLine::amount)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("3500"), new BigDecimal("1500"));
    }

    @Test
    void aChangeOfContentRefusedIsSentAsALetterInSwedish() throws Exception {
        GrantChangeTestFunding funding = GrantChangeTestFunding.create(decisions, jdbc, false);
        jdbc.sql("update case_file set language = 'sv' where reference = ?").param(funding.reference()).update();
        ProcessInstance waiter = waitForTermsChanged(funding.reference());
        ProcessInstance instance = file(funding, new GrantChangeRequests.Asked("CONTENT", null, null,
                "Kerhot siirtyvät verkkoon.", "Tilat menivät remonttiin."));
        decide(instance, GrantDecisionFixtures.DECISION_MAKER, Map.of("changeOutcome", "REFUSED",
                "changeDecisionReasons", "Verkkotoiminta ei tavoita kohderyhmää."));
        execute(job(instance));
        assertThat(instance).hasPassed("Task_PrepareChangeDecision").hasNotPassed("Event_TermsChanged", "Send_ChangeDecisionMail")
                .isWaitingAt("Task_SendChangeDecisionLetter");
        assertThat(waiter).isNotEnded();
        Assertions.assertThat(fundings.find(funding.fundingId()).orElseThrow().termsVersion()).isEqualTo(1);
        Assertions.assertThat(task(instance).getTaskDefinitionKey()).isEqualTo("Task_SendChangeDecisionLetter");

        LocalDate today = LocalDate.now(Locales.HELSINKI);
        Assertions.assertThatThrownBy(() -> completeAs(GrantDecisionFixtures.COORDINATOR, "coordinators", instance,
                Map.of("letterSentOn", today.plusDays(2).toString()))).isInstanceOf(ProcessEngineException.class);
        completeAs(GrantDecisionFixtures.COORDINATOR, "coordinators", instance, Map.of("letterSentOn", today.toString()));
        execute(job(instance));
        assertThat(instance).isEnded();
        GrantChangeRequest request = requests.byProcessInstance(instance.getId()).orElseThrow();
        Assertions.assertThat(request.notice()).isEqualTo("LETTER");
        Assertions.assertThat(request.receivedOn()).isEqualTo(today.plusDays(7));
        Assertions.assertThat(request.documentId()).isNotNull();
        Assertions.assertThat(request.openFundingId()).isNull();
        Assertions.assertThat(request.language()).isEqualTo("sv");
        byte[] pdf = documents.content(request.caseId(), request.documentId()).orElseThrow();
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            Assertions.assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains("Den sökta ändringen avslås",
                    "Verkkotoiminta ei tavoita kohderyhmää.", "Anvisning om begäran om omprövning", "Ohjaajien palkkiot")
                    .doesNotContain("Oikaisuvaatimusohje");
        }
        runtimeService.deleteProcessInstance(waiter.getId(), "test over");
    }

    /** Two tabs sending at the same moment: one request is stored and started, the other refused. */
    @Test
    void twoRequestsAtOnceMakeOne() throws Exception {
        GrantChangeTestFunding funding = GrantChangeTestFunding.create(decisions, jdbc, true);
        CaseFile caseFile = cases.findByReference(funding.reference()).orElseThrow();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Object>> sent = new java.util.ArrayList<>();
            for (String days : List.of("30", "60")) {
                sent.add(pool.submit(() -> {
                    start.await();
                    try {
                        return requests.file(caseFile, funding.email(), new GrantChangeRequests.Asked("TIME", null,
                                funding.reportDue().plusDays(Long.parseLong(days)).toString(), null, "Kiire."), List.of(),
                                java.util.UUID.randomUUID().toString());
                    } catch (fi.silta.web.InvalidInput refused) {
                        return refused;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new java.util.ArrayList<>();
            for (var future : sent) {
                outcomes.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            Assertions.assertThat(outcomes).filteredOn(o -> o instanceof GrantChangeRequests.Filed).hasSize(1);
            Assertions.assertThat(outcomes).filteredOn(o -> o instanceof fi.silta.web.InvalidInput).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        Assertions.assertThat(jdbc.sql("select count(*) from grant_change_request where funding_id = ?").param(funding.fundingId())
                .query(Long.class).single()).isOne();
        Assertions.assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(GrantChangeRequests.PROCESS_KEY)
                .processInstanceBusinessKey(funding.reference()).count()).isOne();
    }

    // --- steps --------------------------------------------------------------------------------------------------

    private ProcessInstance file(GrantChangeTestFunding funding, GrantChangeRequests.Asked asked) {
        CaseFile caseFile = cases.findByReference(funding.reference()).orElseThrow();
        GrantChangeRequest request = requests.file(caseFile, funding.email(), asked, List.of(), null).request();
        return runtimeService.createProcessInstanceQuery().processInstanceId(request.processInstanceId()).singleResult();
    }

    private void decide(ProcessInstance instance, String user, Map<String, Object> variables) {
        completeAs(user, "decisionMakers", instance, variables);
    }

    private void completeAs(String user, String group, ProcessInstance instance, Map<String, Object> variables) {
        identityService.setAuthentication(user, List.of(group));
        try {
            taskService.complete(task(instance).getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** A process of the case that waits for GrantTermsChanged, as the use-of-funds report's will. */
    private ProcessInstance waitForTermsChanged(String reference) {
        if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(WAITER).count() == 0) {
            BpmnModelInstance model = Bpmn.createExecutableProcess(WAITER).name("Testi: odottaa ehtojen muutosta")
                    .camundaHistoryTimeToLive(1).startEvent().intermediateCatchEvent("Event_Wait").message("GrantTermsChanged")
                    .endEvent().done();
            repositoryService.createDeployment().name("grant-change-test").addModelInstance(WAITER + ".bpmn", model).deploy();
        }
        return runtimeService.startProcessInstanceByKey(WAITER, reference);
    }

    /** Days as the documents print them. */
    static final class TestDays {
        static String day(LocalDate day) {
            return day.getDayOfMonth() + "." + day.getMonthValue() + "." + day.getYear();
        }
    }
}
