package fi.silta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import fi.silta.support.OversizedUpload;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;

/** Silta's own error pages: a title, the page's language, plain words, whether something sent was stored, a way back. */
@SiltaIntegrationTest
class ErrorPagesTest {

    @LocalServerPort int port;

    @Test
    void aMissingPortalPageIsSiltasOwnPageInTheReadersLanguage() {
        StaffClient browser = new StaffClient(port);
        HttpResponse<String> finnish = browser.get("/portal/ei-sivua");
        assertThat(finnish.statusCode()).isEqualTo(404);
        assertThat(finnish.body()).contains("<html lang=\"fi\"", "<title>\u2068Sivua ei löytynyt\u2069 – Silta</title>",
                "Tarkista osoite tai aloita etusivulta.", "Virhekoodi 404", "href=\"/\"").doesNotContain("Whitelabel",
                "Lähettämääsi ei tallennettu");
        HttpResponse<String> swedish = browser.get("/portal/ei-sivua?lang=sv");
        assertThat(swedish.body()).contains("<html lang=\"sv\"", "Sidan hittades inte", "Felkod 404");
        assertThat(browser.get("/portal/ei-sivua?lang=en").body()).contains("<html lang=\"en\"", "Page not found");
    }

    @Test
    void aStaffPageOutsideTheRoleIsAClearRefusalWithAWayBackToTheStaffSide() {
        StaffClient manager = new StaffClient(port);
        manager.signIn("pekka.koskinen", "silta-demo");
        HttpResponse<String> refused = manager.get("/staff/mail");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("<html lang=\"fi\"", "Sinulla ei ole pääsyä tälle sivulle", "href=\"/staff\"")
                .doesNotContain("Whitelabel", "href=\"/\">");
    }

    @Test
    void aRefusedSubmissionSaysNothingWasStored() {
        StaffClient browser = new StaffClient(port);
        HttpResponse<String> noCsrf = browser.postForm("/portal/login/link", "username=a%40b.example");
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(noCsrf.body()).contains("Lähettämääsi ei tallennettu: mitään ei lähetetty eikä muutettu.");
    }

    @Test
    void theErrorPageOpenedDirectlySaysTheCodeItAnswersWith() {
        HttpResponse<String> direct = new StaffClient(port).get("/error");
        assertThat(direct.statusCode()).isEqualTo(500);
        assertThat(direct.body()).contains("Tapahtui virhe", "Virhekoodi 500").doesNotContain("Virhekoodi 999");
    }

    @Test
    void aSubmissionLargerThanTheServiceTakesIsSiltas413PageNotAnEmptyAnswer() {
        OversizedUpload.Answer answer = OversizedUpload.post(port, "/portal/contact?lang=sv");
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("<html lang=\"sv\"", "Det du skickade var för stort", "Felkod 413",
                "Det du skickade sparades inte", "href=\"/\"");
    }

    @Test
    void aMalformedRequestIsA400PageAndProgramsStillGetJson() throws Exception {
        StaffClient coordinator = new StaffClient(port);
        coordinator.signIn("aino.virtanen", "silta-demo");
        HttpResponse<String> bad = coordinator.get("/staff/organisations/not-a-number");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Pyyntöä ei voitu käsitellä", "href=\"/staff\"");

        HttpResponse<String> json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/portal/ei-sivua")).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.body()).startsWith("{").contains("\"status\":404");
    }
}
