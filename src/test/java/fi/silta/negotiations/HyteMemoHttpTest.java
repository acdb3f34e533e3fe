package fi.silta.negotiations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * The memo over real HTTP: the staff memo page (a hyte coordinator writes it; a measure without owner or due date is
 * refused with nothing stored; a decision maker reads; a reviewer gets 403); the municipality's approval on the
 * portal's status page (refused with a status link only, not found for another municipality's contact, changes asked
 * with comments, approved by a signed-in verified contact); the published memo on the public page of the year and its
 * PDFs; the owners' follow-up page.
 */
@SiltaIntegrationTest
class HyteMemoHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final String PASSWORD = "silta-demo";
    static final Pattern TASK = Pattern.compile("href=\"(/portal/cases/[A-Z0-9-]+/tasks/[^\"?]+)");

    @LocalServerPort int port;
    @Autowired HyteMemoFixtures fixtures;
    @Autowired HyteMemos memos;
    @Autowired RuntimeService runtime;
    @Autowired TaskService taskService;
    @Autowired IdentityService identity;
    @Autowired OutboxDrainer drainer;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(java.time.OffsetDateTime.parse("2027-06-01T10:00:00+03:00").toInstant()));
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
    }

    @Test
    void theCoordinatorWritesTheMemoOthersReadOrAreRefused() {
        HyteMemoFixtures.Fixture f = fixtures.negotiation(false, 7);
        String page = "/staff/cases/" + f.reference() + "/hyte-memo";
        StaffClient coordinator = StaffClient.signedIn(port, "timo.laine", PASSWORD);
        String form = coordinator.get(page).body();
        assertThat(form).contains("Sovitut tavoitteet", "name=\"measure1.text\"", "Kunta: " + f.municipalities().get(0).name());

        // a measure without owner or due date: refused, every error shown, nothing stored
        HttpResponse<String> refused = coordinator.postWithCsrfOf(page, page, body(Map.of("goals", "Liikunta", "measureCount", "1",
                "measure1.text", "Liikuntaryhmät", "action", "save")));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Toimenpide 1: valitse vastuutaho.", "Toimenpide 1: anna määräpäivä.", "Liikuntaryhmät");
        assertThat(memos.memo(f.negotiationId())).isEmpty();
        HttpResponse<String> swedish = coordinator.postWithCsrfOf(page, page + "?lang=sv", body(Map.of("goals", "Liikunta", "measureCount", "1",
                "measure1.text", "Liikuntaryhmät", "action", "save")));
        assertThat(swedish.body()).contains("Åtgärd 1: välj ansvarig.");
        HttpResponse<String> english = coordinator.postWithCsrfOf(page, page + "?lang=en", body(Map.of("goals", "Liikunta", "measureCount", "1",
                "measure1.text", "Liikuntaryhmät", "measure1.owner", "COUNTY", "action", "save")));
        assertThat(english.body()).contains("Measure 1: give its due date.");
        assertThat(memos.memo(f.negotiationId())).isEmpty();

        // "Add a row" keeps what was typed and adds a row, storing nothing
        HttpResponse<String> added = coordinator.postWithCsrfOf(page, page, body(Map.of("goals", "Liikunta", "measureCount", "1",
                "measure1.text", "Liikuntaryhmät", "action", "addRow")));
        assertThat(added.body()).contains("name=\"measure2.text\"", "Liikuntaryhmät");
        assertThat(memos.memo(f.negotiationId())).isEmpty();

        HttpResponse<String> saved = coordinator.postWithCsrfOf(page, page, body("goals", "Liikunta", "cooperation", "Yhteistyö",
                "informationFlow", "Tiedonkulku", "measureCount", "3", "measure1.text", "Liikuntaryhmät",
                "measure1.owner", "MUNICIPALITY:" + f.municipalities().get(0).id(), "measure1.due", "2027-09-30", "measure1.indicator", "Ryhmiä",
                "measure2.text", "", "measure3.text", "Päihdetyö", "measure3.owner", "COUNTY", "measure3.due", "2027-11-30", "action", "save"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(memos.measures(f.negotiationId())).extracting(HyteMemos.Measure::text).containsExactly("Liikuntaryhmät", "Päihdetyö");
        // the page stays in the language chosen last (English)
        assertThat(coordinator.get(page).body()).contains("The memo was saved.", "Ryhmiä");

        // a decision maker reads but may not write; a reviewer sees nothing
        StaffClient decisionMaker = StaffClient.signedIn(port, "helena.hamalainen", PASSWORD);
        String read = decisionMaker.get(page).body();
        assertThat(read).contains("Liikuntaryhmät", "Päihdetyö").doesNotContain("name=\"goals\"");
        assertThat(decisionMaker.postWithCsrfOf(page, page, body(Map.of("goals", "Muutettu", "measureCount", "0", "action", "save")))
                .statusCode()).isEqualTo(403);
        assertThat(memos.memo(f.negotiationId()).orElseThrow().goals()).isEqualTo("Liikunta");
        assertThat(StaffClient.signedIn(port, "mikko.korhonen", PASSWORD).get(page).statusCode()).isEqualTo(403);
        // who sees the whole negotiation reads its memo (managers follow, as the case page lets them); an NGO coordinator does not
        assertThat(StaffClient.signedIn(port, "pekka.koskinen", PASSWORD).get(page).body()).contains("Liikuntaryhmät")
                .doesNotContain("name=\"goals\"");
        assertThat(StaffClient.signedIn(port, "aino.virtanen", PASSWORD).get(page).statusCode()).isEqualTo(403);
    }

    @Test
    void theMunicipalityApprovesOnThePortalOnlyAsItsSignedInVerifiedContact() throws Exception {
        HyteMemoFixtures.Fixture f = fixtures.negotiation(true, 8);
        HyteMemoFixtures.Fixture other = fixtures.negotiation(false, 9);
        memos.save(f.negotiationId(), new HyteMemos.MemoInput("Lasten liikunta", "Yhteistyöryhmä", "Kuukausikirje", List.of(
                new HyteMemos.MeasureInput("Liikuntaryhmät", HyteMemos.OwnerKind.MUNICIPALITY, f.municipalities().get(0).id(),
                        java.time.LocalDate.of(2027, 9, 30), "Ryhmiä"))), "timo.laine");
        complete("timo.laine", "hyteCoordinators", "Task_RecordMemo", f);
        complete("helena.hamalainen", "decisionMakers", "Task_ApproveMemoCounty", f);
        String taskId = taskService.createTaskQuery().processInstanceId(f.processInstanceId()).taskDefinitionKey("Task_ApproveMemoMunicipality")
                .singleResult().getId();
        String task = "/portal/cases/" + f.reference() + "/tasks/" + taskId;

        // nobody signed in and no link: not found; with the status link only: refused, nothing changed
        assertThat(new StaffClient(port).get(task).statusCode()).isEqualTo(404);
        StaffClient withLink = new StaffClient(port);
        String linked = task + "?token=" + f.token();
        HttpResponse<String> byLink = withLink.postWithCsrfOf(linked, task, "token=" + f.token() + "&memoDecision=approve");
        assertThat(byLink.statusCode()).isEqualTo(422);
        assertThat(byLink.body()).contains("Muistion voi hyväksyä vain kunnan vahvistettu yhteyshenkilö kirjautuneena asiointipalveluun.");
        assertThat(memos.memo(f.negotiationId()).orElseThrow().status()).isEqualTo(HyteMemos.Status.IN_APPROVAL);

        // another municipality's verified contact: the case is not theirs
        StaffClient stranger = PortalSignIn.signedIn(port, greenMail, drainer, other.contacts().get(0));
        assertThat(stranger.get(task).statusCode()).isEqualTo(404);
        assertThat(stranger.get("/portal/cases/" + f.reference()).statusCode()).isEqualTo(404);
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isEqualTo(1);

        // the municipality's contact was told by mail (no status link in it: signing in is needed to approve)
        fi.silta.support.Mails.sendAllDue(drainer);
        assertThat(fi.silta.support.Mails.to(greenMail, f.contacts().get(0))).anySatisfy(m -> assertThat(m.subject() + m.body())
                .contains("odottaa hyväksyntäänne", f.reference(), "/portal/cases/" + f.reference()).doesNotContain("token="));
        // the municipality's contact reads the memo on the status page and asks for changes with comments
        StaffClient contact = PortalSignIn.signedIn(port, greenMail, drainer, f.contacts().get(0));
        String status = contact.get("/portal/cases/" + f.reference()).body();
        assertThat(status).contains("Lasten liikunta", "Liikuntaryhmät", "Kuukausikirje", "Hyväksyttävänä");
        // the counterpart is named a municipality, not an NGO (järjestö), on the status page and the staff case page
        assertThat(status).contains("<dt>Kunta</dt>").doesNotContain("<dt>Järjestö</dt>");
        assertThat(StaffClient.signedIn(port, "timo.laine", PASSWORD).get("/staff/cases/" + f.reference()).body()).contains("<dt>Kunta</dt>").doesNotContain("<dt>Järjestöt</dt>");
        Matcher link = TASK.matcher(status);
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).isEqualTo(task);
        HttpResponse<String> noComments = contact.postWithCsrfOf(task, task, "memoDecision=changes");
        assertThat(noComments.statusCode()).isEqualTo(422);
        assertThat(noComments.body()).contains("Kerro kommenteissa, mitä muistiossa pitäisi muuttaa.");
        HttpResponse<String> changes = contact.postWithCsrfOf(task, task, "memoDecision=changes&memoComments="
                + URLEncoder.encode("Lisätkää määräpäivä syksylle.", StandardCharsets.UTF_8));
        assertThat(changes.statusCode()).isEqualTo(302);
        assertThat(memos.memo(f.negotiationId()).orElseThrow().status()).isEqualTo(HyteMemos.Status.CHANGES_REQUESTED);
        assertThat(runtime.getActiveActivityIds(f.processInstanceId())).containsExactly("Task_RecordMemo");
        StaffClient coordinator = StaffClient.signedIn(port, "timo.laine", PASSWORD);
        assertThat(coordinator.get("/staff/cases/" + f.reference() + "/hyte-memo").body()).contains("Lisätkää määräpäivä syksylle.",
                "pyysi muutoksia");

        // second round: approved by the county and by the municipality's signed-in contact
        complete("timo.laine", "hyteCoordinators", "Task_RecordMemo", f);
        complete("helena.hamalainen", "decisionMakers", "Task_ApproveMemoCounty", f);
        String second = "/portal/cases/" + f.reference() + "/tasks/" + taskService.createTaskQuery().processInstanceId(f.processInstanceId())
                .taskDefinitionKey("Task_ApproveMemoMunicipality").singleResult().getId();
        assertThat(contact.postWithCsrfOf(second, second, "memoDecision=approve").statusCode()).isEqualTo(302);
        assertThat(memos.memo(f.negotiationId()).orElseThrow().status()).isEqualTo(HyteMemos.Status.PUBLISHED);

        // published: the year's public page lists it by municipality, with the PDFs in Finnish and Swedish
        String year = String.valueOf(f.year());
        String list = new StaffClient(port).get("/hyte/" + year).body();
        assertThat(list).contains(f.municipalities().get(0).name(), f.reference(), "/hyte/" + year + "/" + f.reference() + "/fi.pdf",
                "/hyte/" + year + "/" + f.reference() + "/sv.pdf");
        HttpResponse<byte[]> fi = new StaffClient(port).getBytes("/hyte/" + year + "/" + f.reference() + "/fi.pdf");
        assertThat(fi.statusCode()).isEqualTo(200);
        assertThat(fi.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(HyteMemoProcessTest.pdfText(fi.body())).contains("Lasten liikunta", "Liikuntaryhmät", "30.9.2027");
        assertThat(HyteMemoProcessTest.pdfText(new StaffClient(port).getBytes("/hyte/" + year + "/" + f.reference() + "/sv.pdf").body()))
                .contains("Promemoria", "Åtgärd 1", "Liikuntaryhmät");
        // nothing unpublished or of another year, nor another language, is served
        assertThat(new StaffClient(port).getBytes("/hyte/" + year + "/" + other.reference() + "/fi.pdf").statusCode()).isEqualTo(404);
        assertThat(new StaffClient(port).getBytes("/hyte/" + (f.year() + 1) + "/" + f.reference() + "/fi.pdf").statusCode()).isEqualTo(404);
        assertThat(new StaffClient(port).getBytes("/hyte/" + year + "/" + f.reference() + "/en.pdf").statusCode()).isEqualTo(404);
        assertThat(new StaffClient(port).get("/hyte/" + other.year()).body()).doesNotContain(other.reference());
        assertThat(new StaffClient(port).get("/").body()).contains("href=\"/hyte/" + year + "\"", "Muistiot " + year)
                .doesNotContain("href=\"/hyte/" + other.year() + "\"");

        // the follow-up page: the municipality's contact updates its measure; a stranger is refused
        assertThat(contact.get("/portal/my").body()).contains("Päivitä seurattavien toimenpiteiden tila (1)", "/portal/my/hyte/measures");
        assertThat(contact.get("/portal/my/hyte/measures").body()).contains("Liikuntaryhmät", f.reference());
        long measureId = memos.measures(f.negotiationId()).get(0).id();
        String update = "/portal/my/hyte/measures/" + measureId;
        HttpResponse<String> strangerUpdate = stranger.postWithCsrfOf("/portal/my/hyte/measures", update, "measureStatus=DONE");
        assertThat(strangerUpdate.statusCode()).isEqualTo(422);
        assertThat(strangerUpdate.body()).contains("vain vastuutahon vahvistettu yhteyshenkilö");
        HttpResponse<String> lateNoReason = contact.postWithCsrfOf("/portal/my/hyte/measures", update, "measureStatus=LATE");
        assertThat(lateNoReason.statusCode()).isEqualTo(422);
        assertThat(lateNoReason.body()).contains("Kerro, miksi toimenpide on myöhässä.");
        assertThat(contact.postWithCsrfOf("/portal/my/hyte/measures", update, "measureStatus=DONE").statusCode()).isEqualTo(302);
        assertThat(memos.measure(measureId).orElseThrow().status()).isEqualTo(HyteMemos.MeasureStatus.DONE);
        assertThat(new StaffClient(port).get("/portal/my/hyte/measures").statusCode()).isEqualTo(302);
    }

    void complete(String user, String group, String key, HyteMemoFixtures.Fixture f) {
        identity.setAuthentication(user, List.of(group));
        try {
            String id = taskService.createTaskQuery().processInstanceId(f.processInstanceId()).taskDefinitionKey(key).singleResult().getId();
            taskService.complete(id, key.equals("Task_ApproveMemoCounty") ? Map.of("memoCountyDecision", "approve") : Map.of());
        } finally {
            identity.clearAuthentication();
        }
    }

    static String body(String... pairs) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return body(fields);
    }

    static String body(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }
}
