package fi.silta.negotiations;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.silta.cases.CaseAccess;
import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseFileService;
import fi.silta.cases.CaseKind;
import fi.silta.organisations.Organisation;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.web.Locales;

/**
 * Every path of hyteNegotiationCycle, started as Tasklist sends its start form (or by its yearly timer, run by hand at
 * the instant it is due), the negotiations' ends simulated as hyteNegotiation's model tells the cycle
 * ({@code ${hyteNegotiationDone}}, which marks the negotiation and correlates HyteNegotiationDone): all done → summary;
 * grouped municipalities (and the group's contacts reach the case); closed early with a reason; the yearly timer; a
 * municipality outside the county refused; two coordinators starting one year at the same instant; planted variables.
 */
@SiltaIntegrationTest
class HyteCycleProcessTest {

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired FilterService filterService;
    @Autowired HyteCycles cycles;
    @Autowired HyteCycleRepository repository;
    @Autowired HyteSummaries summaries;
    @Autowired HyteMemos memos;
    @Autowired HyteYearlyStart yearly;
    @Autowired OrganisationRepository organisations;
    @Autowired CaseFileService caseFiles;
    @Autowired CaseAccess caseAccess;
    @Autowired HyteCycleFixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired fi.silta.cases.documents.DocumentRenderer renderer;
    @Autowired fi.silta.cases.documents.DocumentService documentService;
    @Autowired org.springframework.context.MessageSource messageSource;
    @Autowired org.springframework.context.ApplicationContext context;

    int year;

