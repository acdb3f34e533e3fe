package fi.silta.commenting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.GrantFixtures.Applicant;
import fi.silta.support.Mails;
import fi.silta.support.Multipart;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * A plan commenting round over real HTTP, as Tasklist, the portal and the staff pages drive it:
 * the coordinator starts and configures it through the engine's REST API; organisations answer in
 * the portal as contacts signed in with their link (one answer per organisation, also when two
 * contacts post at the same instant, on H2 and, with SPRING_DATASOURCE_URL, on PostgreSQL); the
 * reminder reaches only the invited organisation that stayed silent; a late answer is refused; the
 * responses are written on the staff page, returned once and approved; the summary is mailed with
 * its PDF to every organisation that answered; the exports read back; bad input is refused in
 * Finnish, Swedish and English with nothing stored; reviewers and managers see what is theirs.
 */
@SiltaIntegrationTest
class CommentingHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    /** Monday 4 January 2027, 12.00 Helsinki time; the deadline is Friday 29 January at 16.00. */
    static final OffsetDateTime NOW = OffsetDateTime.parse("2027-01-04T12:00:00+02:00");
    static final String COORDINATOR = "aino.virtanen";
    static final String DECISION_MAKER = "helena.hamalainen";
    static final String REVIEWER = "mikko.korhonen";
    static final String MANAGER = "pekka.koskinen";
    static final String PASSWORD = "silta-demo";
    static final String Q1 = "Luku 1: Tavoitteet – mitä lisäisitte tai muuttaisitte?";
    static final String Q2 = "Kuinka hyvin suunnitelma vastaa järjestönne tarpeita?";
    static final String ALREADY_ANSWERED = "Järjestö on jo vastannut: %s lähetti järjestön vastauksen 4.1.2027 klo 12.00.";
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY = Pattern.compile("name=\"submissionKey\" value=\"([^\"]+)\"");
    private static final Pattern ORGANISATION = Pattern.compile("name=\"organisationId\" value=\"(\\d+)\"");

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired fi.silta.cases.documents.DocumentService documents;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired CommentingRoundRepository rounds;

    @BeforeEach
    void clock() {
        at(NOW);
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
    }

    @Test
    void organisationsAnswerOnceEachAndTheApprovedSummaryReachesEveryoneWhoAnswered() throws Exception {
        Applicant a = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        Applicant b = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        Applicant b2 = fixtures.colleague(b, "Kalle Kollega");
        Applicant silent = fixtures.applicant(OrganisationType.FOUNDATION);
        Applicant notInvited = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        Set<String> everyone = Set.of(a.email(), b.email(), b2.email(), silent.email(), notInvited.email());
        String title = unique("Järjestöyhteistyön suunnitelma");
        ProcessInstance instance = startRound(title, List.of(a, b, silent), true);
        long roundId = roundId(instance);
        CommentingRound round = rounds.find(roundId).orElseThrow();
        assertThat(round.status()).isEqualTo(CommentingRound.Status.OPEN);
        assertThat(round.invitationOnly()).isFalse();
        String page = "/portal/commenting/" + roundId;
        String answer = page + "/answer";
        String staffPage = "/staff/commenting/" + roundId;

        // the coordinator adds the draft plan on the staff page; anyone reads it on the portal
        StaffClient coordinator = StaffClient.signedIn(port, COORDINATOR, PASSWORD);
        HttpResponse<String> uploaded = coordinator.postMultipart(staffPage + "/documents", new Multipart()
                .field("_csrf", StaffClient.csrf(coordinator.get(staffPage).body())).field("slot", "new")
                .field("title", "Suunnitelmaluonnos").file("file", "luonnos.pdf", "application/pdf", PDF));
        assertThat(uploaded.statusCode()).isEqualTo(302);
        StaffClient visitor = new StaffClient(port);
        String publicPage = visitor.get(page).body();
        // a Finnish title on an English page says its language (WCAG 3.1.2); the Swedish one on a Swedish page needs none
        assertThat(new StaffClient(port).get(page + "?lang=en").body()).contains("<h1 dir=\"auto\" lang=\"fi\">" + title + "</h1>");
        assertThat(new StaffClient(port).get(page + "?lang=sv").body()).contains("<h1 dir=\"auto\">" + title + " (sv)</h1>");
        assertThat(publicPage).contains(title, "Lausunnot viimeistään perjantaina 29.1.2027 klo 16.00 (Suomen aikaa).",
                "Jokainen järjestö voi antaa yhden lausunnon.", "Suunnitelmaluonnos");
        assertThat(visitor.getBytes(find(publicPage, "href=\"(/portal/commenting/" + roundId + "/documents/\\d+)\"")).body())
                .isEqualTo(PDF);

        // the info session as a calendar event anyone may add: METHOD:PUBLISH, Helsinki times
        HttpResponse<byte[]> ics = visitor.getBytes(find(publicPage, "href=\"(/portal/commenting/" + roundId + "/sessions/\\d+\\.ics)\""));
        assertThat(ics.statusCode()).isEqualTo(200);
        assertThat(ics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/calendar");
        Calendar calendar = new CalendarBuilder().build(new StringReader(new String(ics.body(), StandardCharsets.UTF_8)));
        assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("PUBLISH");
        assertThat(calendar.getComponent("VTIMEZONE")).isPresent();
        VEvent event = (VEvent) calendar.getComponent("VEVENT").orElseThrow();
        Property start = event.getProperty(Property.DTSTART).orElseThrow();
        assertThat(start.getParameter(Parameter.TZID).orElseThrow().getValue()).isEqualTo("Europe/Helsinki");
        assertThat(start.getValue()).isEqualTo("20270112T170000");
        assertThat(event.getProperty(Property.DTEND).orElseThrow().getValue()).isEqualTo("20270112T183000");
        assertThat(event.getProperty(Property.LOCATION).orElseThrow().getValue()).contains("Oulu, kaupungintalo", "https://teams.example/info");
        assertThat(event.getProperties(Property.ATTENDEE)).isEmpty();

        // A answers (with an attachment and a text a spreadsheet would take for a formula)
        StaffClient portalA = signIn(a.email());
        String formA = portalA.get(answer).body();
        assertThat(formA).contains("Toimit järjestön puolesta:", Q1, "name=\"q1\"", "name=\"q2\"", "name=\"attachments\"");
        String secondTabA = portalA.get(answer).body();
        String thirdTabA = portalA.get(answer).body();
        long cases = count("case_file");
        Multipart fromA = answerForm(formA, Map.of("q1", "=SUMMA(A1:A9) Tavoitteet ovat hyviä.", "q2", "4"))
                .file("attachments", "perustelut.pdf", "application/pdf", PDF);
        HttpResponse<String> sentA = portalA.postMultipart(answer, fromA);
        assertThat(sentA.statusCode()).as(sentA.body()).isEqualTo(302);
        String receiptA = location(sentA);
        assertThat(receiptA).matches("/portal/cases/LA-2027-\\d+/receipt");
        String referenceA = receiptA.split("/")[3];
        assertThat(portalA.get(receiptA).body()).contains(referenceA);
        // the same post again (a double click) leads to the first receipt: no second case
        assertThat(location(portalA.postMultipart(answer, fromA))).isEqualTo(receiptA);
        assertThat(count("case_file")).isEqualTo(cases + 1);
        assertThat(count("document d join case_file c on c.id = d.case_id where c.reference = '" + referenceA + "'")).isOne();
        // the same contact's second tab (its own submission key, another text) is refused naming the first
        HttpResponse<String> secondTab = portalA.postMultipart(answer, answerForm(secondTabA, Map.of("q1", "Toinen versio.")));
        assertThat(secondTab.statusCode()).isEqualTo(422);
        assertThat(secondTab.body()).contains(String.format(ALREADY_ANSWERED, "Hanna Hakija"));
        // … in Swedish too
        HttpResponse<String> swedishTab = portalA.postMultipart(answer + "?lang=sv", answerForm(thirdTabA, Map.of("q1", "Tredje versionen.")));
        assertThat(swedishTab.statusCode()).isEqualTo(422);
        assertThat(swedishTab.body()).contains("Organisationen har redan svarat: Hanna Hakija skickade organisationens svar 4.1.2027");
        portalA.get(page + "?lang=fi");
        assertThat(count("case_file")).isEqualTo(cases + 1);
        assertThat(answers(roundId, a)).isOne();
        assertThat(callAnswers(roundId, a)).isOne();
        assertThat(jdbc.sql("select answers from commenting_answer where round_id = ? and organisation_id = ?")
                .params(roundId, a.organisationId()).query(String.class).single()).contains("Tavoitteet ovat hyviä.").doesNotContain("versio");
        // opened now, the form says the organisation has answered and offers no form
        assertThat(portalA.get(answer).body()).contains(String.format(ALREADY_ANSWERED, "Hanna Hakija"), "Katso lausunto " + referenceA)
                .doesNotContain("name=\"submissionKey\"");

        // two contacts of B post at the same instant: one answer, the other refused naming the first
        StaffClient portalB = signIn(b.email());
        StaffClient portalB2 = signIn(b2.email());
        Multipart fromB = answerForm(portalB.get(answer).body(), Map.of("q1", "Hannan lausunto: luku 3 on hyvä."));
        Multipart fromB2 = answerForm(portalB2.get(answer).body(), Map.of("q1", "Kallen lausunto: luku 3 on huono."));
        List<HttpResponse<String>> race = atOnce(List.of(() -> portalB.postMultipart(answer, fromB),
                () -> portalB2.postMultipart(answer, fromB2)));
        assertThat(race).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(302, 422);
        assertThat(answers(roundId, b)).isOne();
        assertThat(callAnswers(roundId, b)).isOne();
        assertThat(count("case_file where organisation_id = " + b.organisationId())).isOne();
        String winner = jdbc.sql("select answered_by_name from call_answer where call_kind = ? and call_id = ? and organisation_id = ?")
                .params(CommentingRound.CALL_KIND, roundId, b.organisationId()).query(String.class).single();
        String winnerEmail = "Kalle Kollega".equals(winner) ? b2.email() : b.email();
        assertThat(jdbc.sql("select answers from commenting_answer where round_id = ? and organisation_id = ?")
                .params(roundId, b.organisationId()).query(String.class).single())
                .contains("Kalle Kollega".equals(winner) ? "Kallen lausunto" : "Hannan lausunto");
        HttpResponse<String> refused = race.stream().filter(r -> r.statusCode() == 422).findFirst().orElseThrow();
        assertThat(refused.body()).contains(String.format(ALREADY_ANSWERED, winner));

        // an organisation not invited answers: the round is open to all
        StaffClient portalD = signIn(notInvited.email());
        HttpResponse<String> sentD = portalD.postMultipart(answer, answerForm(portalD.get(answer).body(),
                Map.of("q1", "Emme olleet kutsuttuja, mutta haluamme sanoa tämän.", "q2", "2")));
        assertThat(sentD.statusCode()).as(sentD.body()).isEqualTo(302);
        assertThat(answers(roundId, notInvited)).isOne();

        // the receipt carries the copy of the answer as PDF
        drainer.drain();
        List<Mails.Attachment> copies = Mails.attachments(greenMail, a.email(), "Olemme vastaanottaneet asiasi " + referenceA);
        assertThat(copies).singleElement().satisfies(copy -> {
            assertThat(copy.fileName()).isEqualTo(referenceA + ".pdf").matches("LA-2027-\\d+\\.pdf");
            assertThat(copy.pdfText()).contains(referenceA, "Tavoitteet ovat hyviä.", "Luku 1: Tavoitteet");
        });

        // the reminder seven days before the deadline reaches only the invited organisation that stayed silent
        at(OffsetDateTime.parse("2027-01-22T16:00:01+02:00"));
        managementService.executeJob(timer(instance, "Timer_Reminder").getId());
        drainer.drain();
        assertThat(recipients("Muistutus: lausuntopyyntö", everyone)).containsExactly(silent.email());

        // the silent one opens the form before the deadline and sends it after: refused, and the page says the round has closed
        at(OffsetDateTime.parse("2027-01-29T15:58:00+02:00"));
        StaffClient portalSilent = signIn(silent.email());
        String lateForm = portalSilent.get(answer).body();
        at(OffsetDateTime.parse("2027-01-29T16:00:00+02:00"));
        managementService.executeJob(timer(instance, "Timer_DeadlinePassed").getId());
        assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(CommentingRound.Status.CLOSED);
        long before = count("case_file");
        HttpResponse<String> late = portalSilent.postMultipart(answer, answerForm(lateForm, Map.of("q1", "Myöhässä.")));
        assertThat(late.statusCode()).isEqualTo(422);
        assertThat(late.body()).contains("Lausuntoaika on päättynyt: lausuntoa ei tallennettu.",
                "Lausuntoaika päättyi 29.1.2027 klo 16.00. Lausuntoja ei voi enää antaa.");
        assertThat(visitor.get(page).body()).contains("Lausuntoaika päättyi 29.1.2027 klo 16.00.").doesNotContain("Lausunnot viimeistään");
        assertThat(count("case_file")).isEqualTo(before);
        assertThat(answers(roundId, silent)).isZero();
        assertThat(callAnswers(roundId, silent)).isZero();

        // access: a reviewer sees neither the round nor an answer; a manager reads but does not act
        StaffClient reviewer = StaffClient.signedIn(port, REVIEWER, PASSWORD);
        assertThat(reviewer.get(staffPage).statusCode()).isEqualTo(403);
        assertThat(reviewer.get("/staff/cases/" + referenceA).statusCode()).isEqualTo(403);
        assertThat(coordinator.get("/staff/cases/" + referenceA).body()).contains(referenceA, "Tavoitteet ovat hyviä.");
        StaffClient manager = StaffClient.signedIn(port, MANAGER, PASSWORD);
        assertThat(manager.get(staffPage).statusCode()).isEqualTo(200);
        assertThat(manager.get(staffPage).body()).contains(title);

        // the synthesis: responses on the staff page, returned once with comments, then approved
        long answerA = answerId(roundId, a);
        String responses = form(Map.of("fi.q1." + answerA, "Tavoitteita tarkennetaan.", "fi.q1", "Luvun 1 kommentit otetaan huomioon.",
                "sv.q1", "Kommentarerna beaktas.", "fi.q2", "Arviot otetaan huomioon."));
        assertThat(manager.postWithCsrfOf(staffPage, staffPage + "/responses", responses).statusCode()).isEqualTo(403);
        assertThat(rounds.responses(roundId)).isEmpty();
        assertThat(coordinator.postWithCsrfOf(staffPage, staffPage + "/responses", responses).statusCode()).isEqualTo(302);
        assertThat(rounds.responses(roundId)).hasSize(3);
        assertThat(coordinator.get(staffPage).body()).contains("Tavoitteita tarkennetaan.", "Luvun 1 kommentit otetaan huomioon.");
        submitForm(instance, COORDINATOR, Map.of());
        assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getAssignee()).isEqualTo(DECISION_MAKER);
        submitForm(instance, DECISION_MAKER, Map.of("synthesisDecision", "return", "synthesisComments", "Tarkenna vastinetta A:lle."));
        assertThat(runtimeService.getActiveActivityIds(instance.getId())).containsExactly("Task_WriteSynthesis");
        assertThat(coordinator.get(staffPage).body()).contains("Tarkenna vastinetta A:lle.");
        assertThat(coordinator.postWithCsrfOf(staffPage, staffPage + "/responses",
                form(Map.of("fi.q1." + answerA, "Tavoitteita tarkennetaan luvussa 1.2."))).statusCode()).isEqualTo(302);
        submitForm(instance, COORDINATOR, Map.of());
        at(OffsetDateTime.parse("2027-02-03T10:00:00+02:00"));
        submitForm(instance, DECISION_MAKER, Map.of("synthesisDecision", "approve"));
        managementService.executeJob(managementService.createJobQuery().processInstanceId(instance.getId()).executable()
                .singleResult().getId());
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(CommentingRound.Status.PUBLISHED);
        assertThat(rounds.events(roundId)).extracting(CommentingRoundRepository.Event::kind)
                .containsExactly("SYNTHESIS_RETURNED", "SYNTHESIS_APPROVED");

        // the summary with its PDF to every organisation that answered, none to the silent one
        drainer.drain();
        assertThat(recipients("Yhteenveto lausunnoista:", everyone)).containsExactlyInAnyOrder(a.email(), winnerEmail, notInvited.email());
        for (String email : List.of(a.email(), winnerEmail, notInvited.email())) {
            assertThat(Mails.attachments(greenMail, email, "Yhteenveto lausunnoista:")).singleElement().satisfies(summary -> {
                assertThat(summary.fileName()).isEqualTo(round.reference() + ".pdf");
                assertThat(summary.pdfText()).contains("Yhteenveto lausunnoista ja vastineet", "Tavoitteita tarkennetaan luvussa 1.2.",
                        "Arviot otetaan huomioon.");
            });
        }
        assertThat(visitor.get(page).body()).contains("Yhteenveto ja vastineet", "Lausuntoja annettiin 3.", "Tavoitteita tarkennetaan luvussa 1.2.");

        // exports: CSV (as Finnish Excel opens it), XLSX and the PDF report
        HttpResponse<byte[]> csv = coordinator.getBytes(staffPage + "/answers.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith(0xEF, 0xBB, 0xBF);
        String csvText = new String(csv.body(), StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> records = CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csvText)).getRecords();
        assertThat(records.get(0).getParser().getHeaderNames()).containsExactly("Asiatunnus", "Järjestö", "Y-tunnus", "Antaja", "Annettu",
                "Kysymys", "Kysymyksen teksti", "Vastaus", "Vastine");
        assertThat(records).hasSize(5);
        assertThat(records).extracting(r -> r.get("Asiatunnus") + "/" + r.get("Kysymys")).doesNotHaveDuplicates();
        CSVRecord aQ1 = records.stream().filter(r -> r.get("Asiatunnus").equals(referenceA) && r.get("Kysymys").equals("q1")).findFirst()
                .orElseThrow();
        assertThat(aQ1.get("Vastaus")).isEqualTo("'=SUMMA(A1:A9) Tavoitteet ovat hyviä.");
        assertThat(aQ1.get("Vastine")).isEqualTo("Tavoitteita tarkennetaan luvussa 1.2.");
        assertThat(aQ1.get("Kysymyksen teksti")).isEqualTo(Q1);
        assertThat(aQ1.get("Antaja")).isEqualTo("Hanna Hakija");
        assertThat(aQ1.get("Annettu")).isEqualTo("4.1.2027 klo 12.00");
        assertThat(records.stream().filter(r -> r.get("Asiatunnus").equals(referenceA) && r.get("Kysymys").equals("q2")).findFirst()
                .orElseThrow().get("Vastaus")).isEqualTo("4");
        assertThat(records).filteredOn(r -> r.get("Kysymys").equals("q1") && !r.get("Asiatunnus").equals(referenceA))
                .hasSize(2).allSatisfy(r -> assertThat(r.get("Vastine")).isEqualTo("Luvun 1 kommentit otetaan huomioon."));

        HttpResponse<byte[]> xlsx = coordinator.getBytes(staffPage + "/answers.xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(6);
            assertThat(rows.get(0).getCellText(0)).isEqualTo("Asiatunnus");
            Row row = rows.stream().filter(r -> r.getCellText(0).equals(referenceA) && r.getCellText(5).equals("q1")).findFirst().orElseThrow();
            // a text cell, never a formula
            assertThat(row.getCell(7).getType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(7).getFormula()).isNull();
            assertThat(row.getCellText(7)).isEqualTo("=SUMMA(A1:A9) Tavoitteet ovat hyviä.");
            assertThat(row.getCellText(8)).isEqualTo("Tavoitteita tarkennetaan luvussa 1.2.");
        }

        HttpResponse<byte[]> report = coordinator.getBytes(staffPage + "/report.pdf");
        assertThat(report.statusCode()).isEqualTo(200);
        try (var document = org.apache.pdfbox.Loader.loadPDF(report.body())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains("Lausunnot kysymyksittäin",
                    "Tavoitteet ovat hyviä.", "Tavoitteita tarkennetaan luvussa 1.2.", "Luvun 1 kommentit otetaan huomioon.");
        }
    }

    @Test
    void badAnswersAreRefusedInTheReadersLanguageWithNothingStored() throws Exception {
        Applicant invited = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        Applicant pending = fixtures.unverifiedApplicant(OrganisationType.REGISTERED_ASSOCIATION);
        Applicant outsider = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        ProcessInstance instance = startRound(unique("Kutsutuille"), List.of(invited, pending), false);
        long roundId = roundId(instance);
        assertThat(rounds.find(roundId).orElseThrow().invitationOnly()).isTrue();
        String page = "/portal/commenting/" + roundId;
        String answer = page + "/answer";
        String staffPage = "/staff/commenting/" + roundId;
        long cases = count("case_file");
        long callAnswers = count("call_answer");
        long commentAnswers = count("commenting_answer");

        // an organisation not invited: the page says so instead of a form, and a post is refused (Finnish, English)
        StaffClient portalOutsider = signIn(outsider.email());
        String outsiderPage = portalOutsider.get(answer).body();
        assertThat(outsiderPage).contains("Tähän kierrokseen voivat vastata vain kutsutut järjestöt").doesNotContain("name=\"submissionKey\"");
        HttpResponse<String> notInvited = portalOutsider.postMultipart(answer, handMadeForm(outsiderPage, null, Map.of("q1", "Kutsumaton.")));
        assertThat(notInvited.statusCode()).isEqualTo(422);
        assertThat(notInvited.body()).contains("Tähän kierrokseen voivat vastata vain kutsutut järjestöt, eikä järjestöänne ole kutsuttu. "
                + "Lausuntoa ei tallennettu.");
        HttpResponse<String> english = portalOutsider.postMultipart(answer + "?lang=en",
                handMadeForm(outsiderPage, null, Map.of("q1", "Not invited.")));
        assertThat(english.statusCode()).isEqualTo(422);
        assertThat(english.body()).contains("Only invited organisations may answer this round, and yours is not invited. "
                + "The statement was not stored.");
        // a contact of another organisation naming the invited one: refused, not stored in anyone's name
        HttpResponse<String> forged = portalOutsider.postMultipart(answer + "?lang=fi",
                handMadeForm(outsiderPage, invited.organisationId(), Map.of("q1", "Toisen nimissä.")));
        assertThat(forged.statusCode()).isEqualTo(422);
        assertThat(forged.body()).contains("Et ole tämän järjestön yhteyshenkilö.");
        HttpResponse<String> forgedSv = portalOutsider.postMultipart(answer + "?lang=sv",
                handMadeForm(outsiderPage, invited.organisationId(), Map.of("q1", "I någon annans namn.")));
        assertThat(forgedSv.statusCode()).isEqualTo(422);
        assertThat(forgedSv.body()).contains("Du är inte kontaktperson för den här organisationen.");

        // a contact whose verification is pending answers nothing in the organisation's name
        StaffClient portalPending = signIn(pending.email());
        String pendingPage = portalPending.get(answer).body();
        HttpResponse<String> unverified = portalPending.postMultipart(answer, handMadeForm(pendingPage, pending.organisationId(),
                Map.of("q1", "Vahvistamaton.")));
        assertThat(unverified.statusCode()).isEqualTo(422);
        assertThat(unverified.body()).contains("Hyvinvointialue ei ole vielä vahvistanut rekisteröitymistäsi yhteyshenkilöksi.");

        // text over the limit: the form's own error, in Finnish and Swedish
        StaffClient portalInvited = signIn(invited.email());
        String invitedPage = portalInvited.get(answer).body();
        HttpResponse<String> tooLong = portalInvited.postMultipart(answer, answerForm(invitedPage, Map.of("q1", "x".repeat(10_001))));
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(spaces(tooLong.body())).contains("Kirjoita enintään 10 000 merkkiä.");
        HttpResponse<String> tooLongSv = portalInvited.postMultipart(answer + "?lang=sv",
                answerForm(invitedPage, Map.of("q1", "å".repeat(10_001))));
        assertThat(tooLongSv.statusCode()).isEqualTo(422);
        assertThat(spaces(tooLongSv.body())).contains("Skriv högst 10 000 tecken.");
        portalInvited.get(page + "?lang=fi");

        assertThat(count("case_file")).isEqualTo(cases);
        assertThat(count("call_answer")).isEqualTo(callAnswers);
        assertThat(count("commenting_answer")).isEqualTo(commentAnswers);

        // a manager reads the round but cannot close it; the coordinator closes it early with a reason
        StaffClient manager = StaffClient.signedIn(port, MANAGER, PASSWORD);
        assertThat(manager.get(staffPage).statusCode()).isEqualTo(200);
        assertThat(manager.postWithCsrfOf(staffPage, staffPage + "/close", "reason=Johtaja+sulkee").statusCode()).isEqualTo(403);
        assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(CommentingRound.Status.OPEN);
        StaffClient coordinator = StaffClient.signedIn(port, COORDINATOR, PASSWORD);
        at(NOW.plusDays(3));
        assertThat(coordinator.postWithCsrfOf(staffPage, staffPage + "/close",
                "reason=" + URLEncoder.encode("Suunnitelman aikataulu muuttui.", StandardCharsets.UTF_8)).statusCode()).isEqualTo(302);
        assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(CommentingRound.Status.CLOSED);

        // an answer to the closed round (its form opened before) is refused
        HttpResponse<String> closed = portalInvited.postMultipart(answer, answerForm(invitedPage, Map.of("q1", "Ehdimmekö?")));
        assertThat(closed.statusCode()).isEqualTo(422);
        assertThat(closed.body()).contains("Lausuntoaika on päättynyt: lausuntoa ei tallennettu.",
                "Kierros suljettiin ennen määräaikaa: Suunnitelman aikataulu muuttui.");
        HttpResponse<String> closedEn = portalInvited.postMultipart(answer + "?lang=en", answerForm(invitedPage, Map.of("q1", "In time?")));
        assertThat(closedEn.body()).contains("The round has closed: the statement was not stored.");
        portalInvited.get(page + "?lang=fi");

        // an unknown round
        assertThat(new StaffClient(port).get("/portal/commenting/987654321").statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = portalInvited.postMultipart("/portal/commenting/987654321/answer",
                answerForm(invitedPage, Map.of("q1", "Minne?")));
        assertThat(unknown.statusCode()).isEqualTo(404);

        assertThat(count("case_file")).isEqualTo(cases);
        assertThat(count("call_answer")).isEqualTo(callAnswers);
        assertThat(count("commenting_answer")).isEqualTo(commentAnswers);
    }

    // --- steps --------------------------------------------------------------------------------------------------

    /** Starts a round and configures it as Tasklist sends its forms, through the engine's REST API as the coordinator. */
    private ProcessInstance startRound(String title, List<Applicant> invited, boolean openToAll) throws Exception {
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("titleFi", title);
        start.put("titleSv", title + " (sv)");
        start.put("closesAt", "2027-01-29T16:00");
        HttpResponse<String> started = new StaffClient(port).engineRest("POST", "/process-definition/key/"
                + CommentingRoundService.PROCESS_KEY + "/submit-form", COORDINATOR, PASSWORD, variables(start));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(JSON.readTree(started.body()).get("id").asText())
                .singleResult();

        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("descriptionFi", "Luonnos järjestöyhteistyön suunnitelmaksi 2027–2029.");
        configuration.put("descriptionSv", "Utkast till plan för organisationssamarbetet 2027–2029.");
        configuration.put("links", "Nykyinen suunnitelma https://hyvinvointialue.example/suunnitelma");
        configuration.put("questions", JSON.readTree("[{\"textFi\": \"" + Q1 + "\", \"textSv\": \"Kapitel 1: Målen\", \"scale\": false},"
                + " {\"textFi\": \"" + Q2 + "\", \"scale\": true}]"));
        configuration.put("invitedOrganisations", JSON.valueToTree(invited.stream().map(o -> String.valueOf(o.organisationId())).toList()));
        configuration.put("openToAll", openToAll);
        configuration.put("infoSessions", JSON.readTree("[{\"startsAt\": \"2027-01-12T17:00\", \"durationMinutes\": 90,"
                + " \"place\": \"Oulu, kaupungintalo\", \"onlineUrl\": \"https://teams.example/info\"}]"));
        configuration.put("reminderDays", "7, 1");
        configuration.put("contactPerson", COORDINATOR);
        configuration.put("decisionMaker", DECISION_MAKER);
        // the draft first: the round is on the portal the moment its configuration completes
        long roundId = roundId(instance);
        documents.storeCallDocument(CommentingRound.CALL_KIND, roundId, "material-1", "Ensimmäinen luonnos",
                fi.silta.cases.documents.Upload.of("file", "ensimmainen-luonnos.pdf", "application/pdf", PDF), COORDINATOR);
        submitForm(instance, COORDINATOR, configuration);
        return instance;
    }

    /** Completes the instance's one open task through the engine's REST API as {@code user}. */
    private void submitForm(ProcessInstance instance, String user, Map<String, Object> values) throws Exception {
        String task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
        HttpResponse<String> done = new StaffClient(port).engineRest("POST", "/task/" + task + "/submit-form", user, PASSWORD, variables(values));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    private static String variables(Map<String, Object> values) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode variables = root.putObject("variables");
        values.forEach((name, value) -> {
            ObjectNode variable = variables.putObject(name);
            if (value instanceof JsonNode json) {
                variable.put("value", json.toString()).put("type", "Json");
            } else if (value instanceof Boolean bool) {
                variable.put("value", bool).put("type", "Boolean");
            } else {
                variable.put("value", value.toString()).put("type", "String");
            }
        });
        return root.toString();
    }

    /** The answer form of {@code page} as a browser posts it: its CSRF token, submission key and organisation. */
    private static Multipart answerForm(String page, Map<String, String> answers) {
        Multipart form = new Multipart().field("_csrf", StaffClient.csrf(page)).field("submissionKey", find(page, KEY.pattern()))
                .field("organisationId", find(page, ORGANISATION.pattern()));
        answers.forEach(form::field);
        return form;
    }

    /** A post made by hand where the page offers no form (a new submission key; the organisation named or not). */
    private static Multipart handMadeForm(String page, Long organisationId, Map<String, String> answers) {
        Multipart form = new Multipart().field("_csrf", StaffClient.csrf(page)).field("submissionKey", UUID.randomUUID().toString());
        if (organisationId != null) {
            form.field("organisationId", String.valueOf(organisationId));
        }
        answers.forEach(form::field);
        return form;
    }

    private static String form(Map<String, String> fields) {
        return String.join("&", fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
    }

    private StaffClient signIn(String email) {
        return PortalSignIn.signedIn(port, greenMail, drainer, email);
    }

    /** Posts at the same instant, each from its own thread. */
    private static List<HttpResponse<String>> atOnce(List<Callable<HttpResponse<String>>> posts) throws Exception {
        CountDownLatch ready = new CountDownLatch(posts.size());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(posts.size());
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (Callable<HttpResponse<String>> post : posts) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await(30, TimeUnit.SECONDS);
                    return post.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Who of {@code among} got a mail whose subject starts with {@code subject}, one entry per mail. */
    private static List<String> recipients(String subject, Set<String> among) throws Exception {
        List<String> found = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            if (!message.getSubject().startsWith(subject)) {
                continue;
            }
            for (Address address : message.getRecipients(Message.RecipientType.TO)) {
                if (among.contains(address.toString())) {
                    found.add(address.toString());
                }
            }
        }
        return found;
    }

    private long roundId(ProcessInstance instance) {
        return ((Number) runtimeService.getVariable(instance.getId(), "commentingRoundId")).longValue();
    }

    private Job timer(ProcessInstance instance, String activityId) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers().singleResult();
    }

    private long answers(long roundId, Applicant organisation) {
        return count("commenting_answer where round_id = " + roundId + " and organisation_id = " + organisation.organisationId());
    }

    private long callAnswers(long roundId, Applicant organisation) {
        return count("call_answer where call_kind = '" + CommentingRound.CALL_KIND + "' and call_id = " + roundId
                + " and organisation_id = " + organisation.organisationId());
    }

    private long answerId(long roundId, Applicant organisation) {
        return jdbc.sql("select id from commenting_answer where round_id = ? and organisation_id = ?")
                .params(roundId, organisation.organisationId()).query(Long.class).single();
    }

    private long count(String fromWhere) {
        return jdbc.sql("select count(*) from " + fromWhere).query(Long.class).single();
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    }

    /** The page's text with no-break spaces (number groups) as plain ones. */
    private static String spaces(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    private static void at(OffsetDateTime instant) {
        ClockUtil.setCurrentTime(Date.from(instant.toInstant()));
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String find(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in " + html);
        }
        return m.group(1);
    }
}
