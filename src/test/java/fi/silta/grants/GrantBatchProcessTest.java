package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.silta.support.SiltaIntegrationTest;
import fi.silta.web.InvalidInput;

/**
 * Every path of {@code grantPaymentBatch}: approved by a second coordinator (files stored, payments paid, the
 * funding's waiting process told with {@code paymentId}), rejected with a reason (payments due again), and the
 * refusals with nothing changed: the creator, a coordinator who took a payment out, a missing reason, a form that
 * names another batch.
 */
@SiltaIntegrationTest
class GrantBatchProcessTest {

    static final String CREATOR = "aino.virtanen";
    static final String SECOND = "emilia.lahtinen";
    static final String THIRD = "kalle.kolmas";

    @Autowired GrantBatchFixtures fixtures;
    @Autowired GrantBatches batches;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired RepositoryService repositoryService;
    @Autowired JdbcClient jdbc;

    @Autowired org.springframework.context.ApplicationContext context;

    /** The model against the conventions every model meets (fi.silta.models.ModelConsistency): forms, listeners' beans. */
    @Test
    void theModelIsConsistent() {
        var consistency = new fi.silta.models.ModelConsistency(java.nio.file.Path.of("forms"),
                java.nio.file.Path.of("src/main/resources/templates/mail"), Map.of(
                        "fi", fi.silta.models.ModelConsistency.bundle("/i18n/messages.properties"),
                        "sv", fi.silta.models.ModelConsistency.bundle("/i18n/messages_sv.properties"),
                        "en", fi.silta.models.ModelConsistency.bundle("/i18n/messages_en.properties")),
                java.util.Set.of(), context::containsBean);
        Assertions.assertThat(consistency.problems(java.nio.file.Path.of("processes/grantPaymentBatch.bpmn"))).isEmpty();
    }

    @Test
    void approvedByASecondCoordinator() {
        List<GrantBatchFixtures.DuePayment> due = fixtures.due("3000.00", "1250.50");
        // the first funding's process waits for its instalment to be paid (as helper A's grantFunding does)
        ProcessInstance funding = waitingFunding(due.get(0).fundingId());

        GrantBatches.Batch batch = batches.create(ids(due), CREATOR);
        Assertions.assertThat(batch.status()).isEqualTo(GrantBatches.Status.DRAFT);
        Assertions.assertThat(batch.count()).isEqualTo(2);
        Assertions.assertThat(batch.total()).isEqualByComparingTo("4250.50");
        Assertions.assertThat(status(due.get(0).paymentId())).isEqualTo("IN_BATCH");
        ProcessInstance instance = instance(batch);
        assertThat(instance).isWaitingAt("Task_ApproveBatch");
        Assertions.assertThat(instance.getBusinessKey()).isEqualTo("MAKSU-" + batch.id());
        Task task = task(instance);
        Assertions.assertThat(taskService.getVariableLocal(task.getId(), "batchTotalText")).isEqualTo("4\u00a0250,50\u00a0€");
        Assertions.assertThat(taskService.getVariableLocal(task.getId(), "batchCountText")).isEqualTo("2");

        complete(SECOND, task, Map.of("batchDecision", "approve"));

        assertThat(instance).isEnded().hasPassed("Task_CreatePaymentFiles", "End_BatchPaid");
        GrantBatches.Batch approved = batches.find(batch.id()).orElseThrow();
        Assertions.assertThat(approved.status()).isEqualTo(GrantBatches.Status.APPROVED);
        Assertions.assertThat(approved.approvedBy()).isEqualTo(SECOND);
        Assertions.assertThat(approved.approvedAt()).isNotNull();
        for (var payment : due) {
            Assertions.assertThat(status(payment.paymentId())).isEqualTo("PAID");
        }
        Assertions.assertThat(jdbc.sql("select slot from call_document where call_kind = 'PAYMENT_BATCH' and call_id = ? order by slot")
                .param(batch.id()).query(String.class).list()).containsExactly("csv", "pain001");
        // the funding's process got the message with the payment
        assertThat(funding).isEnded();
        Assertions.assertThat(jdbc.sql("select count(*) from grant_payment where funding_id = ? and status = 'PAID'")
                .param(due.get(0).fundingId()).query(Long.class).single()).isEqualTo(1L);
        Assertions.assertThat(historicPaymentId(funding)).isEqualTo(due.get(0).paymentId());
    }

