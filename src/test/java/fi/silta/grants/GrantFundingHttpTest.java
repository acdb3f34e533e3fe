package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.GrantFixtures;
import fi.silta.support.Mails;
import fi.silta.support.Multipart;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * A granted application's payment over HTTP: the bank account confirmed on the status page (an invalid IBAN refused
 * with nothing stored), the account changed later and every verified contact told by mail, a change refused while a
 * payment is in a batch, another organisation's contact refused; "do not pay" by a coordinator on the staff case page
 * (a reviewer refused); the grant declined on the status page.
 */
@SiltaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrantFundingHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired GrantFundingFixtures fixtures;
    @Autowired GrantFixtures grantFixtures;
    @Autowired GrantFundingService service;
    @Autowired GrantFundings fundings;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;
    @Autowired RuntimeService runtimeService;
    @Autowired fi.silta.cases.StatusLinks statusLinks;

    @BeforeEach
    void stubs() {
        fixtures.deployStubs();
    }

    @AfterAll
    void stubsAway() {
        fixtures.removeStubs();
    }

    @Test
    void theBankAccountConfirmedChangedAndFrozenOnTheStatusPage() {
        GrantFundingFixtures.Funded funded = fixtures.funded(fixtures.round(100), "2500.00");
        GrantFixtures.Applicant colleague = grantFixtures.colleague(funded.applicant(), "Kalle Kollega");
        GrantFixtures.Applicant pending = grantFixtures.unverifiedApplicant(fi.silta.organisations.OrganisationType.REGISTERED_ASSOCIATION);
        fixtures.executeJob(funded.funding().processInstanceId());
        String reference = funded.caseFile().reference();
        String statusPath = "/portal/cases/" + reference;

        StaffClient contact = PortalSignIn.signedIn(port, greenMail, drainer, funded.applicant().email());
        String status = contact.get(statusPath).body();
        assertThat(status).contains("Avustuksen maksatus", "Tiliä ei ole vielä vahvistettu.",
                "Vahvista järjestön tilinumero, jotta avustus voidaan maksaa.");
        String taskLink = find(status, "href=\"(" + statusPath + "/tasks/[^\"]+)\"");
        String taskPage = contact.get(taskLink).body();
        assertThat(taskPage).contains("Tilinumero (IBAN)");

        // an invalid IBAN (a wrong check digit) is refused, nothing stored
        HttpResponse<String> invalid = contact.postMultipart(taskLink, new Multipart().field("_csrf", StaffClient.csrf(taskPage))
                .field("iban", "FI21 1234 5600 0007 86").field("holder", "Avustusyhdistys ry"));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("ei ole kelvollinen IBAN");
        assertThat(service.account(funded.funding().organisationId())).isEmpty();

        HttpResponse<String> valid = contact.postMultipart(taskLink, new Multipart().field("_csrf", StaffClient.csrf(taskPage))
                .field("iban", "FI21 1234 5600 0007 85").field("holder", "Avustusyhdistys ry"));
        assertThat(valid.statusCode()).isEqualTo(302);
        assertThat(service.account(funded.funding().organisationId())).hasValueSatisfying(a -> assertThat(a.iban()).isEqualTo("FI2112345600000785"));
        assertThat(fixtures.payments(funded.funding())).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(GrantPayment.Status.DUE);
            assertThat(p.iban()).isEqualTo("FI2112345600000785");
        });
        status = contact.get(statusPath).body();
        assertThat(status).contains("**** **** **** **07 85", "Maksettavana").doesNotContain("FI2112345600000785");
        // "where it is now" follows the funding, not the application's ended process
        assertThat(status).contains("Avustus on maksatuksessa").doesNotContain("eikä siihen vaadittu oikaisua");

        // a change: every verified contact of the organisation is told, the account masked but for its last four
        HttpResponse<String> changed = contact.postForm(statusPath + "/bank-account", "iban=" + enc("FI49 5000 9420 0287 30")
                + "&holder=" + enc("Avustusyhdistys ry") + "&_csrf=" + enc(StaffClient.csrf(status)));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(service.account(funded.funding().organisationId())).hasValueSatisfying(a -> assertThat(a.iban()).isEqualTo("FI4950009420028730"));
        assertThat(fixtures.payments(funded.funding()).get(0).iban()).as("a due payment in no batch follows the account")
                .isEqualTo("FI4950009420028730");
        Mails.sendAllDue(drainer);
        for (String email : List.of(funded.applicant().email(), colleague.email())) {
            assertThat(Mails.to(greenMail, email)).filteredOn(m -> m.subject().startsWith("Järjestön tilinumero vaihdettu"))
                    .singleElement().satisfies(m -> assertThat(m.body()).contains("**** **** **** **07 85", "**** **** **** **87 30")
                            .doesNotContain("FI4950009420028730", "FI2112345600000785"));
        }
        assertThat(Mails.to(greenMail, pending.email())).isEmpty();

        // frozen while a payment of the organisation is in a batch
        jdbc.sql("update grant_payment set status = 'IN_BATCH', batch_id = 424242 where funding_id = ?").param(funded.funding().id()).update();
        status = contact.get(statusPath).body();
        HttpResponse<String> frozen = contact.postForm(statusPath + "/bank-account", "iban=" + enc("FI21 1234 5600 0007 85")
                + "&holder=" + enc("Avustusyhdistys ry") + "&_csrf=" + enc(StaffClient.csrf(status)));
        assertThat(frozen.statusCode()).isEqualTo(302);
        assertThat(contact.get(statusPath).body()).contains("Tilinumeroa ei voi nyt muuttaa");
        assertThat(service.account(funded.funding().organisationId())).hasValueSatisfying(a -> assertThat(a.iban()).isEqualTo("FI4950009420028730"));

        // the status link alone changes nothing: sign in first
        StaffClient linkOnly = new StaffClient(port);
        String tokenPath = statusPath + "?token=" + enc(token(funded));
        String linkPage = linkOnly.get(tokenPath).body();
        assertThat(linkPage).contains("Avustuksen maksatus");
        HttpResponse<String> byLink = linkOnly.postForm(statusPath + "/bank-account?token=" + enc(token(funded)), "iban="
                + enc("FI21 1234 5600 0007 85") + "&holder=x&_csrf=" + enc(StaffClient.csrf(linkPage)));
        assertThat(byLink.statusCode()).isEqualTo(302);
        assertThat(linkOnly.get(tokenPath).body()).contains("Kirjaudu sisään järjestön vahvistettuna yhteyshenkilönä");
        assertThat(service.account(funded.funding().organisationId())).hasValueSatisfying(a -> assertThat(a.iban()).isEqualTo("FI4950009420028730"));
        // the journey is at the payment
        assertThat(contact.get(statusPath).body()).containsPattern("step-current[^>]*>\\s*<span class=\"step-label\">Avustuksen maksaminen");

        // another organisation's verified contact cannot reach the case at all
        GrantFixtures.Applicant other = fixtures.applicant();
        StaffClient outsider = PortalSignIn.signedIn(port, greenMail, drainer, other.email());
        String otherPage = outsider.get("/portal/grants/" + funded.roundId() + "/apply").body();
        HttpResponse<String> foreign = outsider.postForm(statusPath + "/bank-account", "iban=" + enc("FI21 1234 5600 0007 85")
                + "&holder=x&_csrf=" + enc(StaffClient.csrf(otherPage)));
        assertThat(foreign.statusCode()).isEqualTo(404);
        HttpResponse<String> foreignDecline = outsider.postForm(statusPath + "/decline-grant", "confirm=yes&_csrf=" + enc(StaffClient.csrf(otherPage)));
        assertThat(foreignDecline.statusCode()).isEqualTo(404);
        assertThat(fundings.find(funded.funding().id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.PAYING);
    }

    @Test
    void doNotPayByACoordinatorOnlyAndTheGrantDeclinedOnTheStatusPage() {
        GrantFundingFixtures.Funded stopped = fixtures.funded(fixtures.round(100), "1800.00");
        String stoppedPath = "/staff/cases/" + stopped.caseFile().reference();
        fixtures.executeJob(stopped.funding().processInstanceId());

        StaffClient reviewer = StaffClient.signedIn(port, "mikko.korhonen", "silta-demo");
        HttpResponse<String> notAllowed = reviewer.postWithCsrfOf("/staff", stoppedPath + "/stop-payment", "stopReason=" + enc("Ei"));
        assertThat(notAllowed.statusCode()).isIn(403, 404);
        assertThat(fundings.find(stopped.funding().id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.STARTED);

        StaffClient coordinator = StaffClient.signedIn(port, "aino.virtanen", "silta-demo");
        String page = coordinator.get(stoppedPath).body();
        assertThat(page).contains("Avustuksen maksatus", "Keskeytä maksatus");
        HttpResponse<String> blank = coordinator.postForm(stoppedPath + "/stop-payment", "stopReason=+&_csrf=" + enc(StaffClient.csrf(page)));
        assertThat(blank.statusCode()).isEqualTo(302);
        assertThat(coordinator.get(stoppedPath).body()).contains("pakollinen");
        assertThat(fundings.find(stopped.funding().id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.STARTED);
        HttpResponse<String> stop = coordinator.postForm(stoppedPath + "/stop-payment", "stopReason=" + enc("Yhdistys lopetti toimintansa.")
                + "&_csrf=" + enc(StaffClient.csrf(page)));
        assertThat(stop.statusCode()).isEqualTo(302);
        assertThat(fundings.find(stopped.funding().id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.STOPPED);
        assertThat(fixtures.payments(stopped.funding())).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(GrantPayment.Status.STOPPED);
            assertThat(p.stopReason()).isEqualTo("Yhdistys lopetti toimintansa.");
        });
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(stopped.funding().processInstanceId()).count()).isZero();

        // declined by the applicant: confirmation required, then what is unpaid is cancelled
        GrantFundingFixtures.Funded declined = fixtures.funded(fixtures.round(60), "3000.00");
        fixtures.executeJob(declined.funding().processInstanceId());
        String statusPath = "/portal/cases/" + declined.caseFile().reference();
        StaffClient contact = PortalSignIn.signedIn(port, greenMail, drainer, declined.applicant().email());
        String status = contact.get(statusPath).body();
        assertThat(status).contains("Luovu avustuksesta");
        contact.postForm(statusPath + "/decline-grant", "_csrf=" + enc(StaffClient.csrf(status)));
        assertThat(contact.get(statusPath).body()).contains("Vahvista ensin");
        assertThat(fundings.find(declined.funding().id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.STARTED);
        HttpResponse<String> declining = contact.postForm(statusPath + "/decline-grant", "confirm=yes&_csrf=" + enc(StaffClient.csrf(status)));
        assertThat(declining.statusCode()).isEqualTo(302);
        assertThat(fundings.find(declined.funding().id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.DECLINED);
        assertThat(fixtures.payments(declined.funding())).extracting(GrantPayment::status)
                .containsExactly(GrantPayment.Status.CANCELLED, GrantPayment.Status.CANCELLED);
        status = contact.get(statusPath).body();
        assertThat(status).contains("Järjestö luopui avustuksesta").doesNotContain("Vahvistan, että järjestö luopuu");
        // the funding's outsider task is gone from the page with its process
        assertThat(status).doesNotContain("/tasks/");
    }

    private String linkToken;

    /** A status link token of the case, made anew (the mailed one is not kept). */
    private String token(GrantFundingFixtures.Funded funded) {
        if (linkToken == null) {
            linkToken = statusLinks.mint(funded.caseFile().id(), null);
        }
        return linkToken;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String find(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in " + html);
        }
        return m.group(1);
    }
}
