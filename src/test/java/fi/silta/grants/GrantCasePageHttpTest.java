package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.OutsiderTasks;
import fi.silta.cases.documents.DocumentService;
import fi.silta.cases.documents.Upload;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.EngineJobs;
import fi.silta.support.EngineTasks;
import fi.silta.support.GrantFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * The whole grant application on one staff page, over real HTTP: what the applicant wrote by the
 * form's structure (municipalities by name, the budget with its sum as people write money), every
 * supplement request with its answer and file, the eligibility check with the table's inputs, the
 * history with who did what, "waiting for the applicant until …", the reviews with reviewer names
 * for the coordinator only; the same as a PDF. A repeated formal check opens empty, with the earlier
 * round as history text. A reviewer before the disqualification answer sees no application text; a
 * disqualified one gets 403.
 */
@SiltaIntegrationTest
class GrantCasePageHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final String ACTIVITY = "Vertaistukiryhmät omaishoitajille";
    static final String NBSP = "\u00a0";

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired GrantSubmissions submissions;
    @Autowired GrantApplicationRepository applications;
    @Autowired GrantReviewService reviewService;
    @Autowired CaseRepository cases;
    @Autowired OutsiderTasks outsiderTasks;
    @Autowired DocumentService documents;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired EngineJobs jobs;
    @Autowired EngineTasks tasks;
    @Autowired IdentityService identityService;

    @Test
    void theCoordinatorSeesTheWholeCaseAndARepeatedFormalCheckOpensEmpty() throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        long roundId = fixtures.publishedRound(now.minusDays(1), now.plusDays(30), GrantFixtures.POOL);
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        long applicationId = fixtures.draft(roundId, applicant, "4500.00");
        applications.replaceBudgetLines(applicationId, List.of(new BudgetLine("Ohjaajien palkkiot", new BigDecimal("3000.00")),
                new BudgetLine("Tilavuokrat", new BigDecimal("1500.00"))));
        CaseFile caseFile = submissions.submit(applicationId, applicant.contactId(), null).caseFile();
        String pid = caseFile.processInstanceId();
        documents.store(caseFile.id(), "attachments", "toimintasuunnitelma.pdf", "application/pdf", pdf(), applicant.email());
        jobs.executeAll(pid);

        // the coordinator's forms carry the essentials as text for Tasklist
        Task eligibility = tasks.task(pid, "Task_ConfirmEligibility");
        Map<String, Object> seen = taskService.getVariables(eligibility.getId());
        assertThat(seen).containsEntry("roundNameFi", "Järjestöavustukset 2026")
                .containsEntry("amountRequestedText", "4" + NBSP + "500,00" + NBSP + "€");
        assertThat((String) seen.get("eligibilityInputsText")).contains("Toimii hyvinvointialueen kunnissa: kyllä",
                "Haun enimmäisavustus: 10" + NBSP + "000,00" + NBSP + "€");
        tasks.completeAs("aino.virtanen", eligibility, Map.of("eligibilityDecision", "eligible"));
        tasks.completeAs("aino.virtanen", tasks.task(pid, "Task_FormalCheck"), Map.of("formalCheckResult", "incomplete",
                "supplementRequest", "Lähettäkää hallituksen pöytäkirja.", "supplementDays", 7));
        jobs.executeAll(pid);

        StaffClient coordinator = signedIn("aino.virtanen");
        String waiting = coordinator.get(page(caseFile)).body();
        Task supplement = tasks.task(pid, "Task_ProvideSupplement");
        String due = new fi.silta.web.Formats("fi").dateTime(supplement.getDueDate());
        assertThat(waiting).contains("Odottaa hakijaa " + due + " asti: Täydennä hakemusta", "Hakija ei ole vielä vastannut.");

        outsiderTasks.complete(caseFile, supplement.getId(), Map.of("supplementAnswer", "Pöytäkirja on liitteenä."),
                List.of(Upload.of("attachments", "hallituksen-poytakirja.pdf", "application/pdf", pdf())), applicant.email());

        // the second formal check opens empty: nothing pre-selected, the first round as history
        Task second = tasks.task(pid, "Task_FormalCheck");
        Map<String, Object> variables = taskService.getVariables(second.getId());
        assertThat(variables).doesNotContainKeys("formalCheckResult", "supplementRequest", "supplementDays");
        assertThat((String) variables.get("formalCheckHistory")).contains("täydennyspyyntö (Aino Virtanen): Lähettäkää hallituksen pöytäkirja.",
                "hakijan vastaus: Pöytäkirja on liitteenä. (liitteitä 1)");

        String body = coordinator.get(page(caseFile)).body();
        assertThat(body).contains(ACTIVITY, "Omaishoitajat Oulussa", "Jaksaminen ja yhteisö", "Toiminta, johon avustusta haetaan",
                "<li>Oulu</li>", "Ohjaajien palkkiot", "3" + NBSP + "000,00" + NBSP + "€", "4" + NBSP + "500,00" + NBSP + "€",
                "toimintasuunnitelma.pdf", "Lähettäkää hallituksen pöytäkirja.", "Pöytäkirja on liitteenä.",
                "hallituksen-poytakirja.pdf", "Toimii hyvinvointialueen kunnissa", "Päätöstaulun mukaan hakemus on kelpoinen",
                "Käsittelyn vaiheet", "Tarkista hakemus muodollisesti", "Aino Virtanen", "Lataa asian sivu PDF-tiedostona")
                .doesNotContain("4500.00", "Odottaa hakijaa");
        // the history names who completed each task
        assertThat(body).containsPattern("<td dir=\"auto\">Vahvista tai ohita kelpoisuus</td>\\s*<td><bdi>Aino Virtanen</bdi></td>")
                .containsPattern("<td dir=\"auto\">Täydennä hakemusta[^<]*</td>\\s*<td><bdi>hakija</bdi></td>");

        HttpResponse<String> pdfResponse = coordinator.get(page(caseFile) + "/pdf");
        assertThat(pdfResponse.statusCode()).isEqualTo(200);
        assertThat(pdfResponse.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
        byte[] pdfBytes = coordinator.getBytes(page(caseFile) + "/pdf").body();
        assertThat(new String(pdfBytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdfBytes)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains(caseFile.reference(), ACTIVITY, "Ohjaajien palkkiot", "Pöytäkirja on liitteenä.");
        }

        // on to review: a reviewer before the disqualification answer sees the board, not the application
        tasks.completeAs("aino.virtanen", second, Map.of("formalCheckResult", "complete"));
        jobs.executeAll(pid);
        List<ProcessInstance> slots = runtimeService.createProcessInstanceQuery().superProcessInstanceId(pid).list();
        assertThat(slots).hasSize(2);
        String first = (String) runtimeService.getVariable(slots.get(0).getId(), "reviewer");
        String other = (String) runtimeService.getVariable(slots.get(1).getId(), "reviewer");
        StaffClient reviewer = signedIn(first);
        String summary = reviewer.get(page(caseFile)).body();
        assertThat(summary).contains("Pekka Puheenjohtaja, Sari Sihteeri")
                .doesNotContain(ACTIVITY, "Ohjaajien palkkiot", "Pöytäkirja on liitteenä.", "Käsittelyn vaiheet");
        assertThat(reviewer.get(page(caseFile) + "/pdf").body()).doesNotContain(ACTIVITY);
        assertThat(taskService.createTaskQuery().processInstanceId(slots.get(0).getId()).singleResult().getName())
                .contains(caseFile.reference(), "Avustusyhdistys");

        // a disqualified reviewer: 403, also for the PDF; one who is not sees the application but no reviews
        reviewService.declare(applicationId, first, true, "boardMember", null);
        assertThat(reviewer.get(page(caseFile)).statusCode()).isEqualTo(403);
        assertThat(reviewer.get(page(caseFile) + "/pdf").statusCode()).isEqualTo(403);
        reviewService.declare(applicationId, other, false, null, null);
        String declared = signedIn(other).get(page(caseFile)).body();
        assertThat(declared).contains(ACTIVITY).doesNotContain("Arviot</h2>");
        // the coordinator sees the reviews with the reviewers' names
        assertThat(coordinator.get(page(caseFile)).body()).contains("Arviot</h2>", staffName(first));
    }

    private String staffName(String userId) {
        var user = identityService.createUserQuery().userId(userId).singleResult();
        return user.getFirstName() + " " + user.getLastName();
    }


    private StaffClient signedIn(String user) {
        return StaffClient.signedIn(port, user, "silta-demo");
    }

    private static String page(CaseFile caseFile) {
        return "/staff/cases/" + caseFile.reference();
    }

    static byte[] pdf() {
        return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    }
}
