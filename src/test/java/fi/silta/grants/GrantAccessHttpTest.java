package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
 * Who may apply in an organisation's name, from outside over real HTTP: only a verified contact;
 * one application per organisation also when tabs and colleagues post at the same instant (run
 * on H2 and, with SPRING_DATASOURCE_URL, on PostgreSQL).
 */
@SiltaIntegrationTest
class GrantAccessHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T10:00:00+02:00");
    static final List<String[]> BUDGET = List.<String[]>of(new String[] {"Palkat", "5 000,00"});

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
    void anUnverifiedContactMaySaveADraftButNotApply() {
        GrantFixtures.Applicant unverified = fixtures.unverifiedApplicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portal = signIn(unverified.email());
        long cases = count("case_file");

        Multipart draft = GrantFixtures.applicationForm(portal.get(apply).body(), "Luonnos", "5 000,00", BUDGET).field("_save", "draft");
        assertThat(portal.postMultipart(apply, draft).statusCode()).isEqualTo(302);
        assertThat(portal.get(apply).body()).contains("Luonnos on tallennettu");

        HttpResponse<String> refused = portal.postMultipart(apply,
                GrantFixtures.applicationForm(portal.get(apply).body(), "Kerhotoiminta", "5 000,00", BUDGET));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Hyvinvointialue ei ole vielä vahvistanut rekisteröitymistäsi yhteyshenkilöksi.");
        assertThat(count("case_file")).isEqualTo(cases);
        assertThat(count("grant_application where organisation_id = " + unverified.organisationId() + " and status <> 'DRAFT'")).isZero();
        assertThat(count("call_answer where organisation_id = " + unverified.organisationId())).isZero();
    }

    @Test
    void aContactOfTwoOrganisationsChoosesWhichOneTheyActFor() {
        GrantFixtures.Applicant first = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        GrantFixtures.Applicant second = fixtures.anotherOrganisationOf(first.email(), true);
        String firstName = name(first.organisationId());
        String secondName = name(second.organisationId());
        StaffClient portal = signIn(first.email());

        // nothing is filled in anyone's name before the person chooses
        String chooser = portal.get(apply).body();
        assertThat(chooser).contains("Valitse järjestö, jonka puolesta toimit", firstName, secondName,
                apply + "?organisationId=" + second.organisationId()).doesNotContain("name=\"activity\"");

        String page = portal.get(apply + "?organisationId=" + second.organisationId()).body();
        assertThat(page).contains("Toimit järjestön puolesta:", secondName, "Vaihda järjestöä",
                "name=\"organisationId\" value=\"" + second.organisationId() + "\"");
        HttpResponse<String> sent = portal.postMultipart(apply, GrantFixtures.applicationForm(page, "Kerhotoiminta", "5 000,00", BUDGET)
                .field("organisationId", String.valueOf(second.organisationId())));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        assertThat(count("case_file where organisation_id = " + second.organisationId())).isEqualTo(1);
        assertThat(count("case_file where organisation_id = " + first.organisationId())).isZero();
        String receipt = sent.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        assertThat(portal.get(receipt).body()).contains("Lähetetty järjestön puolesta:", "<bdi>" + secondName + "</bdi>");
        assertThat(portal.get(receipt.replace("/receipt", "")).body()).contains("Järjestö", "<bdi>" + secondName + "</bdi>");

        // an organisation the person is no contact of cannot be chosen
        GrantFixtures.Applicant stranger = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        assertThat(portal.get(apply + "?organisationId=" + stranger.organisationId()).body())
                .contains("Valitse järjestö").doesNotContain(name(stranger.organisationId()));
        HttpResponse<String> forged = portal.postMultipart(apply, GrantFixtures.applicationForm(page, "Toisen nimissä", "5 000,00", BUDGET)
                .field("organisationId", String.valueOf(stranger.organisationId())));
        assertThat(forged.statusCode()).isEqualTo(422);
        assertThat(forged.body()).contains("role=\"alert\"", "Et ole tämän järjestön yhteyshenkilö").doesNotContain(name(stranger.organisationId()));
        assertThat(count("case_file where organisation_id = " + stranger.organisationId())).isZero();
    }

    @Test
    void theUnverifiedChoiceSaysTheVerificationIsPending() {
        GrantFixtures.Applicant verified = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        GrantFixtures.Applicant pending = fixtures.anotherOrganisationOf(verified.email(), false);
        StaffClient portal = signIn(verified.email());
        assertThat(portal.get(apply).body()).contains("(yhteyshenkilön vahvistus odottaa)");
        String page = portal.get(apply + "?organisationId=" + pending.organisationId()).body();
        assertThat(page).contains("ei ole vielä vahvistanut rekisteröitymistäsi", name(pending.organisationId()));
        HttpResponse<String> refused = portal.postMultipart(apply, GrantFixtures.applicationForm(page, "Kerhotoiminta", "5 000,00", BUDGET)
                .field("organisationId", String.valueOf(pending.organisationId())));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(count("case_file where organisation_id = " + pending.organisationId())).isZero();
    }

    @Test
    void aSecondContactOfTheOrganisationIsRefusedNamingTheFirst() {
        GrantFixtures.Applicant first = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        GrantFixtures.Applicant second = fixtures.colleague(first, "Kalle Kollega");
        StaffClient portalFirst = signIn(first.email());
        StaffClient portalSecond = signIn(second.email());
        // the second contact opened the form before the first sent theirs
        String secondsPage = portalSecond.get(apply).body();
        assertThat(portalFirst.postMultipart(apply,
                GrantFixtures.applicationForm(portalFirst.get(apply).body(), "Kerhotoiminta", "5 000,00", BUDGET)).statusCode())
                .isEqualTo(302);

        HttpResponse<String> refused = portalSecond.postMultipart(apply,
                GrantFixtures.applicationForm(secondsPage, "Toinen hakemus", "5 000,00", BUDGET));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Järjestö on jo vastannut: Hanna Hakija lähetti järjestön vastauksen 2.3.2026 klo 10.00.");
        assertThat(count("case_file where organisation_id = " + first.organisationId())).isEqualTo(1);
    }

    @Test
    void threeTabsOfOneContactPostingAtOnceGiveOneApplication() throws Exception {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portal = signIn(applicant.email());
        List<Multipart> tabs = new ArrayList<>();
        for (int tab = 0; tab < 3; tab++) {
            tabs.add(GrantFixtures.applicationForm(portal.get(apply).body(), "Välilehti " + tab, "5 000,00", BUDGET));
        }
        List<HttpResponse<String>> answers = atOnce(List.of(() -> portal.postMultipart(apply, tabs.get(0)),
                () -> portal.postMultipart(apply, tabs.get(1)), () -> portal.postMultipart(apply, tabs.get(2))));

        assertThat(count("case_file where organisation_id = " + applicant.organisationId())).isEqualTo(1);
        assertThat(count("call_answer where organisation_id = " + applicant.organisationId())).isEqualTo(1);
        String reference = jdbc.sql("select reference from case_file where organisation_id = ?").param(applicant.organisationId())
                .query(String.class).single();
        // every tab leads to the one application's receipt
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/portal/cases/" + reference + "/receipt");
        });
    }

    @Test
    void twoContactsOfOneOrganisationPostingAtOnceGiveOneApplicationAndOneClearRefusal() throws Exception {
        GrantFixtures.Applicant first = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        GrantFixtures.Applicant second = fixtures.colleague(first, "Kalle Kollega");
        StaffClient portalFirst = signIn(first.email());
        StaffClient portalSecond = signIn(second.email());
        Multipart fromFirst = GrantFixtures.applicationForm(portalFirst.get(apply).body(), "Ensimmäinen", "5 000,00", BUDGET);
        Multipart fromSecond = GrantFixtures.applicationForm(portalSecond.get(apply).body(), "Toinen", "5 000,00", BUDGET);

        List<HttpResponse<String>> answers = atOnce(List.of(() -> portalFirst.postMultipart(apply, fromFirst),
                () -> portalSecond.postMultipart(apply, fromSecond)));

        assertThat(count("case_file where organisation_id = " + first.organisationId())).isEqualTo(1);
        assertThat(count("grant_application where organisation_id = " + first.organisationId() + " and status <> 'DRAFT'")).isEqualTo(1);
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(302, 422);
        String winner = jdbc.sql("select answered_by_name from call_answer where organisation_id = ?").param(first.organisationId())
                .query(String.class).single();
        HttpResponse<String> refused = answers.stream().filter(a -> a.statusCode() == 422).findFirst().orElseThrow();
        assertThat(refused.body()).contains("Järjestö on jo vastannut: " + winner + " lähetti järjestön vastauksen 2.3.2026 klo 10.00.");
    }

    @Test
    void aNulByteAndARightToLeftOverrideAreRefusedWithNothingStored() {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portal = signIn(applicant.email());
        long cases = count("case_file");

        HttpResponse<String> nul = portal.postMultipart(apply,
                GrantFixtures.applicationForm(portal.get(apply).body(), "Kerho\u0000toiminta", "5 000,00", BUDGET));
        assertThat(nul.statusCode()).isEqualTo(422);
        assertThat(nul.body()).contains("Tekstissä on ohjausmerkki (esimerkiksi NUL-merkki)");

        HttpResponse<String> override = portal.postMultipart(apply, GrantFixtures.applicationForm(portal.get(apply).body(),
                "Kerhotoiminta", "5 000,00", List.<String[]>of(new String[] {"Palkat \u202Eniap", "5 000,00"})));
        assertThat(override.statusCode()).isEqualTo(422);
        assertThat(override.body()).contains("Tekstissä on kirjoitussuunnan ohjausmerkki");

        // in Swedish and English too
        HttpResponse<String> swedish = portal.postMultipart(apply + "?lang=sv",
                GrantFixtures.applicationForm(portal.get(apply).body(), "Klubb\u0000verksamhet", "5 000,00", BUDGET));
        assertThat(swedish.body()).contains("Texten innehåller ett styrtecken");
        assertThat(count("case_file")).isEqualTo(cases);
        assertThat(count("grant_application where organisation_id = " + applicant.organisationId() + " and status <> 'DRAFT'")).isZero();
    }

    private List<HttpResponse<String>> atOnce(List<java.util.concurrent.Callable<HttpResponse<String>>> posts) throws Exception {
        CyclicBarrier start = new CyclicBarrier(posts.size());
        ExecutorService pool = Executors.newFixedThreadPool(posts.size());
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (var post : posts) {
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return post.call();
                }));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (var future : futures) {
                answers.add(future.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private StaffClient signIn(String email) {
        return PortalSignIn.signedIn(port, greenMail, drainer, email);
    }

    private String name(long organisationId) {
        return jdbc.sql("select name from organisation where id = ?").param(organisationId).query(String.class).single();
    }

    private long count(String fromWhere) {
        return jdbc.sql("select count(*) from " + fromWhere).query(Long.class).single();
    }
}
