package fi.silta.negotiations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.SiltaProperties;
import fi.silta.cases.CaseFileService;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.CaseVisibility;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.OrganisationService;
import fi.silta.organisations.OrganisationType;
import fi.silta.security.Roles;
import fi.silta.support.GrantFixtures;
import fi.silta.support.GrantFixtures.Applicant;
import fi.silta.support.Mails;
import fi.silta.support.Multipart;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * NGO input to the hyte negotiations over real HTTP, as signed-in contacts give it on the portal: two organisations
 * give input to a negotiation, a second input of one of them is refused naming the first (also from the same
 * person's other tab), the same post twice saves once, an input is edited before the deadline and neither edited
 * nor given after it (fi/sv/en, nothing changed), a municipality, an unverified contact and a signed-out visitor
 * are refused, eight posts of one organisation at the same instant give exactly one input; receipts arrive in
 * GreenMail; staff read the inputs on their page and through {@link HyteInputs#forNegotiation}.
 */
@SiltaIntegrationTest
class HyteInputHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    /** Monday 1 March 2027, 12.00 Helsinki time; input closes on Monday 15 March at 16.00. */
    static final OffsetDateTime NOW = OffsetDateTime.parse("2027-03-01T12:00:00+02:00");
    static final OffsetDateTime DEADLINE = OffsetDateTime.parse("2027-03-15T16:00:00+02:00");
    static final List<String> THEMES = List.of("Lasten ja nuorten hyvinvointi", "Ikääntyneiden toimintakyky");
    static final String ALREADY_ANSWERED = "Järjestö on jo vastannut: Hanna Hakija lähetti järjestön vastauksen 1.3.2027 klo 12.00.";
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final Pattern KEY = Pattern.compile("name=\"submissionKey\" value=\"([^\"]+)\"");
    private static final Pattern ORGANISATION = Pattern.compile("name=\"organisationId\" value=\"(\\d+)\"");

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired OrganisationService organisationService;
    @Autowired OrganisationRepository organisations;
    @Autowired CaseFileService caseFiles;
    @Autowired CaseRepository cases;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;
    @Autowired SiltaProperties properties;
    @Autowired HyteInputs inputs;
    @Autowired HyteInputSection section;

    HyteInputFixtures hyte;

    @BeforeEach
    void setUp() {
        at(NOW);
        hyte = new HyteInputFixtures(jdbc, caseFiles, properties.countyCode());
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
    }

    @Test
    void organisationsGiveInputOnceEachAndEditItUntilTheDeadlineButNotAfter() throws Exception {
        HyteInputFixtures.Cycle cycle = hyte.cycle(THEMES, NOW.minusDays(3), DEADLINE);
        long oulu = municipality("564");
        long kempele = municipality("244");
        long liminka = municipality("425");
        String titleOulu = "Oulu " + cycle.year();
        long n1 = hyte.negotiation(cycle, titleOulu, List.of(oulu), NOW.minusDays(3));
        long n2 = hyte.negotiation(cycle, "Kempele ja Liminka " + cycle.year(), List.of(kempele, liminka), NOW.minusDays(3));
        String list = "/hyte/" + cycle.year() + "/input";
        String answer1 = list + "/" + n1 + "/answer";
        String answer2 = list + "/" + n2 + "/answer";

        // the call is on the front page and lists the cycle's negotiations with their municipalities, for anyone
        StaffClient visitor = new StaffClient(port);
        assertThat(visitor.get("/").body()).contains("Järjestöjen näkemykset hyte-neuvotteluihin " + cycle.year(), "href=\"" + list + "\"");
        String listed = visitor.get(list).body();
        assertThat(listed).contains(titleOulu, "Kempele, Liminka", "Lasten ja nuorten hyvinvointi",
                "Näkemykset viimeistään maanantaina 15.3.2027 klo 16.00 (Suomen aikaa).", "href=\"" + answer1 + "\"");
        assertThat(new StaffClient(port).get(list + "?lang=sv").body()).contains("Organisationernas synpunkter till hyte-förhandlingarna "
                + cycle.year());

        // A gives input with an attachment
        Applicant a = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portalA = signIn(a.email());
        String formA = portalA.get(answer1).body();
        assertThat(formA).contains("Toimit järjestön puolesta:", "Lasten ja nuorten hyvinvointi", "name=\"theme1\"", "name=\"theme2\"",
                "name=\"attachments\"").doesNotContain("name=\"inputId\"");
        String secondTabA = portalA.get(answer1).body();
        Multipart fromA = form(formA, Map.of("theme1", "Nuorten harrastukset ovat tärkeitä.", "theme2", ""))
                .file("attachments", "kysely.pdf", "application/pdf", PDF);
        HttpResponse<String> sentA = portalA.postMultipart(answer1, fromA);
        assertThat(sentA.statusCode()).as(sentA.body()).isEqualTo(302);
        assertThat(location(sentA)).isEqualTo(answer1 + "?organisationId=" + a.organisationId());
        String savedA = portalA.get(location(sentA)).body();
        assertThat(savedA).contains("Järjestönne näkemys on tallennettu.", "Antanut Hanna Hakija 1.3.2027 klo 12.00.",
                "Nuorten harrastukset ovat tärkeitä.", "kysely.pdf", "name=\"inputId\"");
        // the same post again (a double click) saves nothing more
        assertThat(portalA.postMultipart(answer1, fromA).statusCode()).isEqualTo(302);
        assertThat(inputs(n1, a)).isOne();
        assertThat(callAnswers(cycle, n1, a)).isOne();
        assertThat(count("hyte_input_document l join hyte_input i on i.id = l.input_id where i.organisation_id = " + a.organisationId()))
                .isOne();
        // the attachment is a document of the negotiation's case, and the contact reads it back
        long caseId = jdbc.sql("select case_id from hyte_negotiation where id = ?").param(n1).query(Long.class).single();
        assertThat(count("document where case_id = " + caseId + " and field_key = 'attachments'")).isOne();
        assertThat(portalA.getBytes(find(savedA, "href=\"(/hyte/" + cycle.year() + "/input/" + n1 + "/documents/\\d+\\?organisationId=\\d+)\""))
                .body()).isEqualTo(PDF);

        // A's other tab, opened before the save, is a second input: refused naming the first, nothing changed
        HttpResponse<String> secondTab = portalA.postMultipart(answer1, form(secondTabA, Map.of("theme1", "Toinen versio.")));
        assertThat(secondTab.statusCode()).isEqualTo(422);
        assertThat(secondTab.body()).contains(ALREADY_ANSWERED);
        HttpResponse<String> swedishTab = portalA.postMultipart(answer1 + "?lang=sv", form(secondTabA, Map.of("theme1", "Tredje.")));
        assertThat(swedishTab.statusCode()).isEqualTo(422);
        assertThat(swedishTab.body()).contains("Organisationen har redan svarat: Hanna Hakija skickade organisationens svar 1.3.2027");
        portalA.get(answer1 + "?lang=fi");
        assertThat(inputs(n1, a)).isOne();
        assertThat(text(n1, a, 1)).isEqualTo("Nuorten harrastukset ovat tärkeitä.");

        // B gives input to the same negotiation; A to the other one (one input per negotiation)
        Applicant b = fixtures.applicant(OrganisationType.FOUNDATION);
        StaffClient portalB = signIn(b.email());
        HttpResponse<String> sentB = portalB.postMultipart(answer1, form(portalB.get(answer1).body(),
                Map.of("theme2", "Ikääntyneiden liikuntaryhmiä tarvitaan lisää.")));
        assertThat(sentB.statusCode()).as(sentB.body()).isEqualTo(302);
        HttpResponse<String> sentA2 = portalA.postMultipart(answer2, form(portalA.get(answer2).body(), Map.of("theme1", "Kempeleen nuoret.")));
        assertThat(sentA2.statusCode()).as(sentA2.body()).isEqualTo(302);
        assertThat(inputs(n2, a)).isOne();
        // "my cases" lists the organisation's inputs, each linked to its page
        assertThat(portalA.get("/portal/my").body()).contains("Näkemykset hyte-neuvotteluihin",
                "href=\"" + answer1 + "?organisationId=" + a.organisationId() + "\"", titleOulu + " (" + cycle.year() + ")");

        // A edits before the deadline: a new version, the first kept; a page of the older version is refused
        at(NOW.plusDays(2));
        String editPage = portalA.get(answer1).body();
        String olderEditPage = portalA.get(answer1).body();
        assertThat(editPage).contains("Muokkaa näkemystä", "name=\"version\" value=\"1\"", "Nuorten harrastukset ovat tärkeitä.");
        HttpResponse<String> edited = portalA.postMultipart(answer1, form(editPage,
                Map.of("theme1", "Nuorten harrastukset ja kerhot ovat tärkeitä.", "theme2", "Myös ikääntyneet.")));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(302);
        assertThat(text(n1, a, 1)).isEqualTo("Nuorten harrastukset ja kerhot ovat tärkeitä.");
        assertThat(version(n1, a)).isEqualTo(2);
        assertThat(count("hyte_input_text t join hyte_input i on i.id = t.input_id where i.negotiation_id = " + n1
                + " and i.organisation_id = " + a.organisationId())).isEqualTo(3);
        assertThat(portalA.get(answer1).body()).contains("Viimeksi muokannut Hanna Hakija 3.3.2027 klo 12.00.");
        HttpResponse<String> stale = portalA.postMultipart(answer1, form(olderEditPage, Map.of("theme1", "Vanhalta sivulta.")));
        assertThat(stale.statusCode()).isEqualTo(422);
        assertThat(stale.body()).contains("Hanna Hakija muutti järjestönne näkemystä 3.3.2027 klo 12.00 sen jälkeen, kun avasit sivun");
        assertThat(version(n1, a)).isEqualTo(2);

        // after the deadline (the server's receipt time decides): no edit, no new input, in fi, sv and en; nothing changed
        String lastPage = portalA.get(answer1).body();
        Applicant c = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portalC = signIn(c.email());
        String lateForm = portalC.get(answer1).body();
        at(DEADLINE);
        HttpResponse<String> lateEdit = portalA.postMultipart(answer1, form(lastPage, Map.of("theme1", "Myöhässä.")));
        assertThat(lateEdit.statusCode()).isEqualTo(422);
        assertThat(lateEdit.body()).contains("Näkemysten määräaika päättyi 15.3.2027 klo 16.00: näkemystä ei tallennettu eikä aiempaa muutettu.");
        HttpResponse<String> lateSv = portalA.postMultipart(answer1 + "?lang=sv", form(lastPage, Map.of("theme1", "Sent.")));
        assertThat(lateSv.body()).contains("Tidsfristen för synpunkter gick ut 15.3.2027 kl. 16.00: synpunkterna sparades inte");
        HttpResponse<String> lateEn = portalA.postMultipart(answer1 + "?lang=en", form(lastPage, Map.of("theme1", "Late.")));
        assertThat(lateEn.body()).contains("The deadline for input passed at 15 Mar 2027 at 16:00: the input was not saved");
        portalA.get(answer1 + "?lang=fi");
        assertThat(text(n1, a, 1)).isEqualTo("Nuorten harrastukset ja kerhot ovat tärkeitä.");
        assertThat(version(n1, a)).isEqualTo(2);
        HttpResponse<String> lateNew = portalC.postMultipart(answer1, form(lateForm, Map.of("theme1", "Myöhässä.")));
        assertThat(lateNew.statusCode()).isEqualTo(422);
        assertThat(lateNew.body()).contains("Näkemysten määräaika päättyi 15.3.2027 klo 16.00");
        assertThat(inputs(n1, c)).isZero();
        assertThat(callAnswers(cycle, n1, c)).isZero();
        assertThat(portalA.get(answer1).body()).contains("Nuorten harrastukset ja kerhot ovat tärkeitä.").doesNotContain("name=\"submissionKey\"");
        assertThat(visitor.get(list).body()).contains("Näkemysten määräaika päättyi 15.3.2027 klo 16.00.");

        // receipts through the outbox: the first input and the edit
        fi.silta.support.Mails.sendAllDue(drainer);
        List<Mails.Received> mailsA = Mails.to(greenMail, a.email()).stream().filter(m -> m.subject().contains("hyte-neuvottelut")).toList();
        assertThat(mailsA).extracting(Mails.Received::subject).containsExactlyInAnyOrder(
                "Järjestön näkemys vastaanotettu: hyte-neuvottelut " + cycle.year() + ", " + iso(titleOulu),
                "Järjestön näkemys vastaanotettu: hyte-neuvottelut " + cycle.year() + ", " + iso("Kempele ja Liminka " + cycle.year()),
                "Järjestön näkemystä muokattu: hyte-neuvottelut " + cycle.year() + ", " + iso(titleOulu));
        assertThat(mailsA.stream().filter(m -> m.subject().equals("Järjestön näkemys vastaanotettu: hyte-neuvottelut " + cycle.year() + ", "
                + iso(titleOulu))).findFirst().orElseThrow().body()).contains("Lasten ja nuorten hyvinvointi", "kysely.pdf", "15.3.2027 klo 16.00",
                "/hyte/" + cycle.year() + "/input/" + n1 + "/answer?organisationId=" + a.organisationId());
        assertThat(Mails.to(greenMail, b.email()).stream().map(Mails.Received::subject))
                .contains("Järjestön näkemys vastaanotettu: hyte-neuvottelut " + cycle.year() + ", " + iso(titleOulu));

        // what the staff case page, the agenda and the summary read
        List<HyteInput> given = inputs.forNegotiation(n1);
        assertThat(given).hasSize(2);
        HyteInput ofA = given.stream().filter(i -> i.organisationId() == a.organisationId()).findFirst().orElseThrow();
        assertThat(ofA.organisationName()).isEqualTo(organisations.find(a.organisationId()).orElseThrow().name());
        assertThat(ofA.texts()).extracting(HyteInput.ThemeText::theme, HyteInput.ThemeText::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Lasten ja nuorten hyvinvointi", "Nuorten harrastukset ja kerhot ovat tärkeitä."),
                org.assertj.core.groups.Tuple.tuple("Ikääntyneiden toimintakyky", "Myös ikääntyneet."));
        assertThat(ofA.documents()).extracting(d -> d.fileName()).containsExactly("kysely.pdf");
        assertThat(ofA.version()).isEqualTo(2);

        // the staff page of the cycle's input, and the section on the negotiation's case page
        StaffClient coordinator = StaffClient.signedIn(port, "timo.laine", "silta-demo");
        String staffPage = coordinator.get("/staff/hyte/" + cycle.year() + "/input").body();
        assertThat(staffPage).contains(titleOulu, "Nuorten harrastukset ja kerhot ovat tärkeitä.", "Ikääntyneiden liikuntaryhmiä tarvitaan lisää.",
                "Kempeleen nuoret.", "kysely.pdf");
        assertThat(coordinator.getBytes(find(staffPage, "href=\"(/staff/hyte/" + cycle.year() + "/input/" + n1 + "/documents/\\d+)\"")).body())
                .isEqualTo(PDF);
        assertThat(StaffClient.signedIn(port, "sanna.heikkinen", "silta-demo").get("/staff/hyte/" + cycle.year() + "/input").statusCode())
                .isEqualTo(200);
        assertThat(StaffClient.signedIn(port, "mikko.korhonen", "silta-demo").get("/staff/hyte/" + cycle.year() + "/input").statusCode())
                .isEqualTo(403);
        var staff = new UsernamePasswordAuthenticationToken("timo.laine", null,
                List.of(new SimpleGrantedAuthority(Roles.HYTE_COORDINATOR.authority())));
        var sections = section.staffCase(cases.find(caseId).orElseThrow(), CaseVisibility.FULL, staff, Locale.forLanguageTag("fi"));
        assertThat(sections).singleElement().satisfies(s -> {
            assertThat(s.template()).isEqualTo("negotiations/input-staff-section");
            assertThat((List<?>) s.model().get("inputs")).hasSize(2);
        });
        assertThat(section.staffCase(cases.find(caseId).orElseThrow(), CaseVisibility.SUMMARY, staff, Locale.forLanguageTag("fi"))).isEmpty();
    }

    @Test
    void aMunicipalityAnUnverifiedContactAndASignedOutVisitorAreRefusedWithNothingStored() throws Exception {
        HyteInputFixtures.Cycle cycle = hyte.cycle(THEMES, NOW.minusDays(1), DEADLINE);
        long oulu = municipality("564");
        long n1 = hyte.negotiation(cycle, "Oulu " + cycle.year(), List.of(oulu), NOW.minusDays(1));
        String answer = "/hyte/" + cycle.year() + "/input/" + n1 + "/answer";
        long before = count("hyte_input where negotiation_id = " + n1);

        // a verified contact of a municipality: no form, and a post made by hand is refused
        long kempele = municipality("244");
        String municipalEmail = "hyte-" + UUID.randomUUID().toString().substring(0, 8) + "@kempele.example";
        long contactId = organisationService.addContact(kempele, new OrganisationService.NewContact("Kaisa Kunta", municipalEmail, null, "fi"));
        organisationService.markVerified(contactId, "timo.laine");
        StaffClient municipal = signIn(municipalEmail);
        String municipalPage = municipal.get(answer).body();
        assertThat(municipalPage).contains("Kunta ei voi antaa järjestön näkemystä").doesNotContain("name=\"theme1\"");
        HttpResponse<String> municipalPost = municipal.postMultipart(answer, handMade(municipalPage, kempele, Map.of("theme1", "Kunnan näkemys.")));
        assertThat(municipalPost.statusCode()).isEqualTo(422);
        assertThat(municipalPost.body()).contains("Kunta ei voi antaa järjestön näkemystä: kunta osallistuu neuvotteluun osapuolena.");
        HttpResponse<String> municipalEn = municipal.postMultipart(answer + "?lang=en", handMade(municipalPage, kempele, Map.of("theme1", "x")));
        assertThat(municipalEn.body()).contains("A municipality cannot give NGO input");

        // a contact whose verification is pending
        Applicant pending = fixtures.unverifiedApplicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient unverified = signIn(pending.email());
        String pendingPage = unverified.get(answer).body();
        assertThat(pendingPage).contains("ei ole vielä vahvistanut").doesNotContain("name=\"theme1\"");
        HttpResponse<String> pendingPost = unverified.postMultipart(answer, handMade(pendingPage, pending.organisationId(),
                Map.of("theme1", "Odottavan näkemys.")));
        assertThat(pendingPost.statusCode()).isEqualTo(422);
        assertThat(pendingPost.body()).contains("Hyvinvointialue ei ole vielä vahvistanut rekisteröitymistäsi yhteyshenkilöksi.");
        // an organisation the person is no contact of
        Applicant other = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        HttpResponse<String> notTheirs = unverified.postMultipart(answer, handMade(pendingPage, other.organisationId(), Map.of("theme1", "x")));
        assertThat(notTheirs.statusCode()).isEqualTo(422);
        assertThat(notTheirs.body()).contains("Et ole tämän järjestön yhteyshenkilö.");

        // signed out: sent to sign in, told why; a post stores nothing
        StaffClient visitor = new StaffClient(port);
        assertThat(visitor.get("/hyte/1/input").statusCode()).isEqualTo(404);
        HttpResponse<String> page = visitor.get(answer);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(location(page)).isEqualTo("/portal/login?needed");
        HttpResponse<String> post = visitor.postMultipart(answer, handMade(visitor.get("/portal/login").body(), other.organisationId(),
                Map.of("theme1", "Kirjautumaton.")));
        assertThat(post.statusCode()).isIn(302, 403);
        assertThat(count("hyte_input where negotiation_id = " + n1)).isEqualTo(before);
        assertThat(count("call_answer where call_kind = 'HYTE_INPUT' and call_id = " + cycle.id())).isZero();

        // an empty input is refused too
        Applicant d = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portalD = signIn(d.email());
        HttpResponse<String> empty = portalD.postMultipart(answer, form(portalD.get(answer).body(), Map.of("theme1", " ")));
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("Kirjoita näkemys vähintään yhteen teemaan.");

        // a cycle closed early takes no input, whatever its deadline
        String openPage = portalD.get(answer).body();
        hyte.close(cycle, NOW);
        String closedPage = portalD.get(answer).body();
        assertThat(closedPage).contains("Tämän vuoden hyte-neuvottelut on suljettu").doesNotContain("name=\"theme1\"");
        HttpResponse<String> closed = portalD.postMultipart(answer, form(openPage, Map.of("theme1", "Suljettu.")));
        assertThat(closed.statusCode()).isEqualTo(422);
        assertThat(closed.body()).contains("Tämän vuoden hyte-neuvottelut on suljettu: näkemystä ei tallennettu.");
        assertThat(count("hyte_input where negotiation_id = " + n1)).isEqualTo(before);
    }

    @Test
    void eightPostsOfOneOrganisationAtTheSameInstantGiveExactlyOneInput() throws Exception {
        HyteInputFixtures.Cycle cycle = hyte.cycle(THEMES, NOW.minusDays(1), DEADLINE);
        long n1 = hyte.negotiation(cycle, "Oulu " + cycle.year(), List.of(municipality("564")), NOW.minusDays(1));
        String answer = "/hyte/" + cycle.year() + "/input/" + n1 + "/answer";
        Applicant a = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        // four contacts of the organisation, each with two tabs open
        List<Applicant> people = new ArrayList<>(List.of(a));
        for (int i = 1; i < 4; i++) {
            people.add(fixtures.colleague(a, "Kollega " + i));
        }
        List<Callable<HttpResponse<String>>> posts = new ArrayList<>();
        for (Applicant person : people) {
            StaffClient client = signIn(person.email());
            for (int tab = 0; tab < 2; tab++) {
                Multipart multipart = form(client.get(answer).body(), Map.of("theme1", "Näkemys " + person.email() + " " + tab + "."));
                posts.add(() -> client.postMultipart(answer, multipart));
            }
        }
        assertThat(posts).hasSize(8);
        List<HttpResponse<String>> responses = atOnce(posts);
        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(302, 422);
        assertThat(responses.stream().filter(r -> r.statusCode() == 302)).hasSize(1);
        responses.stream().filter(r -> r.statusCode() == 422).forEach(r -> assertThat(r.body()).contains("Järjestö on jo vastannut:"));
        assertThat(inputs(n1, a)).isOne();
        assertThat(callAnswers(cycle, n1, a)).isOne();
        assertThat(count("hyte_input_text t join hyte_input i on i.id = t.input_id where i.negotiation_id = " + n1)).isOne();
        fi.silta.support.Mails.sendAllDue(drainer);
        long receipts = people.stream().map(Applicant::email).distinct().mapToLong(email -> Mails.to(greenMail, email).stream()
                .filter(m -> m.subject().startsWith("Järjestön näkemys vastaanotettu: hyte-neuvottelut " + cycle.year())).count()).sum();
        assertThat(receipts).isOne();
    }

    // ---------------------------------------------------------------- helpers

    private long municipality(String code) {
        return organisations.findByMunicipalityCode(code).orElseThrow().id();
    }

    /** The input form of {@code page} as a browser posts it: its CSRF token, submission key, organisation and version. */
    private static Multipart form(String page, Map<String, String> texts) {
        Multipart form = new Multipart().field("_csrf", StaffClient.csrf(page)).field("submissionKey", find(page, KEY.pattern()))
                .field("organisationId", find(page, ORGANISATION.pattern()));
        Matcher input = Pattern.compile("name=\"inputId\" value=\"(\\d+)\"").matcher(page);
        if (input.find()) {
            form.field("inputId", input.group(1)).field("version", find(page, "name=\"version\" value=\"(\\d+)\""));
        }
        texts.forEach(form::field);
        return form;
    }

    /** A post made by hand where the page offers no form. */
    private static Multipart handMade(String page, long organisationId, Map<String, String> texts) {
        Multipart form = new Multipart().field("_csrf", StaffClient.csrf(page)).field("submissionKey", UUID.randomUUID().toString())
                .field("organisationId", String.valueOf(organisationId));
        texts.forEach(form::field);
        return form;
    }

    private StaffClient signIn(String email) {
        return PortalSignIn.signedIn(port, greenMail, drainer, email);
    }

    private long inputs(long negotiationId, Applicant organisation) {
        return count("hyte_input where negotiation_id = " + negotiationId + " and organisation_id = " + organisation.organisationId());
    }

    private long callAnswers(HyteInputFixtures.Cycle cycle, long negotiationId, Applicant organisation) {
        return count("call_answer where call_kind = 'HYTE_INPUT' and call_id = " + cycle.id() + " and scope = '" + negotiationId
                + "' and organisation_id = " + organisation.organisationId());
    }

    private String text(long negotiationId, Applicant organisation, int themeNo) {
        return jdbc.sql("select t.text from hyte_input_text t join hyte_input i on i.id = t.input_id and i.version = t.version "
                        + "where i.negotiation_id = ? and i.organisation_id = ? and t.theme_no = ?")
                .params(negotiationId, organisation.organisationId(), themeNo).query(String.class).single();
    }

    private int version(long negotiationId, Applicant organisation) {
        return jdbc.sql("select version from hyte_input where negotiation_id = ? and organisation_id = ?")
                .params(negotiationId, organisation.organisationId()).query(Integer.class).single();
    }

    private long count(String fromWhere) {
        return jdbc.sql("select count(*) from " + fromWhere).query(Long.class).single();
    }

    /** Posts at the same instant, each from its own thread. */
    private static List<HttpResponse<String>> atOnce(List<Callable<HttpResponse<String>>> posts) throws Exception {
        CountDownLatch ready = new CountDownLatch(posts.size());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(posts.size());
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (Callable<HttpResponse<String>> post : posts) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await(30, TimeUnit.SECONDS);
                    return post.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    }

    /** A typed value as mails show it: isolated (FSI … PDI). */
    private static String iso(String text) {
        return "\u2068" + text + "\u2069";
    }

    private static void at(OffsetDateTime instant) {
        ClockUtil.setCurrentTime(Date.from(instant.toInstant()));
    }

    private static String find(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in " + html);
        }
        return m.group(1);
    }
}
