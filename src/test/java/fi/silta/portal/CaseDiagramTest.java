package fi.silta.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fi.silta.cases.CaseFileService.OpenedCase;
import fi.silta.organisations.ContactVerificationService;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestOrganisations;
import fi.silta.support.TestOrganisations.TestContact;

/**
 * The process diagram on a case's status page: the container with the current step, the viewer
 * served from the WebJar, and the model reached by exactly the status page's access rule. (The
 * drawing itself is checked in a real browser.)
 */
@SiltaIntegrationTest
class CaseDiagramTest {

    static final Pattern SECTION = Pattern.compile("<section id=\"case-diagram\"[^>]*>");

    @LocalServerPort int port;
    @Autowired ContactVerificationService verification;
    @Autowired TestOrganisations testOrganisations;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired BpmnViewer viewer;

    @Test
    void statusPageHoldsTheDiagramWithTheCurrentStepAndStillSaysItInWords() {
        OpenedCase opened = open();
        String reference = opened.caseFile().reference();
        HttpResponse<String> page = new StaffClient(port).get("/portal/cases/" + reference + "?token=" + opened.token());
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        String section = section(html);
        assertThat(section).contains(" hidden", "data-step-ids=\"Task_VerifyContact\"",
                "data-diagram-url=\"/portal/cases/" + reference + "/diagram.bpmn?token=" + opened.token() + "\"",
                "data-label=\"Kaavio asian käsittelyn vaiheista. Nykyinen vaihe: "
                        + "Hyvinvointialue tarkistaa, että voit toimia järjestön puolesta.\"");
        assertThat(html).contains("<p class=\"status\">Hyvinvointialue tarkistaa, että voit toimia järjestön puolesta.</p>",
                "<div class=\"case-diagram-canvas\"></div>",
                "<link rel=\"stylesheet\" href=\"/webjars/bpmn-js/" + viewer.version() + "/dist/assets/diagram-js.css\">",
                "<script defer src=\"/webjars/bpmn-js/" + viewer.version() + "/dist/bpmn-navigated-viewer.production.min.js\"></script>",
                "<script defer src=\"/js/case-diagram.js\"></script>");
        // nothing inline: the Content-Security-Policy allows only the site's own scripts and styles
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'", "style-src 'self'");
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain(" style=", "<style");
    }

