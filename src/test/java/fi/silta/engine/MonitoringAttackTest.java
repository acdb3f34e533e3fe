package fi.silta.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.demo.DemoData;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * /actuator/prometheus and /actuator/health as an outsider or a staff member would try them: no spelling of
 * the address gives the metrics to anyone but the monitoring account and administrators, by HTTP Basic; no
 * health component gives its details to anyone but administrators.
 */
@SiltaIntegrationTest
class MonitoringAttackTest {

    static final String PASSWORD = "silta-demo";
    static final List<String> SPELLINGS = List.of("/actuator/prometheus", "/actuator/prometheus/", "/actuator//prometheus",
            "/actuator/./prometheus", "/actuator/x/../prometheus", "/actuator/%70rometheus", "/actuator/prometheus;x=1",
            "/actuator/Prometheus", "/ACTUATOR/prometheus", "/actuator/prometheus.txt", "/actuator/prometheus?includedNames=silta_tasks_open",
            "/actuator/metrics", "/actuator/metrics/silta.tasks.open", "/actuator/env", "/actuator/beans", "/actuator/heapdump");

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired OutboxDrainer drainer;
    @Autowired org.camunda.bpm.engine.IdentityService identityService;


    /**
     * The scraper's user name is documented (README) and /actuator/prometheus answers anyone: a stranger's wrong
     * password must not shut the Prometheus server out (Camunda's login throttling locks the user for a few
     * seconds after each failure, and for good after ten).
     */
    @Test
    void aStrangersWrongPasswordDoesNotShutTheScraperOut() {
        StaffClient stranger = new StaffClient(port);
        for (int i = 0; i < 12; i++) {
            assertThat(stranger.getWithBasic("/actuator/prometheus", DemoData.MONITORING_USER, "guess-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> scrape = new StaffClient(port).getWithBasic("/actuator/prometheus", DemoData.MONITORING_USER, PASSWORD);
        assertThat(scrape.statusCode()).isEqualTo(200);
    }

    /** What people send or follow (a sign-in link's token, an address typed by hand) never becomes a label of a metric. */
    @Test
    void noTokenOrTypedAddressBecomesALabel() {
        String link = PortalSignIn.mailedLink(port, greenMail, drainer, "metrics-probe@test.example");
        String token = link.substring(link.indexOf('=') + 1);
        StaffClient browser = new StaffClient(port);
        browser.get(link);
        browser.postWithCsrfOf(link, "/portal/login/ott", "token=" + token);
        browser.get("/portal/cases/XYZ-probe-123");
        browser.get("/portal/no-such-page-probe");
        browser.get("/staff/dashboards/grants?round=424242424242");
        String scrape = new StaffClient(port).getWithBasic("/actuator/prometheus", DemoData.MONITORING_USER, PASSWORD).body();
        assertThat(scrape).contains("http_server_requests").doesNotContain(token, "metrics-probe", "XYZ-probe", "no-such-page-probe", "424242424242");
    }

    @Test
    void noSpellingOfTheMetricsAddressGivesThemToOthers() {
        StaffClient anonymous = new StaffClient(port);
        StaffClient coordinator = StaffClient.signedIn(port, "aino.virtanen", PASSWORD);
        StaffClient manager = StaffClient.signedIn(port, "pekka.koskinen", PASSWORD);
        for (String path : SPELLINGS) {
            for (HttpResponse<String> response : List.of(anonymous.get(path), coordinator.get(path), manager.get(path),
                    anonymous.getWithBasic(path, "aino.virtanen", PASSWORD), anonymous.getWithBasic(path, "pekka.koskinen", PASSWORD))) {
                assertThat(response.statusCode()).as(path).isNotEqualTo(200).isLessThan(500);
                assertThat(response.body()).as(path).doesNotContain("silta_tasks_open", "jvm_memory", "camunda_");
            }
        }
        // the monitoring account signed in on the form: its session scrapes nothing, opens nothing (HTTP Basic only)
        StaffClient monitor = new StaffClient(port);
        monitor.signIn(DemoData.MONITORING_USER, PASSWORD);
        HttpResponse<String> session = monitor.get("/actuator/prometheus");
        assertThat(session.body()).doesNotContain("silta_tasks_open");
        // and by HTTP Basic it does
        assertThat(anonymous.getWithBasic("/actuator/prometheus", DemoData.MONITORING_USER, PASSWORD).body()).contains("silta_tasks_open");
    }

    @Test
    void healthComponentsGiveNoDetailsButToAdministrators() {
        StaffClient anonymous = new StaffClient(port);
        StaffClient coordinator = StaffClient.signedIn(port, "aino.virtanen", PASSWORD);
        for (String path : List.of("/actuator/health", "/actuator/health/jobExecutor", "/actuator/health/db", "/actuator/health/mailOutbox",
                "/actuator/health/readiness", "/actuator/health/liveness", "/actuator/health/jobExecutor/", "/actuator/health/processEngine")) {
            for (HttpResponse<String> response : List.of(anonymous.get(path), coordinator.get(path),
                    anonymous.getWithBasic(path, DemoData.MONITORING_USER, PASSWORD))) {
                // 503 is a health status (a mail given up on puts mailOutbox OUT_OF_SERVICE), not an error
                assertThat(response.statusCode()).as(path).isNotEqualTo(500).isLessThanOrEqualTo(503);
                assertThat(response.body()).as(path).doesNotContain("lockOwner", "dueJobs", "failedJobs", "maxJobsPerAcquisition",
                        "database\"", "validationQuery", "recipient", "@");
            }
        }
    }
}
