package fi.silta.negotiations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.negotiations.HyteTestNegotiations.TestNegotiation;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.BrowserTests;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;

/**
 * The municipality's side of a hyte negotiation in a real browser (src/test/browser/hyte-municipality.mjs): its
 * verified contact signs in to the portal, gives the background with an attachment on the case's status page; the
 * staff steps (agenda, meeting, the meeting held, the memo with a measure, the county's approval) are driven here;
 * then the contact asks for changes without comments (refused, the message on the page) and approves the memo.
 * Finnish texts without raw keys, the status page once in Swedish; axe-core reports no WCAG 2.1 A/AA violation on
 * the status page, the background form, the memo approval page and the refusal.
 */
@SiltaIntegrationTest
class HyteMunicipalityBrowserTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final Instant NOW = Instant.parse("2027-01-04T10:00:00Z");

    @LocalServerPort int port;
    @Autowired HyteTestNegotiations negotiations;
    @Autowired HyteBackgrounds backgrounds;
    @Autowired HyteMemos memos;
    @Autowired OutboxDrainer drainer;
    @Autowired RuntimeService runtime;
    @Autowired TaskService taskService;
    @Autowired ManagementService management;
    @Autowired IdentityService identity;

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        identity.clearAuthentication();
    }

    @Test
    void theMunicipalityGivesBackgroundAndApprovesTheMemoOnItsStatusPage() {
        BrowserTests browser = BrowserTests.require();
        ClockUtil.setCurrentTime(Date.from(NOW));
        TestNegotiation n = negotiations.open(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 5, 31),
                OffsetDateTime.parse("2027-01-29T16:00:00+02:00"));
        runJobs(n);
        assertThat(runtime.getActiveActivityIds(n.processInstanceId())).contains("Task_GiveBackground");
        String base = "http://localhost:" + port;

        // 1. the background, through the page, with a real file upload
        String background = browser.run("hyte-municipality.mjs", base, Duration.ofMinutes(4), "--phase", "background",
                "--sign-in-link", PortalSignIn.mailedLink(port, greenMail, drainer, n.contactEmail()),
                "--reference", n.caseReference(), "--screenshots", BrowserTests.SCREENSHOTS.toString());
        assertThat(background).contains("no axe-core violations");
        assertThat(runtime.getActiveActivityIds(n.processInstanceId())).containsExactly("Task_DraftAgenda");
        var given = backgrounds.find(n.negotiationId()).orElseThrow();
        assertThat(given.givenBy()).isEqualTo(n.contactEmail());
        assertThat(given.documentIds()).isNotBlank();

        // 2. the staff steps: agenda, meeting, the meeting held, the memo with a measure, the county's approval
        complete(n, "Task_DraftAgenda", "timo.laine", "hyteCoordinators", Map.of("agenda", "1. Taustatiedot\n2. Tavoitteet"));
        complete(n, "Task_ScheduleMeeting", "timo.laine", "hyteCoordinators", Map.of("meetingStart", "2027-03-10T09:00",
                "meetingEnd", "2027-03-10T11:00", "meetingPlace", "Kunnantalo", "countyParticipants", "Liisa Alue <liisa.alue@pohde.example>",
                "municipalityParticipants", "Kaisa Kunta <" + n.contactEmail() + ">"));
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-03-10T12:00:00Z")));
        runJobs(n);
        assertThat(runtime.getActiveActivityIds(n.processInstanceId())).containsExactly("Task_RecordMemo");
        memos.save(n.negotiationId(), new HyteMemos.MemoInput("Lasten ja nuorten liikunta", "Yhteistyöryhmä kokoontuu neljästi vuodessa",
                "Kuukausikirje", List.of(new HyteMemos.MeasureInput("Liikuntaryhmät kouluille", HyteMemos.OwnerKind.MUNICIPALITY,
                        n.municipalityId(), LocalDate.of(2027, 9, 30), "Ryhmien määrä"))), "timo.laine");
        complete(n, "Task_RecordMemo", "timo.laine", "hyteCoordinators", Map.of());
        complete(n, "Task_ApproveMemoCounty", "helena.hamalainen", "decisionMakers", Map.of("memoCountyDecision", "approve"));
        assertThat(runtime.getActiveActivityIds(n.processInstanceId())).containsExactly("Task_ApproveMemoMunicipality");

        // 3. the memo: changes without comments refused, then approved on the status page
        String approval = browser.run("hyte-municipality.mjs", base, Duration.ofMinutes(4), "--phase", "memo",
                "--sign-in-link", PortalSignIn.mailedLink(port, greenMail, drainer, n.contactEmail()),
                "--reference", n.caseReference(), "--screenshots", BrowserTests.SCREENSHOTS.toString());
        assertThat(approval).contains("no axe-core violations");
        runJobs(n);
        assertThat(memos.memo(n.negotiationId()).orElseThrow().status()).isEqualTo(HyteMemos.Status.PUBLISHED);
    }

    void complete(TestNegotiation n, String key, String user, String group, Map<String, Object> values) {
        String taskId = taskService.createTaskQuery().processInstanceId(n.processInstanceId()).taskDefinitionKey(key).singleResult().getId();
        identity.setAuthentication(user, List.of(group));
        try {
            taskService.complete(taskId, values);
        } finally {
            identity.clearAuthentication();
        }
    }

    /** Runs the instance's due jobs (asynchronous continuations, timers that are due by the engine's clock). */
    void runJobs(TestNegotiation n) {
        for (int round = 0; round < 10; round++) {
            List<Job> jobs = management.createJobQuery().processInstanceId(n.processInstanceId()).executable().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> management.executeJob(job.getId()));
        }
    }
}
