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
 * an error instead of a case. H2 passes this without the savepoint; CI runs it on PostgreSQL too.
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
        CountDownLatch firstHasNumber = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = two.submit(() -> transactions.execute(status -> {
                int number = cases.nextNumber(prefix, year);
                firstHasNumber.countDown();
                await(commitFirst);
                return number;
            }));
            assertThat(firstHasNumber.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Integer> second = two.submit(() -> transactions.execute(status -> {
                int number = cases.nextNumber(prefix, year);
                // the transaction is still usable after losing the race
                assertThat(jdbc.sql("select count(*) from case_reference_counter").query(Long.class).single()).isPositive();
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
        assertThat(jdbc.sql("select last_value from case_reference_counter where prefix = ? and ref_year = ?").params(prefix, year)
                .query(Integer.class).single()).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
