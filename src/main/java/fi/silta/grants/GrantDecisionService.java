package fi.silta.grants;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.Deadlines;
import fi.silta.cases.Deadlines.Notice;
import fi.silta.cases.Deadlines.Period;
import fi.silta.cases.NoticePeriods;
import fi.silta.cases.documents.DocumentService;
import fi.silta.notifications.MailOutbox;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;

/**
 * The round's decisions (issue 12): on approval one decision per application of the allocation,
 * handed to the application's own process; there it is rendered as a PDF in the applicant's
 * language and stored as the case's document, mailed with the PDF to a contact who consented to
 * electronic notification (a letter otherwise, sent by a coordinator), and the period for a
 * request for rectification is counted from when it really left.
 */
@Service
public class GrantDecisionService {

    /** 14 days from receipt (hallintolaki 49 c §; kuntalaki / laki hyvinvointialueesta 141 §). */
    public static final int RECTIFICATION_DAYS = 14;
    /** The message an application's process waits for at {@link #AWAIT_ACTIVITY}. */
    public static final String DECISION_MESSAGE = "GrantDecisionMade";
    public static final String AWAIT_ACTIVITY = "Event_AwaitDecision";
    public static final String PREPARE_ACTIVITY = "Task_PrepareDecision";
    public static final String DECISION_ID = "decisionId";
    static final String DOCUMENT_FIELD = "decision";
    static final String MAIL_TEMPLATE = "grant-decision";

    private final GrantDecisionNotices notices;
    private final GrantAllocationRepository allocation;
    private final GrantApplicationRepository applications;
    private final GrantRoundRepository rounds;
    private final GrantDecisionRepository decisions;
    private final CaseRepository cases;
    private final OrganisationRepository organisations;
    private final DocumentService documents;
    private final GrantDecisionDocument document;
    private final MailOutbox outbox;
    private final NoticePeriods noticePeriods;
    private final Deadlines deadlines;
    private final RuntimeService runtime;
    private final Clock clock;

    public GrantDecisionService(GrantAllocationRepository allocation, GrantApplicationRepository applications,
            GrantRoundRepository rounds, GrantDecisionRepository decisions, CaseRepository cases, OrganisationRepository organisations,
            DocumentService documents,
            GrantDecisionDocument document, MailOutbox outbox, NoticePeriods noticePeriods, Deadlines deadlines,
            RuntimeService runtime, Clock clock, GrantDecisionNotices notices) {
        this.notices = notices;
        this.allocation = allocation;
        this.applications = applications;
        this.rounds = rounds;
        this.decisions = decisions;
        this.cases = cases;
        this.organisations = organisations;
        this.documents = documents;
        this.document = document;
        this.outbox = outbox;
        this.noticePeriods = noticePeriods;
        this.deadlines = deadlines;
        this.runtime = runtime;
        this.clock = clock;
    }

    /**
     * The approved allocation becomes decisions: one per application, decided now by the round's
     * decision maker, or by its substitute where the decision maker declared a disqualification
     * (as fixed at the approval), each handed to its application's process: to the one waiting for it, or, for an
     * application still in review when the coordinator closed the review early, by moving that
     * process to its decision. Runs again safely: an application that has its decision is skipped.
     */
    @Transactional
    public List<Long> issue(long roundId) {
        if (rounds.lock(roundId) != GrantRound.Status.DECIDED) {
            throw new IllegalStateException("round " + roundId + " has no approved allocation");
        }
        GrantRound round = rounds.find(roundId).orElseThrow();
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Long> issued = new ArrayList<>();
        for (GrantAllocationRepository.Row row : allocation.rows(roundId)) {
            if (decisions.find(row.applicationId(), GrantDecision.Stage.ORIGINAL).isPresent()) {
                continue;
            }
            GrantApplication application = applications.find(row.applicationId()).orElseThrow();
            CaseFile caseFile = cases.find(application.caseId()).orElseThrow();
            String language = "sv".equals(caseFile.language()) ? "sv" : "fi";
            // fixed when the decision maker approved: they, or the substitute for their disqualified cases
            String decidedBy = row.decidedBy() != null ? row.decidedBy() : round.decisionMakerUserId();
            long id = decisions.insert(row.applicationId(), roundId, caseFile.id(), GrantDecision.Stage.ORIGINAL, row.basis(),
                    row.amountAsked(), row.amount(), application.finalScore(), row.changeReason(), language, decidedBy, now);
            deliver(caseFile.processInstanceId(), id);
            issued.add(id);
        }
        return issued;
    }

