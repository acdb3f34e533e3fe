package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fi.silta.support.GrantFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;

/** The staff's list of grant rounds: reachable from the staff home, each round with its pages; not for reviewers. */
@SiltaIntegrationTest
class GrantRoundsListHttpTest {

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;

    @Test
    void coordinatorsAndManagersFindEveryRoundAndItsPagesReviewersDoNot() {
        OffsetDateTime now = OffsetDateTime.now();
        long roundId = fixtures.publishedRound(now.minusDays(1), now.plusDays(29), GrantFixtures.POOL);

        StaffClient coordinator = StaffClient.signedIn(port, "aino.virtanen", "silta-demo");
        assertThat(coordinator.get("/staff").body()).contains("href=\"/staff/grants\"");
        var list = coordinator.get("/staff/grants");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("HAKU-" + roundId, "Järjestöavustukset 2026", ">Auki<",
                "href=\"/staff/grants/" + roundId + "\"", "href=\"/staff/grants/" + roundId + "/allocation\"");
        assertThat(coordinator.get("/staff/grants?lang=sv").body()).contains("Organisationsunderstöd 2026", ">Öppen<");

        assertThat(StaffClient.signedIn(port, "pekka.koskinen", "silta-demo").get("/staff/grants").statusCode()).isEqualTo(200);
        StaffClient reviewer = StaffClient.signedIn(port, "mikko.korhonen", "silta-demo");
        assertThat(reviewer.get("/staff/grants").statusCode()).isEqualTo(403);
        assertThat(reviewer.get("/staff").body()).doesNotContain("href=\"/staff/grants\"");
    }
}