    @BeforeEach
    void setUp() {
        init(processEngine);
        year = fixtures.freshYear();
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void everyNegotiationDoneLeadsToTheSummaryInFinnishAndSwedish() {
        ProcessInstance instance = fixtures.start(HyteCycleFixtures.startForm(year));
        HyteCycle cycle = cycles.byYear(year).orElseThrow();
        assertThat(instance).hasBusinessKey("HYTE-" + year).isWaitingAt("Task_OpenNegotiations");
        Assertions.assertThat(cycle.status()).isEqualTo(HyteCycle.Status.OPEN);
        Assertions.assertThat(cycle.createdBy()).isEqualTo(HyteCycleFixtures.HYTE_COORDINATOR);
        Assertions.assertThat(cycle.windowStart()).hasToString(year + "-03-01");
        Assertions.assertThat(cycle.inputDeadline().toInstant()).hasToString(year + "-02-22T14:00:00Z");

        openNegotiations(instance);
        List<Organisation> county = organisations.municipalitiesOf(cycles.countyCode());
        List<HyteNegotiationRow> negotiations = cycles.negotiations(cycle);
        Assertions.assertThat(negotiations).hasSize(county.size()).hasSizeGreaterThan(20);
        Assertions.assertThat(negotiations).allSatisfy(n -> {
            Assertions.assertThat(n.municipalities()).hasSize(1);
            CaseFile caseFile = caseFiles.byReference(n.caseReference()).orElseThrow();
            Assertions.assertThat(caseFile.kind()).isEqualTo(CaseKind.HYTE_NEGOTIATION);
            Assertions.assertThat(caseFile.organisationId()).isEqualTo(n.municipalities().get(0));
            Assertions.assertThat(n.caseReference()).startsWith("HN-" + year + "-");
            ProcessInstance negotiation = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(n.caseReference())
                    .processDefinitionKey("hyteNegotiation").singleResult();
            Assertions.assertThat(negotiation).isNotNull();
            Assertions.assertThat(runtimeService.getVariable(negotiation.getId(), "hyteCycleKey")).isEqualTo("HYTE-" + year);
        });
        Assertions.assertThat(negotiations).extracting(n -> n.municipalities().get(0))
                .containsExactlyInAnyOrderElementsOf(county.stream().map(Organisation::id).toList());
        assertThat(instance).isWaitingAt("Task_GroupStatement", "Event_AwaitNegotiationDone");

        // the NGO cooperation group's statement: the liaisons' task, due at the input deadline, stored with the cycle
        Task statement = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_GroupStatement")
                .singleResult();
        assertThat(statement).hasCandidateGroup("liaisons");
        Assertions.assertThat(statement.getDueDate().toInstant()).isEqualTo(cycle.inputDeadline().toInstant());
        // the liaison's "Hyte-neuvottelut" filter lists it
        var filter = filterService.createTaskFilterQuery().filterName("Hyte-neuvottelut").singleResult();
        Assertions.assertThat(filter).as("filter Hyte-neuvottelut").isNotNull();
        identityService.setAuthentication(HyteCycleFixtures.LIAISON, List.of("liaisons"));
        try {
            Assertions.assertThat(filterService.list(filter.getId())).extracting(t -> ((Task) t).getId()).contains(statement.getId());
        } finally {
            identityService.clearAuthentication();
        }
        assertThatThrownBy(() -> completeAs(HyteCycleFixtures.LIAISON, "liaisons", statement, Map.of("statement", " ")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Lausunto");
        completeAs(HyteCycleFixtures.LIAISON, "liaisons", statement, Map.of("statement", "Järjestöt toivovat yhteistä foorumia."));
        Assertions.assertThat(cycles.byYear(year).orElseThrow().groupStatement()).isEqualTo("Järjestöt toivovat yhteistä foorumia.");
        Assertions.assertThat(cycles.byYear(year).orElseThrow().groupStatementBy()).isEqualTo(HyteCycleFixtures.LIAISON);

        // every negotiation but the last ends: the cycle keeps waiting
        for (HyteNegotiationRow n : negotiations.subList(0, negotiations.size() - 1)) {
            cycles.negotiationDone(n.caseReference());
        }
        cycles.negotiationDone(negotiations.get(0).caseReference()); // told twice: nothing more happens
        assertThat(instance).isWaitingAt("Event_AwaitNegotiationDone");
        Assertions.assertThat(repository.openNegotiations(cycle.id())).isEqualTo(1);
        cycles.negotiationDone(negotiations.get(negotiations.size() - 1).caseReference());

        assertThat(instance).hasPassed("End_AllDone", "Task_ComposeSummary").isEnded();
        HyteCycle done = cycles.byYear(year).orElseThrow();
        Assertions.assertThat(done.status()).isEqualTo(HyteCycle.Status.COMPLETED);
        var documents = summaries.stored(done);
        Assertions.assertThat(documents).extracting(d -> d.slot()).containsExactlyInAnyOrder("summary-fi", "summary-sv");
        Assertions.assertThat(documents).extracting(d -> d.fileName())
                .containsExactlyInAnyOrder("hyte-yhteenveto-" + year + ".pdf", "hyte-sammandrag-" + year + ".pdf");
        Assertions.assertThat(documents).allSatisfy(d -> Assertions.assertThat(d.contentType()).isEqualTo("application/pdf"));
        // no meeting or memo yet (H3/H4 not there): the summary says so rather than failing
        Assertions.assertThat(summaries.entries(done, Locales.FINNISH)).hasSize(negotiations.size())
                .allSatisfy(e -> Assertions.assertThat(e.meetingDate()).isNull());
    }

    @Test
    void groupedMunicipalitiesShareOneNegotiationWhoseEveryMunicipalityReachesIt() {
        Map<String, Object> form = HyteCycleFixtures.startForm(year);
        form.put("grouping", "groups");
        form.put("groups", "Oulu, Kempele\nLiminka; Muhos, tyrnävä\n");
        ProcessInstance instance = fixtures.start(form);
        openNegotiations(instance);
        HyteCycle cycle = cycles.byYear(year).orElseThrow();
        List<HyteNegotiationRow> negotiations = cycles.negotiations(cycle);
        int county = organisations.municipalitiesOf(cycles.countyCode()).size();
        Assertions.assertThat(negotiations).hasSize(county - 5 + 2);
        Organisation oulu = municipality("Oulu");
        Organisation kempele = municipality("Kempele");
        HyteNegotiationRow group = negotiations.get(0);
        Assertions.assertThat(group.municipalities()).containsExactly(oulu.id(), kempele.id());
        Assertions.assertThat(group.title()).isEqualTo("Hyte-neuvottelu " + year + ": Oulu, Kempele");
        Assertions.assertThat(negotiations.get(1).municipalities()).containsExactly(municipality("Liminka").id(),
                municipality("Muhos").id(), municipality("Tyrnävä").id());
        CaseFile groupCase = caseFiles.byReference(group.caseReference()).orElseThrow();
        Assertions.assertThat(groupCase.organisationId()).isEqualTo(oulu.id());

        // the group's other municipality's verified contact sees and may act on the case; another municipality's may not
        String kempeleContact = fixtures.verifiedContact(kempele.id());
        String raaheContact = fixtures.verifiedContact(municipality("Raahe").id());
        Assertions.assertThat(caseAccess.isVerifiedMember(kempeleContact, groupCase)).isTrue();
        Assertions.assertThat(caseAccess.isVerifiedMember(raaheContact, groupCase)).isFalse();
        Assertions.assertThat(caseAccess.casesOfOrganisation(kempele.id())).extracting(CaseFile::reference).contains(group.caseReference());

        for (HyteNegotiationRow n : negotiations) {
            cycles.negotiationDone(n.caseReference());
        }
        assertThat(instance).isWaitingAt("Task_GroupStatement");
        Task statement = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        completeAs(HyteCycleFixtures.LIAISON, "liaisons", statement, Map.of("statement", "Lausunto."));
        assertThat(instance).isEnded().hasPassed("Task_ComposeSummary");
    }

    @Test
    void closedEarlyWithAReasonEndsTheWaitAndMakesTheSummary() {
        ProcessInstance instance = fixtures.start(HyteCycleFixtures.startForm(year));
        // not while the negotiations are still being opened: refused, nothing changed
        assertThatThrownBy(() -> cycles.closeEarly(year, "Syy", HyteCycleFixtures.HYTE_COORDINATOR))
                .isInstanceOfSatisfying(fi.silta.web.InvalidInput.class,
                        e -> Assertions.assertThat(e.errors().get(0).messageKey()).isEqualTo("hyte.cycle.notYetOpen"));
        Assertions.assertThat(cycles.byYear(year).orElseThrow().status()).isEqualTo(HyteCycle.Status.OPEN);
        openNegotiations(instance);
        List<HyteNegotiationRow> negotiations = cycles.negotiations(cycles.byYear(year).orElseThrow());
        cycles.negotiationDone(negotiations.get(0).caseReference());
        assertThatThrownBy(() -> cycles.closeEarly(year, "  ", HyteCycleFixtures.HYTE_COORDINATOR)).isInstanceOf(fi.silta.web.InvalidInput.class);
        Assertions.assertThat(cycles.byYear(year).orElseThrow().status()).isEqualTo(HyteCycle.Status.OPEN);

        cycles.closeEarly(year, "Aluehallitus tarvitsee yhteenvedon kesäkuussa.", HyteCycleFixtures.HYTE_COORDINATOR);

        assertThat(instance).hasPassed("Boundary_ClosedEarly", "Task_ComposeSummary").hasNotPassed("End_AllDone").isEnded();
        HyteCycle closed = cycles.byYear(year).orElseThrow();
        Assertions.assertThat(closed.status()).isEqualTo(HyteCycle.Status.CLOSED_EARLY);
        Assertions.assertThat(closed.closedReason()).isEqualTo("Aluehallitus tarvitsee yhteenvedon kesäkuussa.");
        Assertions.assertThat(closed.closedBy()).isEqualTo(HyteCycleFixtures.HYTE_COORDINATOR);
        Assertions.assertThat(summaries.stored(closed)).hasSize(2);
        Assertions.assertThat(summaries.entries(closed, Locales.FINNISH)).filteredOn(HyteSummaries.Entry::done).hasSize(1);
        // a negotiation ending later is recorded; no cycle waits any more, nothing fails
        cycles.negotiationDone(negotiations.get(1).caseReference());
        Assertions.assertThat(repository.openNegotiations(closed.id())).isEqualTo(negotiations.size() - 2);
        // closing again is refused
        assertThatThrownBy(() -> cycles.closeEarly(year, "Uudelleen", HyteCycleFixtures.HYTE_COORDINATOR))
                .isInstanceOf(fi.silta.web.InvalidInput.class);
    }

    @Test
    void theYearlyTimerGivesTheCoordinatorTheSameChoicesAsATask() {
        yearly.sync();
        Job timer = yearly.timer();
        Assertions.assertThat(timer).isNotNull();
        // due on the configured day (silta.hyte.yearly-start, 15 January) at 08.00 Helsinki time
        Assertions.assertThat(timer.getDuedate().toInstant())
                .isEqualTo(ZonedDateTime.of(year, 1, 15, 8, 0, 0, 0, Locales.HELSINKI).toInstant());
        ClockUtil.setCurrentTime(timer.getDuedate());
        managementService.executeJob(timer.getId());

        ProcessInstance yearlyInstance = runtimeService.createProcessInstanceQuery().processDefinitionKey(HyteCycles.YEARLY_PROCESS_KEY)
                .activityIdIn("Task_ConfigureCycle").singleResult();
        assertThat(yearlyInstance).hasPassed("Timer_YearlyStart", "Task_CheckYear").isWaitingAt("Task_ConfigureCycle");
        Task configure = taskService.createTaskQuery().processInstanceId(yearlyInstance.getId()).singleResult();
        assertThat(configure).hasCandidateGroup("hyteCoordinators");
        Assertions.assertThat(taskService.getVariableLocal(configure.getId(), "year")).isEqualTo(year);
        Assertions.assertThat((String) taskService.getVariableLocal(configure.getId(), "municipalityList")).contains("Oulu", "Kempele");
        // the next yearly start is due a year later
        Assertions.assertThat(yearly.timer().getDuedate().toInstant())
                .isEqualTo(ZonedDateTime.of(year + 1, 1, 15, 8, 0, 0, 0, Locales.HELSINKI).toInstant());

        Map<String, Object> form = HyteCycleFixtures.startForm(year);
        form.put("grouping", "groups");
        form.put("groups", "Oulu, Kiuruvesi");
        assertThatThrownBy(() -> completeAs(HyteCycleFixtures.HYTE_COORDINATOR, "hyteCoordinators", configure, form))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Kiuruvesi on hyvinvointialueen ulkopuolinen kunta");
        Assertions.assertThat(cycles.byYear(year)).isEmpty();
        assertThat(yearlyInstance).isWaitingAt("Task_ConfigureCycle");
        completeAs(HyteCycleFixtures.HYTE_COORDINATOR, "hyteCoordinators", configure, HyteCycleFixtures.startForm(year));
        assertThat(yearlyInstance).hasPassed("End_CycleHandedOver").isEnded();
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("HYTE-" + year).singleResult();
        assertThat(instance).hasPassed("StartEvent_YearlyConfigured").isWaitingAt("Task_OpenNegotiations");
        Assertions.assertThat(cycles.byYear(year).orElseThrow().createdBy()).isEqualTo(HyteCycleFixtures.HYTE_COORDINATOR);
        openNegotiations(instance);
        assertThat(instance).isWaitingAt("Task_GroupStatement", "Event_AwaitNegotiationDone");

        // the timer firing again in a year whose cycle exists starts nothing
        Job next = yearly.timer();
        ClockUtil.setCurrentTime(java.util.Date.from(ZonedDateTime.of(year, 6, 1, 12, 0, 0, 0, Locales.HELSINKI).toInstant()));
        managementService.executeJob(next.getId());
        Assertions.assertThat(processEngine.getHistoryService().createHistoricActivityInstanceQuery().activityId("End_AlreadyStarted")
                .list()).isNotEmpty();
        Assertions.assertThat(repository.all(cycles.countyCode()).stream().filter(c -> c.year() == year)).hasSize(1);
    }

    @Test
    void aMunicipalityOutsideTheCountyIsRefusedInThreeLanguagesAndNothingIsStored() {
        Map<String, Object> form = HyteCycleFixtures.startForm(year);
        form.put("grouping", "groups");
        form.put("groups", "Oulu, Jyväskylä\nEi-kunta");
        long instancesBefore = runtimeService.createProcessInstanceQuery().processDefinitionKey(HyteCycles.PROCESS_KEY).count();
        assertThatThrownBy(() -> fixtures.start(form)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Jyväskylä on hyvinvointialueen ulkopuolinen kunta")
                .hasMessageContaining("Jyväskylä är en kommun utanför välfärdsområdet")
                .hasMessageContaining("Jyväskylä is a municipality outside the county")
                .hasMessageContaining("Ei-kunta");
        Assertions.assertThat(cycles.byYear(year)).isEmpty();
        Assertions.assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(HyteCycles.PROCESS_KEY).count())
                .isEqualTo(instancesBefore);
        // other choices refused too: a window outside the year, a deadline after the window
        Map<String, Object> wrong = HyteCycleFixtures.startForm(year);
        wrong.put("windowEnd", (year + 1) + "-01-10");
        wrong.put("inputDeadline", year + "-12-20T16:00");
        wrong.put("year", year + 5);
        assertThatThrownBy(() -> fixtures.start(wrong)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Vuoden on oltava " + year + " tai " + (year + 1));
        Assertions.assertThat(cycles.byYear(year)).isEmpty();
    }

    @Test
    void twoCoordinatorsStartingTheSameYearAtOnceGetOneCycle() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            results.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                try {
                    return fixtures.start(HyteCycleFixtures.startForm(year)).getId();
                } catch (ProcessEngineException refused) {
                    return "refused: " + refused.getMessage();
                }
            }));
        }
        ready.await();
        go.countDown();
        List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
        for (Future<String> result : results) {
            outcomes.add(result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        Assertions.assertThat(outcomes).filteredOn(o -> !o.startsWith("refused")).hasSize(1);
        Assertions.assertThat(outcomes).filteredOn(o -> o.startsWith("refused")).singleElement().asString()
                .contains("Vuoden " + year + " hyte-neuvottelukierros on jo aloitettu");
        Assertions.assertThat(jdbc.sql("select count(*) from hyte_cycle where cycle_year = ?").param(year).query(Long.class).single())
                .isEqualTo(1);
        Assertions.assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("HYTE-" + year).count()).isEqualTo(1);
        // and a third, later: refused the same way
        assertThatThrownBy(() -> fixtures.start(HyteCycleFixtures.startForm(year))).hasMessageContaining("on jo aloitettu");
    }

