package fi.silta.commenting;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.silta.calls.AlreadyAnswered;
import fi.silta.cases.CaseFileService.OpenedCase;
import fi.silta.organisations.Contact;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.GrantFixtures.Applicant;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.web.InvalidInput;

/**
 * Every path of planCommentingRound, started and configured as Tasklist sends them, its timers run
 * by hand at the instants they are due: the normal path with reminders only to invited organisations
 * that stayed silent; a synthesis returned once; no answers at all; closed early with a reason; the
 * deadline extended (the timers move). Each answer's own process (planComment) gets its summary.
 */
@SiltaIntegrationTest
class CommentingRoundProcessTest {

    /** Monday 4 January 2027, 12.00 Helsinki time. */
    static final Instant NOW = Instant.parse("2027-01-04T10:00:00Z");
    static final String DEADLINE = "2027-01-29T16:00:00+02:00";
    static final String COORDINATOR = "aino.virtanen";
    static final String DECISION_MAKER = "helena.hamalainen";

    @Autowired ProcessEngine processEngine;
    @Autowired RepositoryService repositoryService;
    @Autowired FormService formService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired FilterService filterService;
    @Autowired CommentingRoundRepository rounds;
    @Autowired CommentingRoundService service;
    @Autowired CommentAnswers answers;
    @Autowired OrganisationRepository organisations;
    @Autowired GrantFixtures fixtures;
    @Autowired fi.silta.support.CommentingFixtures commenting;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        init(processEngine);
        ClockUtil.setCurrentTime(Date.from(NOW));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void normalPathRemindsOnlySilentInvitedOrganisationsAndPublishesTheSummaryToEveryoneWhoAnswered() {
        Applicant early = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        Applicant late = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        Applicant silent = fixtures.applicant(OrganisationType.FOUNDATION);
        ProcessInstance instance = start(unique("Järjestöyhteistyön suunnitelma"));
        long roundId = roundId(instance);
        CommentingRound round = rounds.find(roundId).orElseThrow();
        assertThat(instance).isWaitingAt("Task_ConfigureRound").hasBusinessKey(round.reference());
        Assertions.assertThat(round.reference()).matches("LAUSUNTO-2027-\\d+");
        Assertions.assertThat(round.status()).isEqualTo(CommentingRound.Status.CONFIGURING);
        Task configure = task(instance);
        assertThat(configure).hasCandidateGroup("coordinators");
        Assertions.assertThat(local(configure, "organisationOptions")).contains("\"value\":\"" + silent.organisationId() + "\"");
        Assertions.assertThat(local(configure, "groupOptions")).contains("REGISTERED_ASSOCIATION");
        Assertions.assertThat(local(configure, "closesAtText")).isEqualTo("perjantaina 29.1.2027 klo 16.00");
        // the coordinators' filter "Lausuntokierrokset" holds the task
        var filter = filterService.createTaskFilterQuery().filterName("Lausuntokierrokset").singleResult();
        identityService.setAuthentication(COORDINATOR, List.of("coordinators"));
        try {
            Assertions.assertThat(filterService.list(filter.getId())).extracting(t -> ((Task) t).getId()).contains(configure.getId());
        } finally {
            identityService.clearAuthentication();
        }

        Map<String, Object> noDraftYet = configuration(List.of(early, late, silent));
        assertThatThrownBy(() -> submit(configure, noDraftYet)).as("not published without its draft").isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Lataa luonnosasiakirja").hasMessageContaining("Ladda upp utkastet").hasMessageContaining("Upload the draft");
        commenting.draft(roundId);
        submit(configure, configuration(List.of(early, late, silent)));

        round = rounds.find(roundId).orElseThrow();
        Assertions.assertThat(round.status()).isEqualTo(CommentingRound.Status.OPEN);
        Assertions.assertThat(round.questions()).extracting(CommentingRound.Question::key, CommentingRound.Question::scale)
                .containsExactly(Assertions.tuple("q1", false), Assertions.tuple("q2", true));
        Assertions.assertThat(rounds.invitedOrganisations(roundId)).containsExactlyInAnyOrder(early.organisationId(),
                late.organisationId(), silent.organisationId());
        Assertions.assertThat(rounds.infoSessions(roundId)).singleElement().satisfies(s -> {
            Assertions.assertThat(s.startsAt().toInstant()).isEqualTo(Instant.parse("2027-01-12T15:00:00Z"));
            Assertions.assertThat(s.endsAt().toInstant()).isEqualTo(Instant.parse("2027-01-12T16:30:00Z"));
        });
        assertThat(instance).isWaitingAt("Gateway_AwaitDeadline");
        Assertions.assertThat(timer(instance, "Timer_Reminder").getDuedate().toInstant())
                .isEqualTo(OffsetDateTime.parse("2027-01-22T16:00:00+02:00").toInstant());
        Assertions.assertThat(timer(instance, "Timer_DeadlinePassed").getDuedate().toInstant())
                .isEqualTo(OffsetDateTime.parse(DEADLINE).toInstant());

        OpenedCase earlyCase = answer(roundId, early, "Tavoitteet ovat hyviä.", "4");
        ProcessInstance earlyProcess = processOf(earlyCase);
        assertThat(earlyProcess).isWaitingAt("Event_AwaitSummary").hasPassed("Send_ReceiptMail");
        Assertions.assertThat(mails("case-receipt", earlyCase.caseFile().reference())).containsExactly(early.email());

        at("2027-01-22T16:00:01+02:00");
        execute(timer(instance, "Timer_Reminder"));
        Assertions.assertThat(mails("commenting-reminder", round.reference())).containsExactlyInAnyOrder(late.email(), silent.email());
        Assertions.assertThat(timer(instance, "Timer_Reminder").getDuedate().toInstant())
                .isEqualTo(OffsetDateTime.parse("2027-01-28T16:00:00+02:00").toInstant());

        OpenedCase lateCase = answer(roundId, late, "Luku 2 kaipaa tarkennusta.", null);
        ProcessInstance lateProcess = processOf(lateCase);
        at("2027-01-28T16:00:01+02:00");
        execute(timer(instance, "Timer_Reminder"));
        Assertions.assertThat(mails("commenting-reminder", round.reference()))
                .as("the day before: only the one that is still silent").containsExactlyInAnyOrder(late.email(), silent.email(), silent.email());

        at("2027-01-29T16:00:00+02:00");
        execute(timer(instance, "Timer_DeadlinePassed"));
        assertThat(instance).hasPassed("Task_CloseRound").isWaitingAt("Task_WriteSynthesis");
        Assertions.assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(CommentingRound.Status.CLOSED);
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "answerCount")).isEqualTo(2L);
        assertThatThrownBy(() -> answer(roundId, silent, "Myöhässä.", null)).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).errors().get(0).messageKey()).isEqualTo("commenting.answer.closed");

        Task synthesis = task(instance);
        assertThatThrownBy(() -> submit(synthesis, Map.of())).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("ei ole vastinetta").hasMessageContaining("(" + earlyCase.caseFile().reference() + ")").hasMessageContaining("har inget bemötande").hasMessageContaining("has no response");
        service.saveResponses(roundId, Map.of("q1", "Tavoitteita tarkennetaan lukuun 2.", "q2", "Arviot otetaan huomioon."),
                Map.of("q1", "Målen preciseras i kapitel 2."), COORDINATOR);
        submit(synthesis, Map.of());

        Task approval = task(instance);
        assertThat(approval).hasDefinitionKey("Task_ApproveSynthesis").isAssignedTo(DECISION_MAKER);
        submitAs(DECISION_MAKER, approval, Map.of("synthesisDecision", "approve"));
        execute(job(instance));

        assertThat(instance).hasPassedInOrder("Task_WriteSynthesis", "Task_ApproveSynthesis", "Task_PublishSummary").isEnded()
                .hasPassed("End_SummaryPublished");
        Assertions.assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(CommentingRound.Status.PUBLISHED);
        assertThat(earlyProcess).hasPassed("Send_SummaryMail").isEnded();
        assertThat(lateProcess).hasPassed("Send_SummaryMail").isEnded();
        Assertions.assertThat(mails("commenting-summary", null)).contains(early.email(), late.email()).doesNotContain(silent.email());
        Assertions.assertThat(rounds.events(roundId)).extracting(CommentingRoundRepository.Event::kind).containsExactly("SYNTHESIS_APPROVED");
    }

    @Test
    void aReturnedSynthesisGoesBackToTheCoordinatorWithTheComments() {
        Applicant one = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        ProcessInstance instance = configured(List.of(one));
        long roundId = roundId(instance);
        OpenedCase opened = answer(roundId, one, "Kommentti lukuun 1.", "2");
        long answerId = rounds.answerOfCase(opened.caseFile().id()).orElseThrow().id();
        assertThatThrownBy(() -> service.saveResponses(roundId, Map.of("q1", "Liian aikaisin."), Map.of(), COORDINATOR))
                .as("no responses while the round is open").isInstanceOf(InvalidInput.class);
        closeAtDeadline(instance);
        // per comment for the open question, per theme for the scale; an unknown answer or a Swedish one alone refused, nothing stored
        assertThatThrownBy(() -> service.saveResponses(roundId, Map.of("q1." + answerId, "Hyvä.", "q1.999999999", "x"), Map.of(), COORDINATOR))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> service.saveResponses(roundId, Map.of(), Map.of("q2", "Bara svenska"), COORDINATOR))
                .isInstanceOf(InvalidInput.class);
        Assertions.assertThat(rounds.responses(roundId)).isEmpty();
        service.saveResponses(roundId, Map.of("q1." + answerId, "Otetaan huomioon luvussa 1.", "q2", "Kiitos arviosta."), Map.of(), COORDINATOR);
        submit(task(instance), Map.of());

        Task approval = task(instance);
        assertThatThrownBy(() -> submitAs(DECISION_MAKER, approval, Map.of("synthesisDecision", "return")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Kirjoita kommentit");
        submitAs(DECISION_MAKER, approval, Map.of("synthesisDecision", "return", "synthesisComments", "Tarkenna vastinetta lukuun 1."));

        assertThat(instance).isWaitingAt("Task_WriteSynthesis");
        Task again = task(instance);
        Assertions.assertThat(local(again, "returnComments")).isEqualTo("Tarkenna vastinetta lukuun 1.");
        service.saveResponses(roundId, Map.of("q1." + answerId, "Otetaan huomioon luvussa 1.2, jossa tavoitteet tarkennetaan."),
                Map.of("q1." + answerId, "Beaktas i kapitel 1.2."), COORDINATOR);
        submit(again, Map.of());
        Task second = task(instance);
        Assertions.assertThat(local(second, "synthesisDecision")).as("the earlier answer is not shown again").isNull();
        submitAs(DECISION_MAKER, second, Map.of("synthesisDecision", "approve"));
        execute(job(instance));
        assertThat(instance).isEnded().hasPassed("End_SummaryPublished");
        Assertions.assertThat(rounds.events(roundId)).extracting(CommentingRoundRepository.Event::kind)
                .containsExactly("SYNTHESIS_RETURNED", "SYNTHESIS_APPROVED");
        Assertions.assertThat(rounds.responses(roundId)).filteredOn(r -> r.answerId() == answerId).singleElement()
                .satisfies(r -> Assertions.assertThat(r.responseSv()).isEqualTo("Beaktas i kapitel 1.2."));
    }

    @Test
    void aRoundWithoutAnswersEndsAtItsDeadline() {
        Applicant one = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        ProcessInstance instance = configured(List.of(one));
        long roundId = roundId(instance);
        closeAtDeadline(instance);
        assertThat(instance).hasPassed("Task_CloseRound", "Gateway_AnyAnswers").isEnded().hasPassed("End_NoAnswers");
        Assertions.assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(CommentingRound.Status.CLOSED);
    }

    @Test
    void aRoundClosedEarlyWithAReasonTakesNoMoreAnswersAndGoesToTheSynthesis() {
        Applicant one = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        Applicant other = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        ProcessInstance instance = configured(List.of(one, other));
        long roundId = roundId(instance);
        answer(roundId, one, "Ehdimme vastata.", null);
        assertThatThrownBy(() -> service.closeEarly(roundId, "  ", COORDINATOR)).isInstanceOf(InvalidInput.class);
        assertThat(instance).isWaitingAt("Gateway_AwaitDeadline");

        at("2027-01-15T09:00:00+02:00");
        service.closeEarly(roundId, "Suunnitelman aikataulu muuttui: luonnos korvataan uudella.", COORDINATOR);

        assertThat(instance).hasPassed("Message_ClosedEarly", "Task_CloseRound").isWaitingAt("Task_WriteSynthesis");
        CommentingRound round = rounds.find(roundId).orElseThrow();
        Assertions.assertThat(round.status()).isEqualTo(CommentingRound.Status.CLOSED);
        Assertions.assertThat(round.closedEarlyReason()).startsWith("Suunnitelman aikataulu");
        Assertions.assertThat(mails("commenting-closed", round.reference())).as("only the invited one still expected to answer is told")
                .containsExactly(other.email());
        Assertions.assertThat(round.closedAt().toInstant()).isEqualTo(OffsetDateTime.parse("2027-01-15T09:00:00+02:00").toInstant());
        Assertions.assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).timers().count())
                .as("its timers are gone").isZero();
        assertThatThrownBy(() -> answer(roundId, other, "Myöhässä.", null)).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).errors().get(0).messageKey()).isEqualTo("commenting.answer.closed");
        assertThatThrownBy(() -> service.closeEarly(roundId, "Uudelleen.", COORDINATOR)).as("only an open round").isInstanceOf(InvalidInput.class);
    }

    @Test
    void anExtendedDeadlineMovesTheTimersAndTellsEveryInvitedOrganisation() {
        Applicant one = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        Applicant other = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        ProcessInstance instance = configured(List.of(one, other));
        long roundId = roundId(instance);
        String reference = rounds.find(roundId).orElseThrow().reference();
        assertThatThrownBy(() -> service.extend(roundId, OffsetDateTime.parse("2027-01-20T16:00:00+02:00"), COORDINATOR))
                .as("earlier than the deadline").isInstanceOf(InvalidInput.class);

        at("2027-01-25T10:00:00+02:00");
        service.extend(roundId, OffsetDateTime.parse("2027-02-12T16:00:00+02:00"), COORDINATOR);

        assertThat(instance).hasPassed("Message_DeadlineExtended", "Task_MoveTimers").isWaitingAt("Gateway_AwaitDeadline");
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "closesAt")).isEqualTo("2027-02-12T16:00:00+02:00");
        Assertions.assertThat(timer(instance, "Timer_DeadlinePassed").getDuedate().toInstant())
                .isEqualTo(OffsetDateTime.parse("2027-02-12T16:00:00+02:00").toInstant());
        Assertions.assertThat(timer(instance, "Timer_Reminder").getDuedate().toInstant())
                .as("7 days before the new deadline").isEqualTo(OffsetDateTime.parse("2027-02-05T16:00:00+02:00").toInstant());
        Assertions.assertThat(mails("commenting-extended", reference)).containsExactlyInAnyOrder(one.email(), other.email());
        Assertions.assertThat(rounds.events(roundId)).extracting(CommentingRoundRepository.Event::kind).containsExactly("DEADLINE_EXTENDED");

        // after the old deadline, before the new one: still in time
        at("2027-02-01T12:00:00+02:00");
        answer(roundId, one, "Ehdimme jatkoajalla.", null);
        at("2027-02-12T16:00:00+02:00");
        execute(timer(instance, "Timer_DeadlinePassed"));
        assertThat(instance).isWaitingAt("Task_WriteSynthesis");
    }

    @Test
    void aDeadlinePassedWhileTheRoundWasPreparedIsMovedInItsConfiguration() {
        Applicant one = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        ProcessInstance instance = start(unique("Myöhässä valmisteltu"));
        long roundId = roundId(instance);
        commenting.draft(roundId);
        at("2027-01-30T09:00:00+02:00");
        Map<String, Object> late = configuration(List.of(one));
        late.remove("infoSessions");
        Task task = task(instance);
        assertThatThrownBy(() -> submit(task, late)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Määräaika on jo mennyt").hasMessageContaining("Svarstiden har redan gått ut")
                .hasMessageContaining("The deadline has already passed");
        assertThat(instance).isWaitingAt("Task_ConfigureRound");
        Assertions.assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(CommentingRound.Status.CONFIGURING);

        late.put("newClosesAt", "2027-02-26T16:00");
        submit(task, late);

        assertThat(instance).isWaitingAt("Gateway_AwaitDeadline");
        CommentingRound round = rounds.find(roundId).orElseThrow();
        Assertions.assertThat(round.status()).isEqualTo(CommentingRound.Status.OPEN);
        Assertions.assertThat(round.closesAt().toInstant()).isEqualTo(OffsetDateTime.parse("2027-02-26T16:00:00+02:00").toInstant());
        Assertions.assertThat(timer(instance, "Timer_DeadlinePassed").getDuedate().toInstant())
                .isEqualTo(OffsetDateTime.parse("2027-02-26T16:00:00+02:00").toInstant());
    }

    @Test
    void oneAnswerPerOrganisationAndOnlyInvitedOnesWhenTheRoundIsInvitationOnly() {
        Applicant invited = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        Applicant colleague = fixtures.colleague(invited, "Kalle Kollega");
        Applicant outsider = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        ProcessInstance instance = configured(List.of(invited));
        long roundId = roundId(instance);
        answer(roundId, invited, "Ensimmäinen.", null);
        assertThatThrownBy(() -> answer(roundId, colleague, "Toinen.", null)).isInstanceOf(AlreadyAnswered.class);
        assertThatThrownBy(() -> answer(roundId, outsider, "Kutsumaton.", null)).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).errors().get(0).messageKey()).isEqualTo("commenting.answer.notInvited");
        // an empty answer is refused before anything else
        assertThatThrownBy(() -> answers.submit(roundId, organisations.contact(colleague.contactId()).orElseThrow(), Map.of("q1", "  "),
                List.of(), UUID.randomUUID().toString())).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).errors().get(0).messageKey()).isEqualTo("commenting.answer.empty");
        Assertions.assertThat(rounds.answerCount(roundId)).isEqualTo(1);
    }

    @Test
    void invalidStartAndConfigurationAreRefusedInEveryLanguageWithNothingStored() {
        long before = rounds.all().size();
        Map<String, Object> past = new LinkedHashMap<>();
        past.put("titleFi", "Menneisyydessä");
        past.put("closesAt", "2026-12-31T16:00");
        assertThatThrownBy(() -> startWith(past)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Määräaika: Määräajan on oltava tulevaisuudessa.")
                .hasMessageContaining("Svarstid: Svarstiden måste vara i framtiden.")
                .hasMessageContaining("Deadline: The deadline must be in the future.");
        Assertions.assertThat(rounds.all()).hasSize((int) before);

        ProcessInstance instance = start(unique("Virheellinen"));
        Map<String, Object> wrong = configuration(List.of());
        wrong.put("questions", SpinValues.jsonValue("[]").create());
        wrong.put("reminderDays", "7, huomenna");
        wrong.put("infoSessions", SpinValues.jsonValue("[{\"startsAt\": \"2027-02-01T17:00\", \"place\": \"Oulu\"}]").create());
        wrong.put("decisionMaker", "aino.virtanen");
        Task task = task(instance);
        assertThatThrownBy(() -> submit(task, wrong)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Anna vähintään yksi kysymys.")
                .hasMessageContaining("Kutsu vähintään yksi järjestö")
                .hasMessageContaining("Infotilaisuuden on oltava ennen lausuntojen määräaikaa.")
                .hasMessageContaining("huomenna")
                .hasMessageContaining("Ange minst en fråga.").hasMessageContaining("Give at least one question.");
        assertThat(instance).isWaitingAt("Task_ConfigureRound");
        Assertions.assertThat(rounds.find(roundId(instance)).orElseThrow().questions()).isEmpty();
    }

    // helpers ------------------------------------------------------------------------------------

    private ProcessInstance configured(List<Applicant> invited) {
        ProcessInstance instance = start(unique("Suunnitelma"));
        commenting.draft(roundId(instance));
        submit(task(instance), configuration(invited));
        return instance;
    }

    private void closeAtDeadline(ProcessInstance instance) {
        at("2027-01-29T16:00:00+02:00");
        execute(timer(instance, "Timer_DeadlinePassed"));
    }

    private ProcessInstance start(String title) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("titleFi", title);
        variables.put("titleSv", title + " (sv)");
        variables.put("closesAt", "2027-01-29T16:00");
        return startWith(variables);
    }

    private ProcessInstance startWith(Map<String, Object> variables) {
        String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(CommentingRoundService.PROCESS_KEY)
                .latestVersion().singleResult().getId();
        identityService.setAuthentication(COORDINATOR, List.of("coordinators"));
        try {
            return formService.submitStartForm(definitionId, variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    static Map<String, Object> configuration(List<Applicant> invited) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("descriptionFi", "Luonnos järjestöyhteistyön suunnitelmaksi 2027–2029.");
        variables.put("descriptionSv", "Utkast till plan för organisationssamarbetet 2027–2029.");
        variables.put("links", "Nykyinen suunnitelma https://hyvinvointialue.example/suunnitelma");
        variables.put("questions", SpinValues.jsonValue("""
                [{"textFi": "Luku 1: Tavoitteet – mitä lisäisitte tai muuttaisitte?", "textSv": "Kapitel 1: Målen", "scale": false},
                 {"textFi": "Kuinka hyvin suunnitelma vastaa järjestönne tarpeita?", "scale": true}]""").create());
        variables.put("invitedOrganisations", SpinValues.jsonValue(invited.stream().map(a -> "\"" + a.organisationId() + "\"")
                .reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]").orElse("[]")).create());
        variables.put("openToAll", false);
        variables.put("infoSessions", SpinValues.jsonValue("""
                [{"startsAt": "2027-01-12T17:00", "durationMinutes": 90, "place": "Oulu, kaupungintalo", "onlineUrl": "https://teams.example/info"}]""")
                .create());
        variables.put("reminderDays", "7, 1");
        variables.put("contactPerson", COORDINATOR);
        variables.put("decisionMaker", DECISION_MAKER);
        return variables;
    }

    private OpenedCase answer(long roundId, Applicant applicant, String text, String scale) {
        Contact contact = organisations.contact(applicant.contactId()).orElseThrow();
        Map<String, String> given = new LinkedHashMap<>();
        given.put("q1", text);
        if (scale != null) {
            given.put("q2", scale);
        }
        return answers.submit(roundId, contact, given, List.of(), UUID.randomUUID().toString());
    }

    private ProcessInstance processOf(OpenedCase opened) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(opened.caseFile().reference()).singleResult();
    }

    private void submit(Task task, Map<String, Object> variables) {
        submitAs(COORDINATOR, task, variables);
    }

    private void submitAs(String user, Task task, Map<String, Object> variables) {
        identityService.setAuthentication(user, List.of(user.equals(COORDINATOR) ? "coordinators" : "decisionMakers"));
        try {
            formService.submitTaskForm(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private List<String> mails(String template, String reference) {
        return reference == null
                ? jdbc.sql("select recipient from mail_outbox where template = ? order by id").param(template).query(String.class).list()
                : jdbc.sql("select recipient from mail_outbox where template = ? and reference = ? order by id").params(template, reference)
                        .query(String.class).list();
    }

    private static void at(String instant) {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(instant).toInstant()));
    }

    private long roundId(ProcessInstance instance) {
        return ((Number) runtimeService.getVariable(instance.getId(), "commentingRoundId")).longValue();
    }

    private Task task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    private String local(Task task, String name) {
        Object value = taskService.getVariableLocal(task.getId(), name);
        return value == null ? null : value.toString();
    }

    private Job timer(ProcessInstance instance, String activityId) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers().singleResult();
    }

    private Job job(ProcessInstance instance) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
