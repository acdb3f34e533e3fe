package fi.silta.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.silta.demo.DemoData;
import fi.silta.organisations.ContactVerificationService;
import fi.silta.security.Roles;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestOrganisations;

/**
 * The staff home lists what each role may open (its Tasklist filters counted as Tasklist counts them, the
 * procedures' pages, the dashboards, Cockpit, the outbox) and nothing that refuses it; the overview
 * dashboard counts open work, overdue tasks and incidents, on the page and in its CSV alike.
 */
@SiltaIntegrationTest
class StaffHomeAndOverviewHttpTest {

    static final String PASSWORD = "silta-demo";
    static final String VERIFICATION = ContactVerificationService.PROCESS_KEY;
    static final Pattern FILTER_LINK = Pattern.compile(
            "<a href=\"/camunda/app/tasklist/default/#/\\?filter=([^\"]+)\"><span>([^<]+)</span>\\s*<span class=\"count\">([^<]+)<span class=\"visually-hidden\">");

    @LocalServerPort int port;
    @Autowired FilterService filterService;
    @Autowired IdentityService identityService;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired RepositoryService repositoryService;
    @Autowired ManagementService managementService;
    @Autowired ContactVerificationService verification;
    @Autowired TestOrganisations testOrganisations;
    @Autowired JdbcClient jdbc;

