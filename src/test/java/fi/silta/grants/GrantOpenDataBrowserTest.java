package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.organisations.OrganisationType;
import fi.silta.support.BrowserTests;
import fi.silta.support.GrantFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;

/**
 * The public pages of grant decisions in a real headless browser, in Finnish, Swedish and English: the
 * list of decided rounds, a round's decisions (an unregistered group among them) and the 404 of a round
 * that is not decided. axe-core finds no WCAG 2.1 A/AA violation; each page has its language and one
 * heading (src/test/browser/error-pages.mjs, which checks any list of pages so).
 */
@SiltaIntegrationTest
class GrantOpenDataBrowserTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final Path PAGES = BrowserTests.SCREENSHOTS.resolve("grant-decisions");

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired GrantSubmissions submissions;
    @Autowired GrantApplicationRepository applications;
    @Autowired GrantDecisionRepository decisions;
    @Autowired GrantRoundRepository rounds;

    @Test
    void thePublicPagesOfDecisionsHaveNoWcagViolations() throws Exception {
        BrowserTests browser = BrowserTests.require();
        OffsetDateTime now = OffsetDateTime.now();
        long roundId = fixtures.publishedRound(now.minusDays(1), now.plusDays(30), GrantFixtures.POOL);
        decide(roundId, fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION), "Vertaistukiryhmät omaishoitajille", "3000.00");
        decide(roundId, fixtures.applicant(OrganisationType.UNREGISTERED_GROUP), "Kylän kerho kokoontuu viikoittain", "1234.50");
        rounds.setStatus(roundId, GrantRound.Status.DECIDED);
        long undecidedId = fixtures.publishedRound(now.minusDays(1), now.plusDays(30), GrantFixtures.POOL);
        rounds.setStatus(undecidedId, GrantRound.Status.PROPOSED);

        List<Map<String, Object>> pages = new ArrayList<>();
        for (String lang : List.of("fi", "sv", "en")) {
            pages.add(page("grant-decisions-" + lang, "/avustuspaatokset?lang=" + lang, 200, lang));
            pages.add(page("grant-decisions-round-" + lang, "/avustuspaatokset/" + roundId + "?lang=" + lang, 200, lang));
            pages.add(page("grant-decisions-undecided-" + lang, "/avustuspaatokset/" + undecidedId + "?lang=" + lang, 404, lang));
        }
        Files.createDirectories(PAGES);
        Path manifest = PAGES.resolve("pages.json");
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(manifest.toFile(), pages);

        String output = browser.run("error-pages.mjs", "http://localhost:" + port, Duration.ofMinutes(3),
                "--pages", manifest.toString(), "--screenshots", PAGES.toString());

        assertThat(output).contains("no axe-core violations", "grant-decisions-round-sv", "grant-decisions-undecided-en");
    }

    private void decide(long roundId, GrantFixtures.Applicant applicant, String activity, String granted) {
        long applicationId = applications.insert(roundId, applicant.organisationId(), applicant.email(), activity, "Omaishoitajat",
                "Jaksaminen", new BigDecimal("5000.00"), "564", "Pekka Puheenjohtaja", OffsetDateTime.now());
        long caseId = submissions.submit(applicationId, applicant.contactId(), null).caseFile().id();
        decisions.insert(applicationId, roundId, caseId, GrantDecision.Stage.ORIGINAL, GrantDecision.Basis.SCORED,
                new BigDecimal("5000.00"), new BigDecimal(granted), new BigDecimal("3.50"), null, "fi", "helena.hamalainen",
                OffsetDateTime.now());
    }

    private static Map<String, Object> page(String name, String path, int status, String lang) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("name", name);
        page.put("path", path);
        page.put("status", status);
        page.put("lang", lang);
        return page;
    }
}
