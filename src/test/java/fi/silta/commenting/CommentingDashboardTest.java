package fi.silta.commenting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.silta.dashboard.Dashboard;
import fi.silta.dashboard.Figure;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.CommentingFixtures;
import fi.silta.support.GrantFixtures;
import fi.silta.support.GrantFixtures.Applicant;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.web.Formats;
import fi.silta.web.Locales;

/**
 * The commenting rounds' dashboard against a known round: three invited organisations of which two answer
 * (on two days) and one organisation answering uninvited; one response per answer and one for the theme
 * written; and a round with no answers yet.
 */
@SiltaIntegrationTest
class CommentingDashboardTest {

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired CommentingFixtures commenting;
    @Autowired CommentingDashboard dashboard;
    @Autowired CommentingRoundRepository rounds;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void invitedAgainstAnsweredAnswersPerDayAndTheSynthesis() {
        Applicant a = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        Applicant b = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        Applicant silent = fixtures.applicant(OrganisationType.FOUNDATION);
        Applicant uninvited = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        long round = commenting.openRound(List.of(a.organisationId(), b.organisationId(), silent.organisationId()), true, 10);
        long quiet = commenting.openRound(List.of(a.organisationId()), false, 10);

        ZonedDateTime today = ZonedDateTime.now(Locales.HELSINKI);
        commenting.answer(round, a.contactId(), "Hyvä luonnos.");
        ClockUtil.setCurrentTime(Date.from(today.plusDays(1).toInstant()));
        commenting.answer(round, b.contactId(), "Lisätkää tavoite.");
        commenting.answer(round, uninvited.contactId(), "Emme ole kutsuttuja, mutta vastaamme.");
        ClockUtil.setCurrentTime(Date.from(today.plusDays(2).toInstant()));

        long first = rounds.answers(round).get(0).id();
        jdbc.sql("insert into commenting_response (round_id, question_key, answer_id, response_fi, written_by, written_at) values (?, 'q1', ?, ?, ?, ?)")
                .params(round, first, "Kiitos.", "aino.virtanen", OffsetDateTime.now()).update();
        jdbc.sql("insert into commenting_response (round_id, question_key, answer_id, response_fi, written_by, written_at) values (?, 'q1', 0, ?, ?, ?)")
                .params(round, "Tavoitteita tarkennetaan.", "aino.virtanen", OffsetDateTime.now()).update();

        Dashboard known = dashboard.dashboard(Map.of("round", String.valueOf(round)), Locales.FINNISH).orElseThrow();
        assertThat(known.figure("response").rows()).containsExactly(List.of("Kutsutut, vastanneet", 2L),
                List.of("Kutsutut, ei vastausta", 1L), List.of("Muut vastanneet (ei kutsuttu)", 1L));
        assertThat(known.figure("response").note()).isEqualTo("Vastausaste 66,7 %.");
        Formats fi = new Formats("fi");
        assertThat(known.figure("days").rows()).containsExactly(List.of(fi.date(today.toLocalDate()), 1L, 1L),
                List.of(fi.date(today.plusDays(1).toLocalDate()), 2L, 3L), List.of(fi.date(today.plusDays(2).toLocalDate()), 0L, 3L));
        assertThat(known.figure("synthesis").rows()).containsExactly(List.of("Luku 1: Tavoitteet", 3L, 1L, "Kyllä"),
                List.of("Kuinka hyvin luonnos vastaa tarpeitanne?", 3L, 0L, "Ei"));

        Dashboard none = dashboard.dashboard(Map.of("round", String.valueOf(quiet)), Locales.FINNISH).orElseThrow();
        assertThat(none.figure("response").rows()).containsExactly(List.of("Kutsutut, vastanneet", 0L),
                List.of("Kutsutut, ei vastausta", 1L), List.of("Muut vastanneet (ei kutsuttu)", 0L));
        assertThat(none.figure("days").rows()).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(0L));

        Figure all = dashboard.dashboard(Map.of(), Locales.FINNISH).orElseThrow().figure("rounds");
        String reference = rounds.find(round).orElseThrow().reference();
        assertThat(all.rows()).anySatisfy(row -> {
            assertThat((String) row.get(0)).startsWith(reference + " ");
            assertThat(row.subList(3, 7)).containsExactly(3L, 2L, 3L, new BigDecimal("66.7"));
        });

        ClockUtil.reset();
        StaffClient manager = StaffClient.signedIn(port, "pekka.koskinen", "silta-demo");
        var page = manager.get("/staff/dashboards/commenting?round=" + round);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Vastausaste 66,7 %.", "Vastineiden edistyminen", "href=\"/staff/commenting/" + round + "\"");
        assertThat(manager.get("/staff/dashboards/commenting?lang=fi").body()).contains(reference, "66,7\u00a0%");
        assertThat(StaffClient.signedIn(port, "mikko.korhonen", "silta-demo").get("/staff/dashboards/commenting").statusCode()).isEqualTo(403);
    }
}
