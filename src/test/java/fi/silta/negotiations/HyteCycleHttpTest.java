package fi.silta.negotiations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.Organisation;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * A cycle for Keski-Suomi (county 15 in the reference data (Statistics Finland: 13 is Pohjois-Savo), its 22 municipalities from the reference data) through real HTTP: started with the
 * start form as Tasklist posts it (/engine-rest), 22 negotiation cases opened (Jyväskylä and Muurame as one group, so 21),
 * then per municipality again; the staff pages as each role sees them (a reviewer and an NGO coordinator get 403, a
 * liaison reads, only a hyte coordinator closes), closing early (a missing reason refused and nothing changed), the
 * summary PDFs; a grouped negotiation's second municipality's contact reaches the case in the portal, another's does not.
 */
@SiltaIntegrationTest
@TestPropertySource(properties = "silta.county-code=15")
class HyteCycleHttpTest {

    static final String PASSWORD = "silta-demo";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired HyteCycles cycles;
    @Autowired HyteCycleFixtures fixtures;
    @Autowired ManagementService managementService;
    @Autowired RuntimeService runtimeService;
    @Autowired OrganisationRepository organisations;
    @Autowired OutboxDrainer drainer;

    @AfterEach
    void reset() {
        ClockUtil.reset();
    }

    @Test
    void aKeskiSuomiCycleOpensTwentyTwoNegotiationCasesAndEachRoleSeesWhatItMay() throws Exception {
        assertThat(cycles.countyCode()).isEqualTo("15");
        List<Organisation> county = organisations.municipalitiesOf("15");
        assertThat(county).hasSize(22).extracting(Organisation::name).contains("Jyväskylä", "Muurame", "Äänekoski");
        int year = fixtures.freshYear();

        // a municipality of another county is refused over HTTP too, and nothing is stored
        Map<String, Object> outside = HyteCycleFixtures.startForm(year);
        outside.put("grouping", "groups");
        outside.put("groups", "Jyväskylä, Oulu");
        HttpResponse<String> refused = start(outside);
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).contains("Oulu on hyvinvointialueen ulkopuolinen kunta", "Oulu is a municipality outside the county");
        assertThat(cycles.byYear(year)).isEmpty();

