package fi.silta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.grants.Criterion;
import fi.silta.grants.GrantRound;
import fi.silta.grants.GrantRoundRepository;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * The portal's pages that show money and times, with sentinel values (1234567.89 euros, closing
 * 2026-12-10T16:00:00+02:00) in fi, sv and en: none raw, each as people write it.
 */
@SiltaIntegrationTest
class PageSentinelTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final OffsetDateTime CLOSES = OffsetDateTime.parse("2026-12-10T16:00:00+02:00");
    static final Map<String, List<String>> FORMATTED = Map.of(
            "fi", List.of("1\u00a0234\u00a0567,89\u00a0€", "10.12.2026 klo 16.00", "12\u00a0345,67\u00a0€"),
            "sv", List.of("1\u00a0234\u00a0567,89\u00a0€", "10.12.2026 kl. 16.00", "12\u00a0345,67\u00a0€"),
            "en", List.of("€1,234,567.89", "10 Dec 2026 at 16:00", "€12,345.67"));

    @LocalServerPort int port;
    @Autowired GrantRoundRepository rounds;
    @Autowired GrantFixtures fixtures;
    @Autowired OutboxDrainer drainer;

    @AfterEach
    void reset() {
        ClockUtil.reset();
    }

    @Test
    void moneyAndTimesOnTheFrontPageAndTheApplicationFormAsPeopleWriteThem() {
        ClockUtil.setCurrentTime(Date.from(CLOSES.minusDays(5).toInstant()));
        OffsetDateTime opens = CLOSES.minusDays(9);
        long id = rounds.insert(null, "Sentinellihaku", "Sentinellutlysning", "Kuvaus", "Beskrivning", new BigDecimal("1234567.89"),
                new BigDecimal("12345.67"), opens, CLOSES, opens.minusDays(1));
        rounds.configure(id, "aino.virtanen", 2, "helena.hamalainen", new BigDecimal("1.00"), new BigDecimal("2.50"), false, false, null);
        rounds.replaceCriteria(id, List.of(new Criterion(0, id, 1, "Vaikuttavuus", "Verkan", new BigDecimal("100"))));
        rounds.replaceReviewers(id, GrantFixtures.POOL);
        rounds.setStatus(id, GrantRound.Status.PUBLISHED);
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, applicant.email());

        for (String language : List.of("fi", "sv", "en")) {
            String front = portal.get("/?lang=" + language).body();
            String call = front.substring(front.indexOf("Sentinel"));
            assertThat(call).as("front page " + language).contains(FORMATTED.get(language).get(0), FORMATTED.get(language).get(1),
                    FORMATTED.get(language).get(2)).doesNotContain("1234567", "12345.67", "2026-12-10T", "+02:00");
            String form = portal.get("/portal/grants/" + id + "/apply?lang=" + language).body();
            assertThat(form).as("application form " + language).contains(FORMATTED.get(language).get(1), FORMATTED.get(language).get(2))
                    .doesNotContain("12345.67", "2026-12-10T", "+02:00");
        }
    }
}