    private final List<String> started = new ArrayList<>();
    private final List<Long> mails = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (String id : started) {
            if (runtimeService.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
                runtimeService.deleteProcessInstance(id, "test over", true, true);
            }
        }
        mails.forEach(id -> jdbc.sql("delete from mail_outbox where id = ?").param(id).update());
    }

    @Test
    void coordinatorsHomeCountsHerFiltersAsTasklistDoes() {
        String coordinator = user(Roles.COORDINATOR);
        StaffClient client = StaffClient.signedIn(port, coordinator, PASSWORD);
        Map<String, Long> before = filterCounts(client.get("/staff").body());
        Map<String, Long> expected = tasklistCounts(coordinator);
        assertThat(before).isEqualTo(expected);
        assertThat(names(client.get("/staff").body())).containsKeys("Omat tehtäväni", "Ryhmäni tehtävät", "Myöhässä olevat tehtävät",
                "Yhteyshenkilöiden tarkistus", "Avustushaut", "Lausuntokierrokset");
        String group = names(client.get("/staff").body()).get("Ryhmäni tehtävät");
        assertThat(before.get(group)).isEqualTo(taskService.createTaskQuery()
                .taskCandidateGroupIn(List.of(Roles.COORDINATOR.groupId())).taskUnassigned().count());

        // one more task for the coordinators' group
        startVerification();
        Map<String, Long> after = filterCounts(client.get("/staff").body());
        assertThat(after).isEqualTo(tasklistCounts(coordinator));
        assertThat(after.get(group)).isEqualTo(before.get(group) + 1);
        String verifications = names(client.get("/staff").body()).get("Yhteyshenkilöiden tarkistus");
        assertThat(after.get(verifications)).isEqualTo(before.get(verifications) + 1);
        String mine = names(client.get("/staff").body()).get("Omat tehtäväni");
        assertThat(after.get(mine)).isEqualTo(before.get(mine));

        // in the reader's language
        assertThat(client.get("/staff?lang=sv").body()).contains("<span>Mina uppgifter</span>", "<span>Kontroll av kontaktpersoner</span>");
        assertThat(client.get("/staff?lang=fi").body()).contains(">Tilannekuva</a>", "href=\"/staff/dashboards/overview\"");
    }

    @Test
    void reviewerSeesHerFiltersAndNoDashboards() {
        String reviewer = user(Roles.REVIEWER);
        StaffClient client = StaffClient.signedIn(port, reviewer, PASSWORD);
        String home = client.get("/staff").body();
        assertThat(filterCounts(home)).isEqualTo(tasklistCounts(reviewer));
        assertThat(names(home).keySet()).contains("Omat tehtäväni", "Ryhmäni tehtävät", "Myöhässä olevat tehtävät")
                .doesNotContain("Yhteyshenkilöiden tarkistus", "Avustushaut");
        assertThat(home).doesNotContain("/staff/dashboards", "/staff/grants", "/staff/commenting", "/camunda/app/cockpit", "/staff/mail");
        assertThat(client.get("/staff/dashboards").statusCode()).isEqualTo(403);
        assertThat(client.get("/staff/dashboards/overview").statusCode()).isEqualTo(403);
        assertThat(client.getBytes("/staff/dashboards/overview/groups.csv").statusCode()).isEqualTo(403);
    }

    @Test
    void managersHomeHasNoTasklistButTheDashboardsAndCockpit() {
        StaffClient client = StaffClient.signedIn(port, user(Roles.MANAGER), PASSWORD);
        String home = client.get("/staff").body();
        assertThat(filterCounts(home)).isEmpty();
        assertThat(home).doesNotContain("/camunda/app/tasklist", "/staff/mail")
                .contains("href=\"/staff/dashboards\"", "href=\"/staff/dashboards/overview\"", "href=\"/camunda/app/cockpit/\"",
                        "href=\"/staff/grants\"", "href=\"/staff/commenting\"");
    }

    /** Every link of a role's home (the header's too) opens for that role: none leads to a refusal. */
    @ParameterizedTest
    @EnumSource(Roles.class)
    void everyLinkOnTheHomeOpens(Roles role) {
        StaffClient client = StaffClient.signedIn(port, user(role), PASSWORD);
        String home = client.get("/staff").body();
        Set<String> links = new LinkedHashSet<>();
        Matcher href = Pattern.compile("<a[^>]* href=\"([^\"#]*)[^\"]*\"").matcher(home);
        while (href.find()) {
            String link = href.group(1).replace("&amp;", "&");
            if (link.startsWith("/") && !link.contains("lang=")) {
                links.add(link);
            }
        }
        assertThat(links).contains("/staff", "/staff/organisations");
        for (String link : links) {
            assertThat(opened(client, link)).as(role + " opens " + link).isEqualTo(200);
        }
    }

    @Test
    void overviewCountsOpenWorkOverdueTasksAndIncidents() throws Exception {
        StaffClient manager = StaffClient.signedIn(port, user(Roles.MANAGER), PASSWORD);
        String processName = "Yhteyshenkilön tarkistus";
        String coordinators = "Järjestökoordinaattorit";
        String failedJob = "Epäonnistunut työ";
        String failedMail = "Viesti ei lähtenyt";
        String page = manager.get("/staff/dashboards/overview").body();
        List<String> processBefore = row(table(page, "processes"), processName);
        List<String> groupBefore = row(table(page, "groups"), coordinators);
        long jobsBefore = count(rowOrNull(table(page, "incidents"), failedJob, processName), 2);
        long mailsBefore = count(row(table(page, "incidents"), failedMail), 2);

        // three new cases, one of them overdue by ten years, one whose job failed; a mail the outbox gave up on
        for (int i = 0; i < 3; i++) {
            startVerification();
        }
        Date now = ClockUtil.getCurrentTime();
        Task late = taskService.createTaskQuery().processInstanceId(started.get(0)).singleResult();
        // long overdue, so that it heads the overdue list whatever other tests left behind in the shared database
        taskService.setDueDate(late.getId(), Date.from(now.toInstant().minus(Duration.ofDays(3650)).minus(Duration.ofHours(1))));
        Task approved = taskService.createTaskQuery().processInstanceId(started.get(1)).singleResult();
        taskService.complete(approved.getId(), Map.of("verificationDecision", "approve"));
        Job job = managementService.createJobQuery().processInstanceId(started.get(1)).singleResult();
        managementService.setJobRetries(job.getId(), 0);
        mails.add(jdbc.sql("""
                insert into mail_outbox (template, recipient, language, subject, body, status, attempts, next_attempt_at, last_error, created_at)
                values ('test', 'nobody@test.example', 'fi', 'Testi', 'Testi', 'FAILED', 3, current_timestamp, '550 no such user', current_timestamp)""")
                .update(new org.springframework.jdbc.support.GeneratedKeyHolder(), "id") == 1 ? lastMail() : -1L);

        page = manager.get("/staff/dashboards/overview").body();
        String reference = runtimeService.createProcessInstanceQuery().processInstanceId(started.get(0)).singleResult().getBusinessKey();

        // open work per procedure: two more running, two more open tasks (the approved one waits at its job)
        List<String> processes = row(table(page, "processes"), processName);
        assertThat(count(processes, 1)).isEqualTo(count(processBefore, 1) + 3)
                .isEqualTo(runtimeService.createProcessInstanceQuery().processDefinitionKey(VERIFICATION).count());
        assertThat(count(processes, 2)).isEqualTo(count(processBefore, 2) + 2)
                .isEqualTo(taskService.createTaskQuery().processDefinitionKey(VERIFICATION).count());

        // per group: the coordinators have two more open, one more overdue
        List<String> groups = row(table(page, "groups"), coordinators);
        String group = Roles.COORDINATOR.groupId();
        assertThat(count(groups, 1)).isEqualTo(count(groupBefore, 1) + 2)
                .isEqualTo(taskService.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().count());
        assertThat(count(groups, 2)).isEqualTo(count(groupBefore, 2) + 1)
                .isEqualTo(taskService.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().dueBefore(now).count());
        Task oldest = taskService.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().orderByTaskCreateTime().asc()
                .listPage(0, 1).get(0);
        assertThat(count(groups, 3)).isEqualTo(OverviewDashboard.days(oldest.getCreateTime().toInstant(), now.toInstant()));

        // the overdue task with its case reference, group, due date and days overdue
        List<String> overdue = row(table(page, "overdue"), "Tarkista yhteyshenkilön oikeus toimia järjestön puolesta", reference);
        assertThat(overdue.get(2)).isEqualTo(coordinators);
        assertThat(overdue.get(3)).isEqualTo(new fi.silta.web.Formats("fi").date(late.getCreateTime()));
        assertThat(overdue.get(4)).isEqualTo(new fi.silta.web.Formats("fi")
                .date(taskService.createTaskQuery().taskId(late.getId()).singleResult().getDueDate()));
        assertThat(count(overdue, 6)).isEqualTo(3650);
        assertThat(count(overdue, 5)).isZero();
        assertThat(table(page, "overdue")).allSatisfy(r -> assertThat(r.get(2)).doesNotContain("portaalin"));
        assertThat(table(page, "oldest")).hasSizeLessThanOrEqualTo(OverviewDashboard.LISTED)
                .allSatisfy(r -> assertThat(r.get(2)).doesNotContain("portaalin"));

        // incidents: one more failed job of the procedure, one more failed mail
        List<String> jobs = row(table(page, "incidents"), failedJob, processName);
        assertThat(count(jobs, 2)).isEqualTo(jobsBefore + 1).isEqualTo(runtimeService.createIncidentQuery().incidentType("failedJob")
                .processDefinitionKeyIn(VERIFICATION).count());
        assertThat(count(row(table(page, "incidents"), failedMail), 2)).isEqualTo(mailsBefore + 1)
                .isEqualTo(jdbc.sql("select count(*) from mail_outbox where status = 'FAILED'").query(Long.class).single());

        // links: Cockpit for the manager, the outbox for administrators only
        assertThat(page).contains("href=\"/camunda/app/cockpit/default/#/processes\"").doesNotContain("href=\"/staff/mail\"");
        assertThat(StaffClient.signedIn(port, user(Roles.ADMINISTRATOR), PASSWORD).get("/staff/dashboards/overview").body())
                .contains("href=\"/staff/mail\"", "href=\"/camunda/app/cockpit/default/#/processes\"");
        assertThat(StaffClient.signedIn(port, user(Roles.DECISION_MAKER), PASSWORD).get("/staff/dashboards/overview").body())
                .doesNotContain("href=\"/staff/mail\"", "/camunda/app/cockpit/default/");

        // the CSVs hold the same numbers
        assertThat(csvRow(manager, "processes", processName)).containsExactlyElementsOf(plain(processes));
        assertThat(csvRow(manager, "groups", coordinators)).containsExactlyElementsOf(plain(groups));
        assertThat(csvRow(manager, "incidents", failedJob, processName)).containsExactlyElementsOf(plain(jobs));
        assertThat(csvRow(manager, "overdue", "Tarkista yhteyshenkilön oikeus toimia järjestön puolesta", reference))
                .containsExactlyElementsOf(plain(overdue));
    }

    /** A page row as the CSV writes it: counts without the page's thousands separators. */
    private static List<String> plain(List<String> row) {
        return row.stream().map(cell -> cell.matches("[0-9\u00a0\u202f ]+") ? cell.replaceAll("\\D", "") : cell).toList();
    }

    private long lastMail() {
        return jdbc.sql("select max(id) from mail_outbox where recipient = 'nobody@test.example'").query(Long.class).single();
    }

    private void startVerification() {
        started.add(verification.requestVerification(testOrganisations.newContact("fi").contactId(), null).caseFile().processInstanceId());
    }

    /** What Tasklist counts for the user: each filter they may read, counted with their authentication. */
    private Map<String, Long> tasklistCounts(String userId) {
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList();
        identityService.setAuthentication(userId, groups);
        try {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Filter filter : filterService.createTaskFilterQuery().list()) {
                counts.put(filter.getId(), filterService.count(filter.getId()));
            }
            return counts;
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** The home's filter links: filter id to count. */
    private static Map<String, Long> filterCounts(String home) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Matcher m = FILTER_LINK.matcher(home);
        while (m.find()) {
            counts.put(m.group(1), Long.parseLong(m.group(3).replaceAll("\\D", "")));
        }
        return counts;
    }

    /** The home's filter links: name to filter id. */
    private static Map<String, String> names(String home) {
        Map<String, String> names = new LinkedHashMap<>();
        Matcher m = FILTER_LINK.matcher(home);
        while (m.find()) {
            names.put(m.group(2), m.group(1));
        }
        return names;
    }

    /** The status a link answers with, redirects within Silta followed. */
    private static int opened(StaffClient client, String link) {
        String path = link;
        for (int hop = 0; hop < 5; hop++) {
            HttpResponse<byte[]> response = client.getBytes(path);
            if (response.statusCode() / 100 != 3) {
                return response.statusCode();
            }
            URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
            path = location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
        }
        return -1;
    }

    /** A figure's table body: each row's cells as the page shows them. */
    static List<List<String>> table(String page, String figure) {
        int start = page.indexOf("id=\"" + figure + "\"");
        assertThat(start).as("figure " + figure).isNotNegative();
        String section = page.substring(start, page.indexOf("</section>", start));
        List<List<String>> rows = new ArrayList<>();
        int body = section.indexOf("<tbody>");
        if (body < 0) {
            return rows;
        }
        Matcher tr = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(section.substring(body));
        while (tr.find()) {
            List<String> cells = new ArrayList<>();
            Matcher td = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL).matcher(tr.group(1));
            while (td.find()) {
                cells.add(td.group(1).replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"").trim());
            }
            rows.add(cells);
        }
        return rows;
    }

    static List<String> rowOrNull(List<List<String>> rows, String... first) {
        return rows.stream().filter(r -> r.subList(0, first.length).equals(List.of(first))).findFirst().orElse(null);
    }

    static List<String> row(List<List<String>> rows, String... first) {
        List<String> row = rowOrNull(rows, first);
        assertThat(row).as(String.join(" / ", first) + " in " + rows).isNotNull();
        return row;
    }

    /** A count cell as a number (0 for a missing row). */
    static long count(List<String> row, int column) {
        if (row == null) {
            return 0;
        }
        String digits = row.get(column).replaceAll("\\D", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    /** A figure's CSV row, its cells as the page writes them (a count is the same digits; dates and texts as they are). */
    private static List<String> csvRow(StaffClient client, String figure, String... first) throws Exception {
        HttpResponse<byte[]> csv = client.getBytes("/staff/dashboards/overview/" + figure + ".csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv.body(), StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> records = CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text)).getRecords();
        CSVRecord record = records.stream().filter(r -> {
            for (int i = 0; i < first.length; i++) {
                if (!r.get(i).equals(first[i])) {
                    return false;
                }
            }
            return true;
        }).findFirst().orElseThrow(() -> new AssertionError(String.join(" / ", first) + " not in " + figure + ".csv"));
        List<String> cells = new ArrayList<>();
        record.forEach(cell -> cells.add(cell.isEmpty() ? "–" : cell));
        return cells;
    }

    static String user(Roles role) {
        return DemoData.USERS.stream().filter(u -> u.role() == role).findFirst().orElseThrow().id();
    }
}
