package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * The decisions of a decided round as public pages and open data, over real HTTP and without signing in
 * (issue 12): the list of rounds and the round's page in fi, sv and en, its CSV (UTF-8 with a byte order
 * mark, semicolons, formulas defused) and JSON read back, the latest decision of an application (a
 * rectification's) published, 404 and nothing at all of a round that is not decided (or whose decisions are
 * not yet issued), and an unregistered group named only by its kind and municipality: its name, its contact
 * and its board nowhere in the page, the CSV or the JSON.
 */
@SiltaIntegrationTest
class GrantOpenDataHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final String NBSP = "\u00a0";
    /** 22.30 UTC on 19 May is 20 May in Helsinki (UTC+3): the decision's date is Helsinki's. */
    static final OffsetDateTime DECIDED_AT = OffsetDateTime.parse("2026-05-19T22:30:00Z");
    static final OffsetDateTime RECTIFIED_AT = OffsetDateTime.parse("2026-06-10T09:00:00+03:00");
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired GrantSubmissions submissions;
    @Autowired GrantApplicationRepository applications;
    @Autowired GrantDecisionRepository decisions;
    @Autowired GrantRoundRepository rounds;
    @Autowired OrganisationRepository organisations;

    // set up once (the tests only read, and share one database)
    static long roundId;
    static long undecidedId;
    static long notIssuedId;
    static String association;
    static String businessId;
    static String group;
    static String rejected;
    StaffClient visitor;

    /** A decided round with three decisions (one rectified later) and an undecided one with a decision already written. */
    @BeforeEach
    void decidedRound() {
        visitor = new StaffClient(port);
        if (roundId != 0) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now();
        roundId = fixtures.publishedRound(now.minusDays(1), now.plusDays(30), GrantFixtures.POOL);
        GrantFixtures.Applicant registered = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        GrantFixtures.Applicant unregistered = fixtures.applicant(OrganisationType.UNREGISTERED_GROUP);
        GrantFixtures.Applicant other = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        association = organisations.find(registered.organisationId()).orElseThrow().name();
        businessId = organisations.find(registered.organisationId()).orElseThrow().businessId();
        group = organisations.find(unregistered.organisationId()).orElseThrow().name();
        rejected = organisations.find(other.organisationId()).orElseThrow().name();

        long first = decided(registered, "Vertaistukiryhmät; omaishoitajille \"Jaksa\"", "5000.00", "3000.00", "ORIGINAL");
        long[] second = submitted(roundId, unregistered, "Kylän kerho: " + group + " kokoontuu viikoittain", "2000.00");
        decisions.insert(second[0], roundId, second[1], GrantDecision.Stage.ORIGINAL, GrantDecision.Basis.SCORED,
                new BigDecimal("2000.00"), new BigDecimal("1234.50"), new BigDecimal("3.50"), null, "fi", "helena.hamalainen", DECIDED_AT);
        decided(other, "=HYPERLINK(\"http://evil.example\";\"klikkaa\")", "4000.00", "0.00", "ORIGINAL");
        // a request for rectification of the first: its later decision replaces the amount
        GrantApplication firstApplication = applications.find(first).orElseThrow();
        decisions.insert(first, roundId, firstApplication.caseId(), GrantDecision.Stage.RECTIFICATION, GrantDecision.Basis.SCORED,
                new BigDecimal("5000.00"), new BigDecimal("4500.00"), new BigDecimal("4.00"), "Oikaistu.", "fi", "helena.hamalainen",
                RECTIFIED_AT);
        rounds.setStatus(roundId, GrantRound.Status.DECIDED);

        undecidedId = fixtures.publishedRound(now.minusDays(1), now.plusDays(30), GrantFixtures.POOL);
        GrantFixtures.Applicant waiting = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        long[] pending = submitted(undecidedId, waiting, "Salainen suunnitelma", "1000.00");
        decisions.insert(pending[0], undecidedId, pending[1], GrantDecision.Stage.ORIGINAL, GrantDecision.Basis.SCORED,
                new BigDecimal("1000.00"), new BigDecimal("1000.00"), new BigDecimal("4.00"), null, "fi", "helena.hamalainen", DECIDED_AT);
        rounds.setStatus(undecidedId, GrantRound.Status.PROPOSED);
        // approved, its decisions not yet issued
        notIssuedId = fixtures.publishedRound(now.minusDays(1), now.plusDays(30), GrantFixtures.POOL);
        rounds.setStatus(notIssuedId, GrantRound.Status.DECIDED);
    }

    @Test
    void theRoundsDecisionsArePublicInFinnishSwedishAndEnglish() {
        Map<String, List<String>> expected = Map.of(
                "fi", List.of("Avustuspäätökset", "Järjestöavustukset 2026", "Rekisteröimätön ryhmä, Oulu", "4" + NBSP + "500,00" + NBSP + "€",
                        "1" + NBSP + "234,50" + NBSP + "€", "0,00" + NBSP + "€", "5" + NBSP + "734,50" + NBSP + "€", "20.5.2026", "10.6.2026",
                        "Päätöksiä 3, joista myönteisiä 2.", "Y-tunnus", "Käyttötarkoitus", "Myönnetty avustus"),
                "sv", List.of("Understödsbeslut", "Organisationsunderstöd 2026", "Oregistrerad grupp, Uleåborg", "4" + NBSP + "500,00" + NBSP + "€",
                        "5" + NBSP + "734,50" + NBSP + "€", "20.5.2026", "Beslut 3, varav 2 positiva.", "FO-nummer", "Ändamål"),
                "en", List.of("Grant decisions", "Järjestöavustukset 2026", "Unregistered group, Oulu", "€4,500.00", "€1,234.50", "€5,734.50",
                        "20 May 2026", "10 Jun 2026", "3 decisions, 2 of them positive.", "Business ID", "Purpose", "Amount granted"));
        for (String language : List.of("fi", "sv", "en")) {
            HttpResponse<String> page = visitor.get("/avustuspaatokset/" + roundId + "?lang=" + language);
            assertThat(page.statusCode()).as(language).isEqualTo(200);
            assertThat(page.body()).as(language).contains("lang=\"" + language + "\"", association, businessId, rejected,
                    "/avustuspaatokset/" + roundId + ".csv", "/avustuspaatokset/" + roundId + ".json")
                    .contains(expected.get(language))
                    .doesNotContain("3" + NBSP + "000,00", "€3,000.00", "Salainen suunnitelma");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).as(language).contains("default-src 'self'");

            String list = visitor.get("/avustuspaatokset?lang=" + language).body();
            assertThat(list).as("list " + language).contains("/avustuspaatokset/" + roundId + "\"",
                    "sv".equals(language) ? "Organisationsunderstöd 2026" : "Järjestöavustukset 2026",
                    "en".equals(language) ? "20 May 2026" : "20.5.2026")
                    .doesNotContain("/avustuspaatokset/" + undecidedId + "\"");
        }
        // the portal's pages link to the list in their footer
        assertThat(visitor.get("/?lang=fi").body()).contains("href=\"/avustuspaatokset\"", "Avustuspäätökset");
    }

    @Test
    void theCsvOpensInExcelAndReadsBack() throws Exception {
        HttpResponse<byte[]> response = visitor.getBytes("/avustuspaatokset/" + roundId + ".csv");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).isEqualToIgnoringCase("text/csv;charset=UTF-8");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("attachment", "avustuspaatokset-" + roundId + ".csv");
        assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=600", "public");
        byte[] bytes = response.body();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith(String.join(";", GrantOpenData.COLUMNS) + "\r\n");

        List<CSVRecord> rows = parse(text);
        assertThat(rows).hasSize(3);
        CSVRecord first = rows.get(0);
        assertThat(first.get("organisation")).isEqualTo(association);
        assertThat(first.get("business_id")).isEqualTo(businessId);
        assertThat(first.get("organisation_kind")).isEqualTo("REGISTERED_ASSOCIATION");
        assertThat(first.get("municipality")).isEqualTo("Oulu");
        assertThat(first.get("purpose")).isEqualTo("Vertaistukiryhmät; omaishoitajille \"Jaksa\"");
        // the rectification's amount and date replace the round's own decision
        assertThat(first.get("amount_granted")).isEqualTo("4500.00");
        assertThat(first.get("outcome")).isEqualTo("PARTLY_GRANTED");
        assertThat(first.get("decision_date")).isEqualTo("2026-06-10");
        assertThat(first.get("round_id")).isEqualTo(String.valueOf(roundId));
        assertThat(first.get("round_name_fi")).isEqualTo("Järjestöavustukset 2026");
        assertThat(first.get("round_name_sv")).isEqualTo("Organisationsunderstöd 2026");

        CSVRecord second = rows.get(1);
        assertThat(second.get("organisation")).isEqualTo("Rekisteröimätön ryhmä, Oulu");
        assertThat(second.get("business_id")).isEmpty();
        assertThat(second.get("organisation_kind")).isEqualTo("UNREGISTERED_GROUP");
        assertThat(second.get("amount_granted")).isEqualTo("1234.50");
        assertThat(second.get("decision_date")).isEqualTo("2026-05-20");
        assertThat(second.get("purpose")).isEqualTo("Kylän kerho: Rekisteröimätön ryhmä, Oulu kokoontuu viikoittain");

        CSVRecord third = rows.get(2);
        assertThat(third.get("organisation")).isEqualTo(rejected);
        assertThat(third.get("amount_granted")).isEqualTo("0.00");
        assertThat(third.get("outcome")).isEqualTo("REJECTED");
        // a formula is text in a spreadsheet
        assertThat(third.get("purpose")).isEqualTo("'=HYPERLINK(\"http://evil.example\";\"klikkaa\")");

        // the same file again: not modified by its ETag
        String etag = response.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/avustuspaatokset/" + roundId + ".csv")).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void theJsonReadsBackWithTheSameColumns() throws Exception {
        HttpResponse<String> response = visitor.get("/avustuspaatokset/" + roundId + ".json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(response.body()).contains("\"amount_granted\" : 4500.00", "\"amount_granted\" : 1234.50", "\"amount_granted\" : 0.00");
        JsonNode array = JSON.readTree(response.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(3);
        for (JsonNode row : array) {
            List<String> keys = new ArrayList<>();
            row.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).isEqualTo(GrantOpenData.COLUMNS);
        }
        JsonNode first = array.get(0);
        assertThat(first.get("organisation").asText()).isEqualTo(association);
        assertThat(first.get("business_id").asText()).isEqualTo(businessId);
        assertThat(first.get("amount_granted").isNumber()).isTrue();
        assertThat(first.get("amount_granted").decimalValue()).isEqualByComparingTo("4500.00");
        assertThat(first.get("round_id").asLong()).isEqualTo(roundId);
        assertThat(first.get("decision_date").asText()).isEqualTo("2026-06-10");
        JsonNode second = array.get(1);
        assertThat(second.get("organisation").asText()).isEqualTo("Rekisteröimätön ryhmä, Oulu");
        assertThat(second.get("business_id").isNull()).isTrue();
        assertThat(second.get("organisation_kind").asText()).isEqualTo("UNREGISTERED_GROUP");
        assertThat(second.get("municipality").asText()).isEqualTo("Oulu");
        assertThat(second.get("decision_date").asText()).isEqualTo("2026-05-20");
        // JSON is not opened as a spreadsheet: the text as typed
        assertThat(array.get(2).get("purpose").asText()).startsWith("=HYPERLINK");
    }

    @Test
    void anUnregisteredGroupIsNamedByItsKindAndMunicipalityOnly() {
        List<String> published = new ArrayList<>();
        for (String language : List.of("fi", "sv", "en")) {
            published.add(visitor.get("/avustuspaatokset/" + roundId + "?lang=" + language).body());
            published.add(visitor.get("/avustuspaatokset?lang=" + language).body());
        }
        published.add(new String(visitor.getBytes("/avustuspaatokset/" + roundId + ".csv").body(), StandardCharsets.UTF_8));
        published.add(visitor.get("/avustuspaatokset/" + roundId + ".json").body());
        for (String text : published) {
            assertThat(text).doesNotContainIgnoringCase(group)
                    // no contact, e-mail or board member of anyone
                    .doesNotContain("Hanna Hakija", "@test.example", "Pekka Puheenjohtaja", "Sari Sihteeri");
        }
    }

    @Test
    void aRoundThatIsNotDecidedIsNotFoundAnywhere() {
        for (String path : List.of("/avustuspaatokset/" + undecidedId, "/avustuspaatokset/" + undecidedId + ".csv",
                "/avustuspaatokset/" + undecidedId + ".json", "/avustuspaatokset/99999999", "/avustuspaatokset/99999999.csv",
                "/avustuspaatokset/" + notIssuedId, "/avustuspaatokset/" + notIssuedId + ".json")) {
            HttpResponse<String> response = visitor.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("Salainen suunnitelma", "1000.00", "1" + NBSP + "000,00");
        }
        assertThat(visitor.get("/avustuspaatokset?lang=fi").body()).doesNotContain("/avustuspaatokset/" + undecidedId + "\"",
                "/avustuspaatokset/" + notIssuedId + "\"");
    }

    @Test
    void aCellThatASpreadsheetWouldTakeForAFormulaIsText() {
        for (String formula : List.of("=1+2", "+358401234567", "-5", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(GrantOpenDataController.cell(formula)).isEqualTo("'" + formula);
        }
        assertThat(GrantOpenDataController.cell("Yhdistys ry")).isEqualTo("Yhdistys ry");
        assertThat(GrantOpenDataController.cell("1234.50")).isEqualTo("1234.50");
        assertThat(GrantOpenDataController.cell(null)).isEmpty();
    }

    private long decided(GrantFixtures.Applicant applicant, String activity, String asked, String granted, String stage) {
        long[] submitted = submitted(roundId, applicant, activity, asked);
        decisions.insert(submitted[0], roundId, submitted[1], GrantDecision.Stage.valueOf(stage), GrantDecision.Basis.SCORED,
                new BigDecimal(asked), new BigDecimal(granted), new BigDecimal("3.00"), null, "fi", "helena.hamalainen", DECIDED_AT);
        return submitted[0];
    }

    /** A sent application of the applicant with this activity: its id and its case's. */
    private long[] submitted(long round, GrantFixtures.Applicant applicant, String activity, String amount) {
        long applicationId = applications.insert(round, applicant.organisationId(), applicant.email(), activity, "Omaishoitajat",
                "Jaksaminen", new BigDecimal(amount), "564", "Pekka Puheenjohtaja, Sari Sihteeri", OffsetDateTime.now());
        long caseId = submissions.submit(applicationId, applicant.contactId(), null).caseFile().id();
        return new long[] {applicationId, caseId};
    }

    private static List<CSVRecord> parse(String text) throws Exception {
        try (CSVParser parser = CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text))) {
            return parser.getRecords();
        }
    }
}