    @Test
    void diagramIsTheCasesModelWithItsShapesOnlyAndNeedsTheStatusPagesAccess() {
        TestContact contact = testOrganisations.newContact("fi");
        OpenedCase opened = verification.requestVerification(contact.contactId(), null);
        String path = "/portal/cases/" + opened.caseFile().reference() + "/diagram.bpmn";
        StaffClient stranger = new StaffClient(port);

        HttpResponse<String> diagram = stranger.get(path + "?token=" + opened.token());
        assertThat(diagram.statusCode()).isEqualTo(200);
        assertThat(diagram.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        assertThat(diagram.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(diagram.body()).startsWith("<?xml").contains("<bpmn:definitions", "id=\"Task_VerifyContact\"",
                "name=\"Tarkista yhteyshenkilön oikeus toimia järjestön puolesta\"", "<bpmndi:BPMNShape",
                "bpmnElement=\"Task_VerifyContact\"", "<bpmn:timerEventDefinition");
        // the steps, not how the engine carries them out, and nothing of this or any other case
        assertThat(diagram.body()).doesNotContain("camunda", "${", "coordinators", "external", "delegateExpression",
                "extensionElements", "documentation", contact.email(), contact.organisationName(), opened.token());

        // in the reader's language: the names from the bundles (diagram.<process>.<id>)
        HttpResponse<String> swedish = new StaffClient(port).get(path + "?token=" + opened.token() + "&lang=sv");
        assertThat(swedish.body()).contains("name=\"Kontrollera kontaktpersonens rätt att företräda organisationen\"")
                .doesNotContain("Tarkista yhteyshenkilön");

        HttpResponse<String> wrongToken = stranger.get(path + "?token=" + opened.token().substring(1) + "x");
        assertThat(wrongToken.statusCode()).isEqualTo(404);
        assertThat(wrongToken.body()).contains("Asiaa ei löydy").doesNotContain("bpmn:");
        assertThat(stranger.get(path).statusCode()).isEqualTo(404);
        OpenedCase other = open();
        assertThat(stranger.get(path + "?token=" + other.token()).statusCode()).as("another case's token").isEqualTo(404);
        assertThat(stranger.get("/portal/cases/YH-1999-9999/diagram.bpmn?token=" + opened.token()).statusCode()).isEqualTo(404);
    }

    @Test
    void anEndedCaseShowsItsEndEvent() {
        OpenedCase opened = open();
        String processInstanceId = opened.caseFile().processInstanceId();
        taskService.complete(taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId(),
                Map.of("verificationDecision", "reject", "verificationNote", "Ei hallituksen jäsen."));
        managementService.executeJob(managementService.createJobQuery().processInstanceId(processInstanceId).singleResult().getId());

        StaffClient stranger = new StaffClient(port);
        String reference = opened.caseFile().reference();
        assertThat(section(stranger.get("/portal/cases/" + reference + "?token=" + opened.token()).body()))
                .contains("data-step-ids=\"End_ContactRejected\"");
        assertThat(stranger.get("/portal/cases/" + reference + "/diagram.bpmn?token=" + opened.token()).statusCode()).isEqualTo(200);
    }

    @Test
    void viewerAndScriptAreServedWithoutSignIn() {
        StaffClient anyone = new StaffClient(port);
        HttpResponse<String> script = anyone.get(viewer.script());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElse("")).matches("(text|application)/javascript.*");
        assertThat(script.body()).startsWith("/*! bpmn-js - bpmn-navigated-viewer v" + viewer.version());
        // the address carries the version: cached for long
        assertThat(script.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000");

        HttpResponse<String> css = anyone.get(viewer.stylesheet());
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");

        HttpResponse<String> own = anyone.get("/js/case-diagram.js");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.headers().firstValue("Content-Type").orElse("")).matches("(text|application)/javascript.*");
        assertThat(own.body()).contains("addMarker", "data-rendered");
    }

    private OpenedCase open() {
        return verification.requestVerification(testOrganisations.newContact("fi").contactId(), null);
    }

    private static String section(String html) {
        Matcher m = SECTION.matcher(html);
        assertThat(m.find()).as("diagram section in " + html).isTrue();
        return m.group();
    }

    @Test
    void theStepsOfTheCaseComeFirstInPlainWordsWithTheCurrentOneMarked() {
        OpenedCase opened = open();
        String reference = opened.caseFile().reference();
        StaffClient stranger = new StaffClient(port);
        String html = stranger.get("/portal/cases/" + reference + "?token=" + opened.token()).body();
        assertThat(html).contains("<h2 id=\"case-steps-title\">Asian vaiheet</h2>",
                "<li class=\"step-done\">", "Ilmoitus vastaanotettu", "(valmis)",
                "<li class=\"step-current\" aria-current=\"step\">", "Hyvinvointialue tarkistaa tiedot", "(nyt tässä)",
                "<li class=\"step-upcoming\">", "Tarkistus valmis", "(tulossa)");
        assertThat(html.indexOf("case-steps-title")).as("the steps before the diagram").isLessThan(html.indexOf("case-diagram-title"));
        assertThat(html).doesNotContain("Päättynyt");

        String swedish = stranger.get("/portal/cases/" + reference + "?token=" + opened.token() + "&lang=sv").body();
        assertThat(swedish).contains("Ärendets skeden", "Välfärdsområdet kontrollerar uppgifterna", "(nu här)", "Förstora",
                "Välfärdsområdets samarbete med organisationer").doesNotContain("Järjestöyhteistyö");
        assertThat(html).contains("Hyvinvointialueen järjestöyhteistyö");
    }
}
