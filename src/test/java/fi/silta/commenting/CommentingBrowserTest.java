package fi.silta.commenting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.cases.documents.DocumentService;
import fi.silta.cases.documents.Upload;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.BrowserTests;
import fi.silta.support.EngineJobs;
import fi.silta.support.GrantFixtures;
import fi.silta.support.GrantFixtures.Applicant;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;
import fi.silta.web.Locales;

/**
 * A commenting round on the portal in a real browser (src/test/browser/commenting-round.mjs): a
 * verified contact of an invited organisation finds the open round on the front page, reads its
 * page (a call document, an info session whose {@code .ics} is a METHOD:PUBLISH event in Helsinki
 * time), answers (open text, a scale value, a PDF) and lands on the receipt and the status page; a
 * colleague then sees who answered and when, with no form, and a form page opened before the first
 * answer (the colleague's, and the same person's other tab) is refused with 422 naming it, nothing
 * stored twice. A published round shows its summary; the round page in Swedish has no raw keys.
 * axe-core reports no WCAG 2.1 A/AA violation on any of those pages.
 */
@SiltaIntegrationTest
class CommentingBrowserTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final String COORDINATOR = "aino.virtanen";
    static final String DECISION_MAKER = "helena.hamalainen";
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;
    @Autowired RepositoryService repositoryService;
    @Autowired FormService formService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired CommentingRoundRepository rounds;
    @Autowired CommentingRoundService service;
    @Autowired CommentAnswers answers;
    @Autowired OrganisationRepository organisations;
    @Autowired DocumentService documents;
    @Autowired EngineJobs jobs;

    @Test
    void aContactAnswersOnceForTheOrganisationAndEveryPageIsAccessible() {
        BrowserTests browser = BrowserTests.require();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ZonedDateTime now = ZonedDateTime.now(Locales.HELSINKI);
        ZonedDateTime session = now.toLocalDate().plusDays(7).atTime(LocalTime.of(17, 0)).atZone(Locales.HELSINKI);

        // the open round: invited organisation with two verified contacts, a call document and an info session
        Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        Applicant colleague = fixtures.colleague(applicant, "Kalle Kollega");
        String title = "Selaintestin suunnitelma " + suffix;
        ProcessInstance open = start(title, now);
        long roundId = roundId(open);
        documents.storeCallDocument(CommentingRound.CALL_KIND, roundId, "draft", "Suunnitelman luonnos",
                Upload.of("document", "suunnitelman-luonnos.pdf", "application/pdf", PDF), COORDINATOR);
        submit(task(open), configuration(List.of(applicant), session));
        assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(CommentingRound.Status.OPEN);

        // a published round with the summary: another organisation answered, the responses written and approved
        Applicant other = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        String publishedTitle = "Julkaistu suunnitelma " + suffix;
        ProcessInstance published = start(publishedTitle, now);
        long publishedId = roundId(published);
        documents.storeCallDocument(CommentingRound.CALL_KIND, publishedId, "draft", "Suunnitelman luonnos",
                Upload.of("document", "suunnitelman-luonnos.pdf", "application/pdf", PDF), COORDINATOR);
        submit(task(published), configuration(List.of(other), session));
        Map<String, String> given = new LinkedHashMap<>();
        given.put("q1", "Tavoitteet ovat selkeitä, mutta luku 2 kaipaa aikataulua.");
        given.put("q2", "4");
        answers.submit(publishedId, organisations.contact(other.contactId()).orElseThrow(), given, List.of(),
                UUID.randomUUID().toString());
        service.closeEarly(publishedId, "Kaikki kutsutut vastasivat.", COORDINATOR);
        assertThat(runtimeService.getActiveActivityIds(published.getId())).containsExactly("Task_WriteSynthesis");
        service.saveResponses(publishedId, Map.of("q1", "Lukuun 2 lisätään aikataulu.", "q2", "Kiitos arviosta."),
                Map.of("q1", "En tidtabell läggs till i kapitel 2."), COORDINATOR);
        submit(task(published), Map.of());
        submitAs(DECISION_MAKER, "decisionMakers", task(published), Map.of("synthesisDecision", "approve"));
        jobs.executeAll(published.getId());
        assertThat(rounds.find(publishedId).orElseThrow().status()).isEqualTo(CommentingRound.Status.PUBLISHED);

        String applicantLink = PortalSignIn.mailedLink(port, greenMail, drainer, applicant.email());
        String colleagueLink = PortalSignIn.mailedLink(port, greenMail, drainer, colleague.email());

        String output = browser.run("commenting-round.mjs", "http://localhost:" + port, Duration.ofMinutes(4),
                "--sign-in-link", applicantLink, "--colleague-sign-in-link", colleagueLink,
                "--round-id", String.valueOf(roundId), "--title", title, "--title-sv", title + " (sv)",
                "--published-round-id", String.valueOf(publishedId),
                "--session-start", session.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")),
                "--screenshots", BrowserTests.SCREENSHOTS.toString());

        assertThat(output).contains("no axe-core violations");
        // one answer of the organisation, as typed, with its attachment on its case
        assertThat(rounds.answerCount(roundId)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from call_answer where call_kind = ? and call_id = ? and organisation_id = ?")
                .params(CommentingRound.CALL_KIND, roundId, applicant.organisationId()).query(Long.class).single()).isEqualTo(1);
        CommentAnswer answer = rounds.answers(roundId).get(0);
        assertThat(answer.answers()).containsEntry("q1", "Luku 1 on hyvä; lisätkää vertaistuki tavoitteisiin.").containsEntry("q2", "4");
        assertThat(answer.contactName()).isEqualTo("Hanna Hakija");
        assertThat(jdbc.sql("select count(*) from case_file where organisation_id = ? and kind = 'PLAN_COMMENT'")
                .param(applicant.organisationId()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select file_name from document where case_id = ?").param(answer.caseId()).query(String.class).list())
                .containsExactly("lausunnon-liite.pdf");
    }

    private ProcessInstance start(String title, ZonedDateTime now) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("titleFi", title);
        variables.put("titleSv", title + " (sv)");
        variables.put("closesAt", now.toLocalDate().plusDays(30).atTime(16, 0).toString());
        String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(CommentingRoundService.PROCESS_KEY)
                .latestVersion().singleResult().getId();
        identityService.setAuthentication(COORDINATOR, List.of("coordinators"));
        try {
            return formService.submitStartForm(definitionId, variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private static Map<String, Object> configuration(List<Applicant> invited, ZonedDateTime session) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("descriptionFi", "Luonnos järjestöyhteistyön suunnitelmaksi.");
        variables.put("descriptionSv", "Utkast till plan för organisationssamarbetet.");
        variables.put("links", "Nykyinen suunnitelma https://hyvinvointialue.example/suunnitelma");
        variables.put("questions", SpinValues.jsonValue("""
                [{"textFi": "Luku 1: Tavoitteet – mitä lisäisitte tai muuttaisitte?", "textSv": "Kapitel 1: Målen – vad skulle ni lägga till?", "scale": false},
                 {"textFi": "Kuinka hyvin suunnitelma vastaa järjestönne tarpeita?", "textSv": "Hur väl motsvarar planen er organisations behov?", "scale": true}]""")
                .create());
        variables.put("invitedOrganisations", SpinValues.jsonValue(invited.stream().map(a -> "\"" + a.organisationId() + "\"")
                .reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]").orElse("[]")).create());
        variables.put("openToAll", false);
        variables.put("infoSessions", SpinValues.jsonValue("[{\"startsAt\": \"" + session.toLocalDateTime()
                + "\", \"durationMinutes\": 90, \"place\": \"Oulu, kaupungintalo\", \"onlineUrl\": \"https://teams.example/info\"}]")
                .create());
        variables.put("reminderDays", "7, 1");
        variables.put("contactPerson", COORDINATOR);
        variables.put("decisionMaker", DECISION_MAKER);
        return variables;
    }

    private long roundId(ProcessInstance instance) {
        return ((Number) runtimeService.getVariable(instance.getId(), "commentingRoundId")).longValue();
    }

    private Task task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    private void submit(Task task, Map<String, Object> variables) {
        submitAs(COORDINATOR, "coordinators", task, variables);
    }

    private void submitAs(String user, String group, Task task, Map<String, Object> variables) {
        identityService.setAuthentication(user, List.of(group));
        try {
            formService.submitTaskForm(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }
}
