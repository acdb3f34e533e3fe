package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.silta.dashboard.Dashboard;
import fi.silta.dashboard.Figure;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.EngineJobs;
import fi.silta.support.EngineTasks;
import fi.silta.support.GrantFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.web.Locales;

/**
 * The grant rounds' dashboard against a known set of cases: a round with five applications (two decided,
 * one of them on a request for rectification, one withdrawn), scores, a reviewer's and a decision maker's
 * disqualification, requests for supplements, and eligibility confirmations that took 1, 2 and 4 days in
 * Camunda's history; and an empty round. Across rounds, what the known round adds to the figures per
 * municipality and per target group (other tests' rounds share the database, so the change is checked).
 */
@SiltaIntegrationTest
class GrantDashboardTest {

    private static final long DAY = 24L * 60 * 60 * 1000;

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired GrantApplicationRepository applications;
    @Autowired GrantDecisionRepository decisions;
    @Autowired GrantSubmissions submissions;
    @Autowired GrantDashboard dashboard;
    @Autowired EngineTasks tasks;
    @Autowired EngineJobs jobs;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aKnownRoundsFiguresAndAnEmptyRounds() {
        Figure municipalitiesBefore = across().figure("municipalities");
        Figure groupsBefore = across().figure("target-groups");

        OffsetDateTime now = OffsetDateTime.now();
        long round = fixtures.publishedRound(now.minusDays(30), now.plusDays(29), GrantFixtures.POOL);
        long empty = fixtures.publishedRound(now.minusDays(1), now.plusDays(29), GrantFixtures.POOL);

        long start = now.minusDays(10).toInstant().toEpochMilli();
        ClockUtil.setCurrentTime(new Date(start));
        Submitted a1 = submit(round, "5000.00", List.of("071", "072"), List.of("carers", "older"));
        Submitted a2 = submit(round, "2000.00", List.of("072"), List.of("youth"));
        Submitted a3 = submit(round, "1000.00", List.of("564"), List.of("youth"));
        Submitted a4 = submit(round, "4000.00", List.of("564"), List.of("children"));
        Submitted a5 = submit(round, "9999.00", List.of("564"), List.of("children"));
        // the coordinator confirmed three applications' eligibility after 1, 2 and 4 days; the fourth waits
        confirmAfter(a1, start + DAY);
        confirmAfter(a2, start + 2 * DAY);
        confirmAfter(a3, start + 4 * DAY);
        ClockUtil.reset();

        OffsetDateTime at = OffsetDateTime.now();
        applications.scored(a1.id, new BigDecimal("4.20"), null, at);
        applications.scored(a2.id, new BigDecimal("2.70"), null, at);
        applications.setStatus(a3.id, GrantApplication.Status.IN_REVIEW, at);
        applications.setStatus(a4.id, GrantApplication.Status.SUBMITTED, at);
        applications.setStatus(a5.id, GrantApplication.Status.WITHDRAWN, at);
        allocate(round, a1.id, 1, "5000.00", "3000.00");
        allocate(round, a2.id, 2, "2000.00", "0.00");
        decisions.insert(a1.id, round, a1.caseId, GrantDecision.Stage.ORIGINAL, GrantDecision.Basis.SCORED, new BigDecimal("5000.00"),
                new BigDecimal("3000.00"), new BigDecimal("4.20"), null, "fi", "helena.hamalainen", at);
        decisions.insert(a2.id, round, a2.caseId, GrantDecision.Stage.ORIGINAL, GrantDecision.Basis.BELOW_MINIMUM, new BigDecimal("2000.00"),
                BigDecimal.ZERO, new BigDecimal("2.70"), null, "fi", "helena.hamalainen", at);
        // the request for rectification granted it in full: that decision is the one in force
        decisions.insert(a2.id, round, a2.caseId, GrantDecision.Stage.RECTIFICATION, GrantDecision.Basis.SCORED, new BigDecimal("2000.00"),
                new BigDecimal("2000.00"), new BigDecimal("2.70"), "Oikaistu.", "fi", "helena.hamalainen", at.plusDays(20));
        jdbc.sql("insert into grant_review (application_id, reviewer_user_id, status, disqualification, created_at, decided_at) "
                + "values (?, 'jussi.makinen', 'DISQUALIFIED', 'BOARD_MEMBER', ?, ?)").params(a3.id, at, at).update();
        jdbc.sql("insert into grant_round_disqualification (round_id, user_id, role, application_id, note, declared_at) "
                + "values (?, 'helena.hamalainen', 'DECISION_MAKER', ?, 'Hallituksen jäsen.', ?)").params(round, a1.id, at).update();
        request(a3.caseId, at, "answered");
        request(a3.caseId, at, "lapsed");
        request(a4.caseId, at, null);

        Locale fi = Locales.FINNISH;
        Dashboard known = dashboard.dashboard(Map.of("round", String.valueOf(round)), fi).orElseThrow();
        assertThat(rows(known.figure("states"))).containsExactly(
                List.of("Jätetty, käsittely alkamassa", 1L), List.of("Arvioitavana", 1L), List.of("Pisteytetty, odottaa päätöstä", 0L),
                List.of("Ei kelpoinen", 0L), List.of("Hylätty puutteellisena", 0L), List.of("Peruttu", 1L), List.of("Myönnetty", 1L),
                List.of("Myönnetty osittain", 1L), List.of("Hylätty", 0L));
        assertThat(rows(known.figure("money"))).containsExactly(List.of("Budjetti", euros("100000.00")),
                List.of("Haettu", euros("12000.00")), List.of("Jakoesitys", euros("3000.00")), List.of("Myönnetty", euros("5000.00")));
        assertThat(rows(known.figure("scores"))).containsExactly(List.of("0–0,99", 0L), List.of("1–1,99", 0L), List.of("2–2,99", 1L),
                List.of("3–3,99", 0L), List.of("4–5", 1L), List.of("Ei pisteytetty", 2L));
        assertThat(known.figure("scores").note()).contains("Mediaani 3,45");
        // 1, 2 and 4 days: the median 2, the 90th percentile 2 + 0.8 × (4 − 2) = 3.6 (as percentile_cont)
        assertThat(rows(known.figure("steps"))).contains(List.of("Kelpoisuuden vahvistus", 3L, new BigDecimal("2.0"), new BigDecimal("3.6")));
        assertThat(rows(known.figure("disqualifications"))).containsExactly(List.of("Arvioija", 1L, 1L), List.of("Valmistelija", 0L, 0L),
                List.of("Päättäjä", 1L, 1L));
        assertThat(rows(known.figure("supplements"))).containsExactly(List.of("Täydennetty", 1L), List.of("Määräaika umpeutui", 1L),
                List.of("Odottaa hakijaa", 1L));

        Dashboard none = dashboard.dashboard(Map.of("round", String.valueOf(empty)), fi).orElseThrow();
        assertThat(rows(none.figure("states"))).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(0L));
        assertThat(rows(none.figure("money"))).containsExactly(List.of("Budjetti", euros("100000.00")),
                List.of("Haettu", euros("0")), List.of("Jakoesitys", euros("0")), List.of("Myönnetty", euros("0")));
        assertThat(none.figure("scores").note()).doesNotContain("Mediaani");
        assertThat(none.figure("steps").isEmpty()).isTrue();
        assertThat(rows(none.figure("supplements"))).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(0L));

        Dashboard across = across();
        assertThat(rows(across.figure("rounds"))).contains(
                List.of("HAKU-" + round + " Järjestöavustukset 2026", "Auki", 4L, euros("12000.00"), euros("100000.00"), euros("5000.00")),
                List.of("HAKU-" + empty + " Järjestöavustukset 2026", "Auki", 0L, euros("0"), euros("100000.00"), euros("0")));
        // a1's 3 000 € halved between Haapavesi (071) and Hailuoto (072); a2's 2 000 € to Hailuoto
        assertThat(added(municipalitiesBefore, across.figure("municipalities"), "Haapavesi")).containsExactly(1L, euros("1500.00"));
        assertThat(added(municipalitiesBefore, across.figure("municipalities"), "Hailuoto")).containsExactly(2L, euros("3500.00"));
        assertThat(added(groupsBefore, across.figure("target-groups"), "Omaishoitajat ja läheiset")).containsExactly(1L, euros("1500.00"));
        assertThat(added(groupsBefore, across.figure("target-groups"), "Ikääntyneet")).containsExactly(1L, euros("1500.00"));
        assertThat(added(groupsBefore, across.figure("target-groups"), "Nuoret")).containsExactly(1L, euros("2000.00"));

        // over HTTP: a manager reads the page and its CSV; the CSV holds the same figures
        StaffClient manager = StaffClient.signedIn(port, "pekka.koskinen", "silta-demo");
        var page = manager.get("/staff/dashboards/grants?round=" + round);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Kelpoisuuden vahvistus", "Mediaani 3,45", "12\u00a0000,00\u00a0€", "class=\"chart\"",
                "href=\"/staff/dashboards/grants/steps.csv?round=" + round + "\"", "href=\"/staff/grants/" + round + "\"");
        var csv = manager.getBytes("/staff/dashboards/grants/steps.csv?round=" + round);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<CSVRecord> records = csv(csv.body());
        assertThat(records.get(0).values()).containsExactly("Vaihe", "Valmiita", "Mediaani (vrk)", "90 % valmiina (vrk)");
        assertThat(records).anySatisfy(r -> assertThat(r.values()).containsExactly("Kelpoisuuden vahvistus", "3", "2,0", "3,6"));
        List<CSVRecord> money = csv(manager.getBytes("/staff/dashboards/grants/money.csv?round=" + round).body());
        assertThat(money.get(2).values()).containsExactly("Haettu", "12000,00");
        assertThat(manager.get("/staff/dashboards/grants?round=" + round + "&lang=sv").body()).contains("Bekräftelse av behörighet",
                "Ansökningar enligt status");
        assertThat(manager.get("/staff/dashboards/grants?lang=fi").body()).contains("Myönnetyt eurot kunnittain", "Hailuoto");
        assertThat(manager.get("/staff/dashboards/grants?round=999999999").statusCode()).isEqualTo(404);
        assertThat(manager.get("/staff/dashboards/grants?round=x").statusCode()).isEqualTo(404);
        assertThat(manager.get("/staff/dashboards/grants/nothing.csv").statusCode()).isEqualTo(404);

        StaffClient reviewer = StaffClient.signedIn(port, "mikko.korhonen", "silta-demo");
        assertThat(reviewer.get("/staff/dashboards/grants?round=" + round).statusCode()).isEqualTo(403);
        assertThat(reviewer.getBytes("/staff/dashboards/grants/steps.csv?round=" + round).statusCode()).isEqualTo(403);
    }

    private record Submitted(long id, long caseId, String processInstanceId) {
    }

    private Submitted submit(long round, String amount, List<String> municipalities, List<String> groups) {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        long id = fixtures.draft(round, applicant, amount);
        applications.replaceBudgetLines(id, List.of(new BudgetLine("Palkkiot", new BigDecimal(amount))));
        applications.replaceAreas(id, municipalities, groups);
        var opened = submissions.submit(id, applicant.contactId(), null);
        jobs.executeAll(opened.caseFile().processInstanceId());
        return new Submitted(id, opened.caseFile().id(), opened.caseFile().processInstanceId());
    }

    private void confirmAfter(Submitted application, long at) {
        ClockUtil.setCurrentTime(new Date(at));
        tasks.completeAs("aino.virtanen", tasks.task(application.processInstanceId, "Task_ConfirmEligibility"),
                Map.of("eligibilityDecision", "eligible"));
    }

    private void allocate(long round, long application, int position, String asked, String amount) {
        jdbc.sql("insert into grant_allocation (application_id, round_id, position, basis, amount_asked, proposed_amount, amount) "
                + "values (?, ?, ?, 'SCORED', ?, ?, ?)").params(application, round, position, new BigDecimal(asked),
                new BigDecimal(amount), new BigDecimal(amount)).update();
    }

    private void request(long caseId, OffsetDateTime at, String outcome) {
        jdbc.sql("insert into case_request (case_id, topic, request_text, requested_by, requested_at, due_at, answered_at, lapsed_at) "
                + "values (?, 'Task_ProvideSupplement', 'Lähettäkää pöytäkirja.', 'aino.virtanen', ?, ?, ?, ?)")
                .params(caseId, at, at.plusDays(7), "answered".equals(outcome) ? at.plusDays(1) : null,
                        "lapsed".equals(outcome) ? at.plusDays(7) : null).update();
    }

    private Dashboard across() {
        return dashboard.dashboard(Map.of(), Locales.FINNISH).orElseThrow();
    }

    private static List<List<Object>> rows(Figure figure) {
        return figure.rows();
    }

    private static BigDecimal euros(String value) {
        return new BigDecimal(value).setScale(2);
    }

    /** What the figure's row {@code label} gained: applications and euros. */
    private static List<Object> added(Figure before, Figure after, String label) {
        List<Object> was = row(before, label);
        List<Object> now = row(after, label);
        return List.of((Long) now.get(1) - (Long) was.get(1), ((BigDecimal) now.get(2)).subtract((BigDecimal) was.get(2)));
    }

    private static List<Object> row(Figure figure, String label) {
        return figure.rows().stream().filter(r -> label.equals(r.get(0))).findFirst()
                .orElse(List.of(label, 0L, BigDecimal.ZERO.setScale(2)));
    }

    private static List<CSVRecord> csv(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\ufeff");
        try {
            return new ArrayList<>(CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').get().parse(new StringReader(text.substring(1)))
                    .getRecords());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
