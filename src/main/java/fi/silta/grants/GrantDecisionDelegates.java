package fi.silta.grants;

import java.time.LocalDate;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fi.silta.SiltaProperties;
import fi.silta.engine.Refusals;
import fi.silta.engine.Variables;
import fi.silta.web.Formats;
import fi.silta.web.Locales;

/**
 * Thin delegates and listeners of the allocation ({@code grantRound}) and the decision
 * ({@code grantApplication}): each hands over to {@link GrantAllocationService} or
 * {@link GrantDecisionService}; a refusal becomes a message in Finnish, Swedish and English that
 * Tasklist shows, with nothing stored.
 */
@Configuration(proxyBeanMethods = false)
public class GrantDecisionDelegates {

    /** Messages to the round's process: every application is ready, or the coordinator closed the review. */
    public static final String REVIEW_COMPLETE_MESSAGE = "GrantReviewComplete";
    public static final String REVIEW_CLOSED_EARLY_MESSAGE = "GrantReviewClosedEarly";
    private static final String FIELD_PREFIX = "grants.allocation.field.";

    /**
     * Task_CloseRound's end: whether every application is already scored or rejected
     * ({@code reviewComplete}), so that the round goes straight to the allocation.
     */
    @Bean
    ExecutionListener checkReviewComplete(GrantAllocationService allocation) {
        return execution -> execution.setVariable("reviewComplete",
                allocation.reviewComplete(GrantRoundDelegates.roundId(execution)));
    }

    /**
     * An application reaches Event_AwaitDecision: when it was the last one of a closed round, the
     * round's process goes on to the allocation. The round's row is locked while this is decided,
     * so exactly one of two applications finishing at once sends the message.
     */
    @Bean
    ExecutionListener reportReadyForDecision(GrantAllocationService allocation, GrantApplicationRepository applications,
            RuntimeService runtime) {
        return execution -> {
            long roundId = applications.find(GrantApplicationDelegates.applicationId(execution, applications)).orElseThrow().roundId();
            if (allocation.reviewComplete(roundId)) {
                runtime.createMessageCorrelation(REVIEW_COMPLETE_MESSAGE)
                        .processInstanceBusinessKey(GrantRoundService.reference(roundId)).correlateAllWithResult();
            }
        };
    }

    /** Task_ComputeProposal: Silta's proposal in score order while the budget lasts. */
    @Bean
    JavaDelegate proposeAllocation(GrantAllocationService allocation) {
        return execution -> allocation.propose(GrantRoundDelegates.roundId(execution), false, null);
    }

    /** Task_AllocateGrants created: where the allocation is edited, its total, and the last return's comments. */
    @Bean
    TaskListener fillAllocationTask(GrantAllocationService allocation, GrantRoundRepository rounds, SiltaProperties properties) {
        return task -> {
            long roundId = GrantRoundDelegates.roundId(task);
            GrantRound round = rounds.find(roundId).orElseThrow();
            Formats finnish = new Formats(Locales.FINNISH.getLanguage());
            task.setVariableLocal("allocationUrl", properties.baseUrl() + "/staff/grants/" + roundId + "/allocation");
            task.setVariableLocal("allocationTotalText", finnish.money(allocation.total(roundId)) + " / "
                    + finnish.money(round.budget()));
            task.setVariableLocal("allocationReturnComments", allocation.lastReturnComments(roundId));
            task.setVariableLocal("stateGrant", round.stateGrant());
            task.setVariableLocal("stateGrantConditions", round.stateGrantConditions());
            // a form shows the process's variables: last time's answers must not stand as this time's
            task.getExecution().removeVariable("stateGrantConditionsChecked");
            task.getExecution().removeVariable("allocationDecision");
            task.getExecution().removeVariable("allocationComments");
        };
    }

    /** Task_AllocateGrants completed: the allocation goes to the decision maker (budget and conditions checked again). */
    @Bean
    TaskListener submitAllocation(GrantAllocationService allocation, Refusals refusals) {
        return task -> refusals.refusing(FIELD_PREFIX, () -> {
            allocation.submit(GrantRoundDelegates.roundId(task), Variables.flag(task, "stateGrantConditionsChecked"), actor(task));
            return null;
        });
    }

