package fi.silta.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

import fi.silta.support.SiltaIntegrationTest;

/**
 * Overload answered, not queued: with every database connection taken, a grant application posted
 * in the portal gets the busy page (503, in Finnish) within a few seconds, nothing of it is stored,
 * and the same form posted again once a connection is free is received.
 */
@SiltaIntegrationTest
class ServiceBusyTest {

    @Autowired ApplicationContext context;
    @Autowired HikariDataSource dataSource;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    @Test
    void aSubmissionWithNoConnectionFreeGetsTheBusyPageAndIsNotStoredAndTheSameFormGoesThroughLater() throws Exception {
        BenchData data = new BenchData(context);
        long roundId = data.publishedRound();
        String email = "busy-" + UUID.randomUUID().toString().substring(0, 6) + "@busy.example";
        BenchData.SignedIn signedIn = data.signedIn(email, port);
        BenchData.Applicant applicant = signedIn.applicant();
        PortalClient client = signedIn.client();
        String path = "/portal/grants/" + roundId + "/apply";
        String page = client.get(path).body();
        String csrf = PortalClient.csrf(page);
        String key = PortalClient.value(page, "submissionKey");

        HttpResponse<String> busy;
        long took;
        try (ShrunkPool pool = new ShrunkPool(dataSource, 1); Connection theOnlyOne = dataSource.getConnection()) {
            long start = System.nanoTime();
            busy = client.postMultipart(path, PortalSubmitter.application(csrf, key));
            took = System.nanoTime() - start;
            assertThat(theOnlyOne.isValid(1)).isTrue();
        }
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(10));
        assertThat(busy.body()).contains("Palvelu on juuri nyt ruuhkautunut", "Lähettämääsi ei tallennettu")
                .doesNotContain("Whitelabel", "Exception");
        assertThat(cases(applicant)).as("nothing stored").isZero();

        // the same form (same submission key) once a connection is free: received, one case
        HttpResponse<String> again = client.postMultipart(path, PortalSubmitter.application(csrf, key));
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location").orElse("")).contains("/receipt");
        assertThat(cases(applicant)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = ? and template = 'case-receipt'").param(email)
                .query(Long.class).single()).isEqualTo(1);
    }

    private long cases(BenchData.Applicant applicant) {
        return jdbc.sql("select count(*) from case_file where organisation_id = ?").param(applicant.organisationId())
                .query(Long.class).single();
    }
}
