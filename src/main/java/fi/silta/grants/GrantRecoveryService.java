package fi.silta.grants;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.Deadlines;
import fi.silta.cases.Deadlines.Notice;
import fi.silta.cases.Deadlines.Period;
import fi.silta.cases.NoticePeriods;
import fi.silta.cases.documents.DocumentService;
import fi.silta.notifications.MailOutbox;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.portal.forms.TaskFormInput;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;
import fi.silta.web.Money;
import fi.silta.web.TextRules;

/**
 * Recovery (takaisinperintä) of a grant paid out ({@code grantRecovery}): begun by the funding's process after an
 * unaccepted use-of-funds report, or by a coordinator on the staff case page (unused funds, a finding); prepared by a
 * coordinator (an amount no larger than what was paid, the reasons, a due date), approved by the round's decision
 * maker, issued as a decision document in the organisation's language with the payment instructions and the
 * instructions for a request for rectification, mailed (electronic notice) or sent as a letter, and followed up at
 * the due date until paid, or passed on for collection. Every step finds its recovery by the process instance, never
 * by a variable a Tasklist form could set; the amounts come from Silta's tables.
 */
@Service
public class GrantRecoveryService {

    public static final String PROCESS_KEY = "grantRecovery";
    static final String DOCUMENT_FIELD = "recoveryDecision";
    static final String MAIL_TEMPLATE = "grant-recovery-decision";
    static final int MAX_REASONS = 8000;
    static final int MAX_DESCRIPTION = 2000;
    /** How far ahead a due date may be set (days). */
    static final int MAX_DUE_DAYS = 366;

    private final GrantDecisionNotices notices;
    private final GrantRecoveries recoveries;
    private final GrantFundings fundings;
    private final GrantRoundRepository rounds;
    private final CaseRepository cases;
    private final OrganisationRepository organisations;
    private final DocumentService documents;
    private final GrantRecoveryDocument document;
    private final MailOutbox outbox;
    private final NoticePeriods noticePeriods;
    private final Deadlines deadlines;
    private final RuntimeService runtime;
    private final Clock clock;
    private final GrantRoundDisqualifications disqualifications;

    public GrantRecoveryService(GrantRecoveries recoveries, GrantFundings fundings, GrantRoundRepository rounds, CaseRepository cases,
            OrganisationRepository organisations, DocumentService documents,
            GrantRecoveryDocument document, MailOutbox outbox, NoticePeriods noticePeriods, Deadlines deadlines, RuntimeService runtime,
            Clock clock, GrantRoundDisqualifications disqualifications, GrantDecisionNotices notices) {
        this.notices = notices;
        this.disqualifications = disqualifications;
        this.recoveries = recoveries;
        this.fundings = fundings;
        this.rounds = rounds;
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
     * A coordinator begins a recovery from the staff case page: refused (nothing started) when the case has no
     * funding, nothing has been paid, a recovery of it is open, or the reason or description is missing.
     */
    @Transactional
    public long start(CaseFile caseFile, String reasonText, String description, String startedBy) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        GrantRecovery.Reason reason = null;
        if (reasonText == null || reasonText.isBlank()) {
            errors.add("reason", "validation.required");
        } else if (!"UNUSED_FUNDS".equals(reasonText.strip()) && !"FINDING".equals(reasonText.strip())) {
            errors.add("reason", "grants.recovery.reason.invalid");
        } else {
            reason = GrantRecovery.Reason.valueOf(reasonText.strip());
        }
        String text = description == null ? "" : description.strip();
        if (text.isEmpty()) {
            errors.add("description", "validation.required");
        } else if (text.length() > MAX_DESCRIPTION) {
            errors.add("description", "grants.recovery.description.tooLong", MAX_DESCRIPTION);
        } else if (TextRules.problem(text, true) != null) {
            errors.add("description", TextRules.problem(text, true));
        }
        errors.throwIfAny();
        checkStartable(caseFile);
        Map<String, Object> variables = new HashMap<>();
        variables.put("caseReference", caseFile.reference());
        variables.put("recoveryReason", reason.name());
        variables.put("recoveryDescription", text);
        variables.put("recoveryStartedBy", startedBy);
        String instanceId = runtime.startProcessInstanceByKey(PROCESS_KEY, caseFile.reference(), variables).getId();
        return recoveries.ofProcess(instanceId).orElseThrow().id();
    }

