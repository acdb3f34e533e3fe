package fi.silta.webapps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import fi.silta.demo.DemoData;
import fi.silta.organisations.ContactVerificationService;
import fi.silta.security.Roles;
import fi.silta.support.BrowserTests;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestOrganisations;
import fi.silta.web.Locales;

/**
 * Tasklist in a real browser speaks the browser's language: a coordinator signs in at /login with
 * a Finnish (or Swedish) browser, sees the filters of the role and claims a contact verification
 * task in Tasklist's words of that language; the "migrate to Camunda 8" banner stays hidden.
 * The expected words come from Silta's translation files and message bundle. Screenshots go to
 * target/browser/.
 */
@SiltaIntegrationTest
class TasklistLanguageBrowserTest {

    /** Tasklist's own words the check looks for (keys of locales/*.json). */
    static final List<String> LABELS = List.of("CLAIM_TASK", "COMPLETE", "FORM", "HISTORY", "DIAGRAM", "DESCRIPTION",
            "SET_FOLLOW_UP_DATE", "SET_DUE_DATE");
    /** The filters a coordinator has (fi.silta.security.TasklistFilters); stored and shown in Finnish. */
    static final List<String> COORDINATOR_FILTERS = List.of("mine", "group", "overdue", "contactVerification", "grantRounds");

    @LocalServerPort int port;
    @Value("${silta.demo.password}") String password;
    @Autowired TestOrganisations organisations;
    @Autowired ContactVerificationService verification;
    @Autowired TaskService taskService;
    @Autowired MessageSource messages;

    @Test
    void finnishBrowserGetsFinnishTasklist() throws Exception {
        checkTasklist("fi-FI", "fi");
    }

    @Test
    void swedishBrowserGetsSwedishTasklist() throws Exception {
        checkTasklist("sv-FI", "sv");
    }

    private void checkTasklist(String locale, String language) throws Exception {
        BrowserTests browser = BrowserTests.require();
        String coordinator = DemoData.USERS.stream().filter(u -> u.role() == Roles.COORDINATOR).findFirst().orElseThrow().id();

        TestOrganisations.TestContact contact = organisations.newContact(language);
        String processInstanceId = verification.requestVerification(contact.contactId(), null).caseFile().processInstanceId();
        Task task = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
        assertThat(task.getAssignee()).isNull();

        // the list's "created … ago" in the language's own words (moment's relative time of the file)
        String past = WebappTranslations.silta("tasklist", language).path("dateLocales").path("relativeTime").path("past").asText();
        assertThat(past).contains("%s");
        Map<String, String> translation = WebappTranslations.labels(WebappTranslations.silta("tasklist", language));
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : LABELS) {
            assertThat(translation).as("tasklist %s.json", language).containsKey(key);
            labels.put(key, translation.get(key));
        }
        List<String> filters = COORDINATOR_FILTERS.stream()
                .map(key -> messages.getMessage("filter." + key + ".name", null, Locales.FINNISH)).toList();
        String expect = new ObjectMapper().writeValueAsString(Map.of(
                "language", language, "filters", filters, "taskName", task.getName(), "labels", labels,
                "relativePast", past));

        browser.run("tasklist-language.mjs", "http://localhost:" + port, Duration.ofMinutes(2),
                "--user", coordinator, "--password", password, "--locale", locale,
                "--task-id", task.getId(), "--expect", expect,
                "--screenshot", BrowserTests.screenshot("tasklist-" + language));

        // the claim in the browser reached the engine
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo(coordinator);
    }
}
