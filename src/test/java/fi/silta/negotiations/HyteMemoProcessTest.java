package fi.silta.negotiations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.cases.OutsiderTasks;
import fi.silta.cases.documents.DocumentService;
import fi.silta.engine.FormRefused;
import fi.silta.negotiations.HyteMemos.MeasureInput;
import fi.silta.negotiations.HyteMemos.MemoInput;
import fi.silta.negotiations.HyteMemos.OwnerKind;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.portal.PortalSecurityConfig;
import fi.silta.support.Mails;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;
import fi.silta.web.InvalidInput;

/**
 * The memo as the negotiation's model calls it (the test model hyteMemoHarness, the delegates H3's hyteNegotiation
 * calls): refusals of an incomplete memo in Tasklist (fi/sv/en, nothing changed), the county's and the municipality's
 * answers and who may give them, the change loop, publication with the PDFs (fi, and sv for a bilingual municipality),
 * and the follow-up started per measure; then every path of hyteMeasureFollowUp (done on time with its reminder, a late
 * measure) and hyteMeasureReview (the mid-year review listing measures late or at risk).
 */
@SiltaIntegrationTest
class HyteMemoProcessTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final String COORDINATOR = "timo.laine";
    static final String DECISION_MAKER = "helena.hamalainen";

    @Autowired org.camunda.bpm.engine.FilterService filterService;
    @Autowired org.camunda.bpm.engine.IdentityService identityService;
    @Autowired ProcessEngine engine;
    @Autowired HyteMemoFixtures fixtures;
    @Autowired HyteMemos memos;
    @Autowired HyteMeasureUpdates updates;
    @Autowired RuntimeService runtime;
    @Autowired TaskService taskService;
    @Autowired IdentityService identity;
    @Autowired DocumentService documents;
    @Autowired OutboxDrainer drainer;
    @Autowired fi.silta.organisations.OrganisationService organisationService;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        ClockUtil.setCurrentTime(Date.from(java.time.OffsetDateTime.parse("2027-06-01T10:00:00+03:00").toInstant()));
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
        SecurityContextHolder.clearContext();
    }

    @Test
    void anIncompleteMemoIsRefusedInThreeLanguagesAndNothingChanges() {
        HyteMemoFixtures.Fixture f = fixtures.negotiation(false, 0);
        Task record = task(f, "Task_RecordMemo");
        // no memo at all
        assertThatThrownBy(() -> complete(COORDINATOR, "hyteCoordinators", record, Map.of()))
                .hasRootCauseInstanceOf(FormRefused.class).hasMessageContaining("Muistiota ei ole kirjattu")
                .hasMessageContaining("Promemorian har inte skrivits").hasMessageContaining("The memo has not been written");
        // a memo without measures
        memos.save(f.negotiationId(), new MemoInput("Tavoite", "Yhteistyö", "Tiedonkulku", List.of()), COORDINATOR);
        assertThatThrownBy(() -> complete(COORDINATOR, "hyteCoordinators", record, Map.of()))
                .hasRootCauseInstanceOf(FormRefused.class).hasMessageContaining("vähintään yksi toimenpide")
                .hasMessageContaining("minst en åtgärd").hasMessageContaining("at least one measure");
        assertThat(memos.memo(f.negotiationId()).orElseThrow().status()).isEqualTo(HyteMemos.Status.DRAFT);
        BpmnAwareTests.assertThat(instance(f)).isWaitingAt("Task_RecordMemo");
        // a measure without owner or due date is refused on saving, and the memo stays as it was
        assertThatThrownBy(() -> memos.save(f.negotiationId(), new MemoInput("Muutettu", "", "", List.of(
                new MeasureInput("Liikuntaryhmä", null, null, null, ""))), COORDINATOR))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting(InvalidInput.FieldError::messageKey)
                        .containsExactly("hyte.measure.ownerMissing", "hyte.measure.dueMissing"));
        assertThatThrownBy(() -> memos.save(f.negotiationId(), new MemoInput("Muutettu", "", "", List.of(
                new MeasureInput("Liikuntaryhmä", OwnerKind.MUNICIPALITY, null, LocalDate.of(2027, 12, 1), ""))), COORDINATOR))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting(InvalidInput.FieldError::messageKey)
                        .containsExactly("hyte.measure.ownerOrganisationMissing"));
        // another county's municipality (or any organisation id not of this negotiation) as a municipality owner
        long stranger = f.municipalities().get(0).id() + 1000000;
        assertThatThrownBy(() -> memos.save(f.negotiationId(), new MemoInput("Muutettu", "", "", List.of(
                new MeasureInput("Liikuntaryhmä", OwnerKind.MUNICIPALITY, stranger, LocalDate.of(2027, 12, 1), ""))), COORDINATOR))
                .isInstanceOf(InvalidInput.class);
        assertThat(memos.memo(f.negotiationId()).orElseThrow().goals()).isEqualTo("Tavoite");
        assertThat(memos.measures(f.negotiationId())).isEmpty();
    }

    @Test
    void approvedByBothAfterOneChangeRequestPublishedInFinnishAndSwedishAndFollowedUp() throws Exception {
        HyteMemoFixtures.Fixture f = fixtures.negotiation(true, 1);
        long municipality = f.municipalities().get(0).id();
        memos.save(f.negotiationId(), new MemoInput("Lasten liikunnan lisääminen", "Yhteiset hyvinvointiryhmät", "Neljännesvuosittain", List.of(
                new MeasureInput("Liikuntaryhmät kouluille", OwnerKind.MUNICIPALITY, municipality, LocalDate.of(2027, 9, 30), "Ryhmien määrä"),
                new MeasureInput("Ehkäisevä päihdetyö", OwnerKind.COUNTY, null, LocalDate.of(2027, 11, 30), null))), COORDINATOR);
        complete(COORDINATOR, "hyteCoordinators", task(f, "Task_RecordMemo"), Map.of());
        BpmnAwareTests.assertThat(instance(f)).isWaitingAt("Task_ApproveMemoCounty", "Task_ApproveMemoMunicipality");
        // nothing changes while the sides approve
        assertThatThrownBy(() -> memos.save(f.negotiationId(), new MemoInput("x", "", "", List.of()), COORDINATOR))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().get(0).messageKey()).isEqualTo("hyte.memo.notEditable"));

        // the county: a coordinator is not a decision maker
        assertThatThrownBy(() -> complete(COORDINATOR, "decisionMakers", task(f, "Task_ApproveMemoCounty"),
                Map.of("memoCountyDecision", "approve"))).hasRootCauseInstanceOf(FormRefused.class).hasMessageContaining("päättäjä");
        complete(DECISION_MAKER, "decisionMakers", task(f, "Task_ApproveMemoCounty"), Map.of("memoCountyDecision", "approve"));

        // the municipality: not signed in (a status link) → refused; another municipality's contact → refused
        Task approval = task(f, "Task_ApproveMemoMunicipality");
        assertThatThrownBy(() -> answer(approval, null, f.contacts().get(0), Map.of("memoDecision", "approve")))
                .hasRootCauseInstanceOf(InvalidInput.class).rootCause().hasMessageContaining("hyte.memo.approval.signInRequired");
        HyteMemoFixtures.Fixture other = fixtures.negotiation(false, 2);
        assertThatThrownBy(() -> answer(approval, other.contacts().get(0), other.contacts().get(0), Map.of("memoDecision", "approve")))
                .hasRootCauseInstanceOf(InvalidInput.class).rootCause().hasMessageContaining("hyte.memo.approval.notMunicipalityContact");
        // a contact of this very municipality whose verification is still pending → refused
        String unverified = "odottaa-" + f.reference().toLowerCase() + "@kunta.example";
        organisationService.addContact(municipality, new fi.silta.organisations.OrganisationService.NewContact("Odottava", unverified, null, "fi"));
        assertThatThrownBy(() -> answer(approval, unverified, unverified, Map.of("memoDecision", "approve")))
                .hasRootCauseInstanceOf(InvalidInput.class).rootCause().hasMessageContaining("hyte.memo.approval.notMunicipalityContact");
        // changes without comments → refused; with comments → back to the memo
        assertThatThrownBy(() -> answer(approval, f.contacts().get(0), f.contacts().get(0), Map.of("memoDecision", "changes")))
                .hasRootCauseInstanceOf(InvalidInput.class).rootCause().hasMessageContaining("hyte.memo.approval.commentsMissing");
        assertThat(memos.memo(f.negotiationId()).orElseThrow().status()).isEqualTo(HyteMemos.Status.IN_APPROVAL);
        answer(approval, f.contacts().get(0), f.contacts().get(0), Map.of("memoDecision", "changes", "memoComments", "Lisätkää mittari."));
        BpmnAwareTests.assertThat(instance(f)).isWaitingAt("Task_RecordMemo");
        assertThat(memos.memo(f.negotiationId()).orElseThrow().status()).isEqualTo(HyteMemos.Status.CHANGES_REQUESTED);
        assertThat(memos.reviews(memos.memo(f.negotiationId()).orElseThrow().id())).extracting(HyteMemos.Review::comments)
                .contains("Lisätkää mittari.");

        // second round: both approve, published, follow-up started
        memos.save(f.negotiationId(), new MemoInput("Lasten liikunnan lisääminen", "Yhteiset hyvinvointiryhmät", "Neljännesvuosittain", List.of(
                new MeasureInput("Liikuntaryhmät kouluille", OwnerKind.MUNICIPALITY, municipality, LocalDate.of(2027, 9, 30), "Ryhmien määrä"),
                new MeasureInput("Ehkäisevä päihdetyö", OwnerKind.COUNTY, null, LocalDate.of(2027, 11, 30), "Tavoitetut nuoret"))), COORDINATOR);
        complete(COORDINATOR, "hyteCoordinators", task(f, "Task_RecordMemo"), Map.of());
        answer(task(f, "Task_ApproveMemoMunicipality"), f.contacts().get(0), f.contacts().get(0), Map.of("memoDecision", "approve"));
        complete(DECISION_MAKER, "decisionMakers", task(f, "Task_ApproveMemoCounty"), Map.of("memoCountyDecision", "approve"));
        BpmnAwareTests.assertThat(instance(f)).isEnded().hasPassed("Task_Publish", "Task_StartFollowUp");

        HyteMemos.Memo memo = memos.memo(f.negotiationId()).orElseThrow();
        assertThat(memo.status()).isEqualTo(HyteMemos.Status.PUBLISHED);
        String fi = pdfText(documents.content(f.caseFile().id(), memo.pdfFiDocumentId()).orElseThrow());
        assertThat(fi).contains("Hyte-neuvottelun muistio", f.reference(), "Lasten liikunnan lisääminen", "Liikuntaryhmät kouluille",
                "Kunta: " + f.municipalities().get(0).name(), "30.9.2027", "Tavoitetut nuoret", "Hyvinvointialue");
        String sv = pdfText(documents.content(f.caseFile().id(), memo.pdfSvDocumentId()).orElseThrow());
        assertThat(sv).contains("Promemoria från välfärdsförhandlingen", "Överenskomna mål", "Åtgärd 1", "Kommun: ", "Välfärdsområdet");

        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("hyteMeasureFollowUp")
                .processInstanceBusinessKeyLike(f.reference() + "/M%").count()).isEqualTo(2);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("hyteMeasureReview")
                .processInstanceBusinessKey(f.reference() + "/V").count()).isEqualTo(1);
    }

    @Test
    void aMonolingualMunicipalityGetsOnlyTheFinnishMemo() {
        HyteMemoFixtures.Fixture f = approved(false, 3, LocalDate.of(2027, 9, 30));
        HyteMemos.Memo memo = memos.memo(f.negotiationId()).orElseThrow();
        assertThat(memo.pdfFiDocumentId()).isNotNull();
        assertThat(memo.pdfSvDocumentId()).isNull();
    }

    @Test
    void followUpDoneOnTimeAfterItsReminder() {
        HyteMemoFixtures.Fixture f = approved(false, 4, LocalDate.of(2027, 9, 30));
        ProcessInstance followUp = followUp(f, 1);
        BpmnAwareTests.assertThat(followUp).isWaitingAt("Task_UpdateMeasure");
        assertThat(taskService.createTaskQuery().processInstanceId(followUp.getId()).taskCandidateGroup("external").count()).isEqualTo(1);
        // the reminder 14 days before the due date, 9.00 Helsinki time, to the municipality's verified contact
        org.camunda.bpm.engine.runtime.Job remind = BpmnAwareTests.jobQuery().processInstanceId(followUp.getId())
                .activityId("Timer_Remind").singleResult();
        assertThat(remind.getDuedate().toInstant()).isEqualTo(java.time.Instant.parse("2027-09-16T06:00:00Z"));
        BpmnAwareTests.execute(remind);
        BpmnAwareTests.assertThat(followUp).hasPassed("Task_SendReminder").isWaitingAt("Task_UpdateMeasure");
        fi.silta.support.Mails.sendAllDue(drainer);
        assertThat(Mails.to(greenMail, f.contacts().get(0))).anySatisfy(m -> assertThat(m.subject() + m.body())
                .contains("määräpäivä", f.reference(), "30.9.2027", "Liikuntaryhmät", "/portal/my/hyte/measures"));
        // someone who is not the owner's contact is refused; in progress without a note is refused
        signIn(f.contacts().get(0));
        assertThatThrownBy(() -> updates.update(measureId(f, 1), f.contacts().get(0), "IN_PROGRESS", " "))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().get(0).messageKey()).isEqualTo("hyte.measure.noteMissing"));
        signIn("stranger@kunta.example");
        assertThatThrownBy(() -> updates.update(measureId(f, 1), "stranger@kunta.example", "DONE", ""))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().get(0).messageKey()).isEqualTo("hyte.measure.notOwner"));
        // in progress with a note, then done
        signIn(f.contacts().get(0));
        updates.update(measureId(f, 1), f.contacts().get(0), "IN_PROGRESS", "Kaksi ryhmää aloitti.");
        BpmnAwareTests.assertThat(followUp).isWaitingAt("Task_UpdateMeasure");
        assertThat(memos.measure(measureId(f, 1)).orElseThrow().note()).isEqualTo("Kaksi ryhmää aloitti.");
        updates.update(measureId(f, 1), f.contacts().get(0), "DONE", "");
        BpmnAwareTests.assertThat(followUp).isEnded().hasPassed("End_MeasureDone");
        assertThat(memos.measure(measureId(f, 1)).orElseThrow().status()).isEqualTo(HyteMemos.MeasureStatus.DONE);
    }

    @Test
    void aLateMeasureIsMarkedLateAndTheCountysMeasureIsUpdatedInTasklist() {
        HyteMemoFixtures.Fixture f = approved(false, 5, LocalDate.of(2027, 9, 30));
        ProcessInstance county = followUp(f, 2);
        BpmnAwareTests.assertThat(county).isWaitingAt("Task_UpdateMeasure");
        Task update = taskService.createTaskQuery().processInstanceId(county.getId()).singleResult();
        assertThat(taskService.createTaskQuery().taskId(update.getId()).taskCandidateGroup("hyteCoordinators").count()).isEqualTo(1);
        // the hyte coordinator finds it in the "Hyte-neuvottelut" filter, with the negotiations' other tasks
        identityService.setAuthentication(COORDINATOR, List.of("hyteCoordinators"));
        try {
            var filter = filterService.createTaskFilterQuery().filterName("Hyte-neuvottelut").singleResult();
            assertThat(filterService.<Task>list(filter.getId())).extracting(Task::getId).contains(update.getId());
        } finally {
            identityService.clearAuthentication();
        }
        // the due date passes: late
        ClockUtil.setCurrentTime(Date.from(java.time.Instant.parse("2027-12-01T08:00:00Z")));
        BpmnAwareTests.execute(BpmnAwareTests.jobQuery().processInstanceId(county.getId()).activityId("Timer_DuePassed").singleResult());
        BpmnAwareTests.assertThat(county).hasPassed("Task_MarkLate", "End_MarkedLate").isWaitingAt("Task_UpdateMeasure");
        assertThat(memos.measure(measureId(f, 2)).orElseThrow().status()).isEqualTo(HyteMemos.MeasureStatus.LATE);
        // late without a reason is refused in three languages; a decision maker may not update it
        assertThatThrownBy(() -> complete(COORDINATOR, "hyteCoordinators", update, Map.of("measureStatus", "LATE", "measureNote", "")))
                .hasRootCauseInstanceOf(FormRefused.class).hasMessageContaining("miksi").hasMessageContaining("varför").hasMessageContaining("why");
        assertThatThrownBy(() -> complete(DECISION_MAKER, "decisionMakers", update, Map.of("measureStatus", "DONE")))
                .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
        complete(COORDINATOR, "hyteCoordinators", update, Map.of("measureStatus", "LATE", "measureNote", "Rahoitus viivästyi."));
        BpmnAwareTests.assertThat(county).isWaitingAt("Task_UpdateMeasure");
        complete(COORDINATOR, "hyteCoordinators", taskService.createTaskQuery().processInstanceId(county.getId()).singleResult(),
                Map.of("measureStatus", "DONE", "measureNote", ""));
        BpmnAwareTests.assertThat(county).isEnded().hasPassed("End_MeasureDone");
    }

    @Test
    void theMidYearReviewListsMeasuresLateOrAtRisk() {
        HyteMemoFixtures.Fixture f = approved(false, 6, LocalDate.of(2027, 12, 20));
        ProcessInstance review = runtime.createProcessInstanceQuery().processDefinitionKey("hyteMeasureReview")
                .processInstanceBusinessKey(f.reference() + "/V").singleResult();
        BpmnAwareTests.assertThat(review).isWaitingAt("Timer_MidYear");
        org.camunda.bpm.engine.runtime.Job timer = BpmnAwareTests.jobQuery().processInstanceId(review.getId()).singleResult();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(java.time.Instant.parse("2027-12-01T07:00:00Z"));
        ClockUtil.setCurrentTime(Date.from(java.time.Instant.parse("2027-12-01T07:00:00Z")));
        BpmnAwareTests.execute(timer);
        BpmnAwareTests.assertThat(review).isWaitingAt("Task_ReviewMeasures");
        Task task = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult();
        assertThat(taskService.createTaskQuery().taskId(task.getId()).taskCandidateGroup("hyteCoordinators").count()).isEqualTo(1);
        String text = (String) taskService.getVariableLocal(task.getId(), "lateMeasuresText");
        // measure 1 (due 20.12., within 30 days) is at risk, measure 2 (county, due 30.11.2027) is past due
        assertThat(text).contains("1. Liikuntaryhmät kouluille", "20.12.2027", "2. Ehkäisevä päihdetyö", "30.11.2027");
        complete(COORDINATOR, "hyteCoordinators", task, Map.of());
        BpmnAwareTests.assertThat(review).isEnded().hasPassed("End_Reviewed");
    }

    /** A negotiation whose memo (measure 1 the municipality's, due {@code due}; measure 2 the county's) both sides approved. */
    HyteMemoFixtures.Fixture approved(boolean bilingual, int municipalityIndex, LocalDate due) {
        HyteMemoFixtures.Fixture f = fixtures.negotiation(bilingual, municipalityIndex);
        memos.save(f.negotiationId(), new MemoInput("Lasten liikunnan lisääminen", "Yhteistyö", "Tiedonkulku", List.of(
                new MeasureInput("Liikuntaryhmät kouluille", OwnerKind.MUNICIPALITY, f.municipalities().get(0).id(), due, "Ryhmien määrä"),
                new MeasureInput("Ehkäisevä päihdetyö", OwnerKind.COUNTY, null, LocalDate.of(2027, 11, 30), null))), COORDINATOR);
        complete(COORDINATOR, "hyteCoordinators", task(f, "Task_RecordMemo"), Map.of());
        complete(DECISION_MAKER, "decisionMakers", task(f, "Task_ApproveMemoCounty"), Map.of("memoCountyDecision", "approve"));
        answer(task(f, "Task_ApproveMemoMunicipality"), f.contacts().get(0), f.contacts().get(0), Map.of("memoDecision", "approve"));
        SecurityContextHolder.clearContext();
        BpmnAwareTests.assertThat(instance(f)).isEnded();
        return f;
    }

    ProcessInstance followUp(HyteMemoFixtures.Fixture f, int n) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("hyteMeasureFollowUp")
                .processInstanceBusinessKey(f.reference() + "/M" + n).singleResult();
    }

    long measureId(HyteMemoFixtures.Fixture f, int n) {
        return memos.measure(f.negotiationId(), n).orElseThrow().id();
    }

    ProcessInstance instance(HyteMemoFixtures.Fixture f) {
        return f.processInstance();
    }

    Task task(HyteMemoFixtures.Fixture f, String key) {
        Task task = taskService.createTaskQuery().processInstanceId(f.processInstanceId()).taskDefinitionKey(key).singleResult();
        assertThat(task).as(key).isNotNull();
        return task;
    }

    void complete(String user, String group, Task task, Map<String, Object> variables) {
        identity.setAuthentication(user, List.of(group));
        try {
            taskService.complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The portal's completion of an outsider task (as OutsiderTasks.complete does it), signed in as {@code signedIn} or not (null). */
    void answer(Task task, String signedIn, String answeredBy, Map<String, Object> variables) {
        if (signedIn == null) {
            SecurityContextHolder.clearContext();
        } else {
            signIn(signedIn);
        }
        taskService.setVariableLocal(task.getId(), OutsiderTasks.ANSWERED_BY, answeredBy);
        taskService.complete(task.getId(), variables);
    }

    static void signIn(String email) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(email, null, PortalSecurityConfig.ROLE));
    }

    static String pdfText(byte[] pdf) throws Exception {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

}
