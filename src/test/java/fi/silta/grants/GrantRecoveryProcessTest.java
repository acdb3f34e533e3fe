package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.documents.DocumentService;
import fi.silta.engine.FormRefused;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.GrantRecoveryFixtures;
import fi.silta.support.Mails;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;

/**
 * Every path of grantRecovery: paid at the due date; partly paid, then paid at the new due date; passed on for
 * collection; returned by the decision maker, then approved; the decision by letter; started by the funding's process
 * (reason REPORT); and the refusals of a start, of an amount over what was paid or a past due date, and of an approval
 * by anyone but the round's decision maker (fi/sv/en, nothing stored).
 */
@SiltaIntegrationTest
class GrantRecoveryProcessTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final String COORDINATOR = "aino.virtanen";
    static final String DECISION_MAKER = "helena.hamalainen";

    @Autowired ProcessEngine engine;
    @Autowired GrantRecoveryFixtures fixtures;
    @Autowired GrantRecoveryService recoveries;
    @Autowired GrantRecoveries recoveryRows;
    @Autowired GrantFundings fundings;
    @Autowired CaseRepository cases;
    @Autowired RuntimeService runtime;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identity;
    @Autowired DocumentService documents;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.context.ApplicationContext context;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
        identity.clearAuthentication();
    }

    @Test
    void paidAtTheDueDate() throws Exception {
        GrantRecoveryFixtures.Funded f = fixtures.funded();
        ProcessInstance instance = start(f, "UNUSED_FUNDS", "Toiminta jäi pienemmäksi kuin haettiin.");
        GrantRecovery recovery = recovery(instance);
        assertThat(recovery.reason()).isEqualTo(GrantRecovery.Reason.UNUSED_FUNDS);
        assertThat(recovery.status()).isEqualTo(GrantRecovery.Status.OPEN);
        assertThat(fundings.find(f.fundingId()).orElseThrow().status()).isEqualTo(GrantFunding.Status.RECOVERY);
        assertThat(runtime.getVariable(instance.getId(), "recoveryId")).isEqualTo(recovery.id());
        BpmnAwareTests.assertThat(instance).isWaitingAt("Task_PrepareRecovery");
        Task prepare = task(instance);
        assertThat(plain(taskService.getVariableLocal(prepare.getId(), "recoveryPaidText"))).isEqualTo("6 000,00 €");

        LocalDate due = today().plusDays(30);
        prepare(instance, "2 000,00", due);
        Task approve = task(instance);
        assertThat(approve.getTaskDefinitionKey()).isEqualTo("Task_ApproveRecovery");
        assertThat(approve.getAssignee()).isEqualTo(DECISION_MAKER);
        complete(DECISION_MAKER, "decisionMakers", approve, Map.of("recoveryDecision", "approve"));
        deliverByMail(instance);

        recovery = recovery(instance);
        assertThat(recovery.status()).isEqualTo(GrantRecovery.Status.DECIDED);
        assertThat(recovery.amount()).isEqualByComparingTo("2000.00");
        assertThat(recovery.decidedBy()).isEqualTo(DECISION_MAKER);
        assertThat(recovery.notice()).isEqualTo("MAIL");
        assertThat(recovery.receivedOn()).isEqualTo(today().plusDays(3));
        assertThat(recovery.rectificationLastDay()).isAfterOrEqualTo(today().plusDays(17));
        String pdf = plain(Mails.attachments(greenMail, f.email(), "Takaisinperintäpäätös " + f.reference()).get(0).pdfText());
        assertThat(pdf).contains("Takaisinperintäpäätös", f.reference(), "2 000,00 €", "6 000,00 €", "Avustusta jäi käyttämättä.",
                "Toiminta pieneni.", "FI49 5000 9420 0287 30", "Viitenumero", "Oikaisuvaatimusohje", "14 päivän kuluessa",
                "Hyvinvointialueen aluehallitus", "Helena");
        assertThat(pdf).contains(new GrantRecoveryProperties("x", "x", "x", "x", "1450").reference(recovery.id()));
        assertThat(documents.content(recovery.caseId(), recovery.documentId())).isPresent();

        // the timer at the due date's closing time, Helsinki
        Job timer = timer(instance);
        assertThat(timer.getDuedate().toInstant()).isEqualTo(due.atTime(16, 0).atZone(Locales.HELSINKI).toInstant());
        managementService.executeJob(timer.getId());
        Task record = task(instance);
        assertThat(record.getTaskDefinitionKey()).isEqualTo("Task_RecordRecoveryPayment");
        assertThat(plain(taskService.getVariableLocal(record.getId(), "recoveryOwedText"))).isEqualTo("2 000,00 €");
        complete(COORDINATOR, "coordinators", record, Map.of("recoveryPaymentOutcome", "PAID"));
        BpmnAwareTests.assertThat(instance).isEnded().hasPassed("End_RecoveryPaid");
        recovery = recovery(instance);
        assertThat(recovery.status()).isEqualTo(GrantRecovery.Status.PAID);
        assertThat(recovery.closedAt()).isNotNull();
        assertThat(recoveryRows.received(recovery.id())).isEqualByComparingTo("2000.00");
        // the funding has its status back
        assertThat(fundings.find(f.fundingId()).orElseThrow().status()).isEqualTo(GrantFunding.Status.REPORTING);
    }

    @Test
    void partlyPaidThenPaidAtTheNewDueDate() {
        GrantRecoveryFixtures.Funded f = fixtures.funded();
        ProcessInstance instance = decided(f, "3000");
        managementService.executeJob(timer(instance).getId());
        Task record = task(instance);
        // partly paid needs an amount below what is owed and a new due date in the future
        assertThat(refusal(() -> complete(COORDINATOR, "coordinators", record, Map.of("recoveryPaymentOutcome", "PARTLY_PAID",
                "recoveryAmountReceived", "3 000", "recoveryNewDueOn", today().minusDays(1).toString()))))
                .contains("pienempi kuin maksamatta oleva 3 000,00 €", "mindre än det obetalda", "less than the €3,000.00 still owed", "Eräpäivän on oltava tulevaisuudessa");
        assertThat(recoveryRows.payments(recovery(instance).id())).isEmpty();
        LocalDate newDue = today().plusDays(60);
        complete(COORDINATOR, "coordinators", record, Map.of("recoveryPaymentOutcome", "PARTLY_PAID", "recoveryAmountReceived", "1 000,00",
                "recoveryNewDueOn", newDue.toString(), "recoveryPaymentNote", "Maksusuunnitelma sovittu."));
        BpmnAwareTests.assertThat(instance).isWaitingAt("Timer_RecoveryDue");
        GrantRecovery recovery = recovery(instance);
        assertThat(recovery.status()).isEqualTo(GrantRecovery.Status.PARTLY_PAID);
        assertThat(recovery.dueOn()).isEqualTo(newDue);
        assertThat(timer(instance).getDuedate().toInstant()).isEqualTo(newDue.atTime(16, 0).atZone(Locales.HELSINKI).toInstant());
        assertThat(fundings.find(f.fundingId()).orElseThrow().status()).isEqualTo(GrantFunding.Status.RECOVERY);

        managementService.executeJob(timer(instance).getId());
        Task again = task(instance);
        assertThat(plain(taskService.getVariableLocal(again.getId(), "recoveryOwedText"))).isEqualTo("2 000,00 €");
        // what was paid last time is not this time's answer
        assertThat(taskService.getVariables(again.getId())).doesNotContainKey("recoveryPaymentOutcome");
        // paid in full means the rest, not another sum
        assertThat(refusal(() -> complete(COORDINATOR, "coordinators", again, Map.of("recoveryPaymentOutcome", "PAID",
                "recoveryAmountReceived", "1 500"))))
                .contains("maksamatta oleva 2 000,00 €");
        complete(COORDINATOR, "coordinators", again, Map.of("recoveryPaymentOutcome", "PAID", "recoveryAmountReceived", "2000"));
        BpmnAwareTests.assertThat(instance).isEnded().hasPassed("End_RecoveryPaid");
        assertThat(recoveryRows.payments(recovery.id())).extracting(GrantRecovery.Payment::outcome)
                .containsExactly(GrantRecovery.Outcome.PARTLY_PAID, GrantRecovery.Outcome.PAID);
        assertThat(recoveryRows.received(recovery.id())).isEqualByComparingTo("3000.00");
        assertThat(recovery(instance).status()).isEqualTo(GrantRecovery.Status.PAID);
    }

    @Test
    void passedOnForCollection() {
        GrantRecoveryFixtures.Funded f = fixtures.funded();
        ProcessInstance instance = decided(f, "6000");
        managementService.executeJob(timer(instance).getId());
        complete(COORDINATOR, "coordinators", task(instance), Map.of("recoveryPaymentOutcome", "COLLECTION",
                "recoveryPaymentNote", "Ei vastausta muistutukseen."));
        BpmnAwareTests.assertThat(instance).isEnded().hasPassed("End_RecoveryToCollection").hasNotPassed("End_RecoveryPaid");
        assertThat(recovery(instance).status()).isEqualTo(GrantRecovery.Status.COLLECTION);
        assertThat(fundings.find(f.fundingId()).orElseThrow().status()).isEqualTo(GrantFunding.Status.REPORTING);
        // once it has ended, another recovery of the same funding may begin
        assertThat(recoveries.startable(caseOf(f))).isTrue();
    }

    @Test
    void returnedByTheDecisionMakerThenApproved() {
        GrantRecoveryFixtures.Funded f = fixtures.funded();
        ProcessInstance instance = start(f, "FINDING", "Tarkastuksessa havaittiin kuitteja puuttuvan.");
        prepare(instance, "1500", today().plusDays(30));
        Task approve = task(instance);
        // only the round's decision maker approves; returning needs comments
        assertThat(refusal(() -> complete(COORDINATOR, "decisionMakers", approve, Map.of("recoveryDecision", "approve"))))
                .contains("haun päättäjä", "omgångens beslutsfattare", "round's decision maker");
        assertThat(refusal(() -> complete(DECISION_MAKER, "decisionMakers", approve, Map.of("recoveryDecision", "return"))))
                .contains("Kirjoita kommentit");
        assertThat(recovery(instance).decidedAt()).isNull();
        complete(DECISION_MAKER, "decisionMakers", approve, Map.of("recoveryDecision", "return",
                "recoveryComments", "Perustele summa kuiteittain."));
        BpmnAwareTests.assertThat(instance).isWaitingAt("Task_PrepareRecovery");
        Task prepareAgain = task(instance);
        assertThat(taskService.getVariableLocal(prepareAgain.getId(), "recoveryReturnComments")).isEqualTo("Perustele summa kuiteittain.");
        assertThat(recovery(instance).status()).isEqualTo(GrantRecovery.Status.OPEN);

        prepare(instance, "1200", today().plusDays(30));
        Task approveAgain = task(instance);
        // last time's answer does not stand as this time's
        assertThat(taskService.getVariables(approveAgain.getId())).doesNotContainKeys("recoveryDecision", "recoveryComments");
        complete(DECISION_MAKER, "decisionMakers", approveAgain, Map.of("recoveryDecision", "approve"));
        deliverByMail(instance);
        GrantRecovery recovery = recovery(instance);
        assertThat(recovery.amount()).isEqualByComparingTo("1200.00");
        assertThat(recovery.returnComments()).isNull();
        BpmnAwareTests.assertThat(instance).isWaitingAt("Timer_RecoveryDue").hasPassed("Task_PrepareRecovery", "Task_ApproveRecovery");
    }

    @Test
    void byLetterWhenTheContactHasNotConsentedToElectronicNotice() {
        GrantRecoveryFixtures.Funded f = fixtures.funded();
        fixtures.noElectronicNotice(f);
        // a Swedish-speaking organisation gets its decision in Swedish
        jdbc.sql("update case_file set language = 'sv' where reference = ?").param(f.reference()).update();
        ProcessInstance instance = start(f, "UNUSED_FUNDS", "Käyttämättä.");
        prepare(instance, "500", today().plusDays(40));
        complete(DECISION_MAKER, "decisionMakers", task(instance), Map.of("recoveryDecision", "approve"));
        managementService.executeJob(job(instance).getId());
        BpmnAwareTests.assertThat(instance).isWaitingAt("Task_SendRecoveryLetter");
        Task letter = task(instance);
        assertThat(refusal(() -> complete(COORDINATOR, "coordinators", letter, Map.of("letterSentOn", today().plusDays(1).toString()))))
                .contains("Postituspäivän");
        complete(COORDINATOR, "coordinators", letter, Map.of("letterSentOn", today().toString()));
        managementService.executeJob(job(instance).getId());
        BpmnAwareTests.assertThat(instance).isWaitingAt("Timer_RecoveryDue").hasNotPassed("Send_RecoveryDecisionMail");
        GrantRecovery recovery = recovery(instance);
        assertThat(recovery.notice()).isEqualTo("LETTER");
        assertThat(recovery.letterSentOn()).isEqualTo(today());
        assertThat(recovery.receivedOn()).isEqualTo(today().plusDays(7));
        assertThat(Mails.to(greenMail, f.email())).noneMatch(m -> m.subject().contains("Takaisinperintäpäätös"));
        assertThat(recovery.language()).isEqualTo("sv");
        String pdf = plain(pdfText(documents.content(recovery.caseId(), recovery.documentId()).orElseThrow()));
        assertThat(pdf).contains("Beslut om återkrav", "500,00 €", "Referensnummer", "Norra Österbottens välfärdsområde",
                "Anvisning om begäran om omprövning").doesNotContain("Takaisinperintäpäätös");
        assertThat(documents.find(recovery.caseId(), recovery.documentId()).orElseThrow().fileName()).startsWith("aterkrav-");
    }

    @Test
    void calledByTheFundingAfterAnUnacceptedReport() {
        GrantRecoveryFixtures.Funded f = fixtures.funded();
        // as grantFunding's call activity passes them; an id a caller passes is not what the recovery is found by
        Map<String, Object> variables = new HashMap<>();
        variables.put("applicationId", f.delivered().applicationId());
        variables.put("fundingId", f.fundingId());
        variables.put("caseReference", f.reference());
        variables.put("recoveryReason", "REPORT");
        // a stand-in for grantFunding's call activity: the in-variables and the business key as the contract fixes them
        var harness = org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("grantRecoveryHarness").name("Takaisinperinnän kutsu")
                .camundaHistoryTimeToLive(1).startEvent().callActivity("Call_Recovery").name("Takaisinperintä")
                .calledElement(GrantRecoveryService.PROCESS_KEY).camundaInBusinessKey("#{execution.processBusinessKey}")
                .camundaIn("applicationId", "applicationId").camundaIn("fundingId", "fundingId")
                .camundaIn("caseReference", "caseReference").camundaIn("recoveryReason", "recoveryReason")
                .endEvent().name("Valmis").done();
        String deployment = engine.getRepositoryService().createDeployment().name("grantRecoveryHarness")
                .addModelInstance("grantRecoveryHarness.bpmn", harness).deploy().getId();
        try {
            ProcessInstance caller = runtime.startProcessInstanceByKey("grantRecoveryHarness", f.reference(), variables);
            ProcessInstance instance = runtime.createProcessInstanceQuery().superProcessInstanceId(caller.getId()).singleResult();
            calledRecovery(f, instance);
            BpmnAwareTests.assertThat(instance).isWaitingAt("Timer_RecoveryDue");
            managementService.executeJob(timer(instance).getId());
            complete(COORDINATOR, "coordinators", task(instance), Map.of("recoveryPaymentOutcome", "PAID"));
            BpmnAwareTests.assertThat(caller).isEnded();
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment, true);
        }
    }

    private void calledRecovery(GrantRecoveryFixtures.Funded f, ProcessInstance instance) {
        BpmnAwareTests.assertThat(instance).isWaitingAt("Task_PrepareRecovery");
        assertThat(instance.getBusinessKey()).isEqualTo(f.reference());
        GrantRecovery recovery = recovery(instance);
        assertThat(recovery.reason()).isEqualTo(GrantRecovery.Reason.REPORT);
        assertThat(recovery.fundingId()).isEqualTo(f.fundingId());
        assertThat(recovery.fundingStatusBefore()).isEqualTo(GrantFunding.Status.REPORTING);
        // an amount over what was paid, none at all, or a past due date: refused in three languages, nothing stored
        Task prepare = task(instance);
        assertThat(refusal(() -> complete(COORDINATOR, "coordinators", prepare, Map.of("recoveryAmount", "6 000,01",
                "recoveryReasons", "Selvitys puutteellinen.", "recoveryDueOn", today().plusDays(30).toString()))))
                .contains("enintään avustuksesta maksetun määrän, 6 000,00 €", "Högst det belopp som betalats ut", "At most the amount paid out");
        assertThat(refusal(() -> complete(COORDINATOR, "coordinators", prepare, Map.of("recoveryAmount", "0",
                "recoveryReasons", "Selvitys puutteellinen.", "recoveryDueOn", today().toString()))))
                .contains("suurempi kuin nolla", "Eräpäivän on oltava tulevaisuudessa");
        assertThat(recovery(instance).amount()).isNull();
        BpmnAwareTests.assertThat(instance).isWaitingAt("Task_PrepareRecovery");
        // ids a Tasklist form sets are not what the recovery is found by
        complete(COORDINATOR, "coordinators", task(instance), Map.of("recoveryAmount", "6 000,00", "recoveryReasons", "Selvitys puutteellinen.",
                "recoveryDueOn", today().plusDays(30).toString(), "recoveryId", recovery.id() + 1000, "fundingId", f.fundingId() + 1000));
        assertThat(recovery(instance).amount()).isEqualByComparingTo("6000.00");
        assertThat(recoveryRows.find(recovery.id() + 1000)).isEmpty();
        complete(DECISION_MAKER, "decisionMakers", task(instance), Map.of("recoveryDecision", "approve", "recoveryDueAt", "2020-01-01T16:00:00+02:00"));
        deliverByMail(instance);
        assertThat(timer(instance).getDuedate().toInstant())
                .isEqualTo(today().plusDays(30).atTime(16, 0).atZone(Locales.HELSINKI).toInstant());
    }

    @Test
    void aStartIsRefusedWithoutAFundingWithoutPaymentAndWhileOneIsOpen() {
        var unfunded = fixtures.unfunded();
        CaseFile noFunding = cases.findByReference(unfunded.caseReference()).orElseThrow();
        assertRefused(() -> recoveries.start(noFunding, "FINDING", "Havainto.", COORDINATOR), "grants.recovery.noFunding");

        GrantRecoveryFixtures.Funded unpaid = fixtures.funded("6000.00", "0");
        assertRefused(() -> recoveries.start(caseOf(unpaid), "FINDING", "Havainto.", COORDINATOR), "grants.recovery.nothingPaid");
        assertThat(recoveryRows.ofFunding(unpaid.fundingId())).isEmpty();

        GrantRecoveryFixtures.Funded f = fixtures.funded();
        assertRefused(() -> recoveries.start(caseOf(f), "OTHER", "Havainto.", COORDINATOR), "grants.recovery.reason.invalid");
        assertRefused(() -> recoveries.start(caseOf(f), "FINDING", " ", COORDINATOR), "validation.required");
        start(f, "FINDING", "Havainto.");
        long before = runtime.createProcessInstanceQuery().processDefinitionKey(GrantRecoveryService.PROCESS_KEY)
                .processInstanceBusinessKey(f.reference()).count();
        assertRefused(() -> recoveries.start(caseOf(f), "UNUSED_FUNDS", "Toinen.", COORDINATOR), "grants.recovery.alreadyOpen");
        assertThat(recoveryRows.ofFunding(f.fundingId())).hasSize(1);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(GrantRecoveryService.PROCESS_KEY)
                .processInstanceBusinessKey(f.reference()).count()).isEqualTo(before);
        assertThat(recoveries.startable(caseOf(f))).isFalse();
    }

    @Test
    void theModelIsNamedInFinnishAndKeepsItsHistory() {
        var definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("grantRecovery")
                .latestVersion().singleResult();
        assertThat(definition.getName()).isEqualTo("Avustuksen takaisinperintä");
        assertThat(definition.getHistoryTimeToLive()).isEqualTo(3650);
        assertThat(definition.getResourceName()).isEqualTo("processes/grantRecovery.bpmn");
        // the conventions every model keeps (forms, mail templates and their keys, delegate and listener beans)
        java.util.Map<String, java.util.Properties> bundles = Map.of(
                "fi", fi.silta.models.ModelConsistency.bundle("/i18n/messages.properties"),
                "sv", fi.silta.models.ModelConsistency.bundle("/i18n/messages_sv.properties"),
                "en", fi.silta.models.ModelConsistency.bundle("/i18n/messages_en.properties"));
        var consistency = new fi.silta.models.ModelConsistency(java.nio.file.Path.of("forms"),
                java.nio.file.Path.of("src/main/resources/templates/mail"), bundles,
                java.util.Arrays.stream(fi.silta.cases.CaseKind.values()).map(fi.silta.cases.CaseKind::processKey)
                        .collect(java.util.stream.Collectors.toSet()), context::containsBean);
        java.nio.file.Path model = java.nio.file.Path.of("processes/grantRecovery.bpmn");
        assertThat(consistency.problems(model)).isEmpty();
        assertThat(consistency.rows(model).stream().filter(r -> r.form() != null)).hasSize(4);
        assertThat(new GrantRecoveryProperties("x", "x", "x", "x", "1450").reference(1)).isEqualTo("1 45017");
        assertThat(GrantRecoveryProperties.checkDigit("123456")).isEqualTo(1);
    }

    // --- helpers ---

    private ProcessInstance decided(GrantRecoveryFixtures.Funded f, String amount) {
        ProcessInstance instance = start(f, "UNUSED_FUNDS", "Käyttämättä.");
        prepare(instance, amount, today().plusDays(30));
        complete(DECISION_MAKER, "decisionMakers", task(instance), Map.of("recoveryDecision", "approve"));
        deliverByMail(instance);
        return instance;
    }

    private ProcessInstance start(GrantRecoveryFixtures.Funded f, String reason, String description) {
        recoveries.start(caseOf(f), reason, description, COORDINATOR);
        return runtime.createProcessInstanceQuery().processDefinitionKey(GrantRecoveryService.PROCESS_KEY)
                .processInstanceBusinessKey(f.reference()).active().list().stream()
                .filter(p -> recoveryRows.ofProcess(p.getId()).map(r -> r.status().open()).orElse(false)).findFirst().orElseThrow();
    }

    private void prepare(ProcessInstance instance, String amount, LocalDate due) {
        complete(COORDINATOR, "coordinators", task(instance), Map.of("recoveryAmount", amount, "recoveryReasons", "Toiminta pieneni.",
                "recoveryDueOn", due.toString()));
    }

    /** The issuing job, the mail sent from the outbox, the received day: the process waits for the due date. */
    private void deliverByMail(ProcessInstance instance) {
        managementService.executeJob(job(instance).getId());
        Mails.sendAllDue(drainer);
        managementService.executeJob(job(instance).getId());
        BpmnAwareTests.assertThat(instance).isWaitingAt("Timer_RecoveryDue").hasPassed("Send_RecoveryDecisionMail");
    }

    private CaseFile caseOf(GrantRecoveryFixtures.Funded f) {
        return cases.findByReference(f.reference()).orElseThrow();
    }

    private GrantRecovery recovery(ProcessInstance instance) {
        return recoveryRows.ofProcess(instance.getId()).orElseThrow();
    }

    private Task task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    private Job job(ProcessInstance instance) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
    }

    private Job timer(ProcessInstance instance) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).activityId("Timer_RecoveryDue").singleResult();
    }

    private void complete(String user, String group, Task task, Map<String, Object> variables) {
        identity.setAuthentication(user, List.of(group));
        try {
            taskService.complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication();
        }
    }

    private static void assertRefused(Runnable start, String messageKey) {
        assertThatThrownBy(start::run).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.errors()).extracting(InvalidInput.FieldError::messageKey).contains(messageKey));
    }

    private static LocalDate today() {
        return LocalDate.now(Locales.HELSINKI);
    }

    /** The refusal's message (fi / sv / en) with the spaces of formatted sums made plain. */
    private static String refusal(Runnable work) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(work::run);
        assertThat(thrown).isNotNull();
        Throwable root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root).isInstanceOf(FormRefused.class);
        return plain(root.getMessage());
    }

    static String pdfText(byte[] pdf) {
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(document);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String plain(Object text) {
        return String.valueOf(text).replace('\u00a0', ' ').replace('\u202f', ' ');
    }
}
