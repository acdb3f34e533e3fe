package fi.silta.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationService.NewOrganisation;
import fi.silta.portal.PortalSubmissions;
import fi.silta.support.EngineJobs;
import fi.silta.support.Mails;
import fi.silta.support.Multipart;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;
import fi.silta.support.TestOrganisations;
import fi.silta.web.InvalidInput;

/**
 * Municipalities' contacts (issue 15, item 1), through real HTTP: a person registers in the portal as the contact of a
 * municipality chosen from the served county's and is verified by a hyte coordinator in the same verification case as
 * an NGO's contact; a hyte coordinator adds a contact directly (verified at once, who and when recorded, mailed) and
 * sets the bilingual flag on the staff page, which shows the Statistics Finland code. Refused: a new organisation of
 * type MUNICIPALITY (the form posted directly, or the service called), a municipality form posted with an NGO's id,
 * the staff actions by anyone but a hyte coordinator (403), a direct contact of an NGO, a planted contactId.
 */
@SiltaIntegrationTest
class HyteMunicipalityContactsTest {

    static final String PASSWORD = "silta-demo";
    static final Pattern STATUS = Pattern.compile("/portal/cases/(YH-\\d{4}-\\d{4})");
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
    @Autowired OrganisationRepository organisations;
    @Autowired OrganisationService organisationService;
    @Autowired TestOrganisations testOrganisations;
    @Autowired PortalSubmissions submissions;
    @Autowired ContactVerificationService verification;
    @Autowired ContactRegistrationService registrations;
    @Autowired MunicipalityContacts municipalityContacts;
    @Autowired fi.silta.support.GrantFixtures grantFixtures;
    @Autowired fi.silta.grants.GrantApplicationService grantApplications;

