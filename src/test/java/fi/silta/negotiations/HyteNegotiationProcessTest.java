package fi.silta.negotiations;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
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
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import fi.silta.cases.CaseFileService;
import fi.silta.cases.OutsiderTasks;
import fi.silta.negotiations.HyteTestNegotiations.TestNegotiation;
import fi.silta.portal.PortalSecurityConfig;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.web.InvalidInput;

/**
 * Every path of hyteNegotiation's part up to the memo (H3), the memo's services being H4's: the normal path from the
 * background to the approved memo and the message to the cycle; background late (remind again with a new deadline,
 * then proceed without); the memo's change loop; the meeting moved and cancelled, with refusals that change nothing.
 */
@SiltaIntegrationTest
class HyteNegotiationProcessTest {

    /** Monday 4 January 2027, 12.00 Helsinki time. */
    static final Instant NOW = Instant.parse("2027-01-04T10:00:00Z");
    static final OffsetDateTime BACKGROUND_DEADLINE = OffsetDateTime.parse("2027-01-29T16:00:00+02:00");
    static final LocalDate WINDOW_START = LocalDate.of(2027, 1, 1);
    static final LocalDate WINDOW_END = LocalDate.of(2027, 5, 31);

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired RepositoryService repositoryService;
    @Autowired IdentityService identityService;
    @Autowired HyteTestNegotiations negotiations;
    @Autowired HyteBackgrounds backgrounds;
    @Autowired HyteMeetings meetings;
    @Autowired HyteMemos memos;
    @Autowired OutsiderTasks outsiderTasks;
    @Autowired CaseFileService caseFiles;
    @Autowired JdbcClient jdbc;
    @Autowired fi.silta.organisations.MunicipalityContacts municipalityContacts;
    @Autowired HyteNegotiationSection section;
    @Autowired org.thymeleaf.spring6.SpringTemplateEngine templates;

