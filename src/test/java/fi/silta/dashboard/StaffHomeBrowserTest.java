package fi.silta.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.ObjectMapper;

import fi.silta.support.BrowserTests;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;

/**
 * The staff home (a coordinator's, with her filters and their counts; a manager's; an administrator's) and the
 * overview dashboard with its charts, in a real headless browser (src/test/browser/error-pages.mjs takes any
 * answered page): axe-core finds no WCAG 2.1 A/AA violation, in Finnish and in Swedish.
 */
@SiltaIntegrationTest
class StaffHomeBrowserTest {

    static final Path PAGES = BrowserTests.SCREENSHOTS.resolve("staff-home");

    @LocalServerPort int port;

    final List<Map<String, Object>> pages = new ArrayList<>();

    @Test
    void homeAndOverviewHaveNoWcagViolations() throws Exception {
        BrowserTests browser = BrowserTests.require();
        Files.createDirectories(PAGES);
        Map<String, StaffClient> users = new LinkedHashMap<>();
        users.put("coordinator", StaffClient.signedIn(port, "aino.virtanen", "silta-demo"));
        users.put("manager", StaffClient.signedIn(port, "pekka.koskinen", "silta-demo"));
        users.put("admin", StaffClient.signedIn(port, "ilkka.jarvinen", "silta-demo"));
        for (String lang : List.of("fi", "sv")) {
            for (Map.Entry<String, StaffClient> user : users.entrySet()) {
                answered("home-" + user.getKey() + "-" + lang, "/staff?lang=" + lang, user.getValue().get("/staff?lang=" + lang), lang);
            }
            answered("overview-" + lang, "/staff/dashboards/overview?lang=" + lang,
                    users.get("manager").get("/staff/dashboards/overview?lang=" + lang), lang);
        }
        Path manifest = PAGES.resolve("pages.json");
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(manifest.toFile(), pages);

        String output = browser.run("error-pages.mjs", "http://localhost:" + port, Duration.ofMinutes(3),
                "--pages", manifest.toString(), "--screenshots", BrowserTests.SCREENSHOTS.toString());

        assertThat(output).contains("no axe-core violations", "home-coordinator-sv", "overview-sv");
    }

    /** A page the server answered a signed-in user, given to the browser at its own address. */
    private void answered(String name, String path, HttpResponse<String> response, String lang) throws Exception {
        assertThat(response.statusCode()).as(name).isEqualTo(200);
        assertThat(response.body()).as(name).contains("<html lang=\"" + lang + "\"");
        Path file = PAGES.resolve(name + ".html");
        Files.writeString(file, response.body(), StandardCharsets.UTF_8);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("name", name);
        page.put("path", path);
        page.put("status", 200);
        page.put("lang", lang);
        page.put("file", file.toString());
        pages.add(page);
    }
}
