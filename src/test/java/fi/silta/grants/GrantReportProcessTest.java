package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.math.BigDecimal;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.OutsiderTasks;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.Mails;
import fi.silta.support.ReportFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;
import fi.silta.web.InvalidInput;

/** Every path of grantUseOfFundsReport, started as grantFunding's call activity starts it, engine and clock driven explicitly. */
@SiltaIntegrationTest
class GrantReportProcessTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    /** Monday 1 March 2027, 10.00 Helsinki time; the final report is due on Wednesday 30 June 2027 at 16.00. */
    static final OffsetDateTime NOW = OffsetDateTime.parse("2027-03-01T10:00:00+02:00");
    static final LocalDate DUE = LocalDate.of(2027, 6, 30);
    static final String COORDINATOR = "aino.virtanen";

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired ReportFixtures fixtures;
    @Autowired OutsiderTasks outsiderTasks;
    @Autowired CaseRepository cases;
    @Autowired GrantReports reports;
    @Autowired GrantReportService reportService;
    @Autowired GrantFundings fundings;
    @Autowired OutboxDrainer drainer;

    ReportFixtures.Funded funded;
    ProcessInstance instance;

    @BeforeEach
    void start() {
        init(processEngine);
        ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
        funded = fixtures.funded(DUE, null);
        instance = fixtures.startReport(funded, "FINAL");
        assertThat(instance).isWaitingAt("Task_SetReportDue");
        execute(job("Task_SetReportDue"));
        assertThat(instance).isWaitingAt("Task_SubmitReport");
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void theDueInstantIsTheTermsDayAtFourInHelsinkiAndTheFormShowsTheTermsLines() {
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "reportDueAt")).isEqualTo("2027-06-30T16:00:00+03:00");
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "reportReminderAt")).isEqualTo("2027-05-31T16:00:00+03:00");
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "reportDueDayAt")).isEqualTo("2027-06-30T09:00:00+03:00");
        Task task = submitTask();
        Assertions.assertThat(task.getDueDate().toInstant()).isEqualTo(OffsetDateTime.parse("2027-06-30T16:00:00+03:00").toInstant());
        Assertions.assertThat(taskService.getIdentityLinksForTask(task.getId())).extracting(l -> l.getGroupId()).containsExactly("external");
        Map<String, Object> values = outsiderTasks.values(task.getId());
        Assertions.assertThat(values.get("reportLines").toString()).contains("Ohjaajien palkkiot", "3000.00", "Tilavuokrat", "2000.00");
        Assertions.assertThat(values.get("reportAmountGranted")).isEqualTo("5000.00");
        Assertions.assertThat(values.get("reportGoals")).isEqualTo("Jaksaminen ja yhteisö");
        // the status page lists it as the case's outsider task
        Assertions.assertThat(outsiderTasks.open(caseFile())).extracting(OutsiderTasks.OutsiderTask::definitionKey).contains("Task_SubmitReport");
    }

    @Test
    void accepted() {
        submit(funded.applicant().email(), List.of("2900.00", "2000.00"), "100.00", 120, 24);
        assertThat(instance).isWaitingAt("Task_ReviewReport");
        Assertions.assertThat(reports.ofProcess(instance.getId()).orElseThrow().status()).isEqualTo(GrantReport.Status.SUBMITTED);
        Task review = task();
        Assertions.assertThat(taskService.getVariable(review.getId(), "reportSummary").toString().replaceAll("[\\u00a0\\u202f]", " "))
                .contains("Ohjaajien palkkiot: käytetty 2 900,00 €, talousarviossa 3 000,00 €", "Tavoitetut ihmiset: 120",
                        "Toteutuneet toiminnat: 24");
        completeAs(COORDINATOR, review, Map.of("reviewDecision", "accept"));
        assertThat(instance).isEnded().hasPassed("Task_MarkAccepted", "End_Accepted").variables().containsEntry("reportOutcome", "ACCEPTED");
        GrantReport report = reports.ofProcess(instance.getId()).orElseThrow();
        Assertions.assertThat(report.status()).isEqualTo(GrantReport.Status.ACCEPTED);
        GrantReport.Version version = reportService.latest(report.id());
        Assertions.assertThat(version.review()).isEqualTo("ACCEPTED");
        Assertions.assertThat(version.reviewedBy()).isEqualTo(COORDINATOR);
        Assertions.assertThat(version.used()).isEqualByComparingTo("4900.00");
        Assertions.assertThat(version.lines()).extracting(GrantReport.Line::budgeted).containsExactly(new BigDecimal("3000.00"),
                new BigDecimal("2000.00"));
    }

    @Test
    void moreAskedThenAccepted() {
        submit(funded.applicant().email(), List.of("2900.00", "2000.00"), "100.00", 120, 24);
        completeAs(COORDINATOR, task(), Map.of("reviewDecision", "more", "reviewRequest", "Erittelkää tilavuokrat kuukausittain."));
        assertThat(instance).hasPassed("Send_MoreAskedMail").isWaitingAt("Task_SetReportDue");
        execute(job("Task_SetReportDue"));
        assertThat(instance).isWaitingAt("Task_SubmitReport");
        GrantReport report = reports.ofProcess(instance.getId()).orElseThrow();
        Assertions.assertThat(report.status()).isEqualTo(GrantReport.Status.MORE_ASKED);
        // the organisation's task again, with the request and the figures it sent; 30 days from now, later than the terms' day? no: the terms' day is later
        Map<String, Object> values = outsiderTasks.values(submitTask().getId());
        Assertions.assertThat(values.get("reportRequest")).isEqualTo("Erittelkää tilavuokrat kuukausittain.");
        Assertions.assertThat(values.get("reportUnused")).isEqualTo("100.00");
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "reportDueAt")).isEqualTo("2027-06-30T16:00:00+03:00");
        Mails.sendAllDue(drainer);
        Assertions.assertThat(Mails.to(greenMail, funded.applicant().email())).anySatisfy(m -> {
            Assertions.assertThat(m.subject()).contains("Lisäselvityspyyntö", funded.caseReference());
            Assertions.assertThat(m.body()).contains("Erittelkää tilavuokrat kuukausittain.", "/portal/cases/" + funded.caseReference());
        });

        submit(funded.applicant().email(), List.of("2950.00", "2000.00"), "50.00", 125, 25);
        completeAs(COORDINATOR, task(), Map.of("reviewDecision", "accept"));
        assertThat(instance).isEnded().variables().containsEntry("reportOutcome", "ACCEPTED");
        List<GrantReport.Version> versions = reports.versions(report.id());
        Assertions.assertThat(versions).extracting(GrantReport.Version::version).containsExactly(1, 2);
        Assertions.assertThat(versions.get(0).review()).isEqualTo("MORE_ASKED");
        Assertions.assertThat(versions.get(0).reviewText()).isEqualTo("Erittelkää tilavuokrat kuukausittain.");
        Assertions.assertThat(versions.get(0).unused()).isEqualByComparingTo("100.00");
        Assertions.assertThat(versions.get(1).review()).isEqualTo("ACCEPTED");
        Assertions.assertThat(versions.get(1).peopleReached()).isEqualTo(125);
    }

    @Test
    void moreAskedAfterTheDueDayGivesThirtyDays() {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2027-06-29T10:00:00+03:00").toInstant()));
        submit(funded.applicant().email(), List.of("2900.00", "2000.00"), "100.00", 120, 24);
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2027-07-05T10:00:00+03:00").toInstant()));
        completeAs(COORDINATOR, task(), Map.of("reviewDecision", "more", "reviewRequest", "Liittäkää tilinpäätös."));
        execute(job("Task_SetReportDue"));
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "reportDueAt")).isEqualTo("2027-08-04T16:00:00+03:00");
        // the reminder 30 days before would be now: none goes (the request itself was mailed)
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "reportReminderNeeded")).isEqualTo(false);
    }

    @Test
    void overdueRemindersTheTaskThenSubmitted() {
        String email = funded.applicant().email();
        int before = Mails.to(greenMail, email).size();
        // 30 days before the due day
        at("2027-05-31T16:00:01+03:00");
        execute(job("Timer_ReportReminder"));
        Mails.sendAllDue(drainer);
        Assertions.assertThat(Mails.to(greenMail, email).subList(before, Mails.to(greenMail, email).size()))
                .anySatisfy(m -> Assertions.assertThat(m.subject()).startsWith("Muistutus: Loppuselvitys").contains(funded.caseReference()));
        Assertions.assertThat(reportService.overdue(funded.applicant().organisationId())).isFalse();
        // the morning of the due day
        at("2027-06-30T09:00:01+03:00");
        execute(job("Timer_ReportDueDay"));
        Mails.sendAllDue(drainer);
        Assertions.assertThat(Mails.to(greenMail, email)).anySatisfy(m -> Assertions.assertThat(m.subject()).startsWith("Tänään: Loppuselvitys"));
        assertThat(instance).isWaitingAt("Task_SubmitReport");
        // after 16.00: overdue, the coordinators' task
        at("2027-06-30T16:00:01+03:00");
        execute(job("Timer_ReportOverdue"));
        assertThat(instance).isWaitingAt("Task_SubmitReport", "Task_HandleOverdueReport");
        Assertions.assertThat(reportService.overdue(funded.applicant().organisationId())).isTrue();
        Task overdue = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_HandleOverdueReport")
                .singleResult();
        Assertions.assertThat(taskService.getIdentityLinksForTask(overdue.getId())).extracting(l -> l.getGroupId()).containsExactly("coordinators");
        // recovery needs its reasons
        identityService.setAuthentication(COORDINATOR, List.of("coordinators"));
        assertThatThrownBy(() -> taskService.complete(overdue.getId(), Map.of("overdueAction", "recovery")))
                .hasMessageContaining("takaisinperinnän perustelut");
        identityService.clearAuthentication();
        completeAs(COORDINATOR, overdue, Map.of("overdueAction", "remind"));
        assertThat(instance).hasPassed("Send_OverdueReminderMail").isWaitingAt("Task_SubmitReport", "Timer_OverdueFollowUp");
        Mails.sendAllDue(drainer);
        Assertions.assertThat(Mails.to(greenMail, email)).anySatisfy(m -> Assertions.assertThat(m.subject()).startsWith("Myöhässä: Loppuselvitys"));
        // 14 days on the task comes back
        at("2027-07-14T16:00:02+03:00");
        execute(job("Timer_OverdueFollowUp"));
        assertThat(instance).isWaitingAt("Task_SubmitReport", "Task_HandleOverdueReport");
        // sent late: the wait ends, the follow-up with it, and the organisation is no longer overdue
        submit(email, List.of("3000.00", "2000.00"), "0.00", 80, 12);
        assertThat(instance).isWaitingAt("Task_ReviewReport");
        Assertions.assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_HandleOverdueReport")
                .count()).isZero();
        Assertions.assertThat(reportService.overdue(funded.applicant().organisationId())).isFalse();
        completeAs(COORDINATOR, task(), Map.of("reviewDecision", "accept"));
        assertThat(instance).isEnded().variables().containsEntry("reportOutcome", "ACCEPTED");
    }

    @Test
    void recoveryAfterReview() {
        submit(funded.applicant().email(), List.of("1000.00", "0.00"), "4000.00", 3, 1);
        identityService.setAuthentication(COORDINATOR, List.of("coordinators"));
        Task review = task();
        assertThatThrownBy(() -> taskService.complete(review.getId(), Map.of("reviewDecision", "recovery")))
                .hasMessageContaining("takaisinperinnän perustelut");
        identityService.clearAuthentication();
        completeAs(COORDINATOR, review, Map.of("reviewDecision", "recovery", "reviewRequest", "Avustuksesta käytettiin vain viidennes."));
        assertThat(instance).isEnded().hasPassed("Gateway_JoinRecovery", "Task_MarkRecovery", "End_Recovery")
                .variables().containsEntry("reportOutcome", "RECOVERY");
        Assertions.assertThat(reports.ofProcess(instance.getId()).orElseThrow().status()).isEqualTo(GrantReport.Status.RECOVERY);
    }

    @Test
    void recoveryFromTheOverdueTask() {
        at("2027-06-30T16:00:01+03:00");
        execute(job("Timer_ReportOverdue"));
        Task overdue = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_HandleOverdueReport")
                .singleResult();
        completeAs(COORDINATOR, overdue, Map.of("overdueAction", "recovery", "overdueNote", "Selvitystä ei saatu."));
        assertThat(instance).isEnded().hasPassed("End_RecoveryFromOverdue", "Error_RecoveryFromOverdue", "Task_MarkRecovery")
                .variables().containsEntry("reportOutcome", "RECOVERY");
        Assertions.assertThat(reports.ofProcess(instance.getId()).orElseThrow().status()).isEqualTo(GrantReport.Status.RECOVERY);
        Assertions.assertThat(outsiderTasks.open(caseFile())).extracting(OutsiderTasks.OutsiderTask::definitionKey)
                .doesNotContain("Task_SubmitReport");
    }

    @Test
    void termsChangedWhileWaitingGiveTheNewDueDayAndLines() {
        // overdue already: the coordinators' task is open when the change is granted
        at("2027-06-30T16:00:01+03:00");
        execute(job("Timer_ReportOverdue"));
        fundings.changeTerms(funded.fundingId(), List.of(new BudgetLine("Ohjaajien palkkiot", new BigDecimal("3500.00")),
                new BudgetLine("Tilavuokrat", new BigDecimal("1500.00"))), LocalDate.of(2027, 9, 30));
        // helper D's grantChangeRequest correlates it by the case reference (all who wait; none is no error)
        runtimeService.createMessageCorrelation("GrantTermsChanged").processInstanceBusinessKey(funded.caseReference()).correlateAll();
        assertThat(instance).hasPassed("Message_TermsChanged").isWaitingAt("Task_SetReportDue");
        execute(job("Task_SetReportDue"));
        assertThat(instance).isWaitingAt("Task_SubmitReport");
        Assertions.assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_HandleOverdueReport")
                .count()).isZero();
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "reportDueAt")).isEqualTo("2027-09-30T16:00:00+03:00");
        Assertions.assertThat(submitTask().getDueDate().toInstant()).isEqualTo(OffsetDateTime.parse("2027-09-30T16:00:00+03:00").toInstant());
        Assertions.assertThat(outsiderTasks.values(submitTask().getId()).get("reportLines").toString()).contains("3500.00", "1500.00");
        Assertions.assertThat(reportService.overdue(funded.applicant().organisationId())).isFalse();
        // a report against the old lines' figures is checked against the new terms
        submit(funded.applicant().email(), List.of("3400.00", "1500.00"), "100.00", 50, 10);
        GrantReport.Version version = reportService.latest(reports.ofProcess(instance.getId()).orElseThrow().id());
        Assertions.assertThat(version.termsVersion()).isEqualTo(2);
        Assertions.assertThat(version.lines()).extracting(GrantReport.Line::budgeted).containsExactly(new BigDecimal("3500.00"),
                new BigDecimal("1500.00"));
    }

    // --- refusals: nothing stored, the task stays open ---

    @Test
    void wrongFiguresAreRefusedAndNothingIsStored() {
        String email = funded.applicant().email();
        assertRefused(email, List.of("2900.00", "2000.00"), "99.99", "grants.report.totalMismatch");
        assertRefused(email, List.of("2900.00", "2000.00"), "100.01", "grants.report.totalMismatch");
        assertRefused(email, List.of("5100.00", "-100.00"), "0.00", "grants.report.negative");
        assertRefused(email, List.of("2900.00", "2000.00", "0.00"), "100.00", "grants.report.linesDoNotMatch");
        assertRefused(email, List.of("4900.00"), "100.00", "grants.report.linesDoNotMatch");
        assertRefused(email, List.of("2900.001", "2000.00"), "99.999", "grants.report.money.invalid");
        Task task = submitTask();
        Map<String, Object> negativePeople = values(List.of("2900.00", "2000.00"), "100.00", -1, 2);
        assertThatThrownBy(() -> outsiderTasks.complete(caseFile(), task.getId(), negativePeople, List.of(), email))
                .isInstanceOfSatisfying(InvalidInput.class, e -> Assertions.assertThat(e.errors())
                        .extracting(InvalidInput.FieldError::messageKey).containsExactly("grants.report.negative"));
        Assertions.assertThat(reports.versions(reports.ofProcess(instance.getId()).orElseThrow().id())).isEmpty();
        assertThat(instance).isWaitingAt("Task_SubmitReport");
    }

    @Test
    void onlyAVerifiedContactOfTheOrganisationMayReport() {
        var stranger = fixtures.funded(DUE.plusYears(1), null).applicant();
        assertRefused(stranger.email(), List.of("2900.00", "2000.00"), "100.00", "grants.report.notYourGrant");
        assertRefused(null, List.of("2900.00", "2000.00"), "100.00", "grants.report.notYourGrant");
        Assertions.assertThat(reports.versions(reports.ofProcess(instance.getId()).orElseThrow().id())).isEmpty();
    }

    @Test
    void aSecondSubmissionIsRefused() {
        submit(funded.applicant().email(), List.of("2900.00", "2000.00"), "100.00", 120, 24);
        // the second tab: its task is gone; the service refuses a second version while the first is reviewed
        assertThatThrownBy(() -> reportService.submit(instance.getId(), funded.applicant().email(),
                new GrantReportService.Submission(List.of("2900.00", "2000.00"), "100.00", 1, 1, "Toinen", "")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> Assertions.assertThat(e.errors())
                        .extracting(InvalidInput.FieldError::messageKey).containsExactly("grants.report.alreadySubmitted"));
        Assertions.assertThat(reports.versions(reports.ofProcess(instance.getId()).orElseThrow().id())).hasSize(1);
    }

    // --- helpers ---

    private void assertRefused(String by, List<String> used, String unused, String messageKey) {
        Task task = submitTask();
        assertThatThrownBy(() -> outsiderTasks.complete(caseFile(), task.getId(), values(used, unused, 1, 1), List.of(), by))
                .isInstanceOfSatisfying(InvalidInput.class, e -> Assertions.assertThat(e.errors())
                        .extracting(InvalidInput.FieldError::messageKey).contains(messageKey));
        assertThat(instance).isWaitingAt("Task_SubmitReport");
    }

    private void submit(String by, List<String> used, String unused, int people, int activities) {
        outsiderTasks.complete(caseFile(), submitTask().getId(), values(used, unused, people, activities), List.of(), by);
    }

    static Map<String, Object> values(List<String> used, String unused, long people, long activities) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < used.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"used\":\"").append(used.get(i)).append("\"}");
        }
        json.append(']');
        Map<String, Object> values = new HashMap<>();
        values.put("reportLines", SpinValues.jsonValue(json.toString()).create());
        values.put("reportUnused", unused);
        values.put("reportPeopleReached", people);
        values.put("reportActivitiesHeld", activities);
        values.put("reportOutcomes", "Vertaisryhmät kokoontuivat joka viikko; omaishoitajat kertoivat jaksavansa paremmin.");
        return values;
    }

    private CaseFile caseFile() {
        return cases.findByReference(funded.caseReference()).orElseThrow();
    }

    private Task submitTask() {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_SubmitReport").singleResult();
    }

    private Task task() {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    private void completeAs(String user, Task task, Map<String, Object> variables) {
        identityService.setAuthentication(user, List.of("coordinators"));
        try {
            taskService.complete(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private void at(String instant) {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(instant).toInstant()));
    }

    private Job job(String activityId) {
        Job job = managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
        if (job == null) {
            throw new IllegalStateException("no job at " + activityId + "; waiting at " + runtimeService.getActiveActivityIds(instance.getId()));
        }
        return job;
    }

    private void execute(Job job) {
        managementService.executeJob(job.getId());
    }
}
