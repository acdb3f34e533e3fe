package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.silta.support.SiltaIntegrationTest;
import fi.silta.web.InvalidInput;

/**
 * Two coordinators create batches over the same due payments at the same instant (two threads released by one
 * latch, each in its own transaction): every payment ends up in exactly one batch, the other coordinator's batch is
 * refused as a whole ({@code grants.batch.taken}) and leaves nothing behind; and two coordinators approving the same
 * batch at once pay it once. Run on H2 and on PostgreSQL.
 */
@SiltaIntegrationTest
class GrantBatchConcurrencyTest {

    @Autowired GrantBatchFixtures fixtures;
    @Autowired GrantBatches batches;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired JdbcClient jdbc;

    @Test
    void twoCoordinatorsApprovingTheSameBatchAtOncePayItOnce() throws Exception {
        List<GrantBatchFixtures.DuePayment> due = fixtures.due("150.00", "250.00");
        GrantBatches.Batch batch = batches.create(GrantBatchProcessTest.ids(due), "aino.virtanen");
        String task = taskService.createTaskQuery().processInstanceBusinessKey(batch.reference()).singleResult().getId();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch ready = new CountDownLatch(2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> results = new ArrayList<>();
            for (String user : List.of("emilia.lahtinen", "kalle.kolmas")) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    identityService.setAuthentication(user, List.of("coordinators"));
                    try {
                        taskService.complete(task, Map.of("batchDecision", "approve"));
                        return user;
                    } catch (RuntimeException failed) {
                        return failed;
                    } finally {
                        identityService.clearAuthentication();
                    }
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<String> approvers = new ArrayList<>();
            for (Future<Object> result : results) {
                if (result.get(60, TimeUnit.SECONDS) instanceof String user) {
                    approvers.add(user);
                }
            }
            assertThat(approvers).hasSize(1);
            GrantBatches.Batch approved = batches.find(batch.id()).orElseThrow();
            assertThat(approved.status()).isEqualTo(GrantBatches.Status.APPROVED);
            assertThat(approved.approvedBy()).isEqualTo(approvers.get(0));
            assertThat(jdbc.sql("select count(*) from call_document where call_kind = 'PAYMENT_BATCH' and call_id = ?").param(batch.id())
                    .query(Long.class).single()).isEqualTo(2L);
            for (var payment : due) {
                assertThat(jdbc.sql("select status from grant_payment where id = ?").param(payment.paymentId()).query(String.class)
                        .single()).isEqualTo("PAID");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPaymentIsInExactlyOneBatchWhenTwoCoordinatorsCreateBatchesAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                List<GrantBatchFixtures.DuePayment> due = fixtures.due("100.00", "200.00", "300.00", "400.00");
                List<Long> ids = GrantBatchProcessTest.ids(due);
                long batchesBefore = jdbc.sql("select count(*) from grant_payment_batch").query(Long.class).single();
                CountDownLatch ready = new CountDownLatch(2);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Object>> results = new ArrayList<>();
                for (String user : List.of("aino.virtanen", "emilia.lahtinen")) {
                    // the second one's list in another order: the service takes them in id order (no deadlock)
                    List<Long> chosen = new ArrayList<>(ids);
                    if (!user.startsWith("aino")) {
                        java.util.Collections.reverse(chosen);
                    }
                    Callable<Object> create = () -> {
                        ready.countDown();
                        go.await();
                        try {
                            return batches.create(chosen, user);
                        } catch (InvalidInput refused) {
                            return refused;
                        }
                    };
                    results.add(pool.submit(create));
                }
                assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
                go.countDown();
                List<GrantBatches.Batch> created = new ArrayList<>();
                List<InvalidInput> refused = new ArrayList<>();
                for (Future<Object> result : results) {
                    Object outcome = result.get(60, TimeUnit.SECONDS);
                    if (outcome instanceof GrantBatches.Batch batch) {
                        created.add(batch);
                    } else {
                        refused.add((InvalidInput) outcome);
                    }
                }
                assertThat(created).as("attempt %d", attempt).hasSize(1);
                assertThat(refused).hasSize(1);
                assertThat(refused.get(0).errors().get(0).messageKey()).isEqualTo("grants.batch.taken");
                GrantBatches.Batch batch = created.get(0);
                for (long id : ids) {
                    assertThat(jdbc.sql("select batch_id from grant_payment where id = ? and status = 'IN_BATCH'").param(id)
                            .query(Long.class).single()).isEqualTo(batch.id());
                }
                assertThat(batches.find(batch.id()).orElseThrow().count()).isEqualTo(4);
                assertThat(batches.find(batch.id()).orElseThrow().total()).isEqualByComparingTo("1000.00");
                // the refused batch left nothing: no row, no process
                assertThat(jdbc.sql("select count(*) from grant_payment_batch").query(Long.class).single()).isEqualTo(batchesBefore + 1);
                assertThat(taskService.createTaskQuery().processInstanceBusinessKey(batch.reference()).count()).isEqualTo(1);
                // tidy: the batch is rejected by the other coordinator, its payments due again
                Task task = taskService.createTaskQuery().processInstanceBusinessKey(batch.reference()).singleResult();
                String other = batch.createdBy().equals("aino.virtanen") ? "emilia.lahtinen" : "aino.virtanen";
                identityService.setAuthentication(other, List.of("coordinators"));
                try {
                    taskService.complete(task.getId(), Map.of("batchDecision", "reject", "batchRejectReason", "Rinnakkaisuustesti."));
                } finally {
                    identityService.clearAuthentication();
                }
                jdbc.sql("update grant_payment set status = 'CANCELLED' where batch_id is null and id in (?, ?, ?, ?)")
                        .params(ids.toArray()).update();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
