package fi.silta.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.Mails;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/** Sign-in to the portal with a one-time link mailed through the outbox. */
@SiltaIntegrationTest
class PortalSignInTest {

    static final Pattern LINK = Pattern.compile("(/portal/login/ott\\?token=[A-Za-z0-9-]+)");

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;
    @Autowired PortalProperties portalProperties;
    @Autowired java.time.Clock clock;

    @Test
    void contactSignsInOnceWithTheMailedLink() {
        String email = newEmail();
        StaffClient browser = new StaffClient(port);
        String link = requestLink(browser, email, "fi");
        assertThat(browser.get(link).body()).contains("Kirjaudu sisään", "name=\"token\"");

        var signedIn = signIn(browser, link);
        assertThat(signedIn).endsWith("/portal/my");
        assertThat(browser.get("/portal/my").body()).contains("Olet kirjautunut osoitteella " + email);

        StaffClient other = new StaffClient(port);
        assertThat(signIn(other, link)).as("a used link").endsWith("/portal/login?invalidLink");
        assertThat(other.get("/portal/my").statusCode()).isEqualTo(302);
    }

    @Test
    void forgedLinkSignsNobodyIn() {
        StaffClient browser = new StaffClient(port);
        assertThat(signIn(browser, "/portal/login/ott?token=" + UUID.randomUUID())).endsWith("/portal/login?invalidLink");
        assertThat(browser.get("/portal/login?invalidLink").body()).contains("Kirjautumislinkki ei kelpaa");
        assertThat(browser.get("/portal/my").statusCode()).isEqualTo(302);
    }

    @Test
    void linkIsMailedInThePageLanguage() {
        String email = newEmail();
        StaffClient browser = new StaffClient(port);
        requestLink(browser, email, "sv");
        assertThat(Mails.to(greenMail, email)).singleElement()
                .satisfies(mail -> assertThat(mail.subject()).isEqualTo("Inloggningslänk till Silta"));
    }

    @Test
    void tooManyLinkRequestsAreRefusedAndSendNothing() {
        String email = newEmail();
        StaffClient browser = new StaffClient(port);
        for (int i = 0; i < 3; i++) {
            assertThat(post(browser, email).headers().firstValue("Location").orElse("")).endsWith("/portal/login/sent");
        }
        long tokens = tokensOf(email);
        assertThat(post(browser, email).headers().firstValue("Location").orElse("")).endsWith("/portal/login?tooMany");
        assertThat(tokensOf(email)).isEqualTo(tokens);
        drainer.drain();
        assertThat(Mails.to(greenMail, email)).hasSize(3);
        assertThat(browser.get("/portal/login?tooMany").body()).contains("liian monta linkkiä");
    }

    @Test
    void anAddressGetsItsLinksOnceAcrossNodes() {
        // two nodes: two limiters of their own, one database
        SignInRateLimiter nodeA = new SignInRateLimiter(portalProperties, clock, jdbc);
        SignInRateLimiter nodeB = new SignInRateLimiter(portalProperties, clock, jdbc);
        String email = newEmail();
        int limit = portalProperties.linksPerAddress();
        for (int i = 0; i < limit; i++) {
            assertThat((i % 2 == 0 ? nodeA : nodeB).allowAddress(email, limit)).as("link %d", i + 1).isTrue();
        }
        assertThat(nodeA.allowAddress(email, limit)).isFalse();
        assertThat(nodeB.allowAddress(email, limit)).isFalse();
        assertThat(nodeA.allowAddress(newEmail(), limit)).as("another address").isTrue();
    }

    @Test
    void addressThatIsNoAddressIsRefusedClearly() {
        StaffClient browser = new StaffClient(port);
        assertThat(post(browser, "not an address").headers().firstValue("Location").orElse("")).endsWith("/portal/login?invalidEmail");
        String page = browser.get("/portal/login?invalidEmail").body();
        assertThat(page).contains("Sähköpostiosoite ei ole oikein.", "aria-invalid=\"true\"");
    }

    @Test
    void staffSignInIsNotAPortalSignIn() {
        StaffClient browser = new StaffClient(port);
        String link = requestLink(browser, newEmail(), "fi");
        signIn(browser, link);
        assertThat(browser.get("/staff").statusCode()).as("a portal contact is no staff member").isEqualTo(302);
    }

    private String requestLink(StaffClient browser, String email, String lang) {
        browser.get("/portal/login?lang=" + lang);
        assertThat(post(browser, email).headers().firstValue("Location").orElse("")).endsWith("/portal/login/sent");
        drainer.drain();
        String body = Mails.to(greenMail, email).get(0).body();
        Matcher m = LINK.matcher(body);
        assertThat(m.find()).as("link in " + body).isTrue();
        return m.group(1);
    }

    private java.net.http.HttpResponse<String> post(StaffClient browser, String email) {
        return browser.postWithCsrfOf("/portal/login", "/portal/login/link",
                "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
    }

    private String signIn(StaffClient browser, String link) {
        String token = link.substring(link.indexOf("token=") + 6);
        return browser.postWithCsrfOf(link, "/portal/login/ott", "token=" + token).headers().firstValue("Location").orElse("");
    }

    private long tokensOf(String email) {
        return jdbc.sql("select count(*) from one_time_tokens where username = ?").param(email).query(Long.class).single();
    }

    private static String newEmail() {
        return "portal-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }
}
