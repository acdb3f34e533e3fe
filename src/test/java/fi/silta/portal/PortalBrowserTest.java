package fi.silta.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.BrowserTests;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestBusinessIds;
import fi.silta.support.TestMail;

/**
 * The portal in a real headless browser (src/test/browser/portal-journey.mjs): signs in
 * through the mailed link, fills the registration form with an upload, sees the receipt, opens
 * the status page and switches to Swedish; axe-core finds no WCAG 2.1 AA violation on the way.
 */
@SiltaIntegrationTest
class PortalBrowserTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;

    @Test
    void contactRegistersWithAnUploadInARealBrowser() {
        BrowserTests browser = BrowserTests.require();
        String email = "selain-" + UUID.randomUUID().toString().substring(0, 8) + "@yhdistys.example";
        String link = PortalSignIn.mailedLink(port, greenMail, drainer, email);

        String output = browser.run("portal-journey.mjs", "http://localhost:" + port, Duration.ofMinutes(3),
                "--sign-in-link", link, "--business-id", TestBusinessIds.unique(),
                "--screenshots", BrowserTests.SCREENSHOTS.toString());

        assertThat(output).contains("no axe-core violations");
        assertThat(jdbc.sql("select count(*) from document d join case_file c on d.case_id = c.id where c.contact_email = ?")
                .param(email).query(Long.class).single()).isEqualTo(1);
    }
}