    /** Task_ApproveAllocation created: it is the round's decision maker's, and shows what they approve. */
    @Bean
    TaskListener assignAllocationApproval(GrantAllocationService allocation, GrantRoundRepository rounds,
            SiltaProperties properties) {
        return task -> assignApproval(task, allocation, rounds, properties, GrantRound::decisionMakerUserId);
    }

    /**
     * Task_ApproveAllocation completed: approve or return with comments, only by the round's
     * decision maker; {@code allocationApproved} chooses the way on, {@code substituteNeeded} whether
     * the substitute decides the cases the decision maker is disqualified on.
     */
    @Bean
    TaskListener decideAllocation(GrantAllocationService allocation, Refusals refusals) {
        return task -> {
            GrantAllocationService.Answer answer = refusals.refusing(FIELD_PREFIX, () -> allocation.decide(
                    GrantRoundDelegates.roundId(task), approving(task, refusals), Variables.text(task, "allocationComments"),
                    actor(task)));
            task.getExecution().setVariable("allocationApproved", answer != GrantAllocationService.Answer.RETURNED);
            task.getExecution().setVariable("substituteNeeded", answer == GrantAllocationService.Answer.APPROVED_SUBSTITUTE_NEEDED);
        };
    }

    /** Task_ApproveDisqualifiedCases created: the round's substitute decision maker's. */
    @Bean
    TaskListener assignSubstituteApproval(GrantAllocationService allocation, GrantRoundRepository rounds, SiltaProperties properties) {
        return task -> assignApproval(task, allocation, rounds, properties, GrantRound::substituteDecisionMakerUserId);
    }

    /**
     * An approval task of the allocation assigned to {@code approver} of the round, with no earlier
     * answer showing (the decision maker's answer is theirs, not the substitute's; a returned
     * allocation's comments are not the next answer), the allocation page's address and the total
     * as people read it.
     */
    private static void assignApproval(org.camunda.bpm.engine.delegate.DelegateTask task, GrantAllocationService allocation,
            GrantRoundRepository rounds, SiltaProperties properties, java.util.function.Function<GrantRound, String> approver) {
        long roundId = GrantRoundDelegates.roundId(task);
        GrantRound round = rounds.find(roundId).orElseThrow();
        task.setAssignee(approver.apply(round));
        task.getExecution().removeVariable("allocationDecision");
        task.getExecution().removeVariable("allocationComments");
        Formats finnish = new Formats(Locales.FINNISH.getLanguage());
        task.setVariableLocal("allocationUrl", properties.baseUrl() + "/staff/grants/" + roundId + "/allocation");
        task.setVariableLocal("allocationTotalText", finnish.money(allocation.total(roundId)) + " / " + finnish.money(round.budget()));
    }

    /** Task_ApproveDisqualifiedCases completed: the substitute approves the cases the decision maker may not, or returns the list. */
    @Bean
    TaskListener decideAsSubstitute(GrantAllocationService allocation, Refusals refusals) {
        return task -> {
            GrantAllocationService.Answer answer = refusals.refusing(FIELD_PREFIX, () -> allocation.decideAsSubstitute(
                    GrantRoundDelegates.roundId(task), approving(task, refusals), Variables.text(task, "allocationComments"),
                    actor(task)));
            task.getExecution().setVariable("substituteApproved", answer == GrantAllocationService.Answer.APPROVED);
        };
    }

    private static boolean approving(DelegateTask task, Refusals refusals) {
        String decision = Variables.text(task, "allocationDecision");
        if (!"approve".equals(decision) && !"return".equals(decision)) {
            throw refusals.refuse("grants.allocation.decision.required");
        }
        return "approve".equals(decision);
    }

    /** Task_IssueDecisions: one decision per application, each handed to its application's process. */
    @Bean
    JavaDelegate issueGrantDecisions(GrantDecisionService decisions) {
        return execution -> decisions.issue(GrantRoundDelegates.roundId(execution));
    }