    private void deliver(String processInstanceId, long decisionId) {
        if (processInstanceId == null || runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
            throw new IllegalStateException("the process of decision " + decisionId + " is not running: " + processInstanceId);
        }
        boolean waiting = runtime.createExecutionQuery().processInstanceId(processInstanceId).activityId(AWAIT_ACTIVITY)
                .messageEventSubscriptionName(DECISION_MESSAGE).count() > 0;
        if (waiting) {
            runtime.createMessageCorrelation(DECISION_MESSAGE).processInstanceId(processInstanceId)
                    .setVariable(DECISION_ID, decisionId).correlateWithResult();
            return;
        }
        // still in review (the review was closed early): the decision replaces what was left of it
        ActivityInstance tree = runtime.getActivityInstance(processInstanceId);
        ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(processInstanceId)
                .startBeforeActivity(PREPARE_ACTIVITY).setVariable(DECISION_ID, decisionId);
        for (ActivityInstance child : tree.getChildActivityInstances()) {
            modification.cancelActivityInstance(child.getId());
        }
        for (TransitionInstance transition : tree.getChildTransitionInstances()) {
            modification.cancelTransitionInstance(transition.getId());
        }
        modification.execute();
    }

    /**
     * The decision as a PDF in the applicant's language, stored as the case's document; true when
     * it goes by mail (the contact consented to electronic notification), false when by letter.
     */
    @Transactional
    public boolean prepare(long decisionId) {
        GrantDecision decision = decisions.find(decisionId).orElseThrow();
        if (decision.documentId() == null) {
            byte[] pdf = document.pdf(decision);
            long documentId = documents.store(decision.caseId(), DOCUMENT_FIELD, document.fileName(decision), "application/pdf",
                    pdf, decision.decidedBy()).id();
            decisions.documentStored(decisionId, documentId);
        }
        return consented(decision);
    }

    private boolean consented(GrantDecision decision) {
        return notices.electronic(cases.find(decision.caseId()).orElseThrow());
    }

    /** Queues the decision's mail with its PDF to the case's contact; the mail's id is kept for the period. */
    @Transactional
    public long mail(long decisionId, String template) {
        GrantDecision decision = decisions.find(decisionId).orElseThrow();
        CaseFile caseFile = cases.find(decision.caseId()).orElseThrow();
        GrantRound round = rounds.find(decision.roundId()).orElseThrow();
        Map<String, Object> details = new HashMap<>();
        details.put("roundName", round.name(Locales.of(decision.language())));
        details.put("outcome", decision.outcome().name());
        details.put("stage", decision.stage().name());
        details.put("amountGranted", decision.amountGranted());
        details.put("amountAsked", decision.amountAsked());
        long mailId = notices.mail(caseFile, template == null ? MAIL_TEMPLATE : template, decision.language(), details,
                document.fileName(decision), decision.documentId());
        decisions.mailed(decisionId, mailId);
        return mailId;
    }

    /**
     * A coordinator sent the decision by letter on {@code sentOn}: not before the decision, not in
     * the future.
     */
    @Transactional
    public void letterSent(long decisionId, String sentOnText) {
        GrantDecision decision = decisions.find(decisionId).orElseThrow();
        LocalDate decided = decision.decidedAt().atZoneSameInstant(Locales.HELSINKI).toLocalDate();
        LocalDate today = LocalDate.now(clock.withZone(Locales.HELSINKI));
        InvalidInput.Collector errors = new InvalidInput.Collector();
        LocalDate sentOn = fi.silta.portal.forms.TaskFormInput.day("letterSentOn", sentOnText, decided, today, errors,
                "grants.decision.letter.notADate", "grants.decision.letter.date");
        errors.throwIfAny();
        decisions.letterSent(decisionId, sentOn);
    }

    /**
     * The period for a request for rectification, once the decision has reached the applicant: a
     * mail from the day it left the outbox (third day), a letter from the day it was posted
     * (seventh day). Empty while the mail waits in the outbox or has failed.
     */
    @Transactional
    public Optional<Period> rectificationPeriod(long decisionId) {
        GrantDecision decision = decisions.find(decisionId).orElseThrow();
        Optional<Period> period;
        if ("LETTER".equals(decision.notice())) {
            period = deadlines.periodFromNotice(Optional.of(decision.letterSentOn().atStartOfDay(Locales.HELSINKI).toInstant()),
                    Notice.LETTER, RECTIFICATION_DAYS);
        } else if (decision.outboxMailId() != null) {
            period = noticePeriods.fromMail(decision.outboxMailId(), true, RECTIFICATION_DAYS);
        } else {
            period = Optional.empty();
        }
        period.ifPresent(p -> decisions.received(decisionId, p.receivedOn(), p.lastDay()));
        return period;
    }

    public Optional<GrantDecision> find(long decisionId) {
        return decisions.find(decisionId);
    }

    public List<GrantDecision> ofCase(long caseId) {
        return decisions.ofCase(caseId);
    }
}
