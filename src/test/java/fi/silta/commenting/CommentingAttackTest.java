package fi.silta.commenting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.Contact;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.GrantFixtures.Applicant;
import fi.silta.support.Multipart;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;
import fi.silta.web.InvalidInput;

/**
 * A hostile tester's attacks on commenting rounds: who may approve the synthesis (and for which
 * round) however the engine's REST API is driven, an answer racing an early close, the final plan
 * before publication, reminders whose points passed before publication or moved with an extension.
 */
@SiltaIntegrationTest
class CommentingAttackTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    /** Monday 4 January 2027, 12.00 Helsinki time. */
    static final OffsetDateTime NOW = OffsetDateTime.parse("2027-01-04T12:00:00+02:00");
    static final String COORDINATOR = "aino.virtanen";
    static final String DECISION_MAKER = "helena.hamalainen";
    static final String OTHER_DECISION_MAKER = "olli.salonen";
    static final String PASSWORD = "silta-demo";
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired fi.silta.support.CommentingFixtures commenting;
    @Autowired JdbcClient jdbc;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired CommentingRoundRepository rounds;
    @Autowired CommentingRoundService service;
    @Autowired CommentAnswers answers;
    @Autowired OrganisationRepository organisations;
    @Autowired TransactionTemplate transactions;
    @Autowired OutboxDrainer drainer;

    @BeforeEach
    void clock() {
        at(NOW);
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
    }

    /**
     * Task_WriteSynthesis is the coordinators' task, so they may set its variables: neither the
     * decision maker named in them nor the round id they carry decides anything. Only the decision
     * maker configured for the round approves (not a coordinator, not another decision maker who
     * takes the task), and the round approved is the process's own.
     */
    @Test
    void onlyTheRoundsDecisionMakerApprovesItsOwnRoundWhateverTheTaskVariablesSay() throws Exception {
        Applicant a = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        ProcessInstance instance = startRound(unique("Itse hyväksytty"), List.of(a), "2027-01-29T16:00", "7, 1");
        long roundId = roundId(instance);
        ProcessInstance otherInstance = startRound(unique("Toinen, yhä auki"), List.of(a), "2027-03-01T16:00", "7, 1");
        long otherRoundId = roundId(otherInstance);
        answer(roundId, a, "Tavoitteet ovat hyviä.");
        at(OffsetDateTime.parse("2027-01-29T16:00:00+02:00"));
        managementService.executeJob(timer(instance, "Timer_DeadlinePassed").getId());
        service.saveResponses(roundId, Map.of("q1", "Kiitos."), Map.of(), COORDINATOR);

        // the coordinator completes the synthesis naming themselves the decision maker and pointing at the other round
        Map<String, Object> tampered = new LinkedHashMap<>();
        tampered.put("decisionMaker", COORDINATOR);
        tampered.put("commentingRoundId", otherRoundId);
        assertThat(submitForm(instance, COORDINATOR, tampered).statusCode()).isEqualTo(204);
        Task approval = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(approval.getTaskDefinitionKey()).isEqualTo("Task_ApproveSynthesis");
        assertThat(approval.getAssignee()).as("the round's decision maker, not the one in the variables").isEqualTo(DECISION_MAKER);

        // the coordinator cannot approve; another decision maker who takes the task cannot either
        assertThat(submitForm(instance, COORDINATOR, Map.of("synthesisDecision", "approve")).statusCode()).isNotEqualTo(204);
        HttpResponse<String> claimed = new StaffClient(port).engineRest("POST", "/task/" + approval.getId() + "/assignee",
                OTHER_DECISION_MAKER, PASSWORD, "{\"userId\": \"" + OTHER_DECISION_MAKER + "\"}");
        assertThat(claimed.statusCode()).isEqualTo(204);
        HttpResponse<String> byOther = submitForm(instance, OTHER_DECISION_MAKER, Map.of("synthesisDecision", "approve"));
        assertThat(byOther.statusCode()).isNotEqualTo(204);
        assertThat(byOther.body()).contains("Vain kierrokselle nimetty päättäjä");
        // an administrator may work on every task, but decides nothing in the decision maker's place
        assertThat(submitForm(instance, "ilkka.jarvinen", Map.of("synthesisDecision", "approve")).statusCode()).isNotEqualTo(204);
        assertThat(rounds.events(roundId)).isEmpty();
        taskService.setAssignee(approval.getId(), DECISION_MAKER);

        // the named decision maker approves: this round is published, the other one stays open
        assertThat(submitForm(instance, DECISION_MAKER, Map.of("synthesisDecision", "approve")).statusCode()).isEqualTo(204);
        managementService.executeJob(managementService.createJobQuery().processInstanceId(instance.getId()).executable()
                .singleResult().getId());
        assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(CommentingRound.Status.PUBLISHED);
        assertThat(rounds.find(otherRoundId).orElseThrow().status()).isEqualTo(CommentingRound.Status.OPEN);
        assertThat(rounds.events(roundId)).extracting(CommentingRoundRepository.Event::kind, CommentingRoundRepository.Event::byUser)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SYNTHESIS_APPROVED", DECISION_MAKER));
        assertThat(rounds.events(otherRoundId)).isEmpty();
    }

    /** An answer stored while the coordinator is closing the round early waits for the close, and is then refused. */
    @Test
    void anAnswerRacingAnEarlyCloseIsRefused() throws Exception {
        Applicant a = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        ProcessInstance instance = startRound(unique("Kilpajuoksu"), List.of(a), "2027-01-29T16:00", "7, 1");
        long roundId = roundId(instance);
        CountDownLatch closing = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> closer = pool.submit(() -> transactions.executeWithoutResult(status -> {
                service.closeEarly(roundId, "Aikataulu muuttui.", COORDINATOR);
                closing.countDown();
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(closing.await(30, TimeUnit.SECONDS)).isTrue();
            Throwable refused = catchThrowable(() -> answer(roundId, a, "Ehdimmekö?"));
            closer.get(30, TimeUnit.SECONDS);
            assertThat(refused).isInstanceOf(InvalidInput.class);
            assertThat(((InvalidInput) refused).errors().get(0).messageKey()).isEqualTo("commenting.answer.closed");
        } finally {
            pool.shutdownNow();
        }
        assertThat(rounds.answerCount(roundId)).isZero();
        assertThat(jdbc.sql("select count(*) from call_answer where call_kind = ? and call_id = ?")
                .params(CommentingRound.CALL_KIND, roundId).query(Long.class).single()).isZero();
    }

    /** The final plan is published with the summary: before that the portal neither lists nor serves it. */
    @Test
    void theFinalPlanIsNotOnThePortalBeforePublication() throws Exception {
        Applicant a = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        ProcessInstance instance = startRound(unique("Lopullinen"), List.of(a), "2027-01-29T16:00", "7, 1");
        long roundId = roundId(instance);
        String staffPage = "/staff/commenting/" + roundId;
        StaffClient coordinator = StaffClient.signedIn(port, COORDINATOR, PASSWORD);
        assertThat(coordinator.postMultipart(staffPage + "/documents", new Multipart()
                .field("_csrf", StaffClient.csrf(coordinator.get(staffPage).body())).field("slot", "final-plan")
                .field("title", "Hyväksymätön lopullinen suunnitelma").file("file", "lopullinen.pdf", "application/pdf", PDF))
                .statusCode()).isEqualTo(302);
        long documentId = jdbc.sql("select id from call_document where call_kind = ? and call_id = ? and slot = 'final-plan'")
                .params(CommentingRound.CALL_KIND, roundId).query(Long.class).single();
        assertThat(coordinator.get(staffPage).body()).contains("Hyväksymätön lopullinen suunnitelma");

        StaffClient visitor = new StaffClient(port);
        assertThat(visitor.get("/portal/commenting/" + roundId).body()).doesNotContain("Hyväksymätön lopullinen suunnitelma");
        assertThat(visitor.getBytes("/portal/commenting/" + roundId + "/documents/" + documentId).statusCode()).isEqualTo(404);

        jdbc.sql("update commenting_round set status = 'PUBLISHED' where id = ?").param(roundId).update();
        assertThat(visitor.get("/portal/commenting/" + roundId).body()).contains("Hyväksymätön lopullinen suunnitelma");
        assertThat(visitor.getBytes("/portal/commenting/" + roundId + "/documents/" + documentId).body()).isEqualTo(PDF);
    }

    /**
     * Published the day before its deadline with reminders 7 and 1 days before: one reminder (the
     * day before), not one per point that has passed. Extended after it: the new deadline's points
     * are reminded once each.
     */
    @Test
    void remindersWhosePointsHavePassedAreNotPiledUpAndAnExtensionRemindsAtItsNewPointsOnce() throws Exception {
        Applicant silent = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        ProcessInstance instance = startRound(unique("Kiireinen"), List.of(silent), "2027-01-05T18:00", "7, 1");
        long roundId = roundId(instance);
        String reference = rounds.find(roundId).orElseThrow().reference();
        assertThat(timer(instance, "Timer_Reminder").getDuedate().toInstant())
                .isEqualTo(OffsetDateTime.parse("2027-01-04T18:00:00+02:00").toInstant());

        at(OffsetDateTime.parse("2027-01-04T18:00:01+02:00"));
        managementService.executeJob(timer(instance, "Timer_Reminder").getId());
        assertThat(reminders(reference)).as("one mail the day before, not a 7-day one as well").containsExactly(silent.email());

        at(OffsetDateTime.parse("2027-01-05T10:00:00+02:00"));
        service.extend(roundId, OffsetDateTime.parse("2027-01-20T16:00:00+02:00"), COORDINATOR);
        assertThat(timer(instance, "Timer_Reminder").getDuedate().toInstant())
                .isEqualTo(OffsetDateTime.parse("2027-01-13T16:00:00+02:00").toInstant());
        at(OffsetDateTime.parse("2027-01-13T16:00:01+02:00"));
        managementService.executeJob(timer(instance, "Timer_Reminder").getId());
        assertThat(reminders(reference)).as("7 days before the new deadline").hasSize(2);
        at(OffsetDateTime.parse("2027-01-19T16:00:01+02:00"));
        managementService.executeJob(timer(instance, "Timer_Reminder").getId());
        assertThat(reminders(reference)).as("1 day before the new deadline").hasSize(3);
        assertThat(timer(instance, "Timer_Reminder").getDuedate().toInstant()).as("no more points: after the deadline")
                .isAfter(OffsetDateTime.parse("2027-01-20T16:00:00+02:00").toInstant());
    }

    /**
     * A response removed while another coordinator completes the synthesis: the completion waits for
     * the removal and is then refused (the question has no response), never an approved synthesis
     * with a commented question left without one.
     */
    @Test
    void completingTheSynthesisWaitsForAResponseBeingRemoved() throws Exception {
        Applicant a = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        ProcessInstance instance = startRound(unique("Vastineet"), List.of(a), "2027-01-29T16:00", "7, 1");
        long roundId = roundId(instance);
        answer(roundId, a, "Tavoitteet ovat hyviä.");
        at(OffsetDateTime.parse("2027-01-29T16:00:00+02:00"));
        managementService.executeJob(timer(instance, "Timer_DeadlinePassed").getId());
        service.saveResponses(roundId, Map.of("q1", "Kiitos."), Map.of(), COORDINATOR);
        CountDownLatch removing = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        HttpResponse<String> completed;
        try {
            Future<?> remover = pool.submit(() -> transactions.executeWithoutResult(status -> {
                service.saveResponses(roundId, Map.of("q1", ""), Map.of(), "emilia.lahtinen");
                removing.countDown();
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(removing.await(30, TimeUnit.SECONDS)).isTrue();
            completed = submitForm(instance, COORDINATOR, Map.of());
            remover.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rounds.responses(roundId)).isEmpty();
        assertThat(completed.statusCode()).isNotEqualTo(204);
        assertThat(completed.body()).contains("ei ole vastinetta");
        assertThat(runtimeService.getActiveActivityIds(instance.getId())).containsExactly("Task_WriteSynthesis");
    }

    /**
     * A NUL or other control character typed on the staff page (the early close's reason, a response)
     * is refused with its message and nothing stored, as every task form refuses it: PostgreSQL cannot
     * store a NUL, and the others would hide in the portal page, the PDF and the mails.
     */
    @Test
    void controlCharactersOnTheStaffPageAreRefusedWithNothingStored() throws Exception {
        Applicant a = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        ProcessInstance instance = startRound(unique("Ohjausmerkit"), List.of(a), "2027-01-29T16:00", "7, 1");
        long roundId = roundId(instance);
        String staffPage = "/staff/commenting/" + roundId;
        StaffClient coordinator = StaffClient.signedIn(port, COORDINATOR, PASSWORD);
        assertThat(coordinator.postWithCsrfOf(staffPage, staffPage + "/close", "reason=Syy%00").statusCode()).isEqualTo(302);
        assertThat(coordinator.get(staffPage).body()).contains("class=\"error\"");
        assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(CommentingRound.Status.OPEN);
        assertThat(rounds.find(roundId).orElseThrow().closedEarlyReason()).isNull();

        answer(roundId, a, "Tavoitteet ovat hyviä.");
        at(OffsetDateTime.parse("2027-01-29T16:00:00+02:00"));
        managementService.executeJob(timer(instance, "Timer_DeadlinePassed").getId());
        Throwable nul = catchThrowable(() -> service.saveResponses(roundId, Map.of("q1", "Kiitos\u0000"), Map.of(), COORDINATOR));
        assertThat(nul).isInstanceOf(InvalidInput.class);
        Throwable escape = catchThrowable(() -> service.saveResponses(roundId, Map.of("q1", "Kiitos."), Map.of("q1", "Tack\u001b[31m"),
                COORDINATOR));
        assertThat(escape).isInstanceOf(InvalidInput.class);
        assertThat(rounds.responses(roundId)).isEmpty();
    }

    /**
     * Two coordinators at the same instant: one extends while the other closes early (the round ends
     * closed, no timer left behind), and both upload a new version of the same document (distinct
     * versions, or the second told to try again).
     */
    @Test
    void twoCoordinatorsActingAtTheSameInstant() throws Exception {
        Applicant a = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        ProcessInstance instance = startRound(unique("Yhtä aikaa"), List.of(a), "2027-01-29T16:00", "7, 1");
        long roundId = roundId(instance);
        String staffPage = "/staff/commenting/" + roundId;
        StaffClient aino = StaffClient.signedIn(port, COORDINATOR, PASSWORD);
        StaffClient emilia = StaffClient.signedIn(port, "emilia.lahtinen", PASSWORD);
        assertThat(aino.postMultipart(staffPage + "/documents", new Multipart().field("_csrf", StaffClient.csrf(aino.get(staffPage).body()))
                .field("slot", "new").field("title", "Luonnos").file("file", "v1.pdf", "application/pdf", PDF)).statusCode()).isEqualTo(302);
        Multipart fromAino = new Multipart().field("_csrf", StaffClient.csrf(aino.get(staffPage).body())).field("slot", "material-1")
                .field("title", "Luonnos").file("file", "v2-aino.pdf", "application/pdf", PDF);
        Multipart fromEmilia = new Multipart().field("_csrf", StaffClient.csrf(emilia.get(staffPage).body())).field("slot", "material-1")
                .field("title", "Luonnos").file("file", "v2-emilia.pdf", "application/pdf", PDF);
        List<HttpResponse<String>> uploads = atOnce(List.of(() -> aino.postMultipart(staffPage + "/documents", fromAino),
                () -> emilia.postMultipart(staffPage + "/documents", fromEmilia)));
        assertThat(uploads).extracting(HttpResponse::statusCode).containsOnly(302);
        List<Integer> versions = jdbc.sql("select version from call_document where call_kind = ? and call_id = ? and slot = 'material-1'")
                .params(CommentingRound.CALL_KIND, roundId).query(Integer.class).list();
        assertThat(versions).doesNotHaveDuplicates().hasSizeBetween(2, 3);

        String extend = "closesAt=2027-02-12T16%3A00&_csrf=" + StaffClient.csrf(aino.get(staffPage).body());
        String close = "reason=Aikataulu+muuttui&_csrf=" + StaffClient.csrf(emilia.get(staffPage).body());
        List<HttpResponse<String>> both = atOnce(List.of(() -> aino.postForm(staffPage + "/extend", extend),
                () -> emilia.postForm(staffPage + "/close", close)));
        assertThat(both).extracting(HttpResponse::statusCode).containsOnly(302);
        assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(CommentingRound.Status.CLOSED);
        assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).timers().count()).isZero();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).as("no answers: ended").isZero();
    }

    /** Posts at the same instant, each from its own thread. */
    private static List<HttpResponse<String>> atOnce(List<java.util.concurrent.Callable<HttpResponse<String>>> posts) throws Exception {
        CountDownLatch ready = new CountDownLatch(posts.size());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(posts.size());
        try {
            List<Future<HttpResponse<String>>> futures = new java.util.ArrayList<>();
            for (java.util.concurrent.Callable<HttpResponse<String>> post : posts) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await(30, TimeUnit.SECONDS);
                    return post.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<HttpResponse<String>> responses = new java.util.ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A reminder point on the other side of the autumn's clock change (deadline Monday 1 November
     * 16.00, seven days before is 25 October 16.00 summer time): the timer fires at the point and
     * the reminder goes out, not skipped for being an hour early by the deadline's winter offset.
     */
    @Test
    void aReminderPointAcrossTheClockChangeIsSent() throws Exception {
        Applicant silent = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        ProcessInstance instance = startRound(unique("Kellot siirtyvät"), List.of(silent), "2027-11-01T16:00", "7");
        String reference = rounds.find(roundId(instance)).orElseThrow().reference();
        assertThat(timer(instance, "Timer_Reminder").getDuedate().toInstant())
                .isEqualTo(OffsetDateTime.parse("2027-10-25T16:00:00+03:00").toInstant());
        at(OffsetDateTime.parse("2027-10-25T16:00:01+03:00"));
        managementService.executeJob(timer(instance, "Timer_Reminder").getId());
        assertThat(reminders(reference)).containsExactly(silent.email());
    }

    /** Attacks that hold: kept so that they go on holding. */
    @Test
    void attacksThatHold() throws Exception {
        Applicant a = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        // a javascript: address as a link or an info session's online address is refused
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("titleFi", unique("Hyökkäykset"));
        start.put("closesAt", "2027-01-29T16:00");
        HttpResponse<String> started = new StaffClient(port).engineRest("POST", "/process-definition/key/"
                + CommentingRoundService.PROCESS_KEY + "/submit-form", COORDINATOR, PASSWORD, variables(start));
        ProcessInstance instance = runtimeService.createProcessInstanceQuery()
                .processInstanceId(JSON.readTree(started.body()).get("id").asText()).singleResult();
        long roundId = roundId(instance);
        commenting.draft(roundId);
        Map<String, Object> configuration = configuration(List.of(a), "7, 1");
        configuration.put("links", "Klikkaa javascript:alert(document.cookie)");
        configuration.put("infoSessions", JSON.readTree("[{\"startsAt\": \"2027-01-12T17:00\", \"onlineUrl\": \"javascript:alert(1)\"}]"));
        HttpResponse<String> refused = submitForm(instance, COORDINATOR, configuration);
        assertThat(refused.statusCode()).isNotEqualTo(204);
        assertThat(refused.body()).contains("javascript:alert(document.cookie)", "javascript:alert(1)");
        // a line break in an info session's place does not add a property to its .ics
        configuration = configuration(List.of(a), "7, 1");
        configuration.put("infoSessions", JSON.readTree("[{\"startsAt\": \"2027-01-12T17:00\", "
                + "\"place\": \"Oulu\\nATTENDEE;CN=Evil:mailto:evil@example.com\\nSUMMARY:Ilmainen kakku\"}]"));
        HttpResponse<String> configured = submitForm(instance, COORDINATOR, configuration);
        assertThat(configured.statusCode()).as(configured.body()).isEqualTo(204);
        StaffClient visitor = new StaffClient(port);
        String page = "/portal/commenting/" + roundId;
        String ics = new String(visitor.getBytes(find(visitor.get(page).body(), "href=\"(" + page + "/sessions/\\d+\\.ics)\"")).body(),
                StandardCharsets.UTF_8).replace("\r\n ", "");
        assertThat(ics).doesNotContain("\nATTENDEE").doesNotContain("\nSUMMARY:Ilmainen").contains("LOCATION:Oulu\\nATTENDEE");

        // staff who do not run rounds see none of it; readers do not act; no post without the CSRF token
        String staffPage = "/staff/commenting/" + roundId;
        StaffClient coordinator = StaffClient.signedIn(port, COORDINATOR, PASSWORD);
        assertThat(coordinator.postMultipart(staffPage + "/documents", new Multipart()
                .field("_csrf", StaffClient.csrf(coordinator.get(staffPage).body())).field("slot", "new")
                .field("title", "Luonnos").file("file", "luonnos.pdf", "application/pdf", PDF)).statusCode()).isEqualTo(302);
        long documentId = jdbc.sql("select max(id) from call_document where call_kind = ? and call_id = ?")
                .params(CommentingRound.CALL_KIND, roundId).query(Long.class).single();
        for (String user : List.of("mikko.korhonen", "sanna.heikkinen", "timo.laine")) {
            StaffClient other = StaffClient.signedIn(port, user, PASSWORD);
            for (String path : List.of("/staff/commenting", staffPage, staffPage + "/answers.csv", staffPage + "/answers.xlsx",
                    staffPage + "/report.pdf", staffPage + "/documents/" + documentId)) {
                assertThat(other.getBytes(path).statusCode()).as(user + " " + path).isEqualTo(403);
            }
        }
        for (String user : List.of("pekka.koskinen", DECISION_MAKER)) {
            StaffClient reader = StaffClient.signedIn(port, user, PASSWORD);
            assertThat(reader.postWithCsrfOf(staffPage, staffPage + "/extend", "closesAt=2027-02-12T16%3A00").statusCode()).isEqualTo(403);
            assertThat(reader.postWithCsrfOf(staffPage, staffPage + "/close", "reason=Luen+vain").statusCode()).isEqualTo(403);
            assertThat(reader.postMultipart(staffPage + "/documents", new Multipart().field("_csrf", StaffClient.csrf(reader.get(staffPage).body()))
                    .field("slot", "new").field("title", "Lukijan").file("file", "l.pdf", "application/pdf", PDF)).statusCode()).isEqualTo(403);
        }
        assertThat(coordinator.postForm(staffPage + "/close", "reason=Ilman+tunnistetta").statusCode()).isEqualTo(403);
        // a time that does not exist in Helsinki (the clocks go forward) is refused, nothing moved
        assertThat(coordinator.postWithCsrfOf(staffPage, staffPage + "/extend", "closesAt=2027-03-28T03%3A30").statusCode()).isEqualTo(302);
        assertThat(coordinator.get(staffPage).body()).contains("class=\"error\"");
        assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(CommentingRound.Status.OPEN);
        assertThat(rounds.find(roundId).orElseThrow().closesAt().toInstant())
                .isEqualTo(OffsetDateTime.parse("2027-01-29T16:00:00+02:00").toInstant());

        // another round still being configured: its id guessed, nothing of it on the portal, nor its document via this round
        ProcessInstance hidden = runtimeService.createProcessInstanceQuery().processInstanceId(JSON.readTree(new StaffClient(port)
                .engineRest("POST", "/process-definition/key/" + CommentingRoundService.PROCESS_KEY + "/submit-form", COORDINATOR, PASSWORD,
                        variables(start)).body()).get("id").asText()).singleResult();
        long hiddenId = roundId(hidden);
        String hiddenStaff = "/staff/commenting/" + hiddenId;
        assertThat(coordinator.postMultipart(hiddenStaff + "/documents", new Multipart()
                .field("_csrf", StaffClient.csrf(coordinator.get(hiddenStaff).body())).field("slot", "new")
                .field("title", "Salainen luonnos").file("file", "salainen.pdf", "application/pdf", PDF)).statusCode()).isEqualTo(302);
        long hiddenDocument = jdbc.sql("select id from call_document where call_kind = ? and call_id = ?")
                .params(CommentingRound.CALL_KIND, hiddenId).query(Long.class).single();
        assertThat(coordinator.getBytes(staffPage + "/documents/" + hiddenDocument).statusCode()).isEqualTo(404);
        assertThat(visitor.getBytes(page + "/documents/" + hiddenDocument).statusCode()).isEqualTo(404);
        assertThat(visitor.getBytes("/portal/commenting/" + hiddenId + "/documents/" + hiddenDocument).statusCode()).isEqualTo(404);
        assertThat(visitor.get("/portal/commenting/" + hiddenId).statusCode()).isEqualTo(404);
        StaffClient portalA = PortalSignIn.signedIn(port, greenMail, drainer, a.email());
        String form = portalA.get(page + "/answer").body();
        assertThat(portalA.postMultipart("/portal/commenting/" + hiddenId + "/answer", answerForm(form, Map.of("q1", "Arvattu."))).statusCode())
                .isEqualTo(404);

        // no one but an administrator drives the rounds' messages or starts an answer's process through /engine-rest
        String processInstanceId = instance.getId();
        for (String user : List.of(COORDINATOR, DECISION_MAKER, "pekka.koskinen")) {
            for (String message : List.of("CommentingRoundClosedEarly", "CommentingDeadlineExtended")) {
                HttpResponse<String> correlated = new StaffClient(port).engineRest("POST", "/message", user, PASSWORD,
                        "{\"messageName\": \"" + message + "\", \"processInstanceId\": \"" + processInstanceId + "\"}");
                assertThat(correlated.statusCode()).as(user + " " + message).isNotIn(200, 204);
            }
            HttpResponse<String> comment = new StaffClient(port).engineRest("POST", "/process-definition/key/planComment/start", user,
                    PASSWORD, "{\"variables\": {\"roundId\": {\"value\": " + roundId + ", \"type\": \"Long\"}}}");
            assertThat(comment.statusCode()).as(user + " planComment").isNotIn(200, 204);
        }
        assertThat(runtimeService.getActiveActivityIds(instance.getId())).containsExactly("Gateway_AwaitDeadline");
        assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(CommentingRound.Status.OPEN);

        // a scale answer outside 1–5 or a script is refused; a field the round does not ask is not stored
        HttpResponse<String> seven = portalA.postMultipart(page + "/answer", answerForm(form, Map.of("q1", "Hyvä.", "q2", "7")));
        assertThat(seven.statusCode()).isEqualTo(422);
        HttpResponse<String> script = portalA.postMultipart(page + "/answer",
                answerForm(form, Map.of("q1", "Hyvä.", "q2", "<script>alert(1)</script>")));
        assertThat(script.statusCode()).isEqualTo(422);
        assertThat(script.body()).doesNotContain("<script>alert(1)</script>");
        assertThat(portalA.postMultipart(page + "/answer", answerForm(form, Map.of("q1", "  "))).statusCode()).isEqualTo(422);
        assertThat(rounds.answerCount(roundId)).isZero();
        HttpResponse<String> html = portalA.postMultipart(page + "/answer", answerForm(form, Map.of("q1", "Liitteineen."))
                .file("attachments", "liite.html", "text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)));
        assertThat(html.statusCode()).isEqualTo(422);
        assertThat(rounds.answerCount(roundId)).isZero();
        HttpResponse<String> extra = portalA.postMultipart(page + "/answer",
                answerForm(form, Map.of("q1", "<b>Hyvä</b> suunnitelma.", "q99", "Ylimääräinen", "q2", "3")));
        assertThat(extra.statusCode()).as(extra.body()).isEqualTo(302);
        assertThat(jdbc.sql("select answers from commenting_answer where round_id = ?").param(roundId).query(String.class).single())
                .doesNotContain("q99").contains("<b>Hyvä</b>");
        assertThat(coordinator.get(staffPage).body()).contains("&lt;b&gt;Hyvä&lt;/b&gt;").doesNotContain("<b>Hyvä</b>");
        String reference = jdbc.sql("select c.reference from commenting_answer a join case_file c on c.id = a.case_id where a.round_id = ?")
                .param(roundId).query(String.class).single();
        for (String user : List.of(COORDINATOR, DECISION_MAKER)) {
            HttpResponse<String> summary = new StaffClient(port).engineRest("POST", "/message", user, PASSWORD,
                    "{\"messageName\": \"CommentingSummaryPublished\", \"businessKey\": \"" + reference + "\"}");
            assertThat(summary.statusCode()).as(user + " summary").isNotIn(200, 204);
        }
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult()).isNotNull();
    }

    // --- steps --------------------------------------------------------------------------------------------------

    private ProcessInstance startRound(String title, List<Applicant> invited, String closesAt, String reminderDays) throws Exception {
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("titleFi", title);
        start.put("closesAt", closesAt);
        HttpResponse<String> started = new StaffClient(port).engineRest("POST", "/process-definition/key/"
                + CommentingRoundService.PROCESS_KEY + "/submit-form", COORDINATOR, PASSWORD, variables(start));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        ProcessInstance instance = runtimeService.createProcessInstanceQuery()
                .processInstanceId(JSON.readTree(started.body()).get("id").asText()).singleResult();
        commenting.draft(roundId(instance));
        HttpResponse<String> configured = submitForm(instance, COORDINATOR, configuration(invited, reminderDays));
        assertThat(configured.statusCode()).as(configured.body()).isEqualTo(204);
        return instance;
    }

    private static Map<String, Object> configuration(List<Applicant> invited, String reminderDays) throws Exception {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("descriptionFi", "Luonnos.");
        configuration.put("questions", JSON.readTree("[{\"textFi\": \"Mitä lisäisitte?\", \"scale\": false},"
                + " {\"textFi\": \"Kuinka hyvin suunnitelma vastaa tarpeitanne?\", \"scale\": true}]"));
        configuration.put("invitedOrganisations", JSON.valueToTree(invited.stream().map(o -> String.valueOf(o.organisationId())).toList()));
        configuration.put("openToAll", false);
        configuration.put("reminderDays", reminderDays);
        configuration.put("contactPerson", COORDINATOR);
        configuration.put("decisionMaker", DECISION_MAKER);
        return configuration;
    }

    /** The answer form of {@code page} as a browser posts it: its CSRF token, submission key and organisation. */
    private static Multipart answerForm(String page, Map<String, String> answers) {
        Multipart form = new Multipart().field("_csrf", StaffClient.csrf(page))
                .field("submissionKey", find(page, "name=\"submissionKey\" value=\"([^\"]+)\""))
                .field("organisationId", find(page, "name=\"organisationId\" value=\"(\\d+)\""));
        answers.forEach(form::field);
        return form;
    }

    private HttpResponse<String> submitForm(ProcessInstance instance, String user, Map<String, Object> values) {
        String task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
        return new StaffClient(port).engineRest("POST", "/task/" + task + "/submit-form", user, PASSWORD, variables(values));
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
            } else if (value instanceof Long number) {
                variable.put("value", number).put("type", "Long");
            } else {
                variable.put("value", value.toString()).put("type", "String");
            }
        });
        return root.toString();
    }

    private void answer(long roundId, Applicant applicant, String text) {
        Contact contact = organisations.contact(applicant.contactId()).orElseThrow();
        answers.submit(roundId, contact, Map.of("q1", text), List.of(), UUID.randomUUID().toString());
    }

    private List<String> reminders(String reference) {
        return jdbc.sql("select recipient from mail_outbox where template = 'commenting-reminder' and reference = ? order by id")
                .param(reference).query(String.class).list();
    }

    private long roundId(ProcessInstance instance) {
        return ((Number) runtimeService.getVariable(instance.getId(), "commentingRoundId")).longValue();
    }

    private Job timer(ProcessInstance instance, String activityId) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers().singleResult();
    }

    private static void at(OffsetDateTime instant) {
        ClockUtil.setCurrentTime(Date.from(instant.toInstant()));
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static String find(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in " + html);
        }
        return m.group(1);
    }
}