    @Test
    void aMunicipalitysContactRegistersInThePortalAndAHyteCoordinatorVerifiesThem() throws Exception {
        Organisation oulu = organisations.findByMunicipalityCode("564").orElseThrow();
        String email = "hyte-" + UUID.randomUUID().toString().substring(0, 8) + "@ouka.example";
        StaffClient person = PortalSignIn.signedIn(port, greenMail, drainer, email);

        // the front page and "my cases" lead to the municipality's own registration
        assertThat(new StaffClient(port).get("/").body()).contains("/portal/contact/municipality", "Rekisteröidy kunnan yhteyshenkilöksi");
        String page = person.get("/portal/contact/municipality").body();
        assertThat(page).contains("Rekisteröidy kunnan yhteyshenkilöksi", "value=\"" + oulu.id() + "\"", "Oulu", "Raahe",
                "name=\"submissionKey\"")
                .doesNotContain("Y-tunnus", "Kiuruvesi"); // no business id to type; only the served county's municipalities
        assertThat(person.get("/portal/contact/municipality?lang=sv").body()).contains("Uleåborg", "Registrera dig som kommunens kontaktperson");

        HttpResponse<String> sent = person.postMultipart("/portal/contact/municipality", municipalityForm(page)
                .field("municipality", String.valueOf(oulu.id())).field("electronicNoticeConsent", "true")
                .file("authorisation", "valtuutus.pdf", "application/pdf", PDF));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        Map<String, Object> row = jdbc.sql("select c.id, c.reference, c.organisation_id, c.process_instance_id, k.verification, k.added_by "
                + "from case_file c join organisation_contact k on k.id = c.contact_id where c.contact_email = ?").param(email).query()
                .singleRow();
        String reference = (String) row.get("reference");
        String processInstanceId = (String) row.get("process_instance_id");
        assertThat(((Number) row.get("organisation_id")).longValue()).isEqualTo(oulu.id());
        assertThat(row.get("verification")).isEqualTo("UNVERIFIED");
        assertThat(row.get("added_by")).isNull();

        // registering gives nothing yet: verification stays required (anyone may claim to be a municipality's contact)
        assertThat(submissions.mayActFor(oulu.id(), email)).isNotNull()
                .satisfies(refusal -> assertThat(refusal.errors().get(0).messageKey()).isEqualTo("portal.act.notVerified"));
        assertThat(person.get("/portal/my").body()).contains(reference);

        // the same verification process as an NGO contact's; coordinators and hyte coordinators may take it
        assertThat(runtimeService.getActiveActivityIds(processInstanceId)).containsExactly("Task_VerifyContact");
        Task verify = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
        assertThat(taskService.getIdentityLinksForTask(verify.getId())).extracting(IdentityLink::getGroupId)
                .containsExactlyInAnyOrder("coordinators", "hyteCoordinators");
        // an NGO contact's verification stays the coordinators' alone
        String ngoCase = verification.requestVerification(testOrganisations.newContact("fi").contactId(), null).caseFile()
                .processInstanceId();
        Task ngoVerify = taskService.createTaskQuery().processInstanceId(ngoCase).singleResult();
        assertThat(taskService.getIdentityLinksForTask(ngoVerify.getId())).extracting(IdentityLink::getGroupId)
                .containsExactly("coordinators");

        // the hyte coordinator sees the registration's case page; a liaison does not; nor the NGO contact's case
        StaffClient hyte = StaffClient.signedIn(port, "timo.laine", PASSWORD);
        HttpResponse<String> casePage = hyte.get("/staff/cases/" + reference);
        assertThat(casePage.statusCode()).isEqualTo(200);
        assertThat(casePage.body()).contains("valtuutus.pdf");
        assertThat(StaffClient.signedIn(port, "sanna.heikkinen", PASSWORD).get("/staff/cases/" + reference).statusCode()).isEqualTo(403);
        String ngoReference = jdbc.sql("select reference from case_file where process_instance_id = ?").param(ngoCase)
                .query(String.class).single();
        assertThat(hyte.get("/staff/cases/" + ngoReference).statusCode()).isEqualTo(403);

        // the hyte coordinator cannot work on the NGO contact's task
        StaffClient rest = new StaffClient(port);
        HttpResponse<String> notTheirs = rest.engineRest("POST", "/task/" + ngoVerify.getId() + "/submit-form", "timo.laine", PASSWORD,
                "{\"variables\": {\"verificationDecision\": {\"value\": \"approve\", \"type\": \"String\"}}}");
        assertThat(notTheirs.statusCode()).isNotEqualTo(204);
        assertThat(runtimeService.getActiveActivityIds(ngoCase)).containsExactly("Task_VerifyContact");

        // approving the municipality's contact, with a planted contactId of someone else: only the case's contact is verified
        TestOrganisations.TestContact bystander = testOrganisations.newContact("fi");
        HttpResponse<String> approved = rest.engineRest("POST", "/task/" + verify.getId() + "/submit-form", "timo.laine", PASSWORD,
                "{\"variables\": {\"verificationDecision\": {\"value\": \"approve\", \"type\": \"String\"},"
                        + " \"contactId\": {\"value\": " + bystander.contactId() + ", \"type\": \"Long\"}}}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
        new EngineJobs(managementService).executeAll(processInstanceId);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count()).isZero();
        Contact contact = organisations.contactByEmail(oulu.id(), email).orElseThrow();
        assertThat(contact.verification()).isEqualTo(Verification.VERIFIED);
        assertThat(contact.verifiedBy()).isEqualTo("timo.laine");
        assertThat(organisations.contact(bystander.contactId()).orElseThrow().verification()).isEqualTo(Verification.UNVERIFIED);
        assertThat(submissions.mayActFor(oulu.id(), email)).isNull();

        drainer.drain();
        List<Mails.Received> mails = Mails.to(greenMail, email);
        Mails.Received receipt = mails.stream().filter(m -> m.subject().startsWith("Olemme vastaanottaneet")).findFirst().orElseThrow();
        assertThat(receipt.subject()).endsWith(reference);
        // the decision's mail speaks of the municipality, not of an organisation
        Mails.Received verified = mails.stream().filter(m -> m.subject().startsWith("Voit nyt asioida")).findFirst().orElseThrow();
        assertThat(verified.subject()).isEqualTo("Voit nyt asioida kunnan \u2068Oulu\u2069 puolesta");
        assertThat(verified.body()).contains("voit toimia kunnan \u2068Oulu\u2069 puolesta", "hyte-neuvottelut");

        // once verified, the contact sees the municipality's cases on "my cases"
        Matcher status = STATUS.matcher(person.get("/portal/my").body());
        assertThat(status.find()).isTrue();
    }

