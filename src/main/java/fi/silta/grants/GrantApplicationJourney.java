package fi.silta.grants;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseJourney;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseProgress;

/**
 * A grant application's steps as the county describes the procedure to applicants: received →
 * eligibility → completeness (supplements) → review → decision → payment → report of use.
 * Where it is comes from the application's status and, while its process runs, from the step the
 * process waits at. A scored, ineligible or incomplete application waits for the round's decision
 * (a rejection is a decision too); once decided, a granted one goes on to payment and a rejected
 * one has ended.
 */
@Component
class GrantApplicationJourney implements CaseJourney {

    static final List<String> STEPS = List.of("received", "eligibility", "completeness", "review", "decision", "payment", "report");

    /** The step each waiting point of grantApplication belongs to; anything else is "received". */
    private static final Map<String, String> STEP_OF = Map.ofEntries(
            Map.entry("Task_CheckEligibility", "eligibility"),
            Map.entry("Task_ConfirmEligibility", "eligibility"),
            Map.entry("Task_MarkIneligible", "eligibility"),
            Map.entry("Task_FormalCheck", "completeness"),
            Map.entry("Task_SetSupplementDeadline", "completeness"),
            Map.entry("Task_ProvideSupplement", "completeness"),
            Map.entry("Task_DecideLapsedSupplement", "completeness"),
            Map.entry("Task_MarkIncomplete", "completeness"),
            Map.entry("Task_AssignReviewers", "review"),
            Map.entry("CallActivity_Review", "review"),
            Map.entry("Task_ComputeScore", "review"),
            Map.entry("Task_ReconcileScores", "review"),
            Map.entry("Task_RecordScore", "review"),
            Map.entry("Task_PrepareDecision", "decision"),
            Map.entry("Send_DecisionMail", "decision"),
            Map.entry("Task_SendDecisionLetter", "decision"),
            Map.entry("Task_SetRectificationPeriod", "decision"),
            Map.entry("Timer_RecheckDelivery", "decision"),
            Map.entry("Task_RequestRectification", "decision"),
            Map.entry("CallActivity_HandleRectification", "decision"));

    private final GrantApplicationRepository applications;
    private final GrantDecisionRepository decisions;
    private final GrantFundings fundings;
    private final org.camunda.bpm.engine.RuntimeService runtime;
    private final org.springframework.context.MessageSource messages;

    GrantApplicationJourney(GrantApplicationRepository applications, GrantDecisionRepository decisions, GrantFundings fundings,
            org.camunda.bpm.engine.RuntimeService runtime, org.springframework.context.MessageSource messages) {
        this.applications = applications;
        this.decisions = decisions;
        this.fundings = fundings;
        this.runtime = runtime;
        this.messages = messages;
    }

    /**
     * Once the application's own process has ended with money granted, where the funding's process is
     * ({@code status.grantFunding.<step>}), or how it ended ({@code status.grantFunding.status.<STATUS>}).
     */
    @Override
    public Optional<String> nowKey(CaseFile caseFile, CaseProgress.Progress progress) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION || !progress.ended()) {
            return Optional.empty();
        }
        return fundings.ofCase(caseFile.id()).flatMap(funding -> {
            boolean running = funding.processInstanceId() != null && runtime.createProcessInstanceQuery()
                    .processInstanceId(funding.processInstanceId()).active().count() > 0;
            if (running) {
                for (String step : runtime.getActiveActivityIds(funding.processInstanceId())) {
                    String key = "status.grantFunding." + step;
                    if (messages.getMessage(key, null, null, java.util.Locale.ROOT) != null) {
                        return Optional.of(key);
                    }
                }
            }
            String key = "status.grantFunding.status." + funding.status().name();
            return messages.getMessage(key, null, null, java.util.Locale.ROOT) != null ? Optional.of(key) : Optional.empty();
        });
    }

    @Override
    public Optional<Journey> of(CaseFile caseFile, CaseProgress.Progress progress) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION) {
            return Optional.empty();
        }
        String waitingAt = progress.stepIds().stream().map(STEP_OF::get).filter(java.util.Objects::nonNull)
                .reduce((a, b) -> STEPS.indexOf(a) >= STEPS.indexOf(b) ? a : b).orElse(null);
        Optional<GrantDecision> decided = decisions.ofCase(caseFile.id()).stream().reduce((first, later) -> later);
        if (decided.isPresent()) {
            // in the period for a request for rectification the decision is still the step; then payment, or the end
            if (!progress.ended()) {
                return Optional.of(Journey.at(STEPS, "decision", false));
            }
            if (!decided.get().granted()) {
                return Optional.of(Journey.at(STEPS, "decision", true));
            }
            // the funding's process carries it on: payment, then the report (declined or stopped: ended at payment)
            return Optional.of(fundings.ofCase(caseFile.id()).map(funding -> switch (funding.status()) {
                case REPORTING, RECOVERY -> Journey.at(STEPS, "report", false);
                case DONE -> Journey.at(STEPS, "report", true);
                case DECLINED, STOPPED -> Journey.at(STEPS, "payment", true);
                default -> Journey.at(STEPS, "payment", false);
            }).orElse(Journey.at(STEPS, "payment", false)));
        }
        GrantApplication.Status status = applications.findByCase(caseFile.id()).map(GrantApplication::status)
                .orElse(GrantApplication.Status.SUBMITTED);
        return Optional.of(switch (status) {
            case SCORED, INELIGIBLE, REJECTED_INCOMPLETE -> Journey.at(STEPS, "decision", false);
            // withdrawn where it was when the applicant withdrew it (the steps before it were passed)
            case WITHDRAWN -> Journey.at(STEPS, waitingAt == null ? "received" : waitingAt, true);
            case IN_REVIEW -> Journey.at(STEPS, "review", false);
            default -> Journey.at(STEPS, waitingAt == null ? "received" : waitingAt, progress.ended());
        });
    }
}
