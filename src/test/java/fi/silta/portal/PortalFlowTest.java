package fi.silta.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.Mails;
import fi.silta.support.Multipart;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestBusinessIds;
import fi.silta.support.TestMail;

/**
 * A new contact through the portal: sign-in link, the registration form refused and then
 * accepted, the receipt mail with the private status link, the status page, and an outsider's
 * task (the coordinator's "ask more") answered there.
 */
@SiltaIntegrationTest
class PortalFlowTest {

    static final Pattern STATUS = Pattern.compile("/portal/cases/(YH-\\d{4}-\\d{4})\\?token=([A-Za-z0-9_-]+)");
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired fi.silta.organisations.ContactVerificationService verification;
    @Autowired fi.silta.support.TestOrganisations testOrganisations;
    @Autowired fi.silta.organisations.OrganisationService organisationService;

    String email;
    StaffClient browser;

    @BeforeEach
    void signIn() {
        email = "uusi-" + UUID.randomUUID().toString().substring(0, 8) + "@yhdistys.example";
        browser = PortalSignIn.signedIn(port, greenMail, drainer, email);
    }

    @Test
    void registrationIsRefusedUntilRightThenOpensACaseWithAPrivateStatusLink() {
        long organisations = count("organisation");
        long cases = count("case_file");
        String page = browser.get("/portal/contact").body();
        assertThat(page).contains("Rekisteröidy järjestön yhteyshenkilöksi", "Oulu", "name=\"submissionKey\"");
        // consent to electronic notification of decisions is asked, and optional (13/2003, 19 §)
        assertThat(page).contains("Suostun siihen, että päätökset annetaan minulle tiedoksi sähköpostilla", "name=\"electronicNoticeConsent\"");
        String key = value(page, "submissionKey");

        HttpResponse<String> refused = browser.postMultipart("/portal/contact", registration(page, key)
                .field("organisationName", "").field("businessId", "1234567-2"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Y-tunnus ei ole oikein.", "Tämä tieto on pakollinen.", "error-summary",
                "aria-invalid=\"true\"");
        assertThat(count("organisation")).isEqualTo(organisations);
        assertThat(count("case_file")).isEqualTo(cases);

        HttpResponse<String> accepted = browser.postMultipart("/portal/contact", registration(page, key)
                .field("organisationName", "Kiimingin <script>alert(1)</script> Kyläyhdistys ry")
                .field("businessId", TestBusinessIds.unique()).field("electronicNoticeConsent", "true")
                .file("authorisation", "pöytäkirja.pdf", "application/pdf", PDF));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(302);
        String receiptPath = accepted.headers().firstValue("Location").orElseThrow().replace("http://localhost:" + port, "");
        String receipt = browser.get(receiptPath).body();
        assertThat(receipt).contains("Kiitos, asiasi on vastaanotettu", "/portal/cases/YH-");

        // the same submission again (a double click): no second case
        HttpResponse<String> again = browser.postMultipart("/portal/contact", registration(page, key)
                .field("organisationName", "Kiimingin Kyläyhdistys ry").field("businessId", TestBusinessIds.unique()));
        assertThat(again.headers().firstValue("Location").orElseThrow()).endsWith(receiptPath);
        assertThat(count("case_file")).isEqualTo(cases + 1);
        assertThat(count("organisation")).isEqualTo(organisations + 1);

        drainer.drain();
        Mails.Received mail = Mails.to(greenMail, email).stream().filter(m -> m.subject().startsWith("Olemme vastaanottaneet"))
                .findFirst().orElseThrow();
        Matcher status = STATUS.matcher(mail.body());
        assertThat(status.find()).as(mail.body()).isTrue();
        String reference = status.group(1);
        String token = status.group(2);
        assertThat(mail.subject()).endsWith(reference);

        // the status link works without signing in; a changed token shows nothing but a plain message
        StaffClient stranger = new StaffClient(port);
        String statusPage = stranger.get("/portal/cases/" + reference + "?token=" + token).body();
        assertThat(statusPage).contains(reference, "Hyvinvointialue tarkistaa, että voit toimia järjestön puolesta.",
                "pöytäkirja.pdf", "Sinulta ei odoteta nyt mitään.");
        HttpResponse<String> forged = stranger.get("/portal/cases/" + reference + "?token=" + token.substring(1) + "x");
        assertThat(forged.statusCode()).isEqualTo(404);
        assertThat(forged.body()).contains("Asiaa ei löydy").doesNotContain(reference);

        // the consent is recorded with its time
        Map<String, Object> consent = jdbc.sql("select c.electronic_notice_consent, c.notice_consent_at from organisation_contact c "
                + "join case_file f on f.organisation_id = c.organisation_id where f.reference = ? and c.email = ?")
                .params(reference, email).query().singleRow();
        assertThat(consent.get("electronic_notice_consent")).isEqualTo(true);
        assertThat(consent.get("notice_consent_at")).isNotNull();

        // what was typed is stored as typed and shown escaped
        String staffName = jdbc.sql("select name from organisation o join case_file c on c.organisation_id = o.id where c.reference = ?")
                .param(reference).query(String.class).single();
        assertThat(staffName).contains("<script>");
        assertThat(stranger.get("/portal/cases/" + reference + "?token=" + token).body()).doesNotContain("<script>alert(1)</script>");

        // the verification waits for a coordinator
        String processInstanceId = processOf(reference);
        assertThat(runtimeService.getActiveActivityIds(processInstanceId)).containsExactly("Task_VerifyContact");
        assertThat(taskService.createTaskQuery().processInstanceId(processInstanceId).taskCandidateGroup("coordinators").count())
                .isEqualTo(1);

        // the attachment is reachable with the token only
        String documentLink = find(statusPage, "href=\"(/portal/cases/" + reference + "/documents/\\d+\\?token=[^\"]+)\"")
                .replace("&amp;", "&");
        HttpResponse<String> download = stranger.get(documentLink);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(new StaffClient(port).get(documentLink.substring(0, documentLink.indexOf('?'))).statusCode()).isEqualTo(404);

        // staff who handle cases open it from the case page; other staff roles do not
        StaffClient coordinator = new StaffClient(port);
        coordinator.signIn("aino.virtanen", "silta-demo");
        String casePage = coordinator.get("/staff/cases/" + reference).body();
        assertThat(casePage).contains("pöytäkirja.pdf", "Uusi Yhteyshenkilö");
        String staffLink = find(casePage, "href=\"(/staff/cases/" + reference + "/documents/\\d+)\"");
        assertThat(coordinator.get(staffLink).statusCode()).isEqualTo(200);
        StaffClient liaison = new StaffClient(port);
        liaison.signIn("sanna.heikkinen", "silta-demo");
        assertThat(liaison.get(staffLink).statusCode()).isEqualTo(403);
    }

    @Test
    void aGroupWithoutBusinessIdRegisteredAgainFromAFreshFormIsNotRegisteredTwice() {
        // "we do not know whether it was stored": the person opens the form again (a new submission key) and sends it
        long organisations = count("organisation");
        for (int attempt = 0; attempt < 2; attempt++) {
            String page = browser.get("/portal/contact").body();
            HttpResponse<String> sent = browser.postMultipart("/portal/contact", new Multipart().field("_csrf", StaffClient.csrf(page))
                    .field("submissionKey", value(page, "submissionKey")).field("organisationType", "UNREGISTERED_GROUP")
                    .field("organisationName", attempt == 0 ? "Tiistaikerho" : " tiistaikerho ").field("municipalities", "564")
                    .field("contactName", "Uusi Yhteyshenkilö").field("language", "fi").field("confirm", "true"));
            if (attempt == 0) {
                assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
            } else {
                assertThat(sent.statusCode()).isEqualTo(422);
                assertThat(sent.body()).contains("Olet jo tämän järjestön yhteyshenkilö.");
            }
        }
        assertThat(count("organisation")).isEqualTo(organisations + 1);
        assertThat(jdbc.sql("select count(*) from case_file where contact_email = ?").param(email).query(Long.class).single()).isOne();
    }

    @Test
    void anotherPersonsSubmissionKeyNeverLeadsToTheirCase() {
        String page = browser.get("/portal/contact").body();
        String key = value(page, "submissionKey");
        HttpResponse<String> first = browser.postMultipart("/portal/contact", registration(page, key)
                .field("organisationName", "Avainkylän Yhdistys ry").field("businessId", TestBusinessIds.unique()));
        assertThat(first.statusCode()).isEqualTo(302);
        String firstReceipt = first.headers().firstValue("Location").orElseThrow();

        // a form page with that key left on a shared computer, sent by the next person signed in there
        String next = "seuraava-" + UUID.randomUUID().toString().substring(0, 8) + "@yhdistys.example";
        StaffClient nextPerson = PortalSignIn.signedIn(port, greenMail, drainer, next);
        String nextPage = nextPerson.get("/portal/contact").body();
        HttpResponse<String> second = nextPerson.postMultipart("/portal/contact", registration(nextPage, key)
                .field("organisationName", "Toisen Kylän Yhdistys ry").field("businessId", TestBusinessIds.unique()));
        assertThat(second.statusCode()).isEqualTo(302);
        assertThat(second.headers().firstValue("Location").orElseThrow()).isNotEqualTo(firstReceipt).contains("/receipt");
        assertThat(jdbc.sql("select count(*) from case_file where contact_email = ?").param(next).query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from case_file where contact_email = ?").param(email).query(Long.class).single()).isOne();
    }

    @Test
    void outsidersTaskIsAnsweredOnTheStatusPageAndTheProcessMovesOn() {
        String page = browser.get("/portal/contact").body();
        browser.postMultipart("/portal/contact", registration(page, value(page, "submissionKey"))
                .field("organisationName", "Yli-Iin Eläkeläiset ry").field("businessId", TestBusinessIds.unique()));
        String reference = jdbc.sql("select reference from case_file where contact_email = ?").param(email).query(String.class).single();
        String processInstanceId = processOf(reference);
        String task = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId();
        taskService.complete(task, java.util.Map.of("verificationDecision", "askMore",
                "verificationNote", "Lähetä hallituksen pöytäkirja, jossa sinut on valtuutettu."));
        managementService.executeJob(managementService.createJobQuery().processInstanceId(processInstanceId).singleResult().getId());

        String status = browser.get("/portal/cases/" + reference).body();
        assertThat(status).contains("Hyvinvointialue pyytää sinulta lisätietoja.", "Anna lisätietoja");
        String taskLink = find(status, "href=\"(/portal/cases/" + reference + "/tasks/[^\"]+)\"");
        String form = browser.get(taskLink).body();
        assertThat(form).contains("Lähetä hallituksen pöytäkirja, jossa sinut on valtuutettu.", "Vastauksesi");

        HttpResponse<String> empty = browser.postWithCsrfOf(taskLink, taskLink, "moreInfoAnswer=");
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("Tämä tieto on pakollinen.");
        assertThat(runtimeService.getActiveActivityIds(processInstanceId)).containsExactly("Task_ProvideMoreInfo");

        // the answer takes attachments (the board's minutes the coordinator asked for)
        assertThat(browser.get(taskLink).body()).contains("enctype=\"multipart/form-data\"", "type=\"file\"");
        HttpResponse<String> answered = browser.postMultipart(taskLink, new Multipart()
                .field("_csrf", StaffClient.csrf(browser.get(taskLink).body()))
                .field("moreInfoAnswer", "Olen yhdistyksen sihteeri.")
                .file("attachments", "pöytäkirja.pdf", "application/pdf", PDF));
        assertThat(answered.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select d.file_name from document d join case_file c on c.id = d.case_id where c.reference = ?")
                .param(reference).query(String.class).list()).contains("pöytäkirja.pdf");
        assertThat(browser.get("/portal/cases/" + reference).body()).contains("Kiitos, vastauksesi on vastaanotettu.",
                "Sinulta ei odoteta nyt mitään.");
        assertThat(runtimeService.getActiveActivityIds(processInstanceId)).containsExactly("Task_VerifyContact");
        // the answer is on the case's record; the variable is cleared so that a second request's form opens empty
        assertThat(jdbc.sql("select r.answer_text from case_request r join case_file c on c.id = r.case_id where c.reference = ?")
                .param(reference).query(String.class).single()).isEqualTo("Olen yhdistyksen sihteeri.");
        assertThat(runtimeService.getVariable(processInstanceId, "moreInfoAnswer")).isNull();

        // the coordinator's second verification opens empty, with the request and the answer as history
        String verify = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId();
        assertThat(taskService.getVariable(verify, "verificationDecision")).isNull();
        assertThat(taskService.getVariable(verify, "verificationNote")).isNull();
        assertThat((String) taskService.getVariableLocal(verify, "moreInfoHistory")).contains(
                "lisätietopyyntö", "Lähetä hallituksen pöytäkirja, jossa sinut on valtuutettu.",
                "yhteyshenkilön vastaus: Olen yhdistyksen sihteeri. (liitteitä 1)");
        // and the case page shows the request and the answer with its file
        StaffClient coordinator = new StaffClient(port);
        coordinator.signIn("aino.virtanen", "silta-demo");
        String casePage = coordinator.get("/staff/cases/" + reference).body();
        // the requests section itself (the page's documents table lists the file too)
        String requests = casePage.substring(casePage.indexOf("<section class=\"requests\">"));
        requests = requests.substring(0, requests.indexOf("</section>"));
        assertThat(requests).contains("Lisätietopyynnöt ja vastaukset", "Lisätietopyyntö 1",
                "Lähetä hallituksen pöytäkirja, jossa sinut on valtuutettu.", "Yhteyshenkilön vastaus", "Olen yhdistyksen sihteeri.",
                "pöytäkirja.pdf");
        String fileLink = find(requests, "href=\"(/staff/cases/" + reference + "/documents/\\d+)\"");
        assertThat(coordinator.get(fileLink).statusCode()).isEqualTo(200);

        // a second request: the contact's form opens empty (not with the first answer), and an answer
        // without files lists none of the first answer's
        taskService.complete(verify, java.util.Map.of("verificationDecision", "askMore",
                "verificationNote", "Lähetä vielä yhdistysrekisteriote."));
        managementService.executeJob(managementService.createJobQuery().processInstanceId(processInstanceId).singleResult().getId());
        String secondLink = find(browser.get("/portal/cases/" + reference).body(), "href=\"(/portal/cases/" + reference + "/tasks/[^\"]+)\"");
        String secondForm = browser.get(secondLink).body();
        assertThat(secondForm).contains("Lähetä vielä yhdistysrekisteriote.").doesNotContain("Olen yhdistyksen sihteeri.");
        assertThat(browser.postMultipart(secondLink, new Multipart().field("_csrf", StaffClient.csrf(secondForm))
                .field("moreInfoAnswer", "Rekisteriote tulee postissa.")).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select coalesce(r.document_ids, '') from case_request r join case_file c on c.id = r.case_id "
                + "where c.reference = ? order by r.id").param(reference).query(String.class).list())
                .hasSize(2).satisfies(ids -> assertThat(ids.get(0)).matches("\\d+"), ids -> assertThat(ids.get(1)).isEmpty());
    }

    @Test
    void badFilesAreRefusedClearlyAndNothingIsStored() {
        String page = browser.get("/portal/contact").body();
        long cases = count("case_file");
        long documents = count("document");
        HttpResponse<String> wrongType = browser.postMultipart("/portal/contact", registration(page, value(page, "submissionKey"))
                .field("organisationName", "Tiedostoyhdistys ry").field("businessId", TestBusinessIds.unique())
                .file("authorisation", "ohjelma.exe", "application/octet-stream", new byte[] {'M', 'Z', 0, 0}));
        assertThat(wrongType.statusCode()).isEqualTo(422);
        assertThat(wrongType.body()).contains("PDF, ODT, DOCX, XLSX");
        HttpResponse<String> mismatch = browser.postMultipart("/portal/contact", registration(page, value(page, "submissionKey"))
                .field("organisationName", "Tiedostoyhdistys ry").field("businessId", TestBusinessIds.unique())
                .file("authorisation", "valtakirja.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        PDF));
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(mismatch.body()).contains("Tiedoston sisältö ei vastaa");
        HttpResponse<String> tooBig = browser.postMultipart("/portal/contact", registration(page, value(page, "submissionKey"))
                .field("organisationName", "Tiedostoyhdistys ry").field("businessId", TestBusinessIds.unique())
                .file("authorisation", "iso.pdf", "application/pdf", big()));
        assertThat(tooBig.statusCode()).isEqualTo(422);
        assertThat(tooBig.body()).contains("10 Mt");
        assertThat(count("case_file")).isEqualTo(cases);
        assertThat(count("document")).isEqualTo(documents);
    }

    @Test
    void anUnverifiedContactSeesNoOtherContactsCase() {
        String othersCase = verification.requestVerification(testOrganisations.newContact("fi").contactId(), null)
                .caseFile().reference();
        HttpResponse<String> response = browser.get("/portal/cases/" + othersCase);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Asiaa ei löydy").doesNotContain(othersCase);
    }

    @Test
    void onceVerifiedAContactSeesTheOrganisationsCases() {
        // another person of the same organisation registered earlier and has a case
        fi.silta.support.TestOrganisations.TestContact first = testOrganisations.newContact("fi");
        String firstCase = verification.requestVerification(first.contactId(), null).caseFile().reference();
        // this person (signed in) registers for the same organisation and is not verified yet
        long contactId = organisationService.addContact(first.organisationId(),
                new fi.silta.organisations.OrganisationService.NewContact("Toinen Jäsen", email, null, "fi"));
        String ownCase = verification.requestVerification(contactId, null).caseFile().reference();

        assertThat(browser.get("/portal/my").body()).contains(ownCase).doesNotContain(firstCase);
        assertThat(browser.get("/portal/cases/" + firstCase).statusCode()).isEqualTo(404);

        organisationService.markVerified(contactId, "aino.virtanen");
        assertThat(browser.get("/portal/my").body()).contains(ownCase, firstCase);
        assertThat(browser.get("/portal/cases/" + firstCase).statusCode()).isEqualTo(200);
    }

    private Multipart registration(String page, String key) {
        return new Multipart().field("_csrf", StaffClient.csrf(page)).field("submissionKey", key)
                .field("organisationType", "REGISTERED_ASSOCIATION").field("municipalities", "564")
                .field("municipalities", "139").field("contactName", "Uusi Yhteyshenkilö").field("language", "fi")
                .field("confirm", "true");
    }

    private String processOf(String reference) {
        return jdbc.sql("select process_instance_id from case_file where reference = ?").param(reference).query(String.class).single();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static byte[] big() {
        byte[] content = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, content, 0, PDF.length);
        return content;
    }

    static String value(String html, String name) {
        return find(html, "name=\"" + name + "\" value=\"([^\"]+)\"");
    }

    static String find(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in " + html);
        }
        return m.group(1);
    }

}