    @BeforeEach
    void setUp() {
        init(processEngine);
        ClockUtil.setCurrentTime(Date.from(NOW));
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void aContactVerifiedWhileTheBackgroundWaitsGetsItsRequestToo() {
        TestNegotiation n = open();
        ProcessInstance instance = instance(n);
        runJob(instance);
        assertThat(instance).isWaitingAt("Task_GiveBackground");
        // every verified contact of the municipality so far (other tests' contacts of the same municipality among them)
        List<String> asked = mails("hyte-background-requested", n.caseReference());
        Assertions.assertThat(asked).contains(n.contactEmail()).doesNotHaveDuplicates();
        // a hyte coordinator adds the municipality's new contact: the request reaches them at once, nobody else again
        String newcomer = "uusi-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@kunta.example";
        municipalityContacts.addContact(n.municipalityId(), new fi.silta.organisations.OrganisationService.NewContact(
                "Uusi Yhteyshenkilö", newcomer, null, "sv"), "timo.laine");
        List<String> expected = new java.util.ArrayList<>(asked);
        expected.add(newcomer);
        Assertions.assertThat(mails("hyte-background-requested", n.caseReference())).containsExactlyElementsOf(expected);
        // once the background is given, a contact verified later gets no request
        giveBackground(n);
        municipalityContacts.addContact(n.municipalityId(), new fi.silta.organisations.OrganisationService.NewContact(
                "Myöhäinen Yhteyshenkilö", "myohainen-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@kunta.example",
                null, "fi"), "timo.laine");
        Assertions.assertThat(mails("hyte-background-requested", n.caseReference())).containsExactlyElementsOf(expected);
    }

    @Test
    void normalPathFromBackgroundToTheApprovedMemoTellsTheCycle() {
        TestNegotiation n = open();
        // the cycle's process as H2 draws it waits for the message; a probe with the cycle's business key stands in
        var deployment = repositoryService.createDeployment().name("hyte-done-probe").addModelInstance("hyteDoneProbe.bpmn",
                Bpmn.createExecutableProcess("hyteDoneProbe").camundaHistoryTimeToLive(1).startEvent()
                        .intermediateCatchEvent("Event_Done").message("HyteNegotiationDone").userTask("Task_Seen").endEvent().done())
                .deploy();
        try {
            ProcessInstance probe = runtimeService.startProcessInstanceByKey("hyteDoneProbe", n.cycleKey());
            ProcessInstance instance = instance(n);
            assertThat(instance).hasBusinessKey(n.caseReference()).isWaitingAt("Task_RequestBackground");
            runJob(instance);
            assertThat(instance).isWaitingAt("Task_GiveBackground");
            Task give = task(instance);
            assertThat(give).hasCandidateGroup("external");
            Assertions.assertThat(give.getDueDate().toInstant()).isEqualTo(BACKGROUND_DEADLINE.toInstant());
            Assertions.assertThat(timer(instance, "Timer_BackgroundReminder").getDuedate().toInstant())
                    .isEqualTo(OffsetDateTime.parse("2027-01-26T16:00:00+02:00").toInstant());
            Assertions.assertThat(mails("hyte-background-requested", n.caseReference())).filteredOn(n.contactEmail()::equals).hasSize(1);

            giveBackground(n);
            assertThat(instance).isWaitingAt("Task_DraftAgenda");
            // a cycle's many negotiations are told apart in Tasklist's list: the case and its municipality in the name
            Assertions.assertThat(task(instance).getName())
                    .isEqualTo("Laadi neuvottelun asialista: " + n.caseReference() + ", " + n.municipalityName());
            var background = backgrounds.find(n.negotiationId()).orElseThrow();
            Assertions.assertThat(background.keyPoints()).isEqualTo("Nuorten yksinäisyys kasvaa.");
            Assertions.assertThat(background.givenBy()).isEqualTo(n.contactEmail());

            draftAgenda(instance);
            scheduleMeeting(instance, "10.3.2027 klo 9.00", "10.3.2027 klo 11.00");
            assertThat(instance).isWaitingAt("Gateway_MeetingEvents");
            Assertions.assertThat(timer(instance, "Timer_MeetingStarted").getDuedate().toInstant())
                    .isEqualTo(Instant.parse("2027-03-10T07:00:00Z"));
            Assertions.assertThat(mails("hyte-meeting-invitation", n.caseReference())).containsExactlyInAnyOrder(
                    "liisa.alue@pohde.example", n.contactEmail(), "jarjesto@yhdistys.example");

            ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-03-10T07:00:01Z")));
            managementService.executeJob(timer(instance, "Timer_MeetingStarted").getId());
            assertThat(instance).isWaitingAt("Task_RecordMemo");
            Assertions.assertThat(status(n)).isEqualTo("MEMO");
            recordMemo(n, instance);
            assertThat(instance).isWaitingAt("Task_ApproveMemoCounty", "Task_ApproveMemoMunicipality");
            assertThat(taskAt(instance, "Task_ApproveMemoCounty")).hasCandidateGroup("decisionMakers");
            assertThat(taskAt(instance, "Task_ApproveMemoMunicipality")).hasCandidateGroup("external");
            answer(instance, "Task_ApproveMemoCounty", "approve");
            answer(instance, "Task_ApproveMemoMunicipality", "approve");
            assertThat(instance).isWaitingAt("Task_PublishMemo");
            runJob(instance);
            assertThat(instance).hasPassedInOrder("Task_PublishMemo", "Task_ReportDone", "Task_StartFollowUp", "End_NegotiationDone")
                    .isEnded();
            Assertions.assertThat(status(n)).isEqualTo("DONE");
            assertThat(probe).isWaitingAt("Task_Seen").variables().containsEntry("doneCaseReference", n.caseReference())
                    .containsEntry("doneNegotiationId", n.negotiationId());
        } finally {
            identityService.clearAuthentication();
            repositoryService.deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void aMemoApprovedWithNoCycleWaitingStillEndsTheNegotiation() {
        TestNegotiation n = open();
        ProcessInstance instance = toMemo(n);
        recordMemo(n, instance);
        answer(instance, "Task_ApproveMemoCounty", "approve");
        answer(instance, "Task_ApproveMemoMunicipality", "approve");
        runJob(instance);
        assertThat(instance).isEnded().variables().containsEntry("reportedToCycle", false);
        Assertions.assertThat(status(n)).isEqualTo("DONE");
    }

    @Test
    void aGroupsRequestsAndRemindersGoToTheVerifiedContactsOfEveryMunicipalityInTheirLanguage() {
        TestNegotiation n = open();
        String other = negotiations.addMunicipality(n);
        ProcessInstance instance = instance(n);
        runJob(instance);
        Assertions.assertThat(mails("hyte-background-requested", n.caseReference())).contains(n.contactEmail(), other);
        Assertions.assertThat(jdbc.sql("select language from mail_outbox where template = 'hyte-background-requested' and recipient = ?")
                .param(other).query(String.class).single()).isEqualTo("sv");
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2027-01-26T16:00:01+02:00").toInstant()));
        managementService.executeJob(timer(instance, "Timer_BackgroundReminder").getId());
        Assertions.assertThat(mails("hyte-background-reminder", n.caseReference())).contains(n.contactEmail(), other);
        // either municipality's contact answers for the group; the case's own is first in the staff section's title
        giveBackground(n);
        draftAgenda(instance);
        // the Swedish-speaking contact is invited in Swedish (mail and calendar entry), the others in the case's language
        Map<String, Object> values = scheduleValues("10.3.2027 klo 9.00", "10.3.2027 klo 11.00");
        values.put("municipalityParticipants", n.contactEmail() + "\nKalle Kunta <" + other + ">");
        identityService.setAuthentication("timo.laine", List.of("hyteCoordinators"));
        taskService.complete(task(instance).getId(), values);
        identityService.clearAuthentication();
        Assertions.assertThat(jdbc.sql("select subject from mail_outbox where template = 'hyte-meeting-invitation' and recipient = ?")
                .param(other).query(String.class).single()).startsWith("Inbjudan: hyte-förhandling");
        Assertions.assertThat(jdbc.sql("select subject from mail_outbox where template = 'hyte-meeting-invitation' and recipient = ?")
                .param(n.contactEmail()).query(String.class).single()).startsWith("Kutsu: hyte-neuvottelu");
    }

    @Test
    void backgroundLateRemindAgainWithANewDeadlineThenProceedWithout() {
        TestNegotiation n = open();
        ProcessInstance instance = instance(n);
        runJob(instance);
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2027-01-26T16:00:01+02:00").toInstant()));
        managementService.executeJob(timer(instance, "Timer_BackgroundReminder").getId());
        assertThat(instance).isWaitingAt("Task_GiveBackground");
        Assertions.assertThat(mails("hyte-background-reminder", n.caseReference())).filteredOn(n.contactEmail()::equals).hasSize(1);

        ClockUtil.setCurrentTime(Date.from(BACKGROUND_DEADLINE.plusSeconds(1).toInstant()));
        managementService.executeJob(timer(instance, "Timer_BackgroundDeadlinePassed").getId());
        assertThat(instance).isWaitingAt("Task_DecideLapsedBackground");
        Task lapsed = task(instance);
        assertThat(lapsed).hasCandidateGroup("hyteCoordinators");

        // a new deadline that is not after today, or none at all, is refused: the task stays, nothing changes
        assertThatThrownBy(() -> taskService.complete(lapsed.getId(), Map.of("backgroundLapseDecision", "remind",
                "backgroundNewDeadline", "2027-01-29"))).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Uuden määräajan on oltava tämän päivän jälkeen").hasMessageContaining("Den nya tidsfristen")
                .hasMessageContaining("The new deadline must be after today");
        assertThatThrownBy(() -> taskService.complete(lapsed.getId(), Map.of("backgroundLapseDecision", "remind")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Anna uusi määräaika");
        assertThat(instance).isWaitingAt("Task_DecideLapsedBackground");
        Assertions.assertThat(backgrounds.find(n.negotiationId()).orElseThrow().dueAt().toInstant())
                .isEqualTo(BACKGROUND_DEADLINE.toInstant());

        // a variable planted by the form does not set the deadline: the one stored from the checked choice does
        taskService.complete(lapsed.getId(), Map.of("backgroundLapseDecision", "remind", "backgroundNewDeadline", "2027-02-10",
                "backgroundDueAt", "2030-01-01T16:00:00+02:00"));
        assertThat(instance).isWaitingAt("Task_RequestBackground");
        runJob(instance);
        assertThat(instance).isWaitingAt("Task_GiveBackground");
        OffsetDateTime newDeadline = OffsetDateTime.parse("2027-02-10T16:00:00+02:00");
        Assertions.assertThat(task(instance).getDueDate().toInstant()).isEqualTo(newDeadline.toInstant());
        Assertions.assertThat(timer(instance, "Timer_BackgroundDeadlinePassed").getDuedate().toInstant()).isEqualTo(newDeadline.toInstant());
        Assertions.assertThat(mails("hyte-background-requested", n.caseReference())).filteredOn(n.contactEmail()::equals).hasSize(2);
        Assertions.assertThat(backgrounds.find(n.negotiationId()).orElseThrow().requestsSent()).isEqualTo(2);

        ClockUtil.setCurrentTime(Date.from(newDeadline.plusSeconds(1).toInstant()));
        managementService.executeJob(timer(instance, "Timer_BackgroundDeadlinePassed").getId());
        assertThat(instance).isWaitingAt("Task_DecideLapsedBackground");
        String lapsedAgain = task(instance).getId();
        identityService.setAuthentication("timo.laine", List.of("hyteCoordinators"));
        taskService.complete(lapsedAgain, Map.of("backgroundLapseDecision", "proceed"));
        identityService.clearAuthentication();
        assertThat(instance).isWaitingAt("Task_DraftAgenda").hasPassed("Gateway_LapsedDecision");
        var background = backgrounds.find(n.negotiationId()).orElseThrow();
        Assertions.assertThat(background.given()).isFalse();
        Assertions.assertThat(background.proceededWithoutBy()).isEqualTo("timo.laine");
    }

    @Test
    void theMemosChangeLoopGoesBackToRecordingUntilBothApprove() {
        TestNegotiation n = open();
        ProcessInstance instance = toMemo(n);
        recordMemo(n, instance);
        answer(instance, "Task_ApproveMemoCounty", "approve");
        answer(instance, "Task_ApproveMemoMunicipality", "changes");
        assertThat(instance).isWaitingAt("Task_RecordMemo");
        recordMemo(n, instance);
        answer(instance, "Task_ApproveMemoCounty", "changes");
        answer(instance, "Task_ApproveMemoMunicipality", "approve");
        assertThat(instance).isWaitingAt("Task_RecordMemo");
        recordMemo(n, instance);
        answer(instance, "Task_ApproveMemoCounty", "approve");
        answer(instance, "Task_ApproveMemoMunicipality", "approve");
        runJob(instance);
        assertThat(instance).isEnded();
        Assertions.assertThat(historyCount(instance, "Task_RecordMemo")).isEqualTo(3);
    }

    @Test
    void aMeetingOutsideTheWindowOrInThePastIsRefusedAndNothingIsStored() {
        TestNegotiation n = open();
        ProcessInstance instance = instance(n);
        runJob(instance);
        giveBackground(n);
        draftAgenda(instance);
        Task schedule = task(instance);
        assertThatThrownBy(() -> completeSchedule(schedule, "10.6.2027 klo 9.00", "10.6.2027 klo 11.00"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("kokousikkunassa 1.1.2027–31.5.2027")
                .hasMessageContaining("mötesperiod 1.1.2027–31.5.2027").hasMessageContaining("meeting window 1.1.2027–31.5.2027");
        assertThatThrownBy(() -> completeSchedule(schedule, "3.1.2027 klo 9.00", "3.1.2027 klo 11.00"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Kokous ei voi alkaa menneisyydessä")
                .hasMessageContaining("Mötet kan inte börja i det förflutna").hasMessageContaining("The meeting cannot start in the past");
        assertThatThrownBy(() -> completeSchedule(schedule, "10.3.2027 klo 11.00", "10.3.2027 klo 9.00"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Kokouksen on päätyttävä alkamisensa jälkeen");
        Map<String, Object> badAddress = scheduleValues("10.3.2027 klo 9.00", "10.3.2027 klo 11.00");
        badAddress.put("organisationParticipants", "Järjestön Edustaja <ei-osoite>");
        assertThatThrownBy(() -> taskService.complete(schedule.getId(), badAddress)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Järjestöjen edustajat: Rivillä \"Järjestön Edustaja <ei-osoite>\" ei ole kelvollista sähköpostiosoitetta");
        assertThat(instance).isWaitingAt("Task_ScheduleMeeting");
        Assertions.assertThat(jdbc.sql("select count(*) from hyte_meeting where negotiation_id = ?").param(n.negotiationId())
                .query(Long.class).single()).isZero();
        Assertions.assertThat(mails("hyte-meeting-invitation", n.caseReference())).isEmpty();
    }

    @Test
    void aMovedMeetingKeepsItsUidWithAHigherSequenceAndACancelledOneGoesBackToScheduling() {
        TestNegotiation n = open();
        ProcessInstance instance = instance(n);
        runJob(instance);
        giveBackground(n);
        draftAgenda(instance);
        scheduleMeeting(instance, "10.3.2027 klo 9.00", "10.3.2027 klo 11.00");
        HyteMeetings.Meeting first = meetings.current(n.negotiationId()).orElseThrow().meeting();
        Assertions.assertThat(first.sequenceNo()).isZero();
        // the staff case page's section: background, agenda and the meeting (the NGO input is HyteInputSection's, shown once
        // on the page); move/cancel for hyte coordinators
        var caseFile = caseFiles.byReference(n.caseReference()).orElseThrow();
        var coordinator = new org.springframework.security.authentication.TestingAuthenticationToken("timo.laine", "x",
                fi.silta.security.Roles.HYTE_COORDINATOR.authority());
        var sections = section.staffCase(caseFile, fi.silta.cases.CaseVisibility.FULL, coordinator, java.util.Locale.forLanguageTag("fi"));
        Assertions.assertThat(sections).singleElement().satisfies(s -> {
            Assertions.assertThat(s.template()).isEqualTo("negotiations/case-negotiation");
            Assertions.assertThat(((HyteBackgrounds.Background) s.model().get("background")).keyPoints()).isEqualTo("Nuorten yksinäisyys kasvaa.");
            Assertions.assertThat(s.model().get("agenda")).isEqualTo("1. Taustatiedot\n2. Tavoitteet");
            Assertions.assertThat(s.model()).doesNotContainKey("inputs");
            Assertions.assertThat(((HyteMeetings.MeetingView) s.model().get("meeting")).participants()).extracting(HyteMeetings.Participant::side)
                    .containsExactly(HyteMeetings.Side.COUNTY, HyteMeetings.Side.MUNICIPALITY, HyteMeetings.Side.ORGANISATION);
            Assertions.assertThat(s.model().get("mayChangeMeeting")).isEqualTo(true);
        });
        var liaison = new org.springframework.security.authentication.TestingAuthenticationToken("sanna.heikkinen", "x",
                fi.silta.security.Roles.LIAISON.authority());
        Assertions.assertThat(section.staffCase(caseFile, fi.silta.cases.CaseVisibility.FULL, liaison, java.util.Locale.forLanguageTag("fi")))
                .singleElement().satisfies(s -> {
                    Assertions.assertThat(s.model().get("mayChangeMeeting")).isEqualTo(false);
                    var context = new org.thymeleaf.context.Context(java.util.Locale.forLanguageTag("fi"));
                    context.setVariable("section", s.model());
                    context.setVariable("formats", new fi.silta.web.Formats(java.util.Locale.forLanguageTag("fi")));
                    String html = templates.process(s.template(), java.util.Set.of("section"), context);
                    Assertions.assertThat(html).contains("Kunnan taustatiedot", "Nuorten yksinäisyys kasvaa.", "1. Taustatiedot",
                            "10.3.2027 klo 09.00", "liisa.alue@pohde.example")
                            .doesNotContain("Siirrä kokous");
                });

        // a move into the past or outside the window is refused and changes nothing
        assertThatThrownBy(() -> meetings.move(n.caseReference(), "2.1.2027 klo 9.00", "2.1.2027 klo 10.00", "timo.laine"))
                .isInstanceOf(InvalidInput.class).satisfies(e -> Assertions.assertThat(((InvalidInput) e).errors())
                        .extracting(InvalidInput.FieldError::messageKey).containsExactly("hyte.meeting.past"));
        assertThatThrownBy(() -> meetings.move(n.caseReference(), "1.6.2027 klo 9.00", "1.6.2027 klo 10.00", "timo.laine"))
                .isInstanceOf(InvalidInput.class);
        Assertions.assertThat(meetings.current(n.negotiationId()).orElseThrow().meeting()).isEqualTo(first);
        Assertions.assertThat(mails("hyte-meeting-updated", n.caseReference())).isEmpty();

        meetings.move(n.caseReference(), "11.3.2027 klo 12.00", "11.3.2027 klo 14.00", "timo.laine");
        assertThat(instance).isWaitingAt("Gateway_MeetingEvents")
                .hasPassed("Event_MeetingMoved", "Send_MeetingUpdate");
        HyteMeetings.Meeting moved = meetings.current(n.negotiationId()).orElseThrow().meeting();
        Assertions.assertThat(moved.uid()).isEqualTo(first.uid());
        Assertions.assertThat(moved.sequenceNo()).isEqualTo(1);
        Assertions.assertThat(timer(instance, "Timer_MeetingStarted").getDuedate().toInstant()).isEqualTo(Instant.parse("2027-03-11T10:00:00Z"));
        Assertions.assertThat(mails("hyte-meeting-updated", n.caseReference())).hasSize(3);

        meetings.cancel(n.caseReference(), "timo.laine");
        assertThat(instance).isWaitingAt("Task_ScheduleMeeting").hasPassed("Event_MeetingCancelled", "Send_MeetingCancellation");
        Assertions.assertThat(meetings.current(n.negotiationId())).isEmpty();
        Assertions.assertThat(meetings.latest(n.negotiationId()).orElseThrow().sequenceNo()).isEqualTo(2);
        Assertions.assertThat(mails("hyte-meeting-cancelled", n.caseReference())).hasSize(3);
        // nothing stands to move or cancel now
        assertThatThrownBy(() -> meetings.cancel(n.caseReference(), "timo.laine")).isInstanceOf(InvalidInput.class);

        scheduleMeeting(instance, "12.3.2027 klo 9.00", "12.3.2027 klo 10.00");
        HyteMeetings.Meeting again = meetings.current(n.negotiationId()).orElseThrow().meeting();
        Assertions.assertThat(again.uid()).isNotEqualTo(first.uid());
        Assertions.assertThat(again.sequenceNo()).isZero();
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-03-12T07:00:01Z")));
        managementService.executeJob(timer(instance, "Timer_MeetingStarted").getId());
        assertThat(instance).isWaitingAt("Task_RecordMemo");
        // after the meeting there is nothing to move
        assertThatThrownBy(() -> meetings.move(n.caseReference(), "13.3.2027 klo 9.00", "13.3.2027 klo 10.00", "timo.laine"))
                .isInstanceOf(InvalidInput.class).satisfies(e -> Assertions.assertThat(((InvalidInput) e).errors())
                        .extracting(InvalidInput.FieldError::messageKey).containsExactly("hyte.meeting.notWaiting"));
        Assertions.assertThat(meetings.current(n.negotiationId()).orElseThrow().meeting().sequenceNo()).isZero();
    }

    // --- helpers

    TestNegotiation open() {
        TestNegotiation n = negotiations.open(WINDOW_START, WINDOW_END, BACKGROUND_DEADLINE);
        currentContact = n.contactEmail();
        return n;
    }

    ProcessInstance instance(TestNegotiation n) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(n.processInstanceId()).singleResult();
    }

    ProcessInstance toMemo(TestNegotiation n) {
        ProcessInstance instance = instance(n);
        runJob(instance);
        giveBackground(n);
        draftAgenda(instance);
        scheduleMeeting(instance, "10.3.2027 klo 9.00", "10.3.2027 klo 11.00");
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-03-10T07:00:01Z")));
        managementService.executeJob(timer(instance, "Timer_MeetingStarted").getId());
        assertThat(instance).isWaitingAt("Task_RecordMemo");
        return instance;
    }

    void giveBackground(TestNegotiation n) {
        var caseFile = caseFiles.byReference(n.caseReference()).orElseThrow();
        var task = outsiderTasks.open(caseFile).get(0);
        Assertions.assertThat(task.formId()).isEqualTo("hyte-background");
        outsiderTasks.complete(caseFile, task.id(), Map.of("backgroundKeyPoints", "Nuorten yksinäisyys kasvaa.",
                "backgroundIndicators", "Kouluterveyskysely", "backgroundGoalProposals", "Harrastustakuu kaikille."), List.of(),
                n.contactEmail());
    }

    void draftAgenda(ProcessInstance instance) {
        assertThat(instance).isWaitingAt("Task_DraftAgenda");
        Task agenda = task(instance);
        assertThat(agenda).hasCandidateGroup("hyteCoordinators");
        assertThatThrownBy(() -> taskService.complete(agenda.getId(), Map.of("agenda", " "))).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Kirjoita asialista");
        identityService.setAuthentication("timo.laine", List.of("hyteCoordinators"));
        taskService.complete(agenda.getId(), Map.of("agenda", "1. Taustatiedot\n2. Tavoitteet"));
        identityService.clearAuthentication();
        assertThat(instance).isWaitingAt("Task_ScheduleMeeting");
    }

    void scheduleMeeting(ProcessInstance instance, String start, String end) {
        assertThat(instance).isWaitingAt("Task_ScheduleMeeting");
        completeSchedule(task(instance), start, end);
        assertThat(instance).isWaitingAt("Gateway_MeetingEvents");
    }

    void completeSchedule(Task task, String start, String end) {
        identityService.setAuthentication("timo.laine", List.of("hyteCoordinators"));
        try {
            taskService.complete(task.getId(), scheduleValues(start, end));
        } finally {
            identityService.clearAuthentication();
        }
    }

    Map<String, Object> scheduleValues(String start, String end) {
        Map<String, Object> values = new HashMap<>();
        values.put("meetingStart", start);
        values.put("meetingEnd", end);
        values.put("meetingPlace", "Kunnantalo, valtuustosali");
        values.put("meetingLink", "https://meet.example/hyte");
        values.put("countyParticipants", "Liisa Alue <liisa.alue@pohde.example>");
        values.put("municipalityParticipants", "Kaisa Kunta, " + currentContact);
        values.put("organisationParticipants", "jarjesto@yhdistys.example");
        return values;
    }

    String currentContact;

    /** The coordinator records the memo (a goal and two measures, as the staff memo page saves it) and completes Task_RecordMemo. */
    void recordMemo(TestNegotiation n, ProcessInstance instance) {
        assertThat(instance).isWaitingAt("Task_RecordMemo");
        memos.save(n.negotiationId(), new HyteMemos.MemoInput("Nuorten yksinäisyyden vähentäminen", "Yhteinen hyvinvointiryhmä",
                "Neljännesvuosittain", List.of(
                        new HyteMemos.MeasureInput("Harrastustakuu", HyteMemos.OwnerKind.MUNICIPALITY, n.municipalityId(),
                                LocalDate.of(2027, 9, 30), "Harrastavien nuorten osuus"),
                        new HyteMemos.MeasureInput("Ehkäisevä päihdetyö", HyteMemos.OwnerKind.COUNTY, null, LocalDate.of(2027, 11, 30),
                                null))), "timo.laine");
        identityService.setAuthentication("timo.laine", List.of("hyteCoordinators"));
        try {
            taskService.complete(taskAt(instance, "Task_RecordMemo").getId());
        } finally {
            identityService.clearAuthentication();
        }
    }

    /**
     * A side's answer as it is really given: the county's by a decision maker in Tasklist (memoCountyDecision, comments
     * with a change request); the municipality's on the portal by its signed-in verified contact (as OutsiderTasks.complete
     * records who answered).
     */
    void answer(ProcessInstance instance, String taskKey, String decision) {
        Task task = taskAt(instance, taskKey);
        if (taskKey.equals("Task_ApproveMemoCounty")) {
            Map<String, Object> values = new HashMap<>(Map.of("memoCountyDecision", decision));
            if (decision.equals("changes")) {
                values.put("memoCountyComments", "Tarkentakaa toimenpiteiden mittarit.");
            }
            identityService.setAuthentication("helena.hamalainen", List.of("decisionMakers"));
            try {
                taskService.complete(task.getId(), values);
            } finally {
                identityService.clearAuthentication();
            }
            return;
        }
        Map<String, Object> values = new HashMap<>(Map.of("memoDecision", decision));
        if (decision.equals("changes")) {
            values.put("memoComments", "Lisätkää määräpäivä syksylle.");
        }
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(currentContact, null, PortalSecurityConfig.ROLE));
        try {
            taskService.setVariableLocal(task.getId(), OutsiderTasks.ANSWERED_BY, currentContact);
            taskService.complete(task.getId(), values);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    Task task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).initializeFormKeys().singleResult();
    }

    Task taskAt(ProcessInstance instance, String key) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).initializeFormKeys().singleResult();
    }

    Job timer(ProcessInstance instance, String activityId) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers().singleResult();
    }

    void runJob(ProcessInstance instance) {
        Job job = managementService.createJobQuery().processInstanceId(instance.getId()).executable().messages().singleResult();
        Assertions.assertThat(job).as("an async job").isNotNull();
        managementService.executeJob(job.getId());
    }

    long historyCount(ProcessInstance instance, String activityId) {
        return processEngine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId(activityId).count();
    }

    String status(TestNegotiation n) {
        return jdbc.sql("select status from hyte_negotiation where id = ?").param(n.negotiationId()).query(String.class).single();
    }

    List<String> mails(String template, String reference) {
        return jdbc.sql("select recipient from mail_outbox where template = ? and reference = ? order by id").params(template, reference)
                .query(String.class).list();
    }
}