    @Test
    void aHyteCoordinatorAddsAMunicipalitysContactDirectlyAndSetsTheBilingualFlag() {
        Organisation raahe = organisations.findByMunicipalityCode("678").orElseThrow();
        StaffClient hyte = StaffClient.signedIn(port, "timo.laine", PASSWORD);
        String page = hyte.get("/staff/organisations/" + raahe.id()).body();
        // the Statistics Finland code is shown, on the page and in the list
        assertThat(page).contains("Tilastokeskuksen kuntanumero", "data-municipality-code>678<", "Lisää kunnan yhteyshenkilö",
                "/staff/organisations/" + raahe.id() + "/bilingual");
        assertThat(hyte.get("/staff/organisations?q=raahe").body()).contains("Kunta", "678");

        String email = "hyte-" + UUID.randomUUID().toString().substring(0, 8) + "@raahe.example";
        HttpResponse<String> added = hyte.postWithCsrfOf("/staff/organisations/" + raahe.id(), "/staff/organisations/" + raahe.id()
                + "/contacts", "contactName=" + enc("Riikka Raahelainen") + "&email=" + enc(" " + email.toUpperCase() + " ")
                + "&phone=" + enc("040 123 4567") + "&language=sv");
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(added.headers().firstValue("Location").orElseThrow()).contains("/staff/organisations/" + raahe.id());
        Contact contact = organisations.contactByEmail(raahe.id(), email).orElseThrow();
        assertThat(contact.verification()).isEqualTo(Verification.VERIFIED);
        assertThat(contact.verifiedBy()).isEqualTo("timo.laine");
        assertThat(contact.addedBy()).isEqualTo("timo.laine");
        assertThat(contact.verifiedAt()).isNotNull();
        assertThat(contact.language()).isEqualTo("sv");
        String after = hyte.get("/staff/organisations/" + raahe.id()).body();
        assertThat(after).contains("Yhteyshenkilö on lisätty ja tarkistettu", "Riikka Raahelainen", "lisännyt timo.laine");

        // the person is told in their language, and may act for the municipality at once
        drainer.drain();
        Mails.Received mail = Mails.to(greenMail, email).stream().filter(m -> m.subject().contains("Brahestad")).findFirst()
                .orElseThrow();
        assertThat(mail.subject()).isEqualTo("Du har lagts till som kontaktperson för \u2068Brahestad\u2069");
        assertThat(mail.body()).contains("Hej \u2068Riikka Raahelainen\u2069", "/portal/login", "Brahestad");
        assertThat(submissions.mayActFor(raahe.id(), email)).isNull();

        // the same address again: refused, nothing stored
        long contacts = count("organisation_contact");
        HttpResponse<String> again = hyte.postWithCsrfOf("/staff/organisations/" + raahe.id(), "/staff/organisations/" + raahe.id()
                + "/contacts", "contactName=" + enc("Toinen") + "&email=" + enc(email) + "&language=fi");
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(hyte.get("/staff/organisations/" + raahe.id()).body()).contains("Tällä sähköpostiosoitteella on jo");
        HttpResponse<String> noName = hyte.postWithCsrfOf("/staff/organisations/" + raahe.id(), "/staff/organisations/" + raahe.id()
                + "/contacts", "contactName=&email=" + enc("ei-osoite") + "&language=fi");
        assertThat(noName.statusCode()).isEqualTo(302);
        assertThat(hyte.get("/staff/organisations/" + raahe.id()).body()).contains("Tämä tieto on pakollinen.",
                "Sähköpostiosoite ei ole oikein.");
        assertThat(count("organisation_contact")).isEqualTo(contacts);

        // the bilingual flag: set and recorded (who, when), and cleared again
        assertThat(raahe.bilingual()).isFalse();
        HttpResponse<String> on = hyte.postWithCsrfOf("/staff/organisations/" + raahe.id(), "/staff/organisations/" + raahe.id()
                + "/bilingual", "bilingual=true");
        assertThat(on.statusCode()).isEqualTo(302);
        assertThat(organisations.find(raahe.id()).orElseThrow().bilingual()).isTrue();
        assertThat(organisations.bilingualSetting(raahe.id()).orElseThrow().by()).isEqualTo("timo.laine");
        assertThat(hyte.get("/staff/organisations/" + raahe.id()).body()).contains("Kunta on merkitty kaksikieliseksi.",
                "kyllä: asiakirjat myös ruotsiksi");
        hyte.postWithCsrfOf("/staff/organisations/" + raahe.id(), "/staff/organisations/" + raahe.id() + "/bilingual", "");
        assertThat(organisations.find(raahe.id()).orElseThrow().bilingual()).isFalse();
    }

