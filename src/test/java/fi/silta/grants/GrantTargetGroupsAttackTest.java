package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;

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
 * The target groups and municipalities of a grant application, as an applicant could post them by hand:
 * values that are no option of the form are refused with the form's message, and nothing is stored.
 */
@SiltaIntegrationTest
class GrantTargetGroupsAttackTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T10:00:00+02:00");
    static final List<String[]> BUDGET = List.<String[]>of(new String[] {"Palkat", "3 000,00"});
    static final String NOT_AN_OPTION = "Valitse jokin annetuista vaihtoehdoista.";
    static final String NOT_A_MUNICIPALITY = "Valitse kunta hyvinvointialueen kunnista.";

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
    void targetGroupsAndMunicipalitiesThatAreNoOptionsAreRefusedAndNothingIsStored() {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, applicant.email());
        String longValue = "x".repeat(5000);
        List<List<String[]>> attempts = List.of(
                List.<String[]>of(new String[] {"targetGroups", "x' or 1=1 --"}),
                List.<String[]>of(new String[] {"targetGroups", "<script>alert(1)</script>"}),
                List.<String[]>of(new String[] {"targetGroups", longValue}),
                List.<String[]>of(new String[] {"targetGroups", "Children"}),
                List.<String[]>of(new String[] {"municipalities", "091"}),
                List.<String[]>of(new String[] {"municipalities", "56"}),
                List.<String[]>of(new String[] {"municipalities", "564' or '1'='1"}));
        for (List<String[]> extra : attempts) {
            Multipart form = GrantFixtures.applicationForm(portal.get(apply).body(), "Kerhotoiminta", "3 000,00", BUDGET);
            extra.forEach(f -> form.field(f[0], f[1]));
            HttpResponse<String> refused = portal.postMultipart(apply, form);
            String what = extra.get(0)[0] + "=" + extra.get(0)[1].substring(0, Math.min(20, extra.get(0)[1].length()));
            assertThat(refused.statusCode()).as(what).isNotEqualTo(302).isLessThan(500);
            assertThat(refused.body()).as(what).contains(extra.get(0)[0].equals("municipalities") ? NOT_A_MUNICIPALITY : NOT_AN_OPTION)
                    .doesNotContain("<script>alert(1)</script>");
            assertThat(submitted(applicant)).as(what).isZero();
        }
        assertThat(jdbc.sql("select count(*) from grant_application_target_group g join grant_application a on a.id = g.application_id"
                + " where a.organisation_id = ?").param(applicant.organisationId()).query(Long.class).single()).isZero();
    }

    /**
     * An applicant whose association works in every municipality of the county for every target group, as a
     * browser posts it (every box checked, a few budget lines, the empty file input): accepted. Tomcat's
     * default of 50 parts refused it before the CSRF check could read its token, with a bare 403.
     */
    @Test
    void anApplicationCheckingEveryBoxIsAccepted() {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, applicant.email());
        String page = portal.get(apply).body();
        List<String> municipalities = values(page, "municipalities");
        List<String> targetGroups = values(page, "targetGroups");
        assertThat(municipalities).hasSizeGreaterThan(20);
        assertThat(targetGroups).hasSize(10);
        List<String[]> lines = List.<String[]>of(new String[] {"Palkat", "3 000,00"}, new String[] {"Vuokrat", "1 000,00"},
                new String[] {"Matkat", "500,00"}, new String[] {"Tarvikkeet", "500,00"});
        Multipart form = GrantFixtures.applicationForm(page, "Kerhotoiminta", "5 000,00", lines);
        municipalities.forEach(m -> form.field("municipalities", m));
        targetGroups.forEach(g -> form.field("targetGroups", g));
        form.file("attachments", "", "application/octet-stream", new byte[0]);
        HttpResponse<String> sent = portal.postMultipart(apply, form);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        assertThat(submitted(applicant)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from grant_application_target_group g join grant_application a on a.id = g.application_id"
                + " where a.organisation_id = ?").param(applicant.organisationId()).query(Long.class).single()).isEqualTo(10);
        assertThat(jdbc.sql("select count(*) from grant_application_municipality g join grant_application a on a.id = g.application_id"
                + " where a.organisation_id = ?").param(applicant.organisationId()).query(Long.class).single())
                .isEqualTo(municipalities.size());
    }

    /** A valid option repeated five hundred times (no browser does that): one row, no error of the server. */
    @Test
    void anOptionRepeatedFiveHundredTimesIsStoredOnce() {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, applicant.email());
        Multipart repeated = GrantFixtures.applicationForm(portal.get(apply).body(), "Kerhotoiminta", "3 000,00", BUDGET);
        for (int i = 0; i < 500; i++) {
            repeated.field("targetGroups", "youth");
        }
        HttpResponse<String> sent = portal.postMultipart(apply, repeated);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        assertThat(submitted(applicant)).isEqualTo(1);
        assertThat(jdbc.sql("select code from grant_application_target_group g join grant_application a on a.id = g.application_id"
                + " where a.organisation_id = ? order by code").param(applicant.organisationId()).query(String.class).list())
                .containsExactly("carers", "youth");
    }

    /** More parts than any form has (server.tomcat.max-part-count): Silta's page for a bad request, nothing stored. */
    @Test
    void aFormOfTooManyPartsGetsTheBadRequestPage() {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, applicant.email());
        Multipart flood = GrantFixtures.applicationForm(portal.get(apply).body(), "Kerhotoiminta", "3 000,00", BUDGET);
        for (int i = 0; i < 1200; i++) {
            flood.field("targetGroups", "youth");
        }
        HttpResponse<String> refused = portal.postMultipart(apply, flood);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Pyyntöä ei voitu käsitellä");
        assertThat(submitted(applicant)).isZero();
    }

    /** The values of a checklist's boxes on the form. */
    private static List<String> values(String page, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<input[^>]*name=\"" + name + "\"[^>]*>").matcher(page);
        List<String> values = new java.util.ArrayList<>();
        while (m.find()) {
            java.util.regex.Matcher v = java.util.regex.Pattern.compile("value=\"([^\"]*)\"").matcher(m.group());
            if (v.find() && !v.group(1).isEmpty() && !values.contains(v.group(1))) {
                values.add(v.group(1));
            }
        }
        return values;
    }

    private long submitted(GrantFixtures.Applicant applicant) {
        return jdbc.sql("select count(*) from grant_application where organisation_id = ? and status <> 'DRAFT'")
                .param(applicant.organisationId()).query(Long.class).single();
    }
}
