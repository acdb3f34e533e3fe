package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.BrowserTests;
import fi.silta.support.GrantFixtures;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;

/** An NGO contact who reads Swedish applies in a real browser (src/test/browser/portal-swedish.mjs). */
@SiltaIntegrationTest
class SwedishApplicantBrowserTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;

    @Test
    void everyPageIsSwedishAndTheDraftKeepsItsAttachment() {
        BrowserTests browser = BrowserTests.require();
        OffsetDateTime now = OffsetDateTime.now();
        long roundId = fixtures.publishedRound(now.minusDays(1), now.plusDays(30), GrantFixtures.POOL);
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        String link = PortalSignIn.mailedLink(port, greenMail, drainer, applicant.email());

        String output = browser.run("portal-swedish.mjs", "http://localhost:" + port, Duration.ofMinutes(3),
                "--sign-in-link", link, "--round-id", String.valueOf(roundId),
                "--screenshots", BrowserTests.SCREENSHOTS.toString());

        assertThat(output).contains("every page Swedish", "no axe-core violations");
        assertThat(jdbc.sql("select d.file_name from document d join grant_application a on a.case_id = d.case_id "
                + "where a.contact_email = ?").param(applicant.email()).query(String.class).list()).containsExactly("verksamhetsplan.pdf");
    }
}
