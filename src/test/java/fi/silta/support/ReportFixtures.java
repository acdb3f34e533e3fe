package fi.silta.support;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.grants.BudgetLine;
import fi.silta.grants.GrantApplicationRepository;
import fi.silta.grants.GrantSubmissions;
import fi.silta.organisations.OrganisationType;

/**
 * A granted application's funding for the use-of-funds report's tests: a real round, organisation, submitted
 * application and case, then a {@code grant_funding} row with its budget lines as {@code grantFunding} (helper A's
 * spine) leaves it; and {@code grantUseOfFundsReport} started as its call activity starts it.
 */
@Component
public class ReportFixtures {

    public static final List<BudgetLine> LINES = List.of(new BudgetLine("Ohjaajien palkkiot", new BigDecimal("3000.00")),
            new BudgetLine("Tilavuokrat", new BigDecimal("2000.00")));

    public record Funded(GrantFixtures.Applicant applicant, long roundId, long applicationId, long caseId, String caseReference,
            long fundingId) {
    }

    private final GrantFixtures fixtures;
    private final GrantApplicationRepository applications;
    private final GrantSubmissions submissions;
    private final RuntimeService runtimeService;
    private final JdbcClient jdbc;

    public ReportFixtures(GrantFixtures fixtures, GrantApplicationRepository applications, GrantSubmissions submissions,
            RuntimeService runtimeService, JdbcClient jdbc) {
        this.fixtures = fixtures;
        this.applications = applications;
        this.submissions = submissions;
        this.runtimeService = runtimeService;
        this.jdbc = jdbc;
    }

    /** 5 000 € granted on two lines (3 000 + 2 000), the final report due on {@code reportDue}. */
    public Funded funded(LocalDate reportDue, LocalDate interimReportDue) {
        return funded(fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION), reportDue, interimReportDue);
    }

    /** As {@link #funded(LocalDate, LocalDate)} for an organisation that already has a contact. */
    public Funded funded(GrantFixtures.Applicant applicant, LocalDate reportDue, LocalDate interimReportDue) {
        return funded(applicant, null, reportDue, interimReportDue);
    }

    /** As {@link #funded(LocalDate, LocalDate)} in a round of its own (null) or in {@code round} (open now). */
    public Funded funded(GrantFixtures.Applicant applicant, Long round, LocalDate reportDue, LocalDate interimReportDue) {
        java.util.Date clock = ClockUtil.getCurrentTime();
        ClockUtil.reset();
        try {
            OffsetDateTime now = OffsetDateTime.now();
            long roundId = round != null ? round : fixtures.publishedRound(now.minusDays(1), now.plusDays(29), GrantFixtures.POOL);
            long applicationId = fixtures.draft(roundId, applicant, "5000.00");
            applications.replaceBudgetLines(applicationId, LINES);
            var opened = submissions.submit(applicationId, applicant.contactId(), null);
            var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
            jdbc.sql("insert into grant_funding (application_id, case_id, round_id, organisation_id, amount_granted, report_due, "
                            + "interim_report_due, first_instalment_percent, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'REPORTING', ?)")
                    .params(applicationId, opened.caseFile().id(), roundId, applicant.organisationId(), new BigDecimal("5000.00"),
                            reportDue, interimReportDue, interimReportDue == null ? 100 : 60, now)
                    .update(key, "id");
            long fundingId = key.getKey().longValue();
            int position = 0;
            for (BudgetLine line : LINES) {
                jdbc.sql("insert into grant_funding_line (funding_id, position, description, amount) values (?, ?, ?, ?)")
                        .params(fundingId, position++, line.description(), line.amount()).update();
            }
            return new Funded(applicant, roundId, applicationId, opened.caseFile().id(), opened.caseFile().reference(), fundingId);
        } finally {
            ClockUtil.setCurrentTime(clock);
        }
    }

    /** The funding's status (declined, stopped …) as helper A's spine sets it. */
    public void status(Funded funded, String status) {
        jdbc.sql("update grant_funding set status = ? where id = ?").params(status, funded.fundingId()).update();
    }

    /** {@code grantUseOfFundsReport} as {@code grantFunding}'s call activity starts it. */
    public ProcessInstance startReport(Funded funded, String kind) {
        return runtimeService.createProcessInstanceByKey("grantUseOfFundsReport").businessKey(funded.caseReference())
                .setVariables(Map.of("applicationId", funded.applicationId(), "fundingId", funded.fundingId(),
                        "caseReference", funded.caseReference(), "reportKind", kind))
                .execute();
    }
}
