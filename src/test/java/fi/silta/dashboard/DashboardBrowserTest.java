package fi.silta.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.organisations.OrganisationType;
import fi.silta.support.BrowserTests;
import fi.silta.support.CommentingFixtures;
import fi.silta.support.GrantDecisionFixtures;
import fi.silta.support.GrantFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;

/**
 * Every dashboard page in a real browser (src/test/browser/dashboards.mjs) as a manager, over a decided grant
 * round (its history from the engine) and a commenting round with an answer: charts drawn and told apart
 * without colour, tables, CSV, print, no axe-core violation; a reviewer refused on each.
 */
@SiltaIntegrationTest
class DashboardBrowserTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired GrantDecisionFixtures decisions;
    @Autowired GrantFixtures fixtures;
    @Autowired CommentingFixtures commenting;
    @Autowired DashboardController dashboards;

    @Test
    void aManagerReadsEveryDashboardAReviewerNone() {
        BrowserTests browser = BrowserTests.require();
        GrantDecisionFixtures.Delivered decided = decisions.decidedAndDelivered("5000.00", "3000.00");
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        long round = commenting.openRound(List.of(applicant.organisationId()), false, 10);
        commenting.answer(round, applicant.contactId(), "Hyvä luonnos.");

        List<String> pages = new java.util.ArrayList<>(List.of("/staff/dashboards"));
        dashboards.pages().forEach(p -> pages.add("/staff/dashboards/" + p.key()));
        pages.add("/staff/dashboards/grants?round=" + decided.roundId());
        pages.add("/staff/dashboards/commenting?round=" + round);
        String output = browser.run("dashboards.mjs", "http://localhost:" + port, Duration.ofMinutes(5),
                "--manager", "pekka.koskinen", "--reviewer", "mikko.korhonen", "--password", "silta-demo",
                "--pages", String.join(",", pages), "--screenshots", BrowserTests.SCREENSHOTS.toString());
        assertThat(output).contains(pages.size() + " dashboard pages", "no axe-core violations");
    }
}
