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
    @Autowired fi.silta.notifications.MailOutbox outbox;
    @Autowired SignInLinkMails signInMails;

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

    @Test
    void theStoredSignInMailHoldsNoUsableLink() {
        String email = newEmail();
        StaffClient browser = new StaffClient(port);
        assertThat(post(browser, email).headers().firstValue("Location").orElse("")).endsWith("/portal/login/sent");
        assertThat(tokensOf(email)).as("the filter's token is used up at once").isZero();
        String stored = jdbc.sql("select body from mail_outbox where recipient = ?").param(email).query(String.class).single();
        assertThat(stored).contains("/portal/login/ott?token=" + SignInLinkMails.PLACEHOLDER);
        assertThat(LINK.matcher(stored).find()).isFalse();

        drainer.drain();
        String mailed = Mails.to(greenMail, email).get(0).body();
        Matcher link = LINK.matcher(mailed);
        assertThat(link.find()).as("a link in " + mailed).isTrue();
        assertThat(tokensOf(email)).isEqualTo(1);
        String storedAfter = jdbc.sql("select body from mail_outbox where recipient = ?").param(email).query(String.class).single();
        assertThat(storedAfter).isEqualTo(stored).doesNotContain(link.group(1));

        StaffClient admin = new StaffClient(port);
        admin.signIn("ilkka.jarvinen", "silta-demo");
        assertThat(admin.get("/staff/mail").body()).contains(email).doesNotContain(link.group(1).substring(link.group(1).indexOf('=') + 1));
        assertThat(signIn(new StaffClient(port), link.group(1))).endsWith("/portal/my");
    }

    @Test
    void eachSendingOfTheSignInMailMintsAToken() {
        String email = newEmail();
        post(new StaffClient(port), email);
        var mail = jdbc.sql("select id from mail_outbox where recipient = ?").param(email).query(Long.class).single();
        var stored = outbox.find(mail).orElseThrow();
        String first = signInMails.beforeSending(stored, stored.body());
        String second = signInMails.beforeSending(stored, stored.body());
        assertThat(first).doesNotContain(SignInLinkMails.PLACEHOLDER).isNotEqualTo(second);
        assertThat(tokensOf(email)).isEqualTo(2);
    }

    @Test
    void anInternationalisedDomainIsKeptInUnicodeAndSentInPunycode() {
        StaffClient browser = new StaffClient(port);
        String local = "info-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post(browser, " " + local.toUpperCase() + "@Äänekoski.fi ").headers().firstValue("Location").orElse(""))
                .endsWith("/portal/login/sent");
        String unicode = local + "@äänekoski.fi";
        assertThat(jdbc.sql("select recipient from mail_outbox where recipient like ?").param(local + "@%").query(String.class).single())
                .isEqualTo(unicode);
        drainer.drain();
        assertThat(jdbc.sql("select status from mail_outbox where recipient = ?").param(unicode).query(String.class).single())
                .isEqualTo("SENT");
        var mails = Mails.to(greenMail, local + "@xn--nekoski-4waa.fi");
        assertThat(mails).hasSize(1);
        Matcher link = LINK.matcher(mails.get(0).body());
        assertThat(link.find()).isTrue();
        assertThat(signIn(browser, link.group(1))).endsWith("/portal/my");
        assertThat(browser.get("/portal/my").body()).contains(unicode);

        // the same address typed in punycode is the same person
        assertThat(post(new StaffClient(port), local + "@xn--nekoski-4waa.fi").headers().firstValue("Location").orElse(""))
                .endsWith("/portal/login/sent");
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = ?").param(unicode).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void aNonAsciiLocalPartIsRefusedWithItsOwnMessageAndSendsNothing() {
        StaffClient browser = new StaffClient(port);
        String address = "matti.meikäläinen-" + UUID.randomUUID().toString().substring(0, 8) + "@yhdistys.fi";
        assertThat(post(browser, address).headers().firstValue("Location").orElse("")).endsWith("/portal/login?invalidEmail=local");
        assertThat(browser.get("/portal/login?invalidEmail=local").body())
                .contains("@-merkkiä edeltävässä osassa voi olla vain kirjaimia a–z", "aria-invalid=\"true\"");
        assertThat(browser.get("/portal/login?invalidEmail=local&lang=sv").body()).contains("före @");
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient like 'matti.meik%'").query(Long.class).single()).isZero();
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