    @Test
    void rejectedWithAReasonGivesThePaymentsBack() {
        List<GrantBatchFixtures.DuePayment> due = fixtures.due("800.00", "200.00");
        GrantBatches.Batch batch = batches.create(ids(due), CREATOR);
        ProcessInstance instance = instance(batch);
        Task task = task(instance);

        assertThatThrownBy(() -> complete(SECOND, task, Map.of("batchDecision", "reject", "batchRejectReason", "  ")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Kirjoita hylkäyksen perustelu")
                .hasMessageContaining("Skriv en motivering").hasMessageContaining("Write a reason");
        assertThat(instance).isWaitingAt("Task_ApproveBatch");
        assertThatThrownBy(() -> complete(SECOND, task, Map.of())).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Valitse, hyväksytkö vai hylkäätkö");

        complete(SECOND, task, Map.of("batchDecision", "reject", "batchRejectReason", "Väärä maksupäivä."));

        assertThat(instance).isEnded().hasPassed("Task_ReturnPayments", "End_BatchRejected").hasNotPassed("Task_CreatePaymentFiles");
        GrantBatches.Batch rejected = batches.find(batch.id()).orElseThrow();
        Assertions.assertThat(rejected.status()).isEqualTo(GrantBatches.Status.REJECTED);
        Assertions.assertThat(rejected.rejectedBy()).isEqualTo(SECOND);
        Assertions.assertThat(rejected.rejectReason()).isEqualTo("Väärä maksupäivä.");
        for (var payment : due) {
            Assertions.assertThat(status(payment.paymentId())).isEqualTo("DUE");
            Assertions.assertThat(batchOf(payment.paymentId())).isNull();
        }
        Assertions.assertThat(jdbc.sql("select count(*) from call_document where call_kind = 'PAYMENT_BATCH' and call_id = ?")
                .param(batch.id()).query(Long.class).single()).isZero();
        // they can go into a new batch
        GrantBatches.Batch again = batches.create(ids(due), SECOND);
        Assertions.assertThat(again.count()).isEqualTo(2);
        complete(CREATOR, task(instance(again)), Map.of("batchDecision", "reject", "batchRejectReason", "Testi."));
    }

    @Test
    void theCreatorAndWhoeverChangedTheBatchCannotDecideIt() {
        List<GrantBatchFixtures.DuePayment> due = fixtures.due("100.00", "200.00", "300.00");
        GrantBatches.Batch batch = batches.create(ids(due), CREATOR);
        ProcessInstance instance = instance(batch);
        Task task = task(instance);

        assertThatThrownBy(() -> complete(CREATOR, task, Map.of("batchDecision", "approve")))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Loit tämän maksuerän tai muutit sitä").hasMessageContaining("Du skapade eller ändrade")
                .hasMessageContaining("You created or changed this batch");
        assertThatThrownBy(() -> complete(CREATOR, task, Map.of("batchDecision", "reject", "batchRejectReason", "Oma virhe.")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("You created or changed this batch");
        assertThat(instance).isWaitingAt("Task_ApproveBatch");

        // the second coordinator takes a payment out: now they changed it, and may not approve it either
        batches.remove(batch.id(), due.get(2).paymentId(), SECOND);
        Assertions.assertThat(status(due.get(2).paymentId())).isEqualTo("DUE");
        Assertions.assertThat(batches.find(batch.id()).orElseThrow().total()).isEqualByComparingTo("300.00");
        Assertions.assertThat(batches.changers(batch.id())).containsExactly(CREATOR, SECOND);
        assertThatThrownBy(() -> complete(SECOND, task, Map.of("batchDecision", "approve")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("You created or changed this batch");
        // nobody signed in (a completion without a user) is refused too
        assertThatThrownBy(() -> taskService.complete(task.getId(), Map.of("batchDecision", "approve")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Sign in with your own account");
        // nor somebody outside the coordinators (an administrator over the REST API)
        identityService.setAuthentication("ilkka.jarvinen", List.of("camunda-admin"));
        try {
            assertThatThrownBy(() -> taskService.complete(task.getId(), Map.of("batchDecision", "approve")))
                    .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Only a coordinator");
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(instance).isWaitingAt("Task_ApproveBatch");
        for (var payment : due.subList(0, 2)) {
            Assertions.assertThat(status(payment.paymentId())).isEqualTo("IN_BATCH");
        }
        Assertions.assertThat(batches.find(batch.id()).orElseThrow().approvedBy()).isNull();

        // a form cannot point the approval at another batch: the batch is the instance's business key
        GrantBatches.Batch other = batches.create(List.of(due.get(2).paymentId()), THIRD);
        complete(THIRD, task, Map.of("batchDecision", "approve", "batchId", other.id()));
        assertThat(instance).isEnded().hasPassed("End_BatchPaid");
        Assertions.assertThat(batches.find(batch.id()).orElseThrow().approvedBy()).isEqualTo(THIRD);
        Assertions.assertThat(batches.find(other.id()).orElseThrow().status()).isEqualTo(GrantBatches.Status.DRAFT);
        Assertions.assertThat(status(due.get(2).paymentId())).isEqualTo("IN_BATCH");
        // a batch already decided is not changed any more
        assertThatThrownBy(() -> batches.remove(batch.id(), due.get(0).paymentId(), SECOND)).isInstanceOf(InvalidInput.class);
        Assertions.assertThat(status(due.get(0).paymentId())).isEqualTo("PAID");
        complete(CREATOR, task(instance(other)), Map.of("batchDecision", "reject", "batchRejectReason", "Testi."));
    }

    @Test
    void aPaymentTakenMeanwhileRefusesTheWholeBatch() {
        List<GrantBatchFixtures.DuePayment> due = fixtures.due("10.00", "20.00");
        jdbc.sql("update grant_payment set status = 'STOPPED' where id = ?").param(due.get(1).paymentId()).update();
        long before = jdbc.sql("select count(*) from grant_payment_batch").query(Long.class).single();
        assertThatThrownBy(() -> batches.create(ids(due), CREATOR)).isInstanceOf(InvalidInput.class)
                .satisfies(e -> Assertions.assertThat(((InvalidInput) e).errors().get(0).messageKey()).isEqualTo("grants.batch.taken"));
        Assertions.assertThat(jdbc.sql("select count(*) from grant_payment_batch").query(Long.class).single()).isEqualTo(before);
        Assertions.assertThat(status(due.get(0).paymentId())).isEqualTo("DUE");
        Assertions.assertThat(batchOf(due.get(0).paymentId())).isNull();
        assertThatThrownBy(() -> batches.create(List.of(), CREATOR)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void aStoppedPaymentLeavesItsWaitingBatchButNotAnApprovedOne() {
        List<GrantBatchFixtures.DuePayment> due = fixtures.due("400.00", "600.00");
        GrantBatches.Batch batch = batches.create(ids(due), CREATOR);
        // "do not pay" by a coordinator (the funding's process sets the status; the batch lets the payment go)
        batches.takeOut(due.get(1).paymentId(), SECOND);
        jdbc.sql("update grant_payment set status = 'STOPPED', stop_reason = 'Testi' where id = ?").param(due.get(1).paymentId()).update();
        Assertions.assertThat(batchOf(due.get(1).paymentId())).isNull();
        Assertions.assertThat(batches.find(batch.id()).orElseThrow().total()).isEqualByComparingTo("400.00");
        Assertions.assertThat(batches.changers(batch.id())).contains(SECOND);
        complete(THIRD, task(instance(batch)), Map.of("batchDecision", "approve"));
        Assertions.assertThat(status(due.get(0).paymentId())).isEqualTo("PAID");
        Assertions.assertThat(status(due.get(1).paymentId())).isEqualTo("STOPPED");
        Assertions.assertThat(batches.find(batch.id()).orElseThrow().count()).isEqualTo(1);
        String xml = jdbc.sql("select content from call_document where call_kind = 'PAYMENT_BATCH' and call_id = ? and slot = 'pain001'")
                .param(batch.id()).query((rs, n) -> new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8)).single();
        Assertions.assertThat(xml).contains(due.get(0).iban()).doesNotContain(due.get(1).iban());
        // once approved, the batch decides: a stop is refused
        assertThatThrownBy(() -> batches.takeOut(due.get(0).paymentId(), SECOND)).isInstanceOf(InvalidInput.class);
        Assertions.assertThat(batchOf(due.get(0).paymentId())).isEqualTo(batch.id());
    }

    private ProcessInstance waitingFunding(long fundingId) {
        String key = "grantBatchTestFunding";
        if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count() == 0) {
            repositoryService.createDeployment().name("grant-batch-test").addModelInstance(key + ".bpmn",
                    Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent()
                            .intermediateCatchEvent("Event_Paid").message(GrantBatches.PAID_MESSAGE)
                            .endEvent().done()).deploy();
        }
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(key);
        jdbc.sql("update grant_funding set process_instance_id = ? where id = ?").params(instance.getId(), fundingId).update();
        return instance;
    }

    private Long historicPaymentId(ProcessInstance instance) {
        var variable = org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName("paymentId").singleResult();
        return variable == null ? null : ((Number) variable.getValue()).longValue();
    }

    private ProcessInstance instance(GrantBatches.Batch batch) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(batch.reference())
                .processDefinitionKey(GrantBatches.PROCESS_KEY).singleResult();
    }

    private Task task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_ApproveBatch").singleResult();
    }

    private void complete(String user, Task task, Map<String, Object> variables) {
        identityService.setAuthentication(user, List.of("coordinators"));
        try {
            taskService.complete(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private String status(long paymentId) {
        return jdbc.sql("select status from grant_payment where id = ?").param(paymentId).query(String.class).single();
    }

    private Long batchOf(long paymentId) {
        return jdbc.sql("select batch_id from grant_payment where id = ?").param(paymentId).query(Long.class).optional().orElse(null);
    }

    static List<Long> ids(List<GrantBatchFixtures.DuePayment> due) {
        return due.stream().map(GrantBatchFixtures.DuePayment::paymentId).toList();
    }

    static BigDecimal sum(List<GrantBatchFixtures.DuePayment> due) {
        return due.stream().map(GrantBatchFixtures.DuePayment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