        HttpResponse<String> started = start(HyteCycleFixtures.startForm(year));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String instanceId = JSON.readTree(started.body()).get("id").asText();
        openNegotiations(instanceId);
        HyteCycle cycle = cycles.byYear(year).orElseThrow();
        assertThat(cycle.countyCode()).isEqualTo("15");
        List<HyteNegotiationRow> negotiations = cycles.negotiations(cycle);
        assertThat(negotiations).hasSize(22);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("hyteNegotiation").list().stream()
                .filter(p -> negotiations.stream().anyMatch(n -> n.caseReference().equals(p.getBusinessKey())))).hasSize(22);

        StaffClient hyte = StaffClient.signedIn(port, "timo.laine", PASSWORD);
        StaffClient liaison = StaffClient.signedIn(port, "sanna.heikkinen", PASSWORD);
        StaffClient reviewer = StaffClient.signedIn(port, "mikko.korhonen", PASSWORD);
        StaffClient ngoCoordinator = StaffClient.signedIn(port, "aino.virtanen", PASSWORD);

        HttpResponse<String> list = hyte.get("/staff/hyte");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("HYTE-" + year, "0 / 22");
        HttpResponse<String> page = hyte.get("/staff/hyte/" + year);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(count(page.body(), "href=\"/staff/cases/HN-" + year + "-")).isEqualTo(22);
        assertThat(page.body()).contains("Äänekoski", "Yksinäisyyden vähentäminen", "name=\"reason\"", "summary-fi.pdf", "summary-sv.pdf");
        // the staff home's card for hyte coordinators (and the liaison), none for a reviewer
        assertThat(hyte.get("/staff").body()).contains("href=\"/staff/hyte\"", "href=\"/staff/hyte/" + year + "\"");
        assertThat(liaison.get("/staff").body()).contains("href=\"/staff/hyte\"");
        assertThat(reviewer.get("/staff").body()).doesNotContain("href=\"/staff/hyte\"");

        // a reviewer and an NGO coordinator may not open the hyte pages; a liaison reads but may not close
        assertThat(reviewer.get("/staff/hyte").statusCode()).isEqualTo(403);
        assertThat(reviewer.get("/staff/hyte/" + year).statusCode()).isEqualTo(403);
        assertThat(ngoCoordinator.get("/staff/hyte").statusCode()).isEqualTo(403);
        HttpResponse<String> read = liaison.get("/staff/hyte/" + year);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).doesNotContain("name=\"reason\"");
        assertThat(liaison.postWithCsrfOf("/staff/hyte/" + year, "/staff/hyte/" + year + "/close", "reason=Ei").statusCode()).isEqualTo(403);
        assertThat(cycles.byYear(year).orElseThrow().status()).isEqualTo(HyteCycle.Status.OPEN);
        // the negotiation case page: hyte coordinators and liaisons see it, a reviewer does not
        String reference = negotiations.get(0).caseReference();
        assertThat(hyte.get("/staff/cases/" + reference).statusCode()).isEqualTo(200);
        assertThat(liaison.get("/staff/cases/" + reference).statusCode()).isEqualTo(200);
        assertThat(reviewer.get("/staff/cases/" + reference).statusCode()).isEqualTo(403);
        assertThat(ngoCoordinator.get("/staff/cases/" + reference).statusCode()).isEqualTo(403);

        // closing without a reason: refused with a message, nothing changed
        HttpResponse<String> noReason = hyte.postWithCsrfOf("/staff/hyte/" + year, "/staff/hyte/" + year + "/close", "reason=+");
        assertThat(noReason.statusCode()).isEqualTo(302);
        assertThat(hyte.get("/staff/hyte/" + year).body()).contains("Syy: Tämä tieto on pakollinen.");
        assertThat(cycles.byYear(year).orElseThrow().status()).isEqualTo(HyteCycle.Status.OPEN);
        cycles.negotiationDone(negotiations.get(1).caseReference());
        HttpResponse<String> closed = hyte.postWithCsrfOf("/staff/hyte/" + year, "/staff/hyte/" + year + "/close",
                "reason=" + URLEncoder.encode("Aluehallitus käsittelee yhteenvedon kesäkuussa.", StandardCharsets.UTF_8));
        assertThat(closed.statusCode()).isEqualTo(302);
        HttpResponse<String> after = hyte.get("/staff/hyte/" + year);
        assertThat(after.body()).contains("Kierros suljettiin ja vuosiyhteenveto laadittiin.", "Suljettu etuajassa",
                "Aluehallitus käsittelee yhteenvedon kesäkuussa.", "hyte-yhteenveto-" + year + ".pdf", "hyte-sammandrag-" + year + ".pdf")
                .doesNotContain("name=\"reason\"");
        assertThat(cycles.byYear(year).orElseThrow().status()).isEqualTo(HyteCycle.Status.CLOSED_EARLY);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count()).isZero();
        for (String language : List.of("fi", "sv")) {
            HttpResponse<byte[]> pdf = liaison.getBytes("/staff/hyte/" + year + "/summary-" + language + ".pdf");
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
            assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        }
        Matcher stored = Pattern.compile("/staff/hyte/" + year + "/documents/(\\d+)").matcher(after.body());
        assertThat(stored.find()).isTrue();
        assertThat(liaison.getBytes(stored.group()).statusCode()).isEqualTo(200);
        assertThat(reviewer.getBytes(stored.group()).statusCode()).isEqualTo(403);
    }

    @Test
    void aGroupedNegotiationReachesEveryMunicipalityOfItsGroupInThePortal() throws Exception {
        int year = fixtures.freshYear();
        Map<String, Object> form = HyteCycleFixtures.startForm(year);
        form.put("grouping", "groups");
        form.put("groups", "Jyväskylä, Muurame");
        HttpResponse<String> started = start(form);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        openNegotiations(JSON.readTree(started.body()).get("id").asText());
        List<HyteNegotiationRow> negotiations = cycles.negotiations(cycles.byYear(year).orElseThrow());
        assertThat(negotiations).hasSize(21);
        HyteNegotiationRow group = negotiations.get(0);
        Organisation muurame = organisations.municipalitiesOf("15").stream().filter(o -> o.name().equals("Muurame")).findFirst().orElseThrow();
        Organisation laukaa = organisations.municipalitiesOf("15").stream().filter(o -> o.name().equals("Laukaa")).findFirst().orElseThrow();
        assertThat(group.municipalities()).hasSize(2).contains(muurame.id());

        String muurameContact = fixtures.verifiedContact(muurame.id());
        String laukaaContact = fixtures.verifiedContact(laukaa.id());
        StaffClient muurameBrowser = PortalSignIn.signedIn(port, greenMail, drainer, muurameContact);
        assertThat(muurameBrowser.get("/portal/my").body()).contains(group.caseReference());
        // the negotiation's own process up to the background task (its asynchronous steps run here, as the job executor would)
        String negotiationInstance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(group.caseReference())
                .singleResult().getId();
        for (int i = 0; i < 10 && !runtimeService.getActiveActivityIds(negotiationInstance).contains("Task_GiveBackground"); i++) {
            managementService.createJobQuery().processInstanceId(negotiationInstance).executable().messages().list()
                    .forEach(j -> managementService.executeJob(j.getId()));
        }
        String status = muurameBrowser.get("/portal/cases/" + group.caseReference()).body();
        // the group's second municipality's contact gives the background as the first's would (not refused as no contact)
        Matcher task = Pattern.compile("href=\"(/portal/cases/" + group.caseReference() + "/tasks/[^\"]+)\"").matcher(status);
        assertThat(task.find()).as(status).isTrue();
        String taskPage = muurameBrowser.get(task.group(1)).body();
        HttpResponse<String> answered = muurameBrowser.postMultipart(task.group(1), new fi.silta.support.Multipart()
                .field("_csrf", StaffClient.csrf(taskPage)).field("backgroundKeyPoints", "Muuramen havainnot.")
                .field("backgroundGoalProposals", "Liikkumista kaikille."));
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(302);
        StaffClient laukaaBrowser = PortalSignIn.signedIn(port, greenMail, drainer, laukaaContact);
        assertThat(laukaaBrowser.get("/portal/my").body()).doesNotContain(group.caseReference());
        assertThat(laukaaBrowser.get("/portal/cases/" + group.caseReference()).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> start(Map<String, Object> values) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode variables = root.putObject("variables");
        values.forEach((name, value) -> {
            ObjectNode variable = variables.putObject(name);
            if (value instanceof Integer number) {
                variable.put("value", number).put("type", "Integer");
            } else {
                variable.put("value", value.toString()).put("type", "String");
            }
        });
        return new StaffClient(port).engineRest("POST", "/process-definition/key/" + HyteCycles.PROCESS_KEY + "/submit-form", "timo.laine",
                PASSWORD, root.toString());
    }

    private void openNegotiations(String instanceId) {
        Job job = managementService.createJobQuery().processInstanceId(instanceId).activityId("Task_OpenNegotiations").singleResult();
        managementService.executeJob(job.getId());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
