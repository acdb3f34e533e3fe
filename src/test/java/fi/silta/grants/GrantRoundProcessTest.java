package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
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
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.silta.grants.GrantRoundService.NewCriterion;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.web.InvalidInput;

/**
 * Every path of grantRound's call: started from the start form and configured as Tasklist sends
 * them (typed text, numbers, JSON lists), published by the opening timer, closed by the closing
 * timer; refusals with nothing stored; criteria frozen; the portal's front page.
 */
@SiltaIntegrationTest
class GrantRoundProcessTest {

    /** Friday 20 March 2026, 12.00 Helsinki time (winter time, +02:00); the call opens in summer time (+03:00). */
    static final Instant NOW = Instant.parse("2026-03-20T10:00:00Z");
    static final String COORDINATOR = "aino.virtanen";
    static final String OPENS = "2026-04-01T09:00:00+03:00";
    static final String CLOSES = "2026-04-30T16:00:00+03:00";
    static final String CRITERIA = """
            [{"nameFi": "Vaikuttavuus", "nameSv": "Effekt", "weight": "40"},
             {"nameFi": "Toteutettavuus", "nameSv": "Genomförbarhet", "weight": "35.5"},
             {"nameFi": "Yhteistyö kuntien kanssa", "nameSv": "Samarbete med kommunerna", "weight": 24.5}]""";

    @LocalServerPort int port;
    @Autowired ProcessEngine processEngine;
    @Autowired RepositoryService repositoryService;
    @Autowired FormService formService;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired FilterService filterService;
    @Autowired GrantRoundRepository rounds;
    @Autowired GrantRoundService service;
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
    void configuredRoundIsPublishedWhenItOpensAndClosedAtTheDeadline() {
        String name = unique("Järjestöavustukset 2026");
        ProcessInstance instance = start(startForm(name));
        long roundId = roundId(instance);

        assertThat(instance).isWaitingAt("Task_ConfigureRound").hasBusinessKey("HAKU-" + roundId).variables()
                .containsEntry("budget", "50000.00").containsEntry("maxAmount", "12500.50")
                .containsEntry("opensAt", OPENS).containsEntry("closesAt", CLOSES)
                .containsEntry("caseReference", "HAKU-" + roundId).containsEntry("contactPerson", COORDINATOR);
        GrantRound round = rounds.find(roundId).orElseThrow();
        Assertions.assertThat(round.status()).isEqualTo(GrantRound.Status.CONFIGURING);
        Assertions.assertThat(round.processInstanceId()).isEqualTo(instance.getId());
        Assertions.assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey("HAKU-" + roundId)
                .singleResult().getId()).as("Cockpit finds the round by its business key").isEqualTo(instance.getId());
        Assertions.assertThat(round.nameFi()).isEqualTo(name);
        Assertions.assertThat(round.budget()).isEqualByComparingTo("50000.00");
        Assertions.assertThat(round.maxAmount()).isEqualByComparingTo("12500.50");
        Assertions.assertThat(round.opensAt().toInstant()).isEqualTo(OffsetDateTime.parse(OPENS).toInstant());
        Assertions.assertThat(round.closesAt().toInstant()).isEqualTo(OffsetDateTime.parse(CLOSES).toInstant());