    /** Whether a recovery may begin on this case: a funding with money paid and no recovery open; refused otherwise. */
    private GrantFunding checkStartable(CaseFile caseFile) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION) {
            throw InvalidInput.of("reason", "grants.recovery.noFunding");
        }
        GrantFunding funding = fundingOfCase(caseFile.id()).orElseThrow(() -> InvalidInput.of("reason", "grants.recovery.noFunding"));
        // one recovery at a time per funding: its row is held until this transaction ends
        fundings.lock(funding.id());
        if (fundings.paid(funding.id()).signum() <= 0) {
            throw InvalidInput.of("reason", "grants.recovery.nothingPaid");
        }
        if (recoveries.openOf(funding.id()).isPresent()) {
            throw InvalidInput.of("reason", "grants.recovery.alreadyOpen");
        }
        return funding;
    }

    /**
     * The process's first step: the recovery's row for this process instance (reason REPORT when the funding's process
     * called it), the funding marked {@code RECOVERY}. The case is the business key's; its funding is the case's.
     */
    @Transactional
    public long open(String processInstanceId, String caseReference, String reasonText, String description, String startedBy) {
        Optional<GrantRecovery> existing = recoveries.ofProcess(processInstanceId);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        CaseFile caseFile = cases.findByReference(caseReference)
                .orElseThrow(() -> new IllegalStateException("no case " + caseReference + " for recovery " + processInstanceId));
        GrantFunding funding = checkStartable(caseFile);
        GrantRecovery.Reason reason = "UNUSED_FUNDS".equals(reasonText) ? GrantRecovery.Reason.UNUSED_FUNDS
                : "FINDING".equals(reasonText) ? GrantRecovery.Reason.FINDING : GrantRecovery.Reason.REPORT;
        String language = "sv".equals(caseFile.language()) ? "sv" : "fi";
        long id = recoveries.insert(funding.id(), caseFile.id(), reason, description == null || description.isBlank() ? null : description.strip(),
                funding.status(), language, processInstanceId, startedBy, OffsetDateTime.now(clock));
        fundings.status(funding.id(), GrantFunding.Status.RECOVERY);
        return id;
    }

    /**
     * The case reference of a funding, for a caller that passed no business key: only when it is the case reference
     * the caller also passed (both come from the calling process's variables, which a form could have changed).
     */
    public String caseReferenceOfFunding(long fundingId, String caseReference) {
        GrantFunding funding = fundings.find(fundingId).orElseThrow(() -> new IllegalStateException("no funding " + fundingId));
        String reference = cases.find(funding.caseId()).orElseThrow().reference();
        if (!reference.equals(caseReference)) {
            throw new IllegalStateException("funding " + fundingId + " is not of case " + caseReference);
        }
        return reference;
    }

    public GrantRecovery ofProcess(String processInstanceId) {
        return recoveries.ofProcess(processInstanceId)
                .orElseThrow(() -> new IllegalStateException("no recovery of process " + processInstanceId));
    }

    public Optional<GrantRecovery> find(long id) {
        return recoveries.find(id);
    }

    /** The euros paid out on the recovery's funding: the most a recovery can ask back. */
    public BigDecimal paid(GrantRecovery recovery) {
        return fundings.paid(recovery.fundingId());
    }

    public GrantFunding funding(GrantRecovery recovery) {
        return fundings.find(recovery.fundingId()).orElseThrow();
    }

    public CaseFile caseOf(GrantRecovery recovery) {
        return cases.find(recovery.caseId()).orElseThrow();
    }

    /** The round's decision maker (its substitute on an application the decision maker is disqualified on), who approves the recovery. */
    public String decisionMaker(GrantRecovery recovery) {
        GrantFunding funding = funding(recovery);
        return disqualifications.deciderOf(funding.roundId(), funding.applicationId());
    }

    /**
     * Task_PrepareRecovery completed: the amount (more than zero, at most what was paid), the reasons and the due
     * date (a day after today, within a year); refused with nothing stored otherwise.
     */
    @Transactional
    public void prepare(String processInstanceId, String amountText, String reasons, String dueOnText, String actor) {
        GrantRecovery recovery = ofProcess(processInstanceId);
        if (recovery.status() != GrantRecovery.Status.OPEN) {
            throw InvalidInput.of("amount", "grants.recovery.notOpen");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        BigDecimal amount = null;
        if (amountText == null || amountText.isBlank()) {
            errors.add("amount", "validation.required");
        } else {
            amount = TaskFormInput.parseMoney("amount", amountText, errors);
        }
        // what was paid, less what the grant's earlier recoveries already decided to recover
        BigDecimal paid = paid(recovery).subtract(recoveries.ofFunding(recovery.fundingId()).stream()
                .filter(r -> r.id() != recovery.id() && r.status() != GrantRecovery.Status.OPEN && r.amount() != null)
                .map(GrantRecovery::amount).reduce(BigDecimal.ZERO, BigDecimal::add)).max(BigDecimal.ZERO);
        if (amount != null && amount.signum() <= 0) {
            errors.add("amount", "grants.recovery.amount.zero");
        } else if (amount != null && amount.compareTo(paid) > 0) {
            errors.add("amount", "grants.recovery.amount.overPaid", new Money(paid));
        }
        String text = reasons == null ? "" : reasons.strip();
        if (text.isEmpty()) {
            errors.add("reasons", "validation.required");
        } else if (text.length() > MAX_REASONS) {
            errors.add("reasons", "grants.recovery.reasons.tooLong", MAX_REASONS);
        }
        LocalDate today = today();
        LocalDate dueOn = TaskFormInput.day("dueOn", dueOnText, today.plusDays(1), today.plusDays(MAX_DUE_DAYS), errors,
                "grants.recovery.dueOn.notADate", "grants.recovery.dueOn.range");
        errors.throwIfAny();
        recoveries.prepared(recovery.id(), amount, text, dueOn, actor);
    }

    /**
     * Task_ApproveRecovery completed by the round's decision maker only: approved (true) or returned to the
     * coordinator with comments (false).
     */
    @Transactional
    public boolean approve(String processInstanceId, String decision, String comments, String actor) {
        GrantRecovery recovery = ofProcess(processInstanceId);
        if (actor == null || !actor.equals(decisionMaker(recovery))) {
            throw InvalidInput.of("decision", "grants.recovery.approve.notDecisionMaker");
        }
        if (!"approve".equals(decision) && !"return".equals(decision)) {
            throw InvalidInput.of("decision", "validation.required");
        }
        if ("return".equals(decision)) {
            if (comments == null || comments.isBlank()) {
                throw InvalidInput.of("comments", "grants.recovery.approve.commentsMissing");
            }
            recoveries.returned(recovery.id(), comments.strip());
            return false;
        }
        // the amount is checked again: a payment may have been cancelled meanwhile
        if (recovery.amount() == null || recovery.amount().compareTo(paid(recovery)) > 0) {
            throw InvalidInput.of("decision", "grants.recovery.amount.overPaid", new Money(paid(recovery)));
        }
        recoveries.decided(recovery.id(), actor, OffsetDateTime.now(clock));
        return true;
    }

    /**
     * The decision as a PDF in the organisation's language, stored as the case's document; true when it goes by mail
     * (the contact consented to electronic notification), false when by letter.
     */
    @Transactional
    public boolean issue(String processInstanceId) {
        GrantRecovery recovery = ofProcess(processInstanceId);
        if (!recovery.decided()) {
            throw new IllegalStateException("recovery " + recovery.id() + " is not decided");
        }
        if (recovery.documentId() == null) {
            byte[] pdf = document.pdf(recovery);
            long documentId = documents.store(recovery.caseId(), DOCUMENT_FIELD, document.fileName(recovery), "application/pdf", pdf,
                    recovery.decidedBy()).id();
            recoveries.documentStored(recovery.id(), documentId);
        }
        return notices.electronic(caseOf(recovery));
    }

    /** Queues the decision's mail with its PDF to the case's contact. */
    @Transactional
    public long mail(String processInstanceId, String template) {
        GrantRecovery recovery = ofProcess(processInstanceId);
        Map<String, Object> details = new HashMap<>();
        details.put("amount", recovery.amount());
        details.put("dueOn", recovery.dueOn());
        long mailId = notices.mail(caseOf(recovery), template == null ? MAIL_TEMPLATE : template, recovery.language(), details,
                document.fileName(recovery), recovery.documentId());
        recoveries.mailed(recovery.id(), mailId);
        return mailId;
    }

    /** A coordinator posted the decision as a letter on {@code sentOn}: not before the decision, not in the future. */
    @Transactional
    public void letterSent(String processInstanceId, String sentOnText) {
        GrantRecovery recovery = ofProcess(processInstanceId);
        LocalDate decided = recovery.decidedAt().atZoneSameInstant(Locales.HELSINKI).toLocalDate();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        LocalDate sentOn = TaskFormInput.day("letterSentOn", sentOnText, decided, today(), errors, "grants.recovery.letter.notADate",
                "grants.recovery.letter.date");
        errors.throwIfAny();
        recoveries.letterSent(recovery.id(), sentOn);
    }

    /**
     * Once the decision has reached the organisation: the day it counts as received (a mail the third day after it
     * left the outbox, a letter the seventh day after it was posted) and the last day of the period for a request for
     * rectification are stored, and the due date's instant (closing time, Helsinki) is returned for the timer. Empty
     * while the mail still waits in the outbox.
     */
    @Transactional
    public Optional<String> received(String processInstanceId) {
        GrantRecovery recovery = ofProcess(processInstanceId);
        Optional<Period> period;
        if ("LETTER".equals(recovery.notice())) {
            period = deadlines.periodFromNotice(Optional.of(recovery.letterSentOn().atStartOfDay(Locales.HELSINKI).toInstant()),
                    Notice.LETTER, GrantDecisionService.RECTIFICATION_DAYS);
        } else if (recovery.outboxMailId() != null) {
            period = noticePeriods.fromMail(recovery.outboxMailId(), true, GrantDecisionService.RECTIFICATION_DAYS);
        } else {
            period = Optional.empty();
        }
        period.ifPresent(p -> recoveries.received(recovery.id(), p.receivedOn(), p.lastDay()));
        return period.map(p -> dueAt(recovery.dueOn()));
    }

    /** The instant a due day passes for the timer: its closing time in Helsinki. */
    public static String dueAt(LocalDate dueOn) {
        return Deadlines.iso(dueOn.atTime(Deadlines.CLOSING_TIME).atZone(Locales.HELSINKI));
    }

    /** What the coordinator recorded at the due date, and the next due instant when part is still owed. */
    public record Recorded(GrantRecovery.Outcome outcome, String nextDueAt) {
    }

    /**
     * Task_RecordRecoveryPayment completed: paid (the amount received defaults to what is still owed), partly paid (an
     * amount received, more than zero and less than owed, and a new due date after today) or passed on for collection.
     * A recovery that ends gives the funding back its status from before (unless it changed meanwhile).
     */
    @Transactional
    public Recorded recordPayment(String processInstanceId, String outcomeText, String amountText, String newDueText, String note,
            String actor) {
        GrantRecovery recovery = ofProcess(processInstanceId);
        if (recovery.status() != GrantRecovery.Status.DECIDED && recovery.status() != GrantRecovery.Status.PARTLY_PAID) {
            throw InvalidInput.of("outcome", "grants.recovery.notOpen");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        GrantRecovery.Outcome outcome = null;
        try {
            outcome = outcomeText == null ? null : GrantRecovery.Outcome.valueOf(outcomeText.strip());
        } catch (IllegalArgumentException unknown) {
            // refused below
        }
        if (outcome == null) {
            errors.add("outcome", "validation.required");
            errors.throwIfAny();
        }
        BigDecimal owed = recovery.amount().subtract(recoveries.received(recovery.id()));
        BigDecimal amount = amountText == null || amountText.isBlank() ? null : TaskFormInput.parseMoney("amountReceived", amountText, errors);
        LocalDate newDue = null;
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > MAX_DESCRIPTION) {
            errors.add("note", "grants.recovery.description.tooLong", MAX_DESCRIPTION);
        }
        switch (outcome) {
            case PAID -> {
                if (amount == null && errors.isEmpty()) {
                    amount = owed;
                } else if (amount != null && amount.compareTo(owed) != 0) {
                    errors.add("amountReceived", "grants.recovery.payment.notOwed", new Money(owed));
                }
            }
            case PARTLY_PAID -> {
                if (amount == null && errors.isEmpty()) {
                    errors.add("amountReceived", "validation.required");
                } else if (amount != null && (amount.signum() <= 0 || amount.compareTo(owed) >= 0)) {
                    errors.add("amountReceived", "grants.recovery.payment.partRange", new Money(owed));
                }
                LocalDate today = today();
                newDue = TaskFormInput.day("newDueOn", newDueText, today.plusDays(1), today.plusDays(MAX_DUE_DAYS), errors,
                        "grants.recovery.dueOn.notADate", "grants.recovery.dueOn.range");
            }
            case COLLECTION -> {
                if (amount != null && (amount.signum() < 0 || amount.compareTo(owed) >= 0)) {
                    errors.add("amountReceived", "grants.recovery.payment.partRange", new Money(owed));
                }
            }
        }
        errors.throwIfAny();
        OffsetDateTime now = OffsetDateTime.now(clock);
        recoveries.recordPayment(recovery.id(), outcome, amount, newDue, text, actor, now);
        switch (outcome) {
            case PARTLY_PAID -> recoveries.status(recovery.id(), GrantRecovery.Status.PARTLY_PAID, newDue, null);
            case PAID -> close(recovery, GrantRecovery.Status.PAID, now);
            case COLLECTION -> close(recovery, GrantRecovery.Status.COLLECTION, now);
        }
        return new Recorded(outcome, newDue == null ? null : dueAt(newDue));
    }

    private void close(GrantRecovery recovery, GrantRecovery.Status status, OffsetDateTime now) {
        recoveries.status(recovery.id(), status, null, now);
        GrantFunding funding = fundings.lock(recovery.fundingId());
        if (funding.status() == GrantFunding.Status.RECOVERY) {
            fundings.status(funding.id(), recovery.fundingStatusBefore());
        }
    }

    /** The case's recoveries with what was recorded of each, oldest first. */
    public List<GrantRecovery.Shown> ofCase(long caseId) {
        return recoveries.ofCase(caseId).stream()
                .map(r -> new GrantRecovery.Shown(r, recoveries.payments(r.id()), recoveries.received(r.id()))).toList();
    }

    /** Whether the case has a funding with something paid and no recovery open: the start form is offered. */
    public boolean startable(CaseFile caseFile) {
        return fundingOfCase(caseFile.id()).filter(f -> fundings.paid(f.id()).signum() > 0)
                .filter(f -> recoveries.openOf(f.id()).isEmpty()).isPresent();
    }

    public Optional<GrantFunding> fundingOfCase(long caseId) {
        return fundings.ofCase(caseId);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Locales.HELSINKI));
    }
}
