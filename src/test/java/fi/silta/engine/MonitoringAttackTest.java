package fi.silta.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import fi.silta.demo.DemoData;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;

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

    @LocalServerPort int port;

    @Test
    void noSpellingOfTheMetricsAddressGivesThemToOthers() {
        StaffClient anonymous = new StaffClient(port);
        StaffClient coordinator = StaffClient.signedIn(port, "aino.virtanen", PASSWORD);
        StaffClient manager = StaffClient.signedIn(port, "pekka.koskinen", PASSWORD);
        for (String path : SPELLINGS) {
            for (HttpResponse<String> response : List.of(anonymous.get(path), coordinator.get(path), manager.get(path),
                    anonymous.getWithBasic(path, "aino.virtanen", PASSWORD), anonymous.getWithBasic(path, "pekka.koskinen", PASSWORD),
                    anonymous.getWithBasic(path, DemoData.MONITORING_USER, "wrong"))) {
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
                assertThat(response.statusCode()).as(path).isLessThan(500);
                assertThat(response.body()).as(path).doesNotContain("lockOwner", "dueJobs", "failedJobs", "maxJobsPerAcquisition",
                        "database\"", "validationQuery", "recipient", "@");
            }
        }
    }
}
