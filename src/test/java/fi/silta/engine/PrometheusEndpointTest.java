package fi.silta.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.demo.DemoData;
import fi.silta.notifications.MailOutbox;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationType;
import fi.silta.security.Roles;
import fi.silta.support.GrantFixtures;
import fi.silta.support.PortalSignIn;
import fi.silta.support.PrometheusScrape;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * {@code /actuator/prometheus} over real HTTP (README, "Metrics (Prometheus)"): an authorised
 * scrape (HTTP Basic as the monitoring account, or an administrator) gets Silta's and Camunda's
 * metrics, an anonymous one 401 and a staff member without the role 403; the monitoring account
 * opens nothing else. The figures follow what happens: a portal submission, a mail that fails for
 * good, an overdue task. And /actuator/health shows the job executor.
 */
@SiltaIntegrationTest
class PrometheusEndpointTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final String PASSWORD = "silta-demo";
    static final String MONITOR = DemoData.MONITORING_USER;
    static final String PROMETHEUS = "/actuator/prometheus";
    static final List<String[]> BUDGET = List.<String[]>of(new String[] {"Palkat", "5 000,00"});

    @LocalServerPort int port;
    @Autowired GrantFixtures grants;
    @Autowired OutboxDrainer drainer;
    @Autowired MailOutbox outbox;
    @Autowired TaskService taskService;
    @Autowired JdbcClient jdbc;

    @Autowired org.camunda.bpm.engine.IdentityService identityService;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void anAnonymousScrapeIsRefused() {
        HttpResponse<String> anonymous = new StaffClient(port).getWithBasic(PROMETHEUS, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(anonymous.body()).doesNotContain("silta_", "camunda_", "jvm_");

        HttpResponse<String> wrong = new StaffClient(port).getWithBasic(PROMETHEUS, MONITOR, "wrong");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("silta_", "camunda_");

        // a browser's session is no scrape: the endpoint takes HTTP Basic only
        StaffClient admin = StaffClient.signedIn(port, "ilkka.jarvinen", PASSWORD);
        HttpResponse<String> withSession = admin.get(PROMETHEUS);
        assertThat(withSession.statusCode()).isEqualTo(401);
        assertThat(withSession.body()).doesNotContain("silta_", "camunda_");
    }

    @Test
    void aStaffMemberWithoutTheRoleIsForbidden() {
        for (String staff : List.of("mikko.korhonen", "aino.virtanen", "pekka.koskinen")) {
            HttpResponse<String> scrape = new StaffClient(port).getWithBasic(PROMETHEUS, staff, PASSWORD);
            assertThat(scrape.statusCode()).as(staff).isEqualTo(403);
            assertThat(scrape.body()).as(staff).doesNotContain("silta_", "camunda_");
        }
    }

    @Test
    void theMonitoringAccountAndAdministratorsScrapeSiltasAndCamundasMetrics() {
        // the configured scrape account, a Camunda user of the group monitoring, an administrator
        for (String user : List.of(MONITOR, fi.silta.support.MonitoringUser.ensure(identityService), "ilkka.jarvinen")) {
            HttpResponse<String> scrape = new StaffClient(port).getWithBasic(PROMETHEUS, user, PASSWORD);
            assertThat(scrape.statusCode()).as(user).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(scrape.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
            PrometheusScrape metrics = new PrometheusScrape(scrape.body());
            assertThat(metrics.value("silta_submissions_total", "procedure", "grantApplication")).isNotNegative();
            assertThat(metrics.value("silta_submissions_total", "procedure", "planComment")).isNotNegative();
            assertThat(metrics.value("silta_submissions_refused_total", "reason", "invalid")).isNotNegative();
            assertThat(metrics.value("silta_mail_outbox", "status", "pending")).isNotNegative();
            assertThat(metrics.value("silta_mail_outbox", "status", "failed")).isNotNegative();
            assertThat(metrics.value("silta_mails_sent_total")).isNotNegative();
            assertThat(metrics.value("silta_tasks_overdue", "group", Roles.COORDINATOR.groupId())).isNotNegative();
            assertThat(metrics.value("silta_tasks_open", "group", Roles.EXTERNAL)).isNotNegative();
            assertThat(metrics.value("silta_jobs_failed")).isNotNegative();
            assertThat(metrics.value("camunda_incidents_open", "type", "failedJob")).isNotNegative();
            assertThat(metrics.value("camunda_process_instances_running", "process", "grantApplication")).isNotNegative();
            // Camunda's own metrics (aPortalSubmissionCountsOnceForItsProcedure sees them move)
            assertThat(metrics.value("camunda_activity_instance_start_total")).isNotNegative();
            assertThat(metrics.value("camunda_root_process_instance_start_total")).isNotNegative();
            assertThat(metrics.value("camunda_job_failed_total")).isNotNegative();
            assertThat(scrape.body()).contains("jvm_memory_used_bytes", "hikaricp_connections_active");
        }
    }

    @Test
    void aPortalSubmissionCountsOnceForItsProcedure() {
        OffsetDateTime now = OffsetDateTime.now();
        long roundId = grants.publishedRound(now.minusDays(1), now.plusDays(29), GrantFixtures.POOL);
        GrantFixtures.Applicant applicant = grants.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, applicant.email());
        String apply = "/portal/grants/" + roundId + "/apply";

        PrometheusScrape before = scrape();
        // a form with errors is sent back: counted as refused, not as a submission
        HttpResponse<String> invalid = portal.postMultipart(apply, GrantFixtures.applicationForm(portal.get(apply).body(), "", "", BUDGET));
        assertThat(invalid.statusCode()).isEqualTo(422);
        PrometheusScrape refused = scrape();
        assertThat(refused.value("silta_submissions_refused_total", "reason", "invalid"))
                .isEqualTo(before.value("silta_submissions_refused_total", "reason", "invalid") + 1);
        assertThat(refused.value("silta_submissions_total", "procedure", "grantApplication"))
                .isEqualTo(before.value("silta_submissions_total", "procedure", "grantApplication"));

        String page = portal.get(apply).body();
        HttpResponse<String> sent = portal.postMultipart(apply, GrantFixtures.applicationForm(page, "Kerhotoiminta", "5 000,00", BUDGET));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        // the same post again (a double click) leads to the first one's receipt and is not counted again
        assertThat(portal.postMultipart(apply, GrantFixtures.applicationForm(page, "Kerhotoiminta", "5 000,00", BUDGET)).statusCode())
                .isEqualTo(302);
        PrometheusScrape after = scrape();

        assertThat(after.value("silta_submissions_total", "procedure", "grantApplication"))
                .isEqualTo(before.value("silta_submissions_total", "procedure", "grantApplication") + 1);
        assertThat(after.value("silta_submissions_total", "procedure", "planComment"))
                .isEqualTo(before.value("silta_submissions_total", "procedure", "planComment"));
        // the case's process started: Camunda's counters moved at once (not only at the engine's next report)
        assertThat(after.value("camunda_root_process_instance_start_total"))
                .isGreaterThan(before.value("camunda_root_process_instance_start_total"));
        assertThat(after.value("camunda_activity_instance_start_total"))
                .isGreaterThan(before.value("camunda_activity_instance_start_total"));
        assertThat(after.value("camunda_process_instances_running", "process", "grantApplication"))
                .isEqualTo(count("ACT_RU_EXECUTION e join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_"
                        + " where e.ID_ = e.PROC_INST_ID_ and d.KEY_ = 'grantApplication'"));

    }

    @Test
    void aMailThatFailsForGoodShowsInTheFailedFigures() {
        drainer.drain();
        Instant now = Instant.now();
        ClockUtil.setCurrentTime(Date.from(now));
        PrometheusScrape before = scrape();
        greenMail.stop();
        try {
            String recipient = "metrics-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
            long id = outbox.enqueue("contact-verified", recipient, "fi", Map.of("organisationName", "Kerho", "contactName", "Testi"), "TEST");
            assertThat(scrape().value("silta_mail_outbox", "status", "pending")).isGreaterThanOrEqualTo(1);
            for (int attempt = 1; attempt <= 3; attempt++) {
                drainer.drain();
                now = now.plus(Duration.ofHours(1));
                ClockUtil.setCurrentTime(Date.from(now));
            }
            assertThat(outbox.find(id).orElseThrow().status().name()).isEqualTo("FAILED");
        } finally {
            greenMail.start();
        }
        PrometheusScrape after = scrape();
        // the gauge is the outbox as it is; the counters are this node's attempts
        assertThat(after.value("silta_mail_outbox", "status", "failed"))
                .isEqualTo(count("mail_outbox where status = 'FAILED'"))
                .isGreaterThanOrEqualTo(before.value("silta_mail_outbox", "status", "failed") + 1);
        assertThat(after.value("silta_mails_failed_total")).isGreaterThanOrEqualTo(before.value("silta_mails_failed_total") + 1);
        assertThat(after.value("silta_mail_attempts_failed_total"))
                .isGreaterThanOrEqualTo(before.value("silta_mail_attempts_failed_total") + 3);
    }

    @Test
    void anOverdueTaskIsCountedForItsCandidateGroup() {
        String group = Roles.LIAISON.groupId();
        PrometheusScrape before = scrape();
        Date now = ClockUtil.getCurrentTime();
        String overdue = task(group, new Date(now.getTime() - Duration.ofDays(1).toMillis()));
        String dueLater = task(group, new Date(now.getTime() + Duration.ofDays(1).toMillis()));
        String noGroup = task(null, new Date(now.getTime() - Duration.ofHours(1).toMillis()));
        try {
            PrometheusScrape after = scrape();
            assertThat(after.value("silta_tasks_overdue", "group", group))
                    .isEqualTo(before.value("silta_tasks_overdue", "group", group) + 1);
            assertThat(after.value("silta_tasks_open", "group", group)).isEqualTo(before.value("silta_tasks_open", "group", group) + 2);
            assertThat(after.value("silta_tasks_overdue", "group", EngineMetrics.NO_GROUP))
                    .isEqualTo(before.value("silta_tasks_overdue", "group", EngineMetrics.NO_GROUP) + 1);
            assertThat(after.value("silta_tasks_overdue", "group", Roles.REVIEWER.groupId()))
                    .isEqualTo(before.value("silta_tasks_overdue", "group", Roles.REVIEWER.groupId()));
        } finally {
            for (String id : List.of(overdue, dueLater, noGroup)) {
                taskService.deleteTask(id, true);
            }
        }
    }

    @Test
    void theMonitoringAccountOpensNothingElse() {
        // the scrape account is no Camunda user: it signs in nowhere
        StaffClient scraper = new StaffClient(port);
        assertThat(scraper.signIn(MONITOR, PASSWORD)).contains("/login?error");
        assertThat(scraper.engineRest("GET", "/task", MONITOR, PASSWORD, null).statusCode()).isEqualTo(401);
        // a Camunda user of the group monitoring signs in, but no staff page opens
        String monitor = fi.silta.support.MonitoringUser.ensure(identityService);
        StaffClient client = new StaffClient(port);
        assertThat(client.signIn(monitor, PASSWORD)).endsWith("/staff");
        for (String page : List.of("/staff", "/staff/organisations", "/staff/dashboards", "/staff/mail",
                "/camunda/app/tasklist/default/", "/camunda/app/cockpit/default/", "/camunda/app/welcome/default/",
                "/camunda/api/engine/engine/default/task", "/actuator/metrics")) {
            assertThat(client.get(page).statusCode()).as(page).isEqualTo(403);
        }
        HttpResponse<String> rest = client.engineRest("GET", "/task", monitor, PASSWORD, null);
        assertThat(rest.statusCode()).isEqualTo(403);
        assertThat(rest.body()).doesNotContain("\"id\"");
        assertThat(client.engineRest("GET", "/process-definition", monitor, PASSWORD, null).statusCode()).isEqualTo(403);
        // staff still reach /engine-rest
        assertThat(client.engineRest("GET", "/process-definition", "aino.virtanen", PASSWORD, null).statusCode()).isEqualTo(200);
        // and the group has no Camunda authorization at all
        assertThat(count("ACT_RU_AUTHORIZATION where GROUP_ID_ = '" + Roles.MONITORING + "'")).isZero();
    }

    @Test
    void healthShowsTheJobExecutorToAdministrators() {
        HttpResponse<String> anonymous = new StaffClient(port).get("/actuator/health");
        assertThat(anonymous.body()).contains("\"status\"").doesNotContain("jobExecutor", "mailOutbox");

        StaffClient admin = StaffClient.signedIn(port, "ilkka.jarvinen", PASSWORD);
        String health = admin.get("/actuator/health").body();
        assertThat(health).contains("\"jobExecutor\"", "\"mailOutbox\"", "\"db\"", "\"dueJobs\"", "\"failedJobs\"");
        // the tests run without the job executor: UNKNOWN, which leaves the overall status alone
        assertThat(health).containsPattern("\"jobExecutor\":\\{\"status\":\"UNKNOWN\"");
    }

    private PrometheusScrape scrape() {
        HttpResponse<String> scrape = new StaffClient(port).getWithBasic(PROMETHEUS, MONITOR, PASSWORD);
        assertThat(scrape.statusCode()).isEqualTo(200);
        return new PrometheusScrape(scrape.body());
    }

    private String task(String candidateGroup, Date due) {
        Task task = taskService.newTask();
        task.setName("Metrics test task");
        task.setDueDate(due);
        taskService.saveTask(task);
        if (candidateGroup != null) {
            taskService.addCandidateGroup(task.getId(), candidateGroup);
        }
        return task.getId();
    }

    private double count(String fromWhere) {
        return jdbc.sql("select count(*) from " + fromWhere).query(Long.class).single();
    }
}