    /** Task_PrepareDecision: the PDF stored on the case; {@code decisionByMail} chooses mail or letter. */
    @Bean
    JavaDelegate prepareGrantDecision(GrantDecisionService decisions) {
        return execution -> execution.setVariable("decisionByMail",
                decisions.prepare(Variables.id(execution, GrantDecisionService.DECISION_ID)));
    }

    /** Send_DecisionMail: the decision and its PDF to the case's contact, through the outbox. */
    @Bean
    JavaDelegate sendGrantDecision(GrantDecisionService decisions) {
        return execution -> decisions.mail(Variables.id(execution, GrantDecisionService.DECISION_ID),
                (String) execution.getVariable("mailTemplate"));
    }

    /** Task_SendDecisionLetter completed: the day the coordinator posted the letter. */
    @Bean
    TaskListener recordDecisionLetter(GrantDecisionService decisions, Refusals refusals) {
        return task -> refusals.refusing(FIELD_PREFIX,
                () -> decisions.letterSent(Variables.id(task, GrantDecisionService.DECISION_ID), Variables.text(task, "letterSentOn")));
    }

    /**
     * Task_SetRectificationPeriod: once the decision has reached the applicant, when the period
     * for a request for rectification passes ({@code rectificationPassesAt}, ISO 8601 Helsinki);
     * {@code decisionReceived} false while the mail still waits in the outbox.
     */
    @Bean
    JavaDelegate setRectificationPeriod(GrantDecisionService decisions) {
        return execution -> {
            var period = decisions.rectificationPeriod(Variables.id(execution, GrantDecisionService.DECISION_ID));
            execution.setVariable("decisionReceived", period.isPresent());
            execution.setVariable("rectificationPassesAt", period.map(p -> p.passesAtIso()).orElse(null));
            // the last moment as the applicant reads it (23.59 on the last day): the due date of Task_RequestRectification
            execution.setVariable("rectificationDueAt", period.map(p -> fi.silta.cases.Deadlines.iso(
                    p.lastDay().atTime(23, 59).atZone(Locales.HELSINKI))).orElse(null));
        };
    }

    /**
     * Task_RequestRectification completed in the portal: the request is stored (refused after the
     * period, or a second time) and the handling gets its id ({@code rectificationRequestId}).
     */
    @Bean
    TaskListener recordRectificationRequest(GrantRectificationService rectifications) {
        return task -> {
            long id = rectifications.fileByApplicant(Variables.id(task, GrantDecisionService.DECISION_ID),
                    Variables.text(task, "rectificationReasons"), (String) task.getVariableLocal(
                            fi.silta.cases.OutsiderTasks.ANSWER_DOCUMENT_IDS),
                    (String) task.getVariableLocal(fi.silta.cases.OutsiderTasks.ANSWERED_BY));
            task.getExecution().setVariable("rectificationRequestId", id);
        };
    }

    /** Task_RecordBodyDecision completed: the body's answer, checked and stored. */
    @Bean
    TaskListener recordRectificationAnswer(GrantRectificationService rectifications, Refusals refusals) {
        return task -> refusals.refusing("grants.rectification.field.", () -> {
            rectifications.recordBodyDecision(Variables.id(task, "rectificationRequestId"), Variables.text(task, "rectificationOutcome"),
                    Variables.text(task, "rectificationAmount"), Variables.text(task, "rectificationBodyReasons"),
                    Variables.text(task, "rectificationMeetingOn"), actor(task));
            return null;
        });
    }

    /** Task_IssueRectificationDecision: the answer becomes a decision; the delivery steps then use its id. */
    @Bean
    JavaDelegate issueRectificationDecision(GrantRectificationService rectifications) {
        return execution -> execution.setVariable(GrantDecisionService.DECISION_ID,
                rectifications.issueAnswer(Variables.id(execution, "rectificationRequestId")));
    }

    /** Task_SendAnswerToRequester completed: the day the answer was posted to the other party who asked. */
    @Bean
    TaskListener recordAnswerToRequester(GrantRectificationService rectifications, Refusals refusals) {
        return task -> refusals.refusing("grants.rectification.field.", () -> {
            rectifications.answerSentToRequester(Variables.id(task, "rectificationRequestId"), Variables.text(task, "answerSentOn"));
            return null;
        });
    }

    static String actor(DelegateTask task) {
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

}
