package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.silta.dashboard.Dashboard;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.ReportFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.web.Locales;

/**
 * The managers' figures from accepted reports only: per round and per organisation, the final report when accepted
 * (an accepted interim report only until then), on the grants dashboard.
 */
@SiltaIntegrationTest
class GrantOutcomeFiguresTest {

    @Autowired ReportFixtures fixtures;
    @Autowired GrantFixtures grantFixtures;
    @Autowired GrantReports reports;
    @Autowired GrantReportService reportService;
    @Autowired GrantOutcomeFigures figures;
    @Autowired GrantDashboard dashboard;

    @Test
    void peopleActivitiesAndEurosFromAcceptedReports() {
        LocalDate due = LocalDate.now(Locales.HELSINKI).plusDays(100);
        ReportFixtures.Funded a = fixtures.funded(due, null);
        long round = a.roundId();
        ReportFixtures.Funded b = fixtures.funded(grantFixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION), round, due,
                due.minusDays(50));
        ReportFixtures.Funded c = fixtures.funded(grantFixtures.applicant(OrganisationType.FOUNDATION), round, due, null);

        report(a, GrantReport.Kind.FINAL, List.of("2900.00", "2000.00"), "100.00", 120, 24, GrantReport.Status.ACCEPTED);
        // b: the accepted interim report counts only until the final one is accepted
        report(b, GrantReport.Kind.INTERIM, List.of("1000.00", "1000.00"), "3000.00", 30, 5, GrantReport.Status.ACCEPTED);
        assertThat(figures.ofRound(round)).extracting(GrantOutcomeFigures.Outcome::reports, GrantOutcomeFigures.Outcome::peopleReached,
                GrantOutcomeFigures.Outcome::activitiesHeld).containsExactly(2L, 150L, 29L);
        report(b, GrantReport.Kind.FINAL, List.of("3000.00", "2000.00"), "0.00", 80, 10, GrantReport.Status.ACCEPTED);
        // c: sent, asked for more, then sent again and waiting: not counted
        report(c, GrantReport.Kind.FINAL, List.of("3000.00", "2000.00"), "0.00", 999, 999, GrantReport.Status.MORE_ASKED);

        GrantOutcomeFigures.Outcome total = figures.ofRound(round);
        assertThat(total.reports()).isEqualTo(2);
        assertThat(total.peopleReached()).isEqualTo(200);
        assertThat(total.activitiesHeld()).isEqualTo(34);
        assertThat(total.used()).isEqualByComparingTo("9900.00");
        assertThat(total.unused()).isEqualByComparingTo("100.00");

        List<GrantOutcomeFigures.Outcome> perOrganisation = figures.perOrganisation(round);
        assertThat(perOrganisation).extracting(GrantOutcomeFigures.Outcome::id).containsExactly(a.applicant().organisationId(),
                b.applicant().organisationId());
        assertThat(perOrganisation.get(1)).extracting(GrantOutcomeFigures.Outcome::peopleReached, GrantOutcomeFigures.Outcome::used)
                .containsExactly(80L, new BigDecimal("5000.00"));
        assertThat(figures.perOrganisation(null)).extracting(GrantOutcomeFigures.Outcome::id).contains(a.applicant().organisationId());

        // on the dashboard: across rounds and in the round's own page
        Dashboard across = dashboard.dashboard(Map.of(), Locales.FINNISH).orElseThrow();
        assertThat(across.figure("outcomes").rows()).anySatisfy(row -> {
            assertThat(row.get(0).toString()).startsWith("HAKU-" + round + " ");
            assertThat(row.subList(1, 6)).containsExactly(2L, 200L, 34L, new BigDecimal("9900.00"), new BigDecimal("100.00"));
        });
        Dashboard one = dashboard.dashboard(Map.of("round", String.valueOf(round)), Locales.FINNISH).orElseThrow();
        assertThat(one.figure("outcomes-organisations").rows()).hasSize(2);
        assertThat(one.figure("outcomes-organisations").columns()).extracting(c2 -> c2.header())
                .containsExactly("Järjestö", "Hyväksyttyjä selvityksiä", "Tavoitetut ihmiset", "Toteutuneet toiminnat", "Käytetty (€)",
                        "Käyttämättä (€)");
    }

    /** A report sent and reviewed through the service, as the process's steps call it. */
    private void report(ReportFixtures.Funded funded, GrantReport.Kind kind, List<String> used, String unused, int people,
            int activities, GrantReport.Status review) {
        String process = "test-" + UUID.randomUUID();
        reports.insert(funded.fundingId(), kind, process, OffsetDateTime.now().plusDays(10), OffsetDateTime.now());
        reportService.submit(process, funded.applicant().email(),
                new GrantReportService.Submission(List.copyOf(used), unused, people, activities, "Tulokset.", ""));
        reportService.review(process, review, review == GrantReport.Status.ACCEPTED ? null : "Lisää.", "aino.virtanen");
        if (review == GrantReport.Status.MORE_ASKED) {
            reportService.submit(process, funded.applicant().email(),
                    new GrantReportService.Submission(List.copyOf(used), unused, people, activities, "Tulokset.", ""));
        }
    }
}
