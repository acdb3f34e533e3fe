package fi.silta.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import fi.silta.support.SiltaIntegrationTest;

/**
 * Case numbers under concurrent submissions. Found by the submission benchmark on PostgreSQL: the
 * first two submissions of a year at once both inserted the year's counter, and the loser's
 * transaction was aborted (PostgreSQL aborts a transaction on a failed statement), so a person got
 * an error instead of a case. CI runs it on PostgreSQL too. Numbers now come from a sequence per
 * prefix and year: a submission no longer waits for another's uncommitted number.
 */
@SiltaIntegrationTest
class CaseNumbersTest {

    @Autowired CaseRepository cases;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcClient jdbc;

    @Test
    void theFirstTwoNumbersOfAYearAtOnceAreOneAndTwoAndBothTransactionsGoOn() throws Exception {
        String prefix = "ZT";
        // a year no other run has used: the database may be shared between runs
        int year = 3000 + ThreadLocalRandom.current().nextInt(5000);
        CountDownLatch commitFirst = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = firstHoldingItsNumber(two, prefix, year, commitFirst);
            Future<Integer> second = two.submit(() -> transactions.execute(status -> {
                int number = cases.nextNumber(prefix, year);
                // the transaction is still usable after losing the race
                assertThat(jdbc.sql("select count(*) from case_file where id < 0").query(Long.class).single()).isZero();
                return number;
            }));
            // the second one now waits for the first one's uncommitted counter
            Thread.sleep(500);
            commitFirst.countDown();
            assertThat(List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS))).containsExactly(1, 2);
        } finally {
            commitFirst.countDown();
            two.shutdownNow();
        }
        // the year's sequence stands at 2: the next number is 3
        assertThat(cases.nextNumber(prefix, year)).isEqualTo(3);
    }

    @Test
    void aNumberIsTakenWhileAnotherSubmissionOfTheKindIsStillOpen() throws Exception {
        String prefix = "ZU";
        int year = 3000 + ThreadLocalRandom.current().nextInt(5000);
        CountDownLatch commitFirst = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = firstHoldingItsNumber(two, prefix, year, commitFirst);
            // the first transaction is still open: the second gets its number without waiting for it
            Future<Integer> second = two.submit(() -> transactions.execute(status -> cases.nextNumber(prefix, year)));
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(2);
            commitFirst.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            commitFirst.countDown();
            two.shutdownNow();
        }
    }

    @Test
    void aRolledBackSubmissionLeavesAGapAndNoNumberTwice() {
        String prefix = "ZV";
        int year = 3000 + ThreadLocalRandom.current().nextInt(5000);
        transactions.executeWithoutResult(status -> {
            assertThat(cases.nextNumber(prefix, year)).isEqualTo(1);
            status.setRollbackOnly();
        });
        Integer next = transactions.execute(status -> cases.nextNumber(prefix, year));
        assertThat(next).isEqualTo(2);
    }

    /** A transaction that takes a number and stays open until {@code commit}; returns once it has its number. */
    private Future<Integer> firstHoldingItsNumber(ExecutorService two, String prefix, int year, CountDownLatch commit)
            throws InterruptedException {
        CountDownLatch hasNumber = new CountDownLatch(1);
        Future<Integer> first = two.submit(() -> transactions.execute(status -> {
            int number = cases.nextNumber(prefix, year);
            hasNumber.countDown();
            await(commit);
            return number;
        }));
        assertThat(hasNumber.await(30, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
