package fi.silta.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;

/**
 * The guard against a request that holds two database connections at once (a query inside a row
 * mapper, a second connection taken while the first is held): with a pool of 2 connections and 8
 * concurrent callers, every caller that needed a second connection would wait for one the others
 * hold, and the pool would time out. 8 portal submissions and the staff pages that read what they
 * made (organisation, case, ranking) must all succeed.
 */
@SiltaIntegrationTest
class SmallPoolTest {

    private static final int POOL = 2;
    private static final int CALLERS = 8;

    @Autowired
    ApplicationContext context;
    @Autowired
    HikariDataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @Test
    void eightCallersThroughPortalAndStaffPagesOnAPoolOfTwo() throws Exception {
        String base = "http://localhost:" + port;
        BenchData data = new BenchData(context);
        long roundId = data.publishedRound();
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<PortalClient> clients = new ArrayList<>();
        List<Long> organisations = new ArrayList<>();
        var http = PortalClient.sharedHttp();
        for (int i = 0; i < CALLERS; i++) {
            String email = "pool-" + run + "-" + i + "@pool.example";
            BenchData.Applicant applicant = data.applicant(email);
            PortalClient client = new PortalClient(http, base, email);
            client.signIn(data.signInToken(email));
            clients.add(client);
            organisations.add(applicant.organisationId());
        }
        List<StaffClient> staff = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            StaffClient coordinator = new StaffClient(port);
            assertThat(coordinator.signIn("aino.virtanen", "silta-demo")).endsWith("/staff");
            staff.add(coordinator);
        }

        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        List<String> references = new ArrayList<>();
        try (ShrunkPool pool = new ShrunkPool(dataSource, POOL)) {
            PortalSubmitter submitter = new PortalSubmitter();
            List<Future<String>> done = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                PortalClient client = clients.get(i);
                StaffClient coordinator = staff.get(i);
                long organisationId = organisations.get(i);
                done.add(callers.submit((Callable<String>) () -> {
                    String reference = submitter.submit(client, roundId).reference();
                    assertOk(client.get("/portal/my"), "/portal/my");
                    assertOk(coordinator.get("/staff/organisations/" + organisationId), "organisation page");
                    assertOk(coordinator.get("/staff/organisations?q=pool-" + run), "organisation search");
                    assertOk(coordinator.get("/staff/cases/" + reference), "case page");
                    assertOk(coordinator.get("/staff/grants/" + roundId), "ranking page");
                    return reference;
                }));
            }
            for (Future<String> one : done) {
                references.add(one.get(90, TimeUnit.SECONDS));
            }
            assertThat(pool.totalConnections()).isLessThanOrEqualTo(POOL);
        } finally {
            callers.shutdownNow();
        }
        assertThat(references).doesNotHaveDuplicates().hasSize(CALLERS);
        for (String reference : references) {
            assertThat(jdbc.sql("select count(*) from case_file where reference = ? and process_instance_id is not null")
                    .param(reference).query(Long.class).single()).as(reference).isEqualTo(1L);
        }
    }

    private static void assertOk(HttpResponse<String> response, String what) {
        if (response.statusCode() != 200) {
            throw new AssertionError(what + ": " + response.statusCode() + " " + response.uri());
        }
    }
}