    @Test
    void onlyAHyteCoordinatorAddsMunicipalityContactsOrSetsTheFlagAndOnlyForAMunicipality() {
        Organisation kuusamo = organisations.findByMunicipalityCode("305").orElseThrow();
        long contacts = count("organisation_contact");
        for (String user : List.of("mikko.korhonen", "sanna.heikkinen", "aino.virtanen", "helena.hamalainen", "pekka.koskinen")) {
            StaffClient staff = StaffClient.signedIn(port, user, PASSWORD);
            String page = staff.get("/staff/organisations/" + kuusamo.id()).body();
            assertThat(page).as(user).contains("data-municipality-code>305<").doesNotContain("/contacts\"", "/bilingual\"");
            HttpResponse<String> add = staff.postWithCsrfOf("/staff/organisations/" + kuusamo.id(), "/staff/organisations/"
                    + kuusamo.id() + "/contacts", "contactName=" + enc("Ulkopuolinen") + "&email=" + enc(user + "@kuusamo.example"));
            assertThat(add.statusCode()).as(user).isEqualTo(403);
            HttpResponse<String> flag = staff.postWithCsrfOf("/staff/organisations/" + kuusamo.id(), "/staff/organisations/"
                    + kuusamo.id() + "/bilingual", "bilingual=true");
            assertThat(flag.statusCode()).as(user).isEqualTo(403);
        }
        assertThat(count("organisation_contact")).isEqualTo(contacts);
        assertThat(organisations.find(kuusamo.id()).orElseThrow().bilingual()).isFalse();
        // without signing in: to the sign-in page, nothing stored
        StaffClient stranger = new StaffClient(port);
        HttpResponse<String> anonymous = stranger.postWithCsrfOf("/login", "/staff/organisations/" + kuusamo.id() + "/contacts",
                "contactName=x&email=x%40x.example");
        assertThat(anonymous.statusCode()).isIn(302, 401, 403);
        assertThat(count("organisation_contact")).isEqualTo(contacts);

        // a hyte coordinator cannot add an NGO's contact directly (NGO contacts register and are verified) nor flag an NGO
        TestOrganisations.TestContact ngo = testOrganisations.newContact("fi");
        StaffClient hyte = StaffClient.signedIn(port, "timo.laine", PASSWORD);
        String ngoPage = hyte.get("/staff/organisations/" + ngo.organisationId()).body();
        assertThat(ngoPage).doesNotContain("Lisää kunnan yhteyshenkilö", "data-municipality-code");
        long before = count("organisation_contact");
        HttpResponse<String> refused = hyte.postWithCsrfOf("/staff/organisations/" + ngo.organisationId(), "/staff/organisations/"
                + ngo.organisationId() + "/contacts", "contactName=" + enc("Ohituskaista") + "&email=" + enc("ohitus@ngo.example"));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(hyte.get("/staff/organisations/" + ngo.organisationId()).body())
                .contains("Yhteyshenkilön voi lisätä suoraan vain kunnalle.");
        hyte.postWithCsrfOf("/staff/organisations/" + ngo.organisationId(), "/staff/organisations/" + ngo.organisationId()
                + "/bilingual", "bilingual=true");
        assertThat(hyte.get("/staff/organisations/" + ngo.organisationId()).body())
                .contains("Kielitieto asetetaan vain kunnalle.");
        assertThat(count("organisation_contact")).isEqualTo(before);
        assertThat(organisations.contactByEmail(ngo.organisationId(), "ohitus@ngo.example")).isEmpty();
        assertThat(hyte.get("/staff/organisations/999999999").statusCode()).isEqualTo(404);
    }

