package fi.silta.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.cases.CaseFileService.OpenedCase;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.ContactVerificationService;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * A procedure that Silta's shared pages have never heard of ({@link ExampleProcedure}, test
 * code only) appears on the front page, on "my cases", with its own action on a case's status
 * page, and on the staff case page, only by implementing the section interfaces.
 */
@SiltaIntegrationTest
@Import(ExampleProcedure.class)
class ProcedureSectionsTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired ContactVerificationService verification;
    @Autowired OutboxDrainer drainer;
    @Autowired ExampleProcedure example;

    @Test
    void aProcedureAddsItsSectionsToEverySharedPage() {
        assertThat(new StaffClient(port).get("/?lang=sv").body()).contains("example-section:front:sv");

        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        OpenedCase opened = verification.requestVerification(applicant.contactId(), UUID.randomUUID().toString());
        String reference = opened.caseFile().reference();

        StaffClient contact = PortalSignIn.signedIn(port, greenMail, drainer, applicant.email());
        assertThat(contact.get("/portal/my").body()).contains("example-section:my:" + applicant.email());

        String statusPath = "/portal/cases/" + reference;
        String action = statusPath + "/" + ExampleProcedure.ACTION;
        assertThat(contact.get(statusPath).body()).contains("action=\"" + action + "\"");
        assertThat(contact.postWithCsrfOf(statusPath, action, "").headers().firstValue("Location").orElse(""))
                .endsWith(statusPath);
        assertThat(example.reminded).containsExactly(reference);
        assertThat(contact.get(statusPath).body()).doesNotContain("action=\"" + action + "\"");

        StaffClient coordinator = new StaffClient(port);
        coordinator.signIn("aino.virtanen", "silta-demo");
        assertThat(coordinator.get("/staff/cases/" + reference).body()).contains("example-section:staff:aino.virtanen");
    }
}
