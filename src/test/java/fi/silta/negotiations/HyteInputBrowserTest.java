package fi.silta.negotiations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.SiltaProperties;
import fi.silta.cases.CaseFileService;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.BrowserTests;
import fi.silta.support.GrantFixtures;
import fi.silta.support.GrantFixtures.Applicant;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;
import fi.silta.web.Locales;

/**
 * NGO input in a real browser (src/test/browser/hyte-input.mjs): a verified contact finds the cycle's call on the
 * front page, gives input to a negotiation with a PDF (an empty one refused first), edits it; the pages in Finnish
 * and Swedish, and the hyte coordinator's page of the cycle's input; axe-core reports no WCAG 2.1 A/AA violation on any of them.
 */
@SiltaIntegrationTest
class HyteInputBrowserTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;
    @Autowired CaseFileService caseFiles;
    @Autowired OrganisationRepository organisations;
    @Autowired SiltaProperties properties;

    @Test
    void aContactGivesAndEditsInputAndEveryPageIsAccessible() {
        BrowserTests browser = BrowserTests.require();
        HyteInputFixtures hyte = new HyteInputFixtures(jdbc, caseFiles, properties.countyCode());
        ZonedDateTime now = ZonedDateTime.now(Locales.HELSINKI);
        OffsetDateTime deadline = now.toLocalDate().plusDays(14).atTime(LocalTime.of(16, 0)).atZone(Locales.HELSINKI).toOffsetDateTime();
        String theme = "Lasten ja nuorten hyvinvointi";
        HyteInputFixtures.Cycle cycle = hyte.cycle(List.of(theme, "Ikääntyneiden toimintakyky"), now.toOffsetDateTime().minusDays(1), deadline);
        String title = "Oulu " + cycle.year();
        long negotiation = hyte.negotiation(cycle, title, List.of(organisations.findByMunicipalityCode("564").orElseThrow().id()),
                now.toOffsetDateTime().minusDays(1));
        Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        String link = PortalSignIn.mailedLink(port, greenMail, drainer, applicant.email());

        String output = browser.run("hyte-input.mjs", "http://localhost:" + port, Duration.ofMinutes(4),
                "--sign-in-link", link, "--year", String.valueOf(cycle.year()), "--negotiation-id", String.valueOf(negotiation),
                "--title", title, "--theme", theme, "--screenshots", BrowserTests.SCREENSHOTS.toString());

        assertThat(output).contains("no axe-core violations");
        assertThat(jdbc.sql("select version from hyte_input where negotiation_id = ? and organisation_id = ?")
                .params(negotiation, applicant.organisationId()).query(Integer.class).single()).isEqualTo(2);
    }
}
