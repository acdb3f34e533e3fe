package fi.silta.organisations;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.Mails;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;
import fi.silta.support.TestOrganisations;
import fi.silta.support.TestOrganisations.TestContact;

/** Every path through organisationContactVerification, with its mails through the outbox. */
@SiltaIntegrationTest
class ContactVerificationProcessTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    /** Friday 20 March 2026, 12.00 Helsinki time (winter time, +02:00). */
    static final Instant NOW = Instant.parse("2026-03-20T10:00:00Z");

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired ContactVerificationService verification;
    @Autowired OrganisationRepository organisations;
    @Autowired OutboxDrainer drainer;
    @Autowired TestOrganisations testOrganisations;
    @Autowired fi.silta.cases.DeadlineTimers deadlineTimers;
    @Autowired fi.silta.organisations.ContactRegistrationService registrations;
    @Autowired OrganisationService organisationService;
    @Autowired org.camunda.bpm.engine.FormService formService;
    @Autowired fi.silta.cases.CaseRepository caseRepository;
    @Autowired fi.silta.cases.CaseRequests caseRequests;

    TestContact contact;
    ProcessInstance instance;

    @BeforeEach
    void start() {
        init(processEngine);
        ClockUtil.setCurrentTime(Date.from(NOW));
        contact = testOrganisations.newContact("fi");
        instance = runtimeService.createProcessInstanceQuery()
                .processInstanceId(verification.requestVerification(contact.contactId(), null).caseFile().processInstanceId()).singleResult();
        assertThat(instance).hasBusinessKey(instance.getBusinessKey()).hasPassed("Send_ReceiptMail").isWaitingAt("Task_VerifyContact");
        Assertions.assertThat(instance.getBusinessKey()).matches("YH-2026-\\d{4}");
        assertThat(task()).hasCandidateGroup("coordinators");
        assertFormRef("verify-contact");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void aKnownBusinessIdRegisteredUnderAnotherNameShowsTheCoordinatorBothNames() throws Exception {
        // the verification started in start() had no typed name: nothing extra to show
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "typedNameDiffers")).isEqualTo(false);
        String businessId = fi.silta.support.TestBusinessIds.unique();
        organisationService.register(new fi.silta.organisations.OrganisationService.NewOrganisation("Oulun Kuoroyhdistys ry",
                businessId, OrganisationType.REGISTERED_ASSOCIATION, null, List.of("564")));
        var registration = new fi.silta.organisations.ContactRegistrationService.Registration("Oulun kuoro",
                OrganisationType.REGISTERED_ASSOCIATION, businessId, null, List.of("564"), "Uusi Laulaja", null, "fi", true);
        String processInstanceId = registrations.register("laulaja-" + businessId.replace("-", "") + "@test.example", registration,
                List.of(), null).caseFile().processInstanceId();
        org.camunda.bpm.engine.task.Task verify = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
        Assertions.assertThat(taskService.getVariables(verify.getId())).containsEntry("organisationName", "Oulun Kuoroyhdistys ry")
                .containsEntry("typedOrganisationName", "Oulun kuoro").containsEntry("typedNameDiffers", true);
        // the task's form shows the typed name beside the registry's when they differ
        String form = new String(formService.getDeployedTaskForm(verify.getId()).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Assertions.assertThat(form).contains("\"key\": \"typedOrganisationName\"", "=not(typedNameDiffers = true)",
                "\"key\": \"organisationName\"");

        // the same name, typed in another case: nothing extra
        var sameName = new fi.silta.organisations.ContactRegistrationService.Registration(" oulun kuoroyhdistys RY ",
                OrganisationType.REGISTERED_ASSOCIATION, businessId, null, List.of("564"), "Toinen Laulaja", null, "fi", false);
        String second = registrations.register("toinen-" + businessId.replace("-", "") + "@test.example", sameName, List.of(), null)
                .caseFile().processInstanceId();
        Assertions.assertThat(runtimeService.getVariable(second, "typedNameDiffers")).isEqualTo(false);
        Assertions.assertThat(runtimeService.getVariable(second, "typedOrganisationName")).isNull();
    }

    @Test
    void approvedContactIsVerifiedAndTold() {
        identityService.setAuthentication("aino.virtanen", List.of("coordinators"));
        complete(task(), withVariables("verificationDecision", "approve"));
        identityService.clearAuthentication();

        assertThat(instance).isWaitingAt("Task_MarkContactVerified");
        execute(job());

        assertThat(instance).hasPassedInOrder("Task_MarkContactVerified", "Send_ContactVerifiedMail", "End_ContactVerified")
                .isEnded();
        Contact verified = organisations.contact(contact.contactId()).orElseThrow();
        Assertions.assertThat(verified.verification()).isEqualTo(Verification.VERIFIED);
        Assertions.assertThat(verified.verifiedBy()).isEqualTo("aino.virtanen");
        drainer.drain();
        List<Mails.Received> mails = Mails.to(greenMail, contact.email());
        Assertions.assertThat(mails).hasSize(2);
        Assertions.assertThat(mails.get(0).subject()).isEqualTo("Olemme vastaanottaneet asiasi " + instance.getBusinessKey());
        Assertions.assertThat(mails.get(0).body()).contains("/portal/cases/" + instance.getBusinessKey() + "?token=");
        Assertions.assertThat(mails.get(1).subject()).isEqualTo("Voit nyt asioida järjestön " + isolated(contact.organisationName()) + " puolesta");
        Assertions.assertThat(mails.get(1).body()).startsWith("Hei \u2068Testi Henkilö\u2069,");
    }

    @Test
    void rejectedContactIsToldWhy() {
        complete(task(), withVariables("verificationDecision", "reject", "verificationNote", "Ei hallituksen jäsen."));
        execute(job());

        assertThat(instance).hasPassed("Task_MarkContactRejected", "Send_ContactRejectedMail").hasPassed("End_ContactRejected")
                .isEnded();
        Assertions.assertThat(organisations.contact(contact.contactId()).orElseThrow().verification())
                .isEqualTo(Verification.REJECTED);
        drainer.drain();
        Assertions.assertThat(Mails.to(greenMail, contact.email())).last()
                .satisfies(mail -> Assertions.assertThat(mail.body()).contains("Ei hallituksen jäsen."));
    }

    @Test
    void moreInformationAnsweredThenApproved() {
        askMore();
        complete(task(), withVariables("moreInfoAnswer", "Olen kerhon puheenjohtaja."));

        assertThat(instance).isWaitingAt("Task_VerifyContact").variables().containsEntry("moreInfoLapsed", false);
        complete(task(), withVariables("verificationDecision", "approve"));
        execute(job());
        assertThat(instance).hasPassed("End_ContactVerified").isEnded();
        drainer.drain();
        Assertions.assertThat(Mails.to(greenMail, contact.email())).extracting(Mails.Received::subject).containsExactly(
                "Olemme vastaanottaneet asiasi " + instance.getBusinessKey(),
                "Lisätietopyyntö: järjestön " + isolated(contact.organisationName()) + " yhteyshenkilö",
                "Voit nyt asioida järjestön " + isolated(contact.organisationName()) + " puolesta");
    }

    @Test
    void deadlineIsAnInstantInHelsinkiTimeAcrossDaylightSaving() {
        askMore();
        // 14 days from Friday 20 March 2026 is Friday 3 April, after the switch to summer time (+03:00)
        OffsetDateTime due = OffsetDateTime.parse("2026-04-03T16:00:00+03:00");
        assertThat(instance).variables().containsEntry("moreInfoDueAt", "2026-04-03T16:00:00+03:00")
                .containsEntry("moreInfoReminderAt", "2026-03-31T16:00:00+03:00");
        Assertions.assertThat(task().getDueDate().toInstant()).isEqualTo(due.toInstant());
        Assertions.assertThat(timer("Timer_MoreInfoDeadlinePassed").getDuedate().toInstant()).isEqualTo(due.toInstant());
        Assertions.assertThat(timer("Timer_MoreInfoReminder").getDuedate().toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-03-31T16:00:00+03:00").toInstant());
    }

    @Test
    void aMovedDeadlineMovesItsTimerAndTheTaskButNotTheOtherTimers() {
        askMore();
        OffsetDateTime extended = OffsetDateTime.parse("2026-04-10T16:00:00+03:00");
        int recalculated = deadlineTimers.move(instance.getId(), "moreInfoDueAt", extended.atZoneSameInstant(fi.silta.web.Locales.HELSINKI));

        Assertions.assertThat(recalculated).isEqualTo(2);
        assertThat(instance).variables().containsEntry("moreInfoDueAt", "2026-04-10T16:00:00+03:00");
        Assertions.assertThat(timer("Timer_MoreInfoDeadlinePassed").getDuedate().toInstant()).isEqualTo(extended.toInstant());
        Assertions.assertThat(timer("Timer_MoreInfoReminder").getDuedate().toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-03-31T16:00:00+03:00").toInstant());
        Assertions.assertThat(task().getDueDate().toInstant()).isEqualTo(extended.toInstant());
        // the old deadline passes and nothing happens; the new one lapses the request
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-04-03T16:00:01+03:00").toInstant()));
        Assertions.assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).timers().executable().count()).isOne();
        Assertions.assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).timers().executable()
                .activityId("Timer_MoreInfoReminder").count()).isOne();
        ClockUtil.setCurrentTime(Date.from(extended.plusSeconds(1).toInstant()));
        execute(timer("Timer_MoreInfoDeadlinePassed"));
        assertThat(instance).isWaitingAt("Task_VerifyContact").variables().containsEntry("moreInfoLapsed", true);
    }

    @Test
    void lapsedRequestGoesBackToTheCoordinatorWhoRejects() {
        askMore();
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-04-03T16:00:01+03:00").toInstant()));
        execute(timer("Timer_MoreInfoDeadlinePassed"));

        assertThat(instance).isWaitingAt("Task_VerifyContact").variables().containsEntry("moreInfoLapsed", true);
        Assertions.assertThat(timerCount()).isZero();
        // the request is on the case's record as lapsed, with its deadline; the verification opens empty with that history
        long caseId = caseRepository.findByReference(instance.getBusinessKey()).orElseThrow().id();
        Assertions.assertThat(caseRequests.of(caseId)).singleElement().satisfies(request -> {
            Assertions.assertThat(request.topic()).isEqualTo("Task_ProvideMoreInfo");
            Assertions.assertThat(request.requestText()).isEqualTo("Hallituksen pöytäkirja, jossa valtuutus.");
            Assertions.assertThat(request.dueAt().toInstant()).isEqualTo(OffsetDateTime.parse("2026-04-03T16:00:00+03:00").toInstant());
            Assertions.assertThat(request.lapsedAt()).isNotNull();
            Assertions.assertThat(request.answeredAt()).isNull();
        });
        Assertions.assertThat(taskService.getVariable(task().getId(), "verificationDecision")).isNull();
        Assertions.assertThat((String) taskService.getVariableLocal(task().getId(), "moreInfoHistory"))
                .contains("lisätietopyyntö", "määräaika umpeutui ilman vastausta");
        complete(task(), withVariables("verificationDecision", "reject", "verificationNote", "Lisätietoja ei saatu."));
        execute(job());
        assertThat(instance).hasPassed("Timer_MoreInfoDeadlinePassed", "End_ContactRejected").isEnded();
    }

    @Test
    void reminderGoesOutAndTheRequestStaysOpen() {
        askMore();
        // the reminder is queued in the timer's own transaction: no later job could send it after an answer
        execute(timer("Timer_MoreInfoReminder"));

        assertThat(instance).hasPassed("End_ReminderSent").isWaitingAt("Task_ProvideMoreInfo");
        drainer.drain();
        Assertions.assertThat(Mails.to(greenMail, contact.email())).extracting(Mails.Received::subject).contains(
                "Muistutus: lisätietopyyntö, järjestön " + isolated(contact.organisationName()) + " yhteyshenkilö");
    }

    @Test
    void swedishSpeakingContactGetsSwedishMail() {
        TestContact swedish = testOrganisations.newContact("sv");
        ProcessInstance pi = runtimeService.createProcessInstanceQuery()
                .processInstanceId(verification.requestVerification(swedish.contactId(), null).caseFile().processInstanceId()).singleResult();
        complete(taskOf(pi), withVariables("verificationDecision", "approve"));
        execute(jobOf(pi));
        drainer.drain();
        Assertions.assertThat(Mails.to(greenMail, swedish.email())).extracting(Mails.Received::subject).containsExactly(
                "Vi har tagit emot ditt ärende " + pi.getBusinessKey(), "Du kan nu företräda " + isolated(swedish.organisationName()));
    }

    @Test
    void serverRefusesAnIncompleteDecisionInEveryLanguage() {
        String taskId = task().getId();
        assertThatThrownBy(() -> taskService.complete(taskId))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Valitse ratkaisu").hasMessageContaining("Välj ett avgörande").hasMessageContaining("Choose a decision");
        assertThatThrownBy(() -> taskService.complete(taskId, withVariables("verificationDecision", "askMore", "verificationNote", " ")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Kirjoita perustelu");
        assertThatThrownBy(() -> taskService.complete(taskId, withVariables("verificationDecision", "maybe")))
                .isInstanceOf(ProcessEngineException.class);
        assertThat(instance).isWaitingAt("Task_VerifyContact");
        Assertions.assertThat(taskService.getVariable(taskId, "verificationDecision")).isNull();
    }

    @Test
    void emptyAnswerToTheRequestIsRefused() {
        askMore();
        String taskId = task().getId();
        assertThatThrownBy(() -> taskService.complete(taskId, withVariables("moreInfoAnswer", "")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Kirjoita vastauksesi");
        assertThat(instance).isWaitingAt("Task_ProvideMoreInfo");
    }

    private void askMore() {
        complete(task(), withVariables("verificationDecision", "askMore", "verificationNote", "Hallituksen pöytäkirja, jossa valtuutus."));
        assertThat(instance).isWaitingAt("Task_SetMoreInfoDeadline");
        execute(job());
        assertThat(instance).hasPassed("Send_MoreInfoRequestMail").isWaitingAt("Task_ProvideMoreInfo");
        assertThat(task()).hasCandidateGroup("external");
        assertFormRef("contact-more-info");
    }

    private void assertFormRef(String formId) {
        var formRef = taskService.createTaskQuery().taskId(task().getId()).initializeFormKeys().singleResult().getCamundaFormRef();
        Assertions.assertThat(formRef.getKey()).isEqualTo(formId);
        Assertions.assertThat(formRef.getBinding()).isEqualTo("deployment");
    }

    private Job timer(String activityId) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers().singleResult();
    }

    private long timerCount() {
        return managementService.createJobQuery().processInstanceId(instance.getId()).timers().count();
    }

    private static org.camunda.bpm.engine.task.Task taskOf(ProcessInstance pi) {
        return org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task(pi);
    }

    private static Job jobOf(ProcessInstance pi) {
        return org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job(pi);
    }

    private Job jobAt(String activityId) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
    }

    /** A typed name in a mail stands between FSI and PDI (Formats.isolate). */
    private static String isolated(String name) {
        return "\u2068" + name + "\u2069";
    }
}