    @Test
    void variablesPlantedByAFormChangeNeitherTheCycleNorItsBusinessKey() {
        int other = year + 1;
        Map<String, Object> form = HyteCycleFixtures.startForm(year);
        form.put("caseReference", "HYTE-" + other);
        form.put("cycleYear", other);
        form.put("yearTaken", true);
        ProcessInstance instance = fixtures.startAs(HyteCycleFixtures.HYTE_COORDINATOR, "HYTE-" + other, form);
        assertThat(instance).hasBusinessKey("HYTE-" + year);
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "caseReference")).isEqualTo("HYTE-" + year);
        openNegotiations(instance);
        Task statement = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        // the liaison's form plants a business key and another year: the statement still goes to this cycle
        completeAs(HyteCycleFixtures.LIAISON, "liaisons", statement, Map.of("statement", "Oikea lausunto.", "cycleYear", other,
                "caseReference", "HYTE-1999"));
        Assertions.assertThat(cycles.byYear(year).orElseThrow().groupStatement()).isEqualTo("Oikea lausunto.");
        Assertions.assertThat(cycles.byYear(other)).isEmpty();
        // a planted "all done" does not end the wait: the count comes from the table
        runtimeService.setVariable(instance.getId(), "openNegotiations", 0);
        runtimeService.createMessageCorrelation(HyteCycles.NEGOTIATION_DONE).processInstanceBusinessKey("HYTE-" + year).correlate();
        assertThat(instance).isWaitingAt("Event_AwaitNegotiationDone");
        // a hyte coordinator may not wake or close the cycle by a message of their own (as /engine-rest/message would): the
        // early close goes through the staff page, which records the reason first
        for (String message : List.of(HyteCycles.CLOSED_EARLY, HyteCycles.NEGOTIATION_DONE)) {
            assertThatThrownBy(() -> {
                identityService.setAuthentication(HyteCycleFixtures.HYTE_COORDINATOR, List.of("hyteCoordinators"));
                try {
                    runtimeService.createMessageCorrelation(message).processInstanceBusinessKey("HYTE-" + year).correlate();
                } finally {
                    identityService.clearAuthentication();
                }
            }).isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
        }
        assertThat(instance).isWaitingAt("Event_AwaitNegotiationDone");
        // a hyte coordinator may not start the negotiation model itself
        assertThatThrownBy(() -> {
            identityService.setAuthentication(HyteCycleFixtures.HYTE_COORDINATOR, List.of("hyteCoordinators"));
            try {
                runtimeService.startProcessInstanceByKey("hyteNegotiation", Map.of("caseReference", "HN-1"));
            } finally {
                identityService.clearAuthentication();
            }
        }).isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    }

    /**
     * The summary with what H3 and H4 will record (their services' answers stood in for here): per negotiation the
     * meeting's date and participants, the goals and the measures with owner, due date and status, in Finnish and Swedish;
     * a negotiation with nothing recorded says so.
     */
    @Test
    void theSummaryShowsMeetingsGoalsAndMeasuresWhereRecordedAndSaysWhereNot() throws Exception {
        ProcessInstance instance = fixtures.start(HyteCycleFixtures.startForm(year));
        openNegotiations(instance);
        HyteCycle cycle = cycles.byYear(year).orElseThrow();
        List<HyteNegotiationRow> negotiations = cycles.negotiations(cycle);
        long first = negotiations.get(0).id();
        Organisation firstMunicipality = organisations.find(negotiations.get(0).municipalities().get(0)).orElseThrow();
        // the meeting as HyteMeetings reads it back (scheduling itself is the negotiation's tests' part)
        HyteMeetings meetings = new HyteMeetings(null, null, null, null, null, null, null, null, null) {
            @Override
            public java.util.Optional<MeetingView> current(long negotiationId) {
                java.time.OffsetDateTime starts = java.time.OffsetDateTime.parse(year + "-03-10T09:00:00+02:00");
                return negotiationId != first ? java.util.Optional.empty() : java.util.Optional.of(new MeetingView(new Meeting(1, first,
                        "uid", 0, starts, starts.plusHours(2), "Kaupungintalo", null, Status.SCHEDULED, "Timo Laine", "timo.laine@pohde.example",
                        "timo.laine", starts, null, null), List.of(new Participant(Side.COUNTY, "Timo Laine", "timo.laine@pohde.example"),
                        new Participant(Side.MUNICIPALITY, null, "kunta@kunta.example"))));
            }
        };
        // the memo as the coordinator records it (HyteMemos), its measures' statuses as their owners update them
        memos.save(first, new HyteMemos.MemoInput("Liikkumattomuus vähenee.", "Yhteinen foorumi", "Kuukausikirje", List.of(
                new HyteMemos.MeasureInput("Liikuntaneuvonta kouluille", HyteMemos.OwnerKind.COUNTY, null,
                        java.time.LocalDate.of(year, 9, 30), "osuus"),
                new HyteMemos.MeasureInput("Järjestöjen tilat", HyteMemos.OwnerKind.MUNICIPALITY, firstMunicipality.id(),
                        java.time.LocalDate.of(year, 12, 31), null))), "timo.laine");
        List<HyteMemos.Measure> recordedMeasures = memos.measures(first);
        memos.updateMeasure(recordedMeasures.get(0).id(), HyteMemos.MeasureStatus.IN_PROGRESS, "Kolme koulua mukana", "timo.laine");
        memos.updateMeasure(recordedMeasures.get(1).id(), HyteMemos.MeasureStatus.LATE, "Tilat remontissa", "timo.laine");
        HyteSummaries withRecords = new HyteSummaries(repository, new HyteSummarySources(meetings, memos), organisations,
                renderer, documentService, messageSource);
        List<HyteSummaries.Entry> entries = withRecords.entries(cycle, Locales.FINNISH);
        HyteSummaries.Entry recorded = entries.get(0);
        Assertions.assertThat(recorded.meetingDate()).isEqualTo("10.3." + year + " klo 09.00");
        Assertions.assertThat(recorded.participants()).containsExactly("Timo Laine", "kunta@kunta.example");
        Assertions.assertThat(recorded.goals()).isEqualTo("Liikkumattomuus vähenee.");
        Assertions.assertThat(recorded.measures()).extracting(HyteSummaries.Measure::text, HyteSummaries.Measure::owner,
                HyteSummaries.Measure::dueDate, HyteSummaries.Measure::status).containsExactly(
                        Assertions.tuple("Liikuntaneuvonta kouluille", "Hyvinvointialue", "30.9." + year, "Kesken"),
                        Assertions.tuple("Järjestöjen tilat", firstMunicipality.name(), "31.12." + year, "Myöhässä"));
        Assertions.assertThat(entries.get(1).goals()).isNull();
        Assertions.assertThat(withRecords.entries(cycle, Locales.SWEDISH).get(0).measures().get(1).status()).isEqualTo("Försenad");
        for (java.util.Locale locale : List.of(Locales.FINNISH, Locales.SWEDISH)) {
            byte[] pdf = withRecords.pdf(cycle, locale);
            Assertions.assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
                Assertions.assertThat(text).contains("Liikuntaneuvonta kouluille", "Liikkumattomuus vähenee.",
                        locale == Locales.FINNISH ? "Muistiota ei ole vielä kirjattu." : "Promemorian har ännu inte förts in.");
            }
        }
    }

    @Test
    void theModelKeepsSiltasConventions() {
        var consistency = new fi.silta.models.ModelConsistency(java.nio.file.Path.of("forms"), java.nio.file.Path.of("src/main/resources/templates/mail"),
                Map.of("fi", fi.silta.models.ModelConsistency.bundle("/i18n/messages.properties"),
                        "sv", fi.silta.models.ModelConsistency.bundle("/i18n/messages_sv.properties"),
                        "en", fi.silta.models.ModelConsistency.bundle("/i18n/messages_en.properties")),
                java.util.Arrays.stream(CaseKind.values()).map(CaseKind::processKey).collect(java.util.stream.Collectors.toSet()),
                context::containsBean);
        java.nio.file.Path model = java.nio.file.Path.of("processes/hyteNegotiationCycle.bpmn");
        Assertions.assertThat(consistency.problems(model)).isEmpty();
        Assertions.assertThat(consistency.rows(model).stream().filter(r -> r.form() != null)).hasSize(3);
    }

    private void openNegotiations(ProcessInstance instance) {
        Job job = managementService.createJobQuery().processInstanceId(instance.getId()).activityId("Task_OpenNegotiations").singleResult();
        Assertions.assertThat(job).as("the asynchronous opening of the negotiations").isNotNull();
        managementService.executeJob(job.getId());
    }

    private Organisation municipality(String name) {
        return organisations.municipalitiesOf(cycles.countyCode()).stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    private void completeAs(String user, String group, Task task, Map<String, Object> variables) {
        identityService.setAuthentication(user, List.of(group));
        try {
            processEngine.getFormService().submitTaskForm(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }
}