    @Test
    void noOneRegistersANewMunicipality() {
        String email = "kunta-" + UUID.randomUUID().toString().substring(0, 8) + "@yhdistys.example";
        StaffClient person = PortalSignIn.signedIn(port, greenMail, drainer, email);
        long organisationsBefore = count("organisation");
        long casesBefore = count("case_file");
        long contactsBefore = count("organisation_contact");

        // the NGO form posted directly with the type MUNICIPALITY: refused in the person's language, nothing stored
        String page = person.get("/portal/contact").body();
        assertThat(page).doesNotContain("value=\"MUNICIPALITY\"");
        for (String[] language : new String[][] {{"fi", "Kuntaa ei voi rekisteröidä Siltaan"},
                {"sv", "En kommun kan inte registreras i Silta"}, {"en", "A municipality cannot be registered in Silta"}}) {
            String form = person.get("/portal/contact?lang=" + language[0]).body();
            HttpResponse<String> refused = person.postMultipart("/portal/contact", new Multipart()
                    .field("_csrf", StaffClient.csrf(form)).field("submissionKey", value(form, "submissionKey"))
                    .field("organisationType", "MUNICIPALITY").field("organisationName", "Uusikunta")
                    .field("businessId", fi.silta.support.TestBusinessIds.unique()).field("municipalities", "564")
                    .field("contactName", "Kunnan Ihminen").field("language", language[0]).field("confirm", "true"));
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).as(language[0]).contains(language[1]);
        }
        // the municipality form posted with an NGO's id, an unknown id or none: refused
        long ngoId = testOrganisations.newContact("fi").organisationId();
        organisationsBefore = count("organisation");
        contactsBefore = count("organisation_contact");
        for (String posted : List.of(String.valueOf(ngoId), "999999999", "", "564")) {
            String form = person.get("/portal/contact/municipality").body();
            HttpResponse<String> refused = person.postMultipart("/portal/contact/municipality", municipalityForm(form)
                    .field("municipality", posted));
            assertThat(refused.statusCode()).as(posted).isEqualTo(422);
        }
        // the service refuses too, whatever calls it (no staff page creates organisations, and none may create this type)
        assertThatThrownBy(() -> organisationService.register(new NewOrganisation("Uusikunta", null, OrganisationType.MUNICIPALITY,
                null, List.of("564"))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting(InvalidInput.FieldError::messageKey)
                        .contains(OrganisationService.NOT_REGISTRABLE));
        assertThat(count("organisation")).isEqualTo(organisationsBefore);
        assertThat(count("organisation_contact")).isEqualTo(contactsBefore);
        assertThat(jdbc.sql("select count(*) from case_file where contact_email = ?").param(email).query(Long.class).single()).isZero();
        assertThat(count("case_file")).isGreaterThanOrEqualTo(casesBefore);
        assertThat(jdbc.sql("select count(*) from organisation where org_type = 'MUNICIPALITY' and municipality_code is null")
                .query(Long.class).single()).isZero();
    }