        Task task = task(instance);
        assertThat(task).hasCandidateGroup("coordinators");
        var formRef = taskService.createTaskQuery().taskId(task.getId()).initializeFormKeys().singleResult().getCamundaFormRef();
        Assertions.assertThat(formRef.getKey()).isEqualTo("grant-round-configure");
        Assertions.assertThat(formRef.getBinding()).isEqualTo("deployment");
        // the choices come from the identity service, as task-local JSON {label, value} lists
        Assertions.assertThat(local(task, "reviewerOptions"))
                .contains("{\"label\":\"Mikko Korhonen\",\"value\":\"mikko.korhonen\"}")
                .contains("{\"label\":\"Jussi Mäkinen\",\"value\":\"jussi.makinen\"}").doesNotContain("aino.virtanen");
        Assertions.assertThat(local(task, "decisionMakerOptions")).contains("{\"label\":\"Helena Hämäläinen\",\"value\":\"helena.hamalainen\"}");
        Assertions.assertThat(local(task, "contactOptions")).contains("{\"label\":\"Aino Virtanen\",\"value\":\"aino.virtanen\"}");
        Assertions.assertThat(local(task, "roundPeriod")).isEqualTo("1.4.2026 klo 09.00 – 30.4.2026 klo 16.00");
        // the money as people write it, not as the variables keep it
        Assertions.assertThat(local(task, "budgetText")).isEqualTo("50\u00a0000,00\u00a0€");
        Assertions.assertThat(local(task, "maxAmountText")).isEqualTo("12\u00a0500,50\u00a0€");
        Assertions.assertThat(local(task, "roundInstants"))
                .isEqualTo("Haku avautuu keskiviikkona 1.4.2026 klo 09.00 ja sulkeutuu torstaina 30.4.2026 klo 16.00 (Suomen aikaa).");
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "reviewerOptions")).as("choices stay task-local").isNull();
        // the coordinators' filter "Avustushaut" holds the task (for a coordinator: it selects by the user's own groups)
        Filter filter = filterService.createTaskFilterQuery().filterName("Avustushaut").singleResult();
        identityService.setAuthentication("aino.virtanen", List.of("coordinators"));
        List<Task> filtered;
        try {
            filtered = filterService.list(filter.getId());
        } finally {
            identityService.clearAuthentication();
        }
        Assertions.assertThat(filtered).extracting(Task::getId).contains(task.getId());

        submit(task, configuration(CRITERIA));

        assertThat(instance).hasPassed("Task_ConfigureRound").isWaitingAt("Timer_CallOpens");
        round = rounds.find(roundId).orElseThrow();
        Assertions.assertThat(round.status()).isEqualTo(GrantRound.Status.CONFIGURING);
        Assertions.assertThat(round.contactUserId()).isEqualTo(COORDINATOR);
        Assertions.assertThat(round.decisionMakerUserId()).isEqualTo("helena.hamalainen");
        Assertions.assertThat(round.reviewersPerApplication()).isEqualTo(2);
        Assertions.assertThat(round.disagreementThreshold()).isEqualByComparingTo("1.5");
        Assertions.assertThat(round.minimumScore()).isEqualByComparingTo("2.75");
        Assertions.assertThat(round.multipleApplications()).isFalse();
        Assertions.assertThat(round.stateGrant()).isTrue();
        Assertions.assertThat(round.stateGrantConditions()).startsWith("Ruoka-apu");
        Assertions.assertThat(rounds.criteria(roundId)).extracting(Criterion::position, Criterion::nameFi, Criterion::nameSv)
                .containsExactly(Assertions.tuple(1, "Vaikuttavuus", "Effekt"), Assertions.tuple(2, "Toteutettavuus", "Genomförbarhet"),
                        Assertions.tuple(3, "Yhteistyö kuntien kanssa", "Samarbete med kommunerna"));
        Assertions.assertThat(rounds.criteria(roundId)).extracting(Criterion::weight)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("40"), new BigDecimal("35.5"), new BigDecimal("24.5"));
        Assertions.assertThat(rounds.reviewers(roundId)).containsExactly("jussi.makinen", "liisa.nieminen", "mikko.korhonen");

        Job opening = timer(instance, "Timer_CallOpens");
        Assertions.assertThat(opening.getDuedate().toInstant()).isEqualTo(OffsetDateTime.parse(OPENS).toInstant());
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(OPENS).toInstant().plusSeconds(1)));
        execute(opening);

        assertThat(instance).hasPassed("Task_PublishRound").isWaitingAt("Timer_CallCloses");
        Assertions.assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(GrantRound.Status.PUBLISHED);
        Assertions.assertThat(rounds.published()).extracting(GrantRound::id).contains(roundId);
        Job closing = timer(instance, "Timer_CallCloses");
        Assertions.assertThat(closing.getDuedate().toInstant()).isEqualTo(OffsetDateTime.parse(CLOSES).toInstant());
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(CLOSES).toInstant().plusSeconds(1)));
        execute(closing);

        assertThat(instance).hasPassedInOrder("StartEvent_RoundDrafted", "Task_ConfigureRound", "Timer_CallOpens",
                "Task_PublishRound", "Timer_CallCloses", "Task_CloseRound", "Gateway_ReviewComplete", "Gateway_JoinAllocation")
                .isWaitingAt("Task_ComputeProposal");
        Assertions.assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(GrantRound.Status.CLOSED);
        Assertions.assertThat(rounds.published()).extracting(GrantRound::id).doesNotContain(roundId);
    }

    @Test
    void invalidStartInputIsRefusedInEveryLanguageWithNothingStored() {
        String name = unique("Virheellinen haku");
        long instancesBefore = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("grantRound").count();

        Map<String, Object> closingFirst = startForm(name);
        closingFirst.put("closesAt", "2026-03-31T16:00");
        assertThatThrownBy(() -> start(closingFirst)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Haku päättyy: Haun päättymisajan on oltava sen avautumisajan jälkeen")
                .hasMessageContaining("Utlysningen stänger: Utlysningens sluttid måste vara efter öppningstiden")
                .hasMessageContaining("Call closes: The closing time of the call must be after its opening time");

        Map<String, Object> negativeBudget = startForm(name);
        negativeBudget.put("budget", "-50 000");
        assertThatThrownBy(() -> start(negativeBudget)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Määräraha: Summa ei voi olla negatiivinen.")
                .hasMessageContaining("Anslag: Beloppet kan inte vara negativt.")
                .hasMessageContaining("Budget: The sum cannot be negative.");

        Map<String, Object> moneyText = startForm(name);
        moneyText.put("budget", "viisikymmentä tuhatta");
        moneyText.put("maxAmount", "0");
        assertThatThrownBy(() -> start(moneyText)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Määräraha: Kirjoita summa euroina")
                .hasMessageContaining("Enimmäisavustus hakemusta kohden: Summan on oltava suurempi kuin nolla.")
                .hasMessageContaining("Budget: Enter the sum in euros");

        Map<String, Object> overBudget = startForm(name);
        overBudget.put("maxAmount", "60 000");
        overBudget.put("opensAt", "2026-03-29T03:30"); // clocks go forward in Helsinki: 03.00 → 04.00
        assertThatThrownBy(() -> start(overBudget)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Enimmäisavustus ei voi olla suurempi kuin haun määräraha.")
                .hasMessageContaining("Haku avautuu: Ajankohtaa 29.3.2026 3.30 ei ole Suomessa");

        Map<String, Object> missing = startForm(name);
        missing.remove("nameFi");
        missing.put("closesAt", "2026-03-19T16:00");
        missing.put("opensAt", null);
        assertThatThrownBy(() -> start(missing)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Haun nimi suomeksi: Tämä tieto on pakollinen.")
                .hasMessageContaining("Haku päättyy: Päättymisajan on oltava tulevaisuudessa.");

        Assertions.assertThat(jdbc.sql("select count(*) from grant_round where name_fi = ?").param(name).query(Long.class).single())
                .isZero();
        Assertions.assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("grantRound").count())
                .isEqualTo(instancesBefore);
    }

    @Test
    void startAcceptsEveryFormatOfTheDatetimeField() {
        // form-js sends "no_timezone" (local), "utc_offset" (the browser's offset) or "utc_normalized" (Z)
        Map<String, Object> variables = startForm(unique("Aikamuodot"));
        variables.put("opensAt", "2026-04-01T06:00Z");
        variables.put("closesAt", "2026-04-30T16:00+03:00");
        variables.put("budget", 50000);
        variables.put("maxAmount", 12500.5);
        ProcessInstance instance = start(variables);
        assertThat(instance).variables().containsEntry("opensAt", OPENS).containsEntry("closesAt", CLOSES)
                .containsEntry("budget", "50000.00").containsEntry("maxAmount", "12500.50");
    }

    @Test
    void configurationWhoseWeightsDoNotAddUpTo100IsRefusedAndTheTaskStaysOpen() {
        ProcessInstance instance = start(startForm(unique("Painot")));
        long roundId = roundId(instance);
        Task task = task(instance);

        assertThatThrownBy(() -> submit(task, configuration("""
                [{"nameFi": "Vaikuttavuus", "weight": "40"}, {"nameFi": "Toteutettavuus", "weight": "40"}]""")))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Arviointikriteerit: Painojen on oltava yhteensä 100 %, nyt ne ovat yhteensä 80 %.")
                .hasMessageContaining("Bedömningskriterier: Vikterna måste vara sammanlagt 100 %, nu är de sammanlagt 80 %.")
                .hasMessageContaining("Criteria: The weights must add up to 100 %; now they add up to 80 %.");

        assertThat(instance).isWaitingAt("Task_ConfigureRound");
        Assertions.assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
        Assertions.assertThat(rounds.criteria(roundId)).isEmpty();
        Assertions.assertThat(rounds.reviewers(roundId)).isEmpty();
        Assertions.assertThat(rounds.find(roundId).orElseThrow().decisionMakerUserId()).isNull();
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "criteria")).isNull();

        // the other rules of the configuration, all named at once
        Map<String, Object> wrong = configuration("[]");
        wrong.put("reviewers", SpinValues.jsonValue("[\"mikko.korhonen\", \"aino.virtanen\"]").create());
        wrong.put("reviewersPerApplication", 3);
        wrong.put("disagreementThreshold", "5.5");
        wrong.put("minimumScore", -1.0);
        wrong.put("decisionMaker", "mikko.korhonen");
        wrong.put("stateGrantConditions", " ");
        assertThatThrownBy(() -> submit(task, wrong)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Arvioijat: Valitse henkilö listalta (aino.virtanen ei ole valittavissa tähän).")
                .hasMessageContaining("Arvioijia hakemusta kohden: Anna kokonaisluku 1–2")
                .hasMessageContaining("Päättäjä: Valitse henkilö listalta (mikko.korhonen")
                .hasMessageContaining("Erimielisyyden raja: Anna luku väliltä 0–5")
                .hasMessageContaining("Vähimmäispisteet: Anna luku väliltä 0–5")
                .hasMessageContaining("Valtionavustuksen ehdot: Tämä tieto on pakollinen.")
                .hasMessageContaining("Arviointikriteerit: Anna vähintään yksi arviointikriteeri.");
        assertThatThrownBy(() -> submit(task, configuration("""
                [{"nameFi": "Vaikuttavuus", "weight": "60"}, {"nameFi": "Yhteistyö", "weight": "40.5"}]""")))
                .hasMessageContaining("nyt ne ovat yhteensä 100,5 %.").hasMessageContaining("now they add up to 100.5 %.");
        Map<String, Object> badRows = configuration("""
                [{"nameFi": "", "weight": "60"}, {"nameFi": "Toteutettavuus", "weight": "0"}, {"nameFi": "Kolmas", "weight": "40"}]""");
        assertThatThrownBy(() -> submit(task, badRows)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Kriteerin 1 nimi suomeksi puuttuu.")
                .hasMessageContaining("Kriteerin 2 painon on oltava positiivinen luku");
        // the same criteria rules as the score sheets (GrantRules): a criterion named twice is refused
        assertThatThrownBy(() -> submit(task, configuration("""
                [{"nameFi": "Vaikuttavuus", "weight": "50"}, {"nameFi": " vaikuttavuus ", "weight": "50"}]""")))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Kriteeri vaikuttavuus on annettu kahdesti.")
                .hasMessageContaining("Kriteriet vaikuttavuus har angetts två gånger.")
                .hasMessageContaining("Criterion vaikuttavuus is given twice.");
        assertThat(instance).isWaitingAt("Task_ConfigureRound");

        submit(task, configuration(CRITERIA));
        assertThat(instance).isWaitingAt("Timer_CallOpens");
        Assertions.assertThat(rounds.criteria(roundId)).hasSize(3);
    }

    @Test
    void anExtendedCallClosesAtItsNewDeadline() {
        ProcessInstance instance = start(startForm(unique("Jatkettu haku")));
        long roundId = roundId(instance);
        submit(task(instance), configuration(CRITERIA));
        // not yet published: nothing to extend
        java.time.ZonedDateTime extended = OffsetDateTime.parse(CLOSES).plusDays(7).atZoneSameInstant(fi.silta.web.Locales.HELSINKI);
        assertThatThrownBy(() -> service.extendCall(roundId, extended)).isInstanceOfSatisfying(InvalidInput.class,
                e -> Assertions.assertThat(e.errors()).extracting(InvalidInput.FieldError::messageKey).containsExactly("grants.round.notPublished"));
        execute(timer(instance, "Timer_CallOpens"));

        // an earlier or the same deadline is refused; a later one moves the record, the variable and the timer together
        assertThatThrownBy(() -> service.extendCall(roundId, extended.minusDays(7))).isInstanceOfSatisfying(InvalidInput.class,
                e -> Assertions.assertThat(e.errors()).extracting(InvalidInput.FieldError::messageKey).containsExactly("grants.round.extend.later"));
        service.extendCall(roundId, extended);
        Assertions.assertThat(rounds.find(roundId).orElseThrow().closesAt().toInstant()).isEqualTo(extended.toInstant());
        assertThat(instance).variables().containsEntry("closesAt", fi.silta.cases.Deadlines.iso(extended));
        Assertions.assertThat(timer(instance, "Timer_CallCloses").getDuedate().toInstant()).isEqualTo(extended.toInstant());

        // the old deadline passes: the call stays open on the portal and in the process
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(CLOSES).plusSeconds(1).toInstant()));
        Assertions.assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(GrantRound.Status.PUBLISHED);
        Assertions.assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).timers().executable().count()).isZero();
        ClockUtil.setCurrentTime(Date.from(extended.plusSeconds(1).toInstant()));
        execute(timer(instance, "Timer_CallCloses"));
        Assertions.assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(GrantRound.Status.CLOSED);
    }

    @Test
    void criteriaCannotChangeOnceTheCallIsPublished() {
        ProcessInstance instance = start(startForm(unique("Lukitut kriteerit")));
        long roundId = roundId(instance);
        submit(task(instance), configuration(CRITERIA));

        // while the round is being configured its criteria may still change (the same rules apply)
        assertThatThrownBy(() -> service.replaceCriteria(roundId, List.of(new NewCriterion("Vaikuttavuus", null, new BigDecimal("90")))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> Assertions.assertThat(e.errors())
                        .extracting(InvalidInput.FieldError::messageKey).containsExactly("grants.round.criteria.sum"));
        service.replaceCriteria(roundId, List.of(new NewCriterion("Vaikuttavuus", "Effekt", new BigDecimal("60")),
                new NewCriterion("Yhteistyö", "Samarbete", new BigDecimal("40"))));

        execute(timer(instance, "Timer_CallOpens"));
        Assertions.assertThat(rounds.find(roundId).orElseThrow().status()).isEqualTo(GrantRound.Status.PUBLISHED);

        assertThatThrownBy(() -> service.replaceCriteria(roundId, List.of(new NewCriterion("Uusi", null, new BigDecimal("100")))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> Assertions.assertThat(e.errors())
                        .extracting(InvalidInput.FieldError::messageKey).containsExactly("grants.round.criteria.frozen"));
        assertThatThrownBy(() -> rounds.replaceCriteria(roundId, List.of(new Criterion(0, roundId, 1, "Uusi", null, new BigDecimal("100")))))
                .isInstanceOf(IllegalStateException.class);
        Assertions.assertThat(rounds.criteria(roundId)).extracting(Criterion::nameFi).containsExactly("Vaikuttavuus", "Yhteistyö");
        Assertions.assertThat(rounds.criteria(roundId)).extracting(Criterion::weight)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("60"), new BigDecimal("40"));
    }

    @Test
    void frontPageListsPublishedCallsWithTheirCriteriaAndWeightsButNotOthers() {
        String publishedName = unique("Ruoka-apu 2026");
        ProcessInstance published = start(startForm(publishedName));
        submit(task(published), configuration(CRITERIA));
        execute(timer(published, "Timer_CallOpens"));

        String configuringName = unique("Keskeneräinen haku");
        start(startForm(configuringName));

        String closedName = unique("Päättynyt haku");
        ProcessInstance closed = start(startForm(closedName));
        submit(task(closed), configuration(CRITERIA));
        execute(timer(closed, "Timer_CallOpens"));
        execute(timer(closed, "Timer_CallCloses"));
        assertThat(closed).as("no application to wait for: straight to the allocation").isWaitingAt("Task_ComputeProposal");

        HttpResponse<String> finnish = new StaffClient(port).get("/");
        Assertions.assertThat(finnish.statusCode()).isEqualTo(200);
        String page = finnish.body().replace('\u00a0', ' ');
        Assertions.assertThat(page).contains(publishedName, "Avustusta pienille yhdistyksille.", "Hakuaika päättyy",
                "30.4.2026 klo 16.00", "Jaettava määräraha", "50 000 €", "12 500,50 €", "Aino Virtanen",
                "mailto:aino.virtanen@pohde.example", "Arviointikriteerit ja niiden painot", "<dt>Vaikuttavuus</dt>",
                "<dd>40 %</dd>", "<dt>Toteutettavuus</dt>", "<dd>35,5 %</dd>", "<dt>Yhteistyö kuntien kanssa</dt>", "<dd>24,5 %</dd>",
                "Valtionavustuksen ehdot", "Ruoka-apu: avustus käytetään elintarvikkeisiin", "Yksi hakemus järjestöä kohden")
                .doesNotContain(configuringName).doesNotContain(closedName);

        String swedish = new StaffClient(port).get("/?lang=sv").body().replace('\u00a0', ' ');
        Assertions.assertThat(swedish).contains(publishedName + " på svenska", "30.4.2026 kl. 16.00", "<dt>Effekt</dt>",
                "<dd>35,5 %</dd>", "50 000 €", "Bedömningskriterier och deras vikter").doesNotContain(configuringName);

        String english = new StaffClient(port).get("/?lang=en").body();
        Assertions.assertThat(english).contains(publishedName, "<dd>35.5%</dd>", "€50,000", "€12,500.50", "Criteria and their weights");
    }

    // --- helpers: what Tasklist sends ---

    /** The start form as Tasklist submits it: texts, money as typed, form-js datetime values without a zone. */
    private static Map<String, Object> startForm(String name) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("nameFi", name);
        variables.put("nameSv", name + " på svenska");
        variables.put("descriptionFi", "Avustusta pienille yhdistyksille.\nHaku on avoin kaikille alueen järjestöille.");
        variables.put("descriptionSv", "Understöd för små föreningar.");
        variables.put("budget", "50 000");
        variables.put("maxAmount", "12 500,50 €");
        variables.put("opensAt", "2026-04-01T09:00");
        variables.put("closesAt", "2026-04-30T16:00");
        return variables;
    }

    /** The configuration form as Tasklist submits it: checklist and dynamic list as JSON, numbers as Integer or text. */
    private static Map<String, Object> configuration(String criteriaJson) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("contactPerson", COORDINATOR);
        variables.put("reviewers", SpinValues.jsonValue("[\"mikko.korhonen\", \"liisa.nieminen\", \"jussi.makinen\"]").create());
        variables.put("reviewersPerApplication", 2);
        variables.put("decisionMaker", "helena.hamalainen");
        variables.put("disagreementThreshold", "1.5");
        variables.put("minimumScore", "2.75");
        variables.put("multipleApplications", false);
        variables.put("stateGrant", true);
        variables.put("stateGrantConditions", "Ruoka-apu: avustus käytetään elintarvikkeisiin ja niiden jakeluun.");
        variables.put("criteria", SpinValues.jsonValue(criteriaJson).create());
        return variables;
    }

    /** Starts a round as the coordinator does in Tasklist (start form submitted as her). */
    private ProcessInstance start(Map<String, Object> variables) {
        String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey("grantRound")
                .latestVersion().singleResult().getId();
        identityService.setAuthentication(COORDINATOR, List.of("coordinators"));
        try {
            return formService.submitStartForm(definitionId, variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private void submit(Task task, Map<String, Object> variables) {
        identityService.setAuthentication(COORDINATOR, List.of("coordinators"));
        try {
            formService.submitTaskForm(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private long roundId(ProcessInstance instance) {
        return ((Number) runtimeService.getVariable(instance.getId(), "roundId")).longValue();
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

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
