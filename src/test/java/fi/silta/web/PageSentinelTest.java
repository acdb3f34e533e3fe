package fi.silta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import jakarta.mail.internet.MimeMessage;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.OutsiderTasks;
import fi.silta.grants.Criterion;
import fi.silta.grants.GrantApplication;
import fi.silta.grants.GrantApplicationRepository;
import fi.silta.grants.GrantDecision;
import fi.silta.grants.GrantDecisionRepository;
import fi.silta.grants.GrantRound;
import fi.silta.grants.GrantRoundRepository;
import fi.silta.grants.GrantSubmissions;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.EngineJobs;
import fi.silta.support.EngineTasks;
import fi.silta.support.GrantFixtures;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * The pages that show money, scores and times, with sentinel values (1234567.89 euros, closing
 * 2026-12-10T16:00:00+02:00, a criterion of 12.5 %) in fi, sv and en: none raw, each as people
 * write it. The portal's front page, application form, draft, receipt, status page and "my cases";
 * the staff case page with all its sections and its PDF, the applicant's PDF copy, the ranking and
 * the outbox; the public page of a decided round's decisions (its CSV and JSON are open data: plain
 * decimals and ISO dates on purpose, see {@code GrantOpenDataHttpTest}).
 */
@SiltaIntegrationTest
class PageSentinelTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final OffsetDateTime CLOSES = OffsetDateTime.parse("2026-12-10T16:00:00+02:00");
    /** When the application is sent: 5 days before the call closes, so a supplement of 5 days is due when it closes. */
    static final OffsetDateTime SENT = CLOSES.minusDays(5);
    static final List<String> LANGUAGES = List.of("fi", "sv", "en");
    /** The raw forms of the sentinel money and times (as stored, ISO 8601, or without grouping). */
    static final String[] RAW = {"1234567.89", "1234567,89", "1222222.22", "1222222,22", "12345.67", "12345,67", "2026-12-10T",
        "2026-12-05T", "+02:00", "T16:00", "T14:00", "12.5 %"};
    static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> WEIGHT = Map.of("fi", "12,5\u00a0%", "sv", "12,5\u00a0%", "en", "12.5%");
    static final Map<String, List<String>> FORMATTED = Map.of(
            "fi", List.of("1\u00a0234\u00a0567,89\u00a0€", "10.12.2026 klo 16.00", "12\u00a0345,67\u00a0€"),
            "sv", List.of("1\u00a0234\u00a0567,89\u00a0€", "10.12.2026 kl. 16.00", "12\u00a0345,67\u00a0€"),
            "en", List.of("€1,234,567.89", "10 Dec 2026 at 16:00", "€12,345.67"));

    @LocalServerPort int port;
    @Autowired GrantRoundRepository rounds;
    @Autowired GrantFixtures fixtures;
    @Autowired OutboxDrainer drainer;
    @Autowired CaseRepository cases;
    @Autowired GrantApplicationRepository applications;
    @Autowired OutsiderTasks outsiderTasks;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired EngineJobs jobs;
    @Autowired EngineTasks tasks;
    @Autowired JdbcClient jdbc;
    @Autowired GrantSubmissions submissions;
    @Autowired GrantDecisionRepository decisions;

    @AfterEach
    void reset() {
        ClockUtil.reset();
    }

    @Test
    void moneyAndTimesOnTheFrontPageAndTheApplicationFormAsPeopleWriteThem() {
        ClockUtil.setCurrentTime(Date.from(SENT.toInstant()));
        long id = sentinelRound("Sentinellihaku", new BigDecimal("1234567.89"), new BigDecimal("12345.67"));
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, applicant.email());

        for (String language : LANGUAGES) {
            String front = portal.get("/?lang=" + language).body();
            String call = front.substring(front.indexOf("Sentinel"));
            assertThat(call).as("front page " + language).contains(FORMATTED.get(language).get(0), FORMATTED.get(language).get(1),
                    FORMATTED.get(language).get(2), WEIGHT.get(language)).doesNotContain("1234567", "12345.67", "2026-12-10T", "+02:00");
            String form = portal.get("/portal/grants/" + id + "/apply?lang=" + language).body();
            assertThat(form).as("application form " + language).contains(FORMATTED.get(language).get(1), FORMATTED.get(language).get(2))
                    .doesNotContain("12345.67", "2026-12-10T", "+02:00");
        }
    }

    /** A decided round's public page of decisions (issue 12): the amount granted, the total and the decision's date. */
    @Test
    void moneyAndDatesOnThePublicPageOfDecisionsAsPeopleWriteThem() {
        ClockUtil.setCurrentTime(Date.from(SENT.toInstant()));
        long roundId = sentinelRound("Päätösvartija", new BigDecimal("1234567.89"), new BigDecimal("1234567.89"));
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        long applicationId = fixtures.draft(roundId, applicant, "1234567.89");
        long caseId = submissions.submit(applicationId, applicant.contactId(), null).caseFile().id();
        decisions.insert(applicationId, roundId, caseId, GrantDecision.Stage.ORIGINAL, GrantDecision.Basis.SCORED,
                new BigDecimal("1234567.89"), new BigDecimal("1234567.89"), new BigDecimal("4.00"), null, "fi", "helena.hamalainen", CLOSES);
        rounds.setStatus(roundId, GrantRound.Status.DECIDED);
        StaffClient visitor = new StaffClient(port);
        for (String language : LANGUAGES) {
            String date = new Formats(language).date(CLOSES);
            assertPeopleRead("decisions of a round " + language, visitor.get("/avustuspaatokset/" + roundId + "?lang=" + language).body(),
                    big(language), date);
            assertPeopleRead("decided rounds " + language, visitor.get("/avustuspaatokset?lang=" + language).body(), date);
        }
    }

    /**
     * An application of 1 234 567,89 € (budget lines 1 222 222,22 € and 12 345,67 €) sent 5.12.2026
     * at 16.00, asked for a supplement due at the sentinel time, answered, scored by two reviewers who
     * disagree (their totals reconciled from Finnish texts in Tasklist) and ranked: the
     * draft on "my cases", the receipt, the status page, the staff case page with every section,
     * the ranking and the outbox, each in fi, sv and en.
     */
    @Test
    void moneyScoresAndTimesOnTheCasePagesAsPeopleWriteThem() throws Exception {
        ClockUtil.setCurrentTime(Date.from(SENT.toInstant()));
        long roundId = sentinelRound("Vartijahaku", new BigDecimal("1234567.89"), new BigDecimal("1234567.89"));
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, applicant.email());
        String apply = "/portal/grants/" + roundId + "/apply";
        List<String[]> budget = List.<String[]>of(new String[] {"Palkat", "1 222 222,22"}, new String[] {"Vuokrat", "12 345,67"});

        assertThat(portal.postMultipart(apply, GrantFixtures.applicationForm(portal.get(apply).body(), "Luonnos", "1 234 567,89",
                budget).field("_save", "draft")).statusCode()).isEqualTo(302);
        for (String language : LANGUAGES) {
            assertPeopleRead("my cases with a draft " + language, portal.get("/portal/my?lang=" + language).body(), "Vartijahaku");
            assertPeopleRead("the saved draft " + language, portal.get(apply + "?lang=" + language).body(), due(language));
        }

        HttpResponse<String> sent = portal.postMultipart(apply, GrantFixtures.applicationForm(portal.get(apply + "?lang=fi").body(),
                "Sentinellitoiminta", "1 234 567,89", budget));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        String receipt = sent.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        java.util.regex.Matcher reference = Pattern.compile("/portal/cases/([^/]+)/receipt").matcher(receipt);
        assertThat(reference.find()).as(receipt).isTrue();
        CaseFile caseFile = cases.findByReference(reference.group(1)).orElseThrow();
        String pid = caseFile.processInstanceId();
        jobs.executeAll(pid);
        tasks.completeAs("aino.virtanen", tasks.task(pid, "Task_ConfirmEligibility"), Map.of("eligibilityDecision", "eligible"));
        tasks.completeAs("aino.virtanen", tasks.task(pid, "Task_FormalCheck"), Map.of("formalCheckResult", "incomplete",
                "supplementRequest", "Lähettäkää talousarvio.", "supplementDays", 5));
        jobs.executeAll(pid);

        String status = "/portal/cases/" + caseFile.reference();
        for (String language : LANGUAGES) {
            assertPeopleRead("receipt " + language, portal.get(receipt + "?lang=" + language).body(), caseFile.reference());
            assertPeopleRead("status page " + language, portal.get(status + "?lang=" + language).body(), big(language), lines(language),
                    sentDate(language), due(language));
            assertPeopleRead("my cases " + language, portal.get("/portal/my?lang=" + language).body(), sentDate(language));
            assertPeopleRead("the supplement task " + language, portal.get(status + "/tasks/" + tasks.task(pid, "Task_ProvideSupplement")
                    .getId() + "?lang=" + language).body(), "Lähettäkää talousarvio.", caseFile.reference());
        }
        StaffClient coordinator = StaffClient.signedIn(port, "aino.virtanen", "silta-demo");
        for (String language : LANGUAGES) {
            assertPeopleRead("staff case page waiting " + language, coordinator.get(page(caseFile, language)).body(), big(language),
                    lines(language), sent(language), due(language));
        }

        outsiderTasks.complete(caseFile, tasks.task(pid, "Task_ProvideSupplement").getId(), Map.of("supplementAnswer", "Talousarvio liitteenä."),
                List.of(), applicant.email());
        tasks.completeAs("aino.virtanen", tasks.task(pid, "Task_FormalCheck"), Map.of("formalCheckResult", "complete"));
        jobs.executeAll(pid);
        // totals 1,88 and 4,13 disagree: the coordinator reconciles them in Tasklist, from texts in Finnish
        score(pid, new int[][] {{1, 2}, {5, 4}});
        jobs.executeAll(pid);
        Task reconcile = tasks.task(pid, "Task_ReconcileScores");
        String summary = (String) taskService.getVariableLocal(reconcile.getId(), "reviewSummary");
        assertThat(summary).as("reconcile summary").contains("Vaikuttavuus (12,5\u00a0%): 1", "Toteutettavuus (87,5\u00a0%): 4", "painotettu 1,88",
                "painotettu 4,13").doesNotContain("12.5", "1.88", "4.13");
        tasks.completeAs("aino.virtanen", reconcile, Map.of("reconciledScore", "3,33", "reconcileNote", "Sovitettu."));
        jobs.executeAll(pid);
        GrantApplication scored = applications.findByCase(caseFile.id()).orElseThrow();
        assertThat(scored.finalScore()).as("scored").isNotNull();
        List<BigDecimal> totals = jdbc.sql("select total from grant_review where application_id = ?").param(scored.id())
                .query(BigDecimal.class).list();
        assertThat(totals).hasSize(2);

        for (String language : LANGUAGES) {
            Formats formats = new Formats(language);
            String casePage = coordinator.get(page(caseFile, language)).body();
            assertPeopleRead("staff case page " + language, casePage, big(language), lines(language), sent(language), due(language),
                    formats.score(totals.get(0)), formats.score(totals.get(1)), WEIGHT.get(language));
            String ranking = coordinator.get("/staff/grants/" + roundId + "?lang=" + language).body();
            assertPeopleRead("ranking " + language, ranking, big(language), formats.score(scored.finalScore()));
            assertThat(casePage).as("criteria named in " + language).contains("sv".equals(language) ? "<td>Verkan</td>" : "<td>Vaikuttavuus</td>");
            if (!"en".equals(language)) {
                assertThat(casePage).as("review totals " + language).doesNotContain(totals.get(0).toPlainString(),
                        totals.get(1).toPlainString());
                assertThat(ranking).as("final score " + language).doesNotContain(scored.finalScore().toPlainString());
            }
        }
        for (String language : LANGUAGES) {
            assertPeopleRead("case PDF " + language, pdfText(coordinator.getBytes("/staff/cases/" + caseFile.reference() + "/pdf?lang="
                    + language).body()), big(language), lines(language), sent(language), due(language));
        }
        drainer.drain();
        assertPeopleRead("application copy PDF", pdfText(receiptAttachment(caseFile.reference())), big("fi"), lines("fi"));

        StaffClient admin = StaffClient.signedIn(port, "ilkka.jarvinen", "silta-demo");
        for (String language : LANGUAGES) {
            assertPeopleRead("outbox " + language, admin.get("/staff/mail?lang=" + language).body(), sent(language));
        }
    }

    /** The page holds what people read and none of the raw forms of the sentinel values. */
    static void assertPeopleRead(String what, String page, String... formatted) {
        assertThat(page).as(what).contains(formatted).doesNotContain(RAW).doesNotContainPattern(ISO_INSTANT);
    }

    /** A PDF's text, its no-break spaces as they are (PDFBox keeps them). */
    private static String pdfText(byte[] pdf) throws java.io.IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** The PDF copy of the application that came with the receipt mail of {@code reference}. */
    private byte[] receiptAttachment(String reference) throws Exception {
        for (MimeMessage mail : greenMail.getReceivedMessages()) {
            if (mail.getSubject().contains(reference) && mail.getContent() instanceof jakarta.mail.Multipart parts && parts.getCount() > 1) {
                return parts.getBodyPart(1).getInputStream().readAllBytes();
            }
        }
        throw new AssertionError("no receipt with a PDF for " + reference);
    }

    private void score(String pid, int[][] scores) throws Exception {
        List<ProcessInstance> slots = runtimeService.createProcessInstanceQuery().superProcessInstanceId(pid).list();
        assertThat(slots).hasSize(scores.length);
        for (int i = 0; i < slots.size(); i++) {
            String reviewer = (String) runtimeService.getVariable(slots.get(i).getId(), "reviewer");
            tasks.completeAs(reviewer, taskService.createTaskQuery().processInstanceId(slots.get(i).getId()).singleResult(),
                    Map.of("disqualified", "no"));
            Task sheet = taskService.createTaskQuery().processInstanceId(slots.get(i).getId()).singleResult();
            JsonNode prepared = JSON.readTree(taskService.getVariable(sheet.getId(), "scores").toString());
            ArrayNode rows = (ArrayNode) (prepared.isTextual() ? JSON.readTree(prepared.asText()) : prepared);
            for (int row = 0; row < rows.size(); row++) {
                ((ObjectNode) rows.get(row)).put("score", scores[i][row]).put("justification", "Perusteltu arvio " + row);
            }
            tasks.completeAs(reviewer, sheet, Map.of("scores", SpinValues.jsonValue(rows.toString()).create()));
            jobs.executeAll(slots.get(i).getId());
        }
    }

    /** A published call with the sentinel deadline and two criteria of 12,5 % and 87,5 %. */
    private long sentinelRound(String name, BigDecimal budget, BigDecimal maxAmount) {
        OffsetDateTime opens = CLOSES.minusDays(9);
        long id = rounds.insert(null, name, name, "Kuvaus", "Beskrivning", budget, maxAmount, opens, CLOSES,
                opens.minusDays(1));
        rounds.configure(id, "aino.virtanen", 2, "helena.hamalainen", new BigDecimal("1.00"), new BigDecimal("2.50"), false, false, null);
        rounds.replaceCriteria(id, List.of(new Criterion(0, id, 1, "Vaikuttavuus", "Verkan", new BigDecimal("12.5")),
                new Criterion(0, id, 2, "Toteutettavuus", "Genomförbarhet", new BigDecimal("87.5"))));
        rounds.replaceReviewers(id, GrantFixtures.POOL);
        rounds.setStatus(id, GrantRound.Status.PUBLISHED);
        return id;
    }

    private static String page(CaseFile caseFile, String language) {
        return "/staff/cases/" + caseFile.reference() + "?lang=" + language;
    }

    private static String big(String language) {
        return new Formats(language).money(new BigDecimal("1234567.89"));
    }

    private static String lines(String language) {
        return new Formats(language).money(new BigDecimal("12345.67"));
    }

    private static String due(String language) {
        return FORMATTED.get(language).get(1);
    }

    private static String sent(String language) {
        return new Formats(language).dateTime(SENT);
    }

    private static String sentDate(String language) {
        return new Formats(language).date(SENT);
    }
}
