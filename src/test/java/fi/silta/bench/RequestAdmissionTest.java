package fi.silta.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.silta.support.SiltaIntegrationTest;
import fi.silta.web.RequestAdmission;

/**
 * A spike waits its turn, then is answered: with every request turn taken (as by
 * {@code silta.web.concurrent-requests} submitters at once), a grant application posted in the
 * portal waits {@code silta.web.admission-wait} (10 s) and gets the busy page (503, Finnish) with
 * nothing stored; a turn given back while it waits lets it through; and once turns are free the
 * same form is received exactly once. Static files are served whatever the turns.
 */
@SiltaIntegrationTest
class RequestAdmissionTest {

    @Autowired ApplicationContext context;
    @Autowired RequestAdmission.Turns turns;
    @Autowired RequestAdmission.Settings settings;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    @Test
    void noTurnWithinTheWaitGetsTheBusyPageAndNothingIsStoredAndATurnGivenBackLetsTheNextOneThrough() throws Exception {
        BenchData data = new BenchData(context);
        long roundId = data.publishedRound();
        String email = "turns-" + UUID.randomUUID().toString().substring(0, 6) + "@turns.example";
        BenchData.SignedIn signedIn = data.signedIn(email, port);
        BenchData.Applicant applicant = signedIn.applicant();
        PortalClient client = signedIn.client();
        PortalSubmitter submitter = new PortalSubmitter();
        PortalSubmitter.Form form = submitter.open(client, roundId);
        String path = "/portal/grants/" + roundId + "/apply";

        AtomicInteger held = new AtomicInteger();
        Thread giver = new Thread(() -> {
            sleep(500);
            turns.give();
            held.decrementAndGet();
        });
        try {
            while (turns.take(Duration.ZERO)) {
                held.incrementAndGet();
            }
            assertThat(held.get()).isEqualTo(settings.concurrentRequests());
            assertThat(client.get("/css/silta.css").statusCode()).as("static files are not counted").isEqualTo(200);

            long start = System.nanoTime();
            HttpResponse<String> busy = client.postMultipart(path, PortalSubmitter.application(form.csrf(), form.submissionKey()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(took).isBetween(settings.admissionWait().minusMillis(200), settings.admissionWait().plusSeconds(5));
            assertThat(busy.body()).contains("Palvelu on juuri nyt ruuhkautunut", "Lähettämääsi ei tallennettu")
                    .doesNotContain("Whitelabel", "Exception");
            assertThat(cases(applicant)).as("nothing stored").isZero();

            // one turn given back while the post waits: it goes through, without waiting for the rest
            giver.start();
            start = System.nanoTime();
            PortalSubmitter.Receipt receipt = submitter.post(client, roundId, form);
            took = Duration.ofNanos(System.nanoTime() - start);
            giver.join();
            assertThat(took).isLessThan(settings.admissionWait());
            assertThat(receipt.reference()).startsWith("AV-");
        } finally {
            giver.join();
            for (int i = held.get(); i > 0; i--) {
                turns.give();
            }
        }
        assertThat(turns.free()).isEqualTo(settings.concurrentRequests());
        assertThat(cases(applicant)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = ? and template = 'case-receipt'").param(email)
                .query(Long.class).single()).isEqualTo(1);
    }

    private long cases(BenchData.Applicant applicant) {
        return jdbc.sql("select count(*) from case_file where organisation_id = ?").param(applicant.organisationId())
                .query(Long.class).single();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