    @Test
    void anNgosContactWhoRegistersForAMunicipalityIsVerifiedLikeAnyoneElse() {
        // a verified NGO contact (as the demo's Maija Salo) claims to be the contact of a municipality too
        TestOrganisations.TestContact ngo = testOrganisations.newContact("fi");
        organisationService.markVerified(ngo.contactId(), "aino.virtanen");
        Organisation ii = organisations.findByMunicipalityCode("139").orElseThrow();
        StaffClient person = PortalSignIn.signedIn(port, greenMail, drainer, ngo.email());
        String form = person.get("/portal/contact/municipality").body();
        HttpResponse<String> sent = person.postMultipart("/portal/contact/municipality", municipalityForm(form)
                .field("municipality", String.valueOf(ii.id())));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        // being verified for the NGO gives nothing for the municipality
        assertThat(organisations.contactByEmail(ii.id(), ngo.email()).orElseThrow().verification()).isEqualTo(Verification.UNVERIFIED);
        assertThat(submissions.mayActFor(ii.id(), ngo.email())).isNotNull();
        assertThat(submissions.mayActFor(ngo.organisationId(), ngo.email())).isNull();
        // a second registration for the same municipality: refused with its own message
        String again = person.get("/portal/contact/municipality").body();
        HttpResponse<String> twice = person.postMultipart("/portal/contact/municipality", municipalityForm(again)
                .field("municipality", String.valueOf(ii.id())));
        assertThat(twice.statusCode()).isEqualTo(422);
        assertThat(twice.body()).contains("Olet jo tämän kunnan yhteyshenkilö");
    }

    @Test
    void aMunicipalityIsRefusedAGrantByTheEligibilityTableWithItsFactsFromTheRegistry() {
        // a verified contact of a municipality (added by the hyte coordinator) has a draft in a round; the application's
        // eligibility is read from the registry (the organisation's type), not from anything the applicant typed
        Organisation pudasjarvi = organisations.findByMunicipalityCode("615").orElseThrow();
        String email = "avustus-" + UUID.randomUUID().toString().substring(0, 8) + "@pudasjarvi.example";
        municipalityContacts.addContact(pudasjarvi.id(), new OrganisationService.NewContact("Kunnan Hakija", email, null, "fi"),
                "timo.laine");
        long roundId = grantFixtures.publishedRound(java.time.OffsetDateTime.now().minusDays(1), java.time.OffsetDateTime.now()
                .plusDays(10), fi.silta.support.GrantFixtures.POOL);
        long applicationId = grantFixtures.draft(roundId, new fi.silta.support.GrantFixtures.Applicant(pudasjarvi.id(),
                organisations.contactByEmail(pudasjarvi.id(), email).orElseThrow().id(), email), "4000.00");
        fi.silta.grants.EligibilityResult result = grantApplications.checkEligibility(applicationId);
        assertThat(result.eligible()).isFalse();
        assertThat(result.reasons()).containsExactly("municipality");
        // what the table saw is kept with the application (the staff case page shows it)
        assertThat(jdbc.sql("select organisation_type from grant_eligibility_check where application_id = ?").param(applicationId)
                .query(String.class).single()).isEqualTo("MUNICIPALITY");
    }

    @Test
    void anNgoRegistrationNamingAMunicipalitysBusinessIdIsSentToTheMunicipalityForm() {
        // should a municipality's organisation ever carry a business id, the NGO form cannot make anyone its contact
        Organisation haapavesi = organisations.findByMunicipalityCode("071").orElseThrow();
        String businessId = fi.silta.support.TestBusinessIds.unique();
        jdbc.sql("update organisation set business_id = ? where id = ?").params(businessId, haapavesi.id()).update();
        try {
            long contacts = count("organisation_contact");
            assertThatThrownBy(() -> registrations.register("ohitus-" + businessId + "@test.example",
                    new ContactRegistrationService.Registration("Haapaveden kaupunki", OrganisationType.REGISTERED_ASSOCIATION,
                            businessId, null, List.of("071"), "Ohittaja", null, "fi", false), List.of(), null))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting(InvalidInput.FieldError::messageKey)
                            .containsExactly("registration.municipality.useOwnForm"));
            assertThat(count("organisation_contact")).isEqualTo(contacts);
        } finally {
            jdbc.sql("update organisation set business_id = null where id = ?").param(haapavesi.id()).update();
        }
    }

    private Multipart municipalityForm(String page) {
        return new Multipart().field("_csrf", StaffClient.csrf(page)).field("submissionKey", value(page, "submissionKey"))
                .field("contactName", "Hilkka Hyte").field("phone", "040 765 4321").field("language", "fi").field("confirm", "true");
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String value(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + html);
        }
        return m.group(1);
    }
}
