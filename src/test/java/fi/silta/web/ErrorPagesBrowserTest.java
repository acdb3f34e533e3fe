package fi.silta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import fi.silta.support.BrowserTests;
import fi.silta.support.OversizedUpload;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;

/**
 * Silta's own error pages in a real headless browser (src/test/browser/error-pages.mjs), in
 * Finnish and Swedish, on the portal side and the staff side: 404 (a page, a case), 403 (a staff
 * page outside the role, a refused submission), 400, 413 (a request larger than the service takes),
 * 500 and the busy page in each of its four states ({@link ServiceBusyFilter#busyPage}). axe-core
 * finds no WCAG 2.1 A/AA violation on any of them.
 */
@SiltaIntegrationTest
class ErrorPagesBrowserTest {

    static final List<String> LANGUAGES = List.of("fi", "sv");
    static final Path PAGES = BrowserTests.SCREENSHOTS.resolve("error-pages");

    @LocalServerPort int port;
    @Autowired MessageSource messages;

    final List<Map<String, Object>> pages = new ArrayList<>();

    @Test
    void siltasErrorPagesHaveNoWcagViolationsInFinnishAndSwedish() throws Exception {
        BrowserTests browser = BrowserTests.require();
        Files.createDirectories(PAGES);
        StaffClient visitor = new StaffClient(port);
        StaffClient coordinator = StaffClient.signedIn(port, "aino.virtanen", "silta-demo");
        StaffClient manager = new StaffClient(port);
        manager.signIn("pekka.koskinen", "silta-demo");
        for (String lang : LANGUAGES) {
            opened("portal-404-" + lang, "/portal/ei-sivua?lang=" + lang, 404, lang);
            opened("portal-case-404-" + lang, "/portal/cases/AV-1999-9999?lang=" + lang, 404, lang);
            answered("staff-404-" + lang, "/staff/ei-sivua?lang=" + lang, coordinator.get("/staff/ei-sivua?lang=" + lang), 404, lang);
            answered("staff-403-" + lang, "/staff/mail?lang=" + lang, manager.get("/staff/mail?lang=" + lang), 403, lang);
            answered("portal-403-refused-" + lang, "/portal/login/link?lang=" + lang,
                    visitor.postForm("/portal/login/link?lang=" + lang, "username=a%40b.example"), 403, lang);
            answered("staff-400-" + lang, "/staff/organisations/not-a-number?lang=" + lang,
                    coordinator.get("/staff/organisations/not-a-number?lang=" + lang), 400, lang);
            tooLarge(lang);
            answered("portal-500-" + lang, "/error?lang=" + lang, visitor.get("/error?lang=" + lang), 500, lang);
            for (SubmissionCommits.State state : SubmissionCommits.State.values()) {
                busy(state, lang);
            }
        }
        Path manifest = PAGES.resolve("pages.json");
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(manifest.toFile(), pages);

        String output = browser.run("error-pages.mjs", "http://localhost:" + port, Duration.ofMinutes(3),
                "--pages", manifest.toString(), "--screenshots", BrowserTests.SCREENSHOTS.toString());

        assertThat(output).contains("no axe-core violations", "busy-STORED-sv", "portal-413-sv", "staff-404-sv");
    }

    /** A page the browser opens itself. */
    private void opened(String name, String path, int status, String lang) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("name", name);
        page.put("path", path);
        page.put("status", status);
        page.put("lang", lang);
        pages.add(page);
    }

    /** A page the server answered here, given to the browser at its own address. */
    private void answered(String name, String path, HttpResponse<String> response, int status, String lang) throws IOException {
        assertThat(response.statusCode()).as(name).isEqualTo(status);
        answered(name, path, response.body(), status, lang);
    }

    private void answered(String name, String path, String html, int status, String lang) throws IOException {
        assertThat(html).as(name).contains("<html lang=\"" + lang + "\"").doesNotContain("Whitelabel");
        Path file = PAGES.resolve(name + ".html");
        Files.writeString(file, html, StandardCharsets.UTF_8);
        opened(name, path, status, lang);
        pages.get(pages.size() - 1).put("file", file.toString());
    }

    /** A form post larger than the service takes. */
    private void tooLarge(String lang) throws IOException {
        String path = "/portal/contact?lang=" + lang;
        OversizedUpload.Answer answer = OversizedUpload.post(port, path);
        assertThat(answer.status()).as("the answer to a request too large").isEqualTo(413);
        answered("portal-413-" + lang, path, answer.body(), 413, lang);
    }

    /** The busy page as the filter writes it for a page load or a submission in {@code state}. */
    private void busy(SubmissionCommits.State state, String lang) throws IOException {
        String path = "/portal/busy-" + state.name().toLowerCase(Locale.ROOT) + "?lang=" + lang;
        MockHttpServletRequest request = new MockHttpServletRequest(state == SubmissionCommits.State.NONE ? "GET" : "POST", path);
        if (state == SubmissionCommits.State.STORED) {
            request.setAttribute(SubmissionCommits.STORED, "AV-2026-0042");
        } else if (state == SubmissionCommits.State.IN_DOUBT) {
            request.setAttribute(SubmissionCommits.COMMITTING, "AV-2026-0042");
        }
        assertThat(SubmissionCommits.state(request)).isEqualTo(state);
        MockHttpServletResponse response = new MockHttpServletResponse();
        ServiceBusyFilter.busyPage(request, response, messages, Locale.forLanguageTag(lang));
        answered("busy-" + state + "-" + lang, path, response.getContentAsString(StandardCharsets.UTF_8), response.getStatus(), lang);
    }
}
