package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.silta.cases.CaseRepository;
import fi.silta.cases.OutsiderTasks;
import fi.silta.support.GrantFixtures;
import fi.silta.support.ReportFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.web.Locales;

/**
 * {@code grantEligibility}'s {@code overdueUseOfFundsReport} from data: an organisation whose earlier grant's report is
 * past its due instant with nothing sent is refused in the next round (through {@code grantApplication}'s eligibility
 * step); a report sent late clears it; a declined grant or one due later does not count.
 */
@SiltaIntegrationTest
class GrantReportEligibilityTest {

    @Autowired ReportFixtures fixtures;
    @Autowired GrantFixtures grantFixtures;
    @Autowired GrantSubmissions submissions;
    @Autowired GrantEligibilityChecks checks;
    @Autowired GrantApplicationService applications;
    @Autowired GrantReportService reports;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired OutsiderTasks outsiderTasks;
    @Autowired CaseRepository cases;

    @AfterEach
    void reset() {
        ClockUtil.reset();
    }

    @Test
    void anOverdueReportMakesTheNextRoundsApplicationIneligibleUntilItIsSent() {
        LocalDate today = LocalDate.now(Locales.HELSINKI);
        ReportFixtures.Funded earlier = fixtures.funded(today.minusDays(1), null);
        GrantFixtures.Applicant applicant = earlier.applicant();
        assertThat(reports.overdue(applicant.organisationId())).isTrue();

        // the next round: the application's eligibility step (grantApplication's Task_CheckEligibility) sees it
        OffsetDateTime now = OffsetDateTime.now();
        long nextRound = grantFixtures.publishedRound(now.minusDays(1), now.plusDays(29), GrantFixtures.POOL);
        long next = grantFixtures.draft(nextRound, applicant, "2000.00");
        var opened = submissions.submit(next, applicant.contactId(), null);
        managementService.executeJob(managementService.createJobQuery().processInstanceId(opened.caseFile().processInstanceId())
                .activityId("Task_CheckEligibility").singleResult().getId());
        GrantEligibilityChecks.Check check = checks.latest(next).orElseThrow();
        assertThat(check.input().overdueUseOfFundsReport()).isTrue();
        assertThat(check.result().eligible()).isFalse();
        assertThat(check.result().reasons()).containsExactly("overdueReport");

        // the report sent late (the report's process asks for it; the due instant has passed)
        ProcessInstance report = fixtures.startReport(earlier, "FINAL");
        managementService.executeJob(managementService.createJobQuery().processInstanceId(report.getId()).activityId("Task_SetReportDue")
                .singleResult().getId());
        String task = taskService.createTaskQuery().processInstanceId(report.getId()).taskDefinitionKey("Task_SubmitReport")
                .singleResult().getId();
        outsiderTasks.complete(cases.findByReference(earlier.caseReference()).orElseThrow(), task,
                GrantReportProcessTest.values(List.of("3000.00", "2000.00"), "0.00", 40, 8), List.of(), applicant.email());
        assertThat(reports.overdue(applicant.organisationId())).isFalse();
        EligibilityResult again = applications.checkEligibility(next);
        assertThat(again.reasons()).doesNotContain("overdueReport");
        assertThat(checks.latest(next).orElseThrow().input().overdueUseOfFundsReport()).isFalse();
    }

    @Test
    void anInterimReportCountsOnItsOwnDay() {
        LocalDate today = LocalDate.now(Locales.HELSINKI);
        ReportFixtures.Funded funded = fixtures.funded(today.plusDays(200), today.minusDays(2));
        assertThat(reports.overdue(funded.applicant().organisationId())).isTrue();
        ReportFixtures.Funded later = fixtures.funded(today.plusDays(200), today.plusDays(20));
        assertThat(reports.overdue(later.applicant().organisationId())).isFalse();
    }

    @Test
    void aDeclinedGrantOrOneDueLaterDoesNotCount() {
        LocalDate today = LocalDate.now(Locales.HELSINKI);
        ReportFixtures.Funded declined = fixtures.funded(today.minusDays(10), null);
        fixtures.status(declined, "DECLINED");
        assertThat(reports.overdue(declined.applicant().organisationId())).isFalse();
        ReportFixtures.Funded stoppedUnpaid = fixtures.funded(today.minusDays(10), null);
        fixtures.status(stoppedUnpaid, "STOPPED");
        assertThat(reports.overdue(stoppedUnpaid.applicant().organisationId())).isFalse();
        ReportFixtures.Funded dueLater = fixtures.funded(today.plusDays(1), null);
        assertThat(reports.overdue(dueLater.applicant().organisationId())).isFalse();
    }
}
