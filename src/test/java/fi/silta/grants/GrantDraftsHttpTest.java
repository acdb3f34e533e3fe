package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.Multipart;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * Drafts and repeats that lose nothing, over HTTP: a draft keeps its attachments (which go with the
 * application when it is sent) and gains no empty rows; an organisation that has applied sees its
 * application and the rule instead of an empty form.
 */
@SiltaIntegrationTest
class GrantDraftsHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T10:00:00+02:00");
    static final List<String[]> BUDGET = List.<String[]>of(new String[] {"Palkat", "3 000,00"}, new String[] {"Vuokrat", "2 000,00"});
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;

    long roundId;
    String apply;

    @BeforeEach
    void openRound() {
        ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
        roundId = fixtures.publishedRound(NOW.minusDays(1), NOW.plusDays(29), GrantFixtures.POOL);
        apply = "/portal/grants/" + roundId + "/apply";
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
    }

    @Test
    void aDraftKeepsItsAttachmentsAndNoEmptyRowAndSendsThemWithTheApplication() {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, applicant.email());

        Multipart draft = GrantFixtures.applicationForm(portal.get(apply).body(), "Luonnos", "5 000,00", BUDGET)
                .field("_save", "draft").file("attachments", "toimintasuunnitelma.pdf", "application/pdf", PDF);
        assertThat(portal.postMultipart(apply, draft).statusCode()).isEqualTo(302);
        String reopened = portal.get(apply).body();
        assertThat(reopened).contains("Luonnos on tallennettu", "Luonnokseen tallennetut liitteet", "toimintasuunnitelma.pdf");
        assertThat(budgetRows(reopened)).as("the two saved rows, no empty one").isEqualTo(2);

        // a second file, then the first removed
        Multipart more = GrantFixtures.applicationForm(reopened, "Luonnos", "5 000,00", BUDGET)
                .field("_save", "draft").file("attachments", "talousarvio.pdf", "application/pdf", PDF);
        portal.postMultipart(apply, more);
        String withTwo = portal.get(apply).body();
        assertThat(withTwo).contains("toimintasuunnitelma.pdf", "talousarvio.pdf");
        Matcher remove = Pattern.compile("action=\"(/portal/grants/" + roundId + "/apply/files/(\\d+)/remove[^\"]*)\"").matcher(withTwo);
        assertThat(remove.find()).isTrue();
        String removePath = remove.group(1).replace("&amp;", "&");
        assertThat(portal.postForm(removePath, "_csrf=" + StaffClient.csrf(withTwo)).statusCode()).isEqualTo(302);
        String afterRemove = portal.get(apply).body();
        assertThat(afterRemove).contains("Liite on poistettu luonnoksesta.", "talousarvio.pdf").doesNotContain("toimintasuunnitelma.pdf");

        // another organisation's contact cannot remove this draft's file
        GrantFixtures.Applicant stranger = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient other = PortalSignIn.signedIn(port, greenMail, drainer, stranger.email());
        long kept = count("draft_document");
        Matcher second = Pattern.compile("/apply/files/(\\d+)/remove").matcher(afterRemove);
        assertThat(second.find()).isTrue();
        other.postForm("/portal/grants/" + roundId + "/apply/files/" + second.group(1) + "/remove", "_csrf=" + StaffClient.csrf(other.get(apply).body()));
        assertThat(count("draft_document")).isEqualTo(kept);

        // sent: the kept file goes with the application, as the case's document, and leaves the draft
        HttpResponse<String> sent = portal.postMultipart(apply, GrantFixtures.applicationForm(afterRemove, "Kerhotoiminta", "5 000,00", BUDGET));
        assertThat(sent.statusCode()).isEqualTo(302);
        long caseId = jdbc.sql("select case_id from grant_application where organisation_id = ? and status <> 'DRAFT'")
                .param(applicant.organisationId()).query(Long.class).single();
        assertThat(jdbc.sql("select file_name from document where case_id = ?").param(caseId).query(String.class).list())
                .containsExactly("talousarvio.pdf");
        assertThat(jdbc.sql("select count(*) from draft_document where uploaded_by = ?").param(applicant.email()).query(Long.class).single())
                .isZero();

        // the applicant's copy of what was sent, on the status page: the form's structure, formatted, with the file
        String reference = jdbc.sql("select reference from case_file where id = ?").param(caseId).query(String.class).single();
        String status = portal.get("/portal/cases/" + reference).body();
        assertThat(status).contains("Lähettämäsi hakemus", "Kerhotoiminta", "Oulu", "3\u00a0000,00\u00a0€", "5\u00a0000,00\u00a0€",
                "href=\"/portal/cases/" + reference + "/documents/", "talousarvio.pdf");

        // and as a PDF with the receipt mail, made when the mail is sent
        drainer.drain();
        jakarta.mail.internet.MimeMessage receipt = java.util.Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> { try { return m.getSubject().contains(reference); } catch (Exception e) { return false; } })
                .findFirst().orElseThrow();
        try {
            jakarta.mail.Multipart parts = (jakarta.mail.Multipart) receipt.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            jakarta.mail.BodyPart pdf = parts.getBodyPart(1);
            assertThat(pdf.getFileName()).isEqualTo(reference + ".pdf");
            assertThat(pdf.getContentType()).startsWith("application/pdf");
            byte[] bytes = pdf.getInputStream().readAllBytes();
            try (var document = org.apache.pdfbox.Loader.loadPDF(bytes)) {
                assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document))
                        .contains(reference, "Lähettämäsi hakemus", "Kerhotoiminta", "Oulu", "talousarvio.pdf", "Järjestöavustukset 2026");
            }
        } catch (java.io.IOException | jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDraftFileOfAWrongKindIsRefusedAndNothingIsKept() {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, applicant.email());
        long kept = count("draft_document");
        Multipart draft = GrantFixtures.applicationForm(portal.get(apply).body(), "Luonnos", "5 000,00", BUDGET)
                .field("_save", "draft").file("attachments", "ohjelma.exe", "application/octet-stream", new byte[] {'M', 'Z', 0, 1});
        HttpResponse<String> refused = portal.postMultipart(apply, draft);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("PDF, ODT, DOCX, XLSX");
        assertThat(count("draft_document")).isEqualTo(kept);
    }

    @Test
    void anOrganisationThatHasAppliedSeesItsApplicationAndTheRuleNotAnEmptyForm() {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, applicant.email());
        assertThat(portal.postMultipart(apply, GrantFixtures.applicationForm(portal.get(apply).body(), "Kerhotoiminta", "5 000,00",
                BUDGET)).statusCode()).isEqualTo(302);
        String reference = jdbc.sql("select c.reference from case_file c join grant_application a on a.case_id = c.id "
                + "where a.organisation_id = ?").param(applicant.organisationId()).query(String.class).single();

        String again = portal.get(apply).body();
        assertThat(again).contains("Järjestö on jo hakenut tässä haussa", "Hanna Hakija lähetti järjestön hakemuksen 2.3.2026 klo 10.00.",
                "Tässä haussa järjestö voi jättää vain yhden hakemuksen", "href=\"/portal/cases/" + reference + "\"")
                .doesNotContain("name=\"activity\"");
        assertThat(portal.get("/portal/cases/" + reference).statusCode()).as("the application's page, signed in").isEqualTo(200);
    }

    @Test
    void theRegistrationFormsContactLanguageStartsAsThePagesLanguage() {
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, "kieli-" + System.nanoTime() + "@test.example");
        assertThat(portal.get("/portal/contact?lang=sv").body()).containsPattern("value=\"sv\"[^>]*checked");
        assertThat(portal.get("/portal/contact?lang=fi").body()).containsPattern("value=\"fi\"[^>]*checked");
    }

    @Test
    void aSignedOutVisitorIsToldWhyAndComesBackToTheFormAfterSigningIn() {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient browser = new StaffClient(port);
        HttpResponse<String> asked = browser.get(apply);
        assertThat(asked.statusCode()).isEqualTo(302);
        assertThat(asked.headers().firstValue("Location").orElse("")).endsWith("/portal/login?needed");
        assertThat(browser.get("/portal/login?needed").body()).contains("Sivu, jolle yritit siirtyä, näkyy vain kirjautuneille.");

        browser.postWithCsrfOf("/portal/login", "/portal/login/link", "username=" + applicant.email());
        drainer.drain();
        var mails = fi.silta.support.Mails.to(greenMail, applicant.email());
        Matcher link = PortalSignIn.LINK.matcher(mails.get(mails.size() - 1).body());
        assertThat(link.find()).isTrue();
        String token = link.group(1).substring(link.group(1).indexOf('=') + 1);
        String back = browser.postWithCsrfOf(link.group(1), "/portal/login/ott", "token=" + token).headers().firstValue("Location").orElse("");
        // the request cache keeps the page asked on this server, never an address taken from the request's parameters
        assertThat(back).as("back where they were").startsWith("http://localhost:" + port + apply);
        assertThat(browser.get(apply).body()).contains("name=\"activity\"");
    }

    private static int budgetRows(String page) {
        Matcher rows = Pattern.compile("name=\"budgetLines\\[\\d+\\]\\.description\"").matcher(page);
        int count = 0;
        while (rows.find()) {
            count++;
        }
        return count;
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
