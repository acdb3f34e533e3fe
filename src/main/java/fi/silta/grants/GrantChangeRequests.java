package fi.silta.grants;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;


import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.documents.DocumentService;
import fi.silta.cases.documents.Upload;
import fi.silta.engine.RecordRows;
import fi.silta.portal.forms.TaskFormInput;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;
import fi.silta.web.Money;

/**
 * Change requests (muutoshakemus, issue 13 item 3): during the grant period a verified contact of the
 * organisation asks on the status page for a budget shift between the lines of the terms in force (the
 * total unchanged, no line negative), a later due date of the use-of-funds report, or a change of
 * content, with reasons; one open request per funding. The request starts {@code grantChangeRequest}
 * (business key the case's reference); the round's decision maker decides it (granted, partly granted,
 * refused, with reasons), and a granted change becomes the funding's new terms
 * ({@link GrantFundings#changeTerms}); the process that waits for a report hears of it (message
 * {@value #TERMS_CHANGED_MESSAGE}).
 */
@Service
public class GrantChangeRequests {

    public static final String PROCESS_KEY = "grantChangeRequest";
    public static final String TERMS_CHANGED_MESSAGE = "GrantTermsChanged";
    public static final String REQUEST_ID = "changeRequestId";
    public static final int TEXT_MAX = 4000;
    static final String ASKED = "ASKED";
    static final String GRANTED = "GRANTED";
    static final String ATTACHMENT_FIELD = "changeAttachments";

    static final String COLUMNS = "id, funding_id, case_id, kind, requested_report_due, content, reasons, document_ids, requested_by, "
            + "requested_at, open_funding_id, process_instance_id, outcome, decision_reasons, granted_report_due, decided_by, "
            + "decided_at, terms_version, language, document_id, notice, outbox_mail_id, letter_sent_on, received_on, "
            + "rectification_last_day";

    /** What a contact asked for, as typed on the status page. */
    public record Asked(String kind, List<String> lineAmounts, String reportDue, String content, String reasons) {
    }

    /** A request stored (or, for the same post twice, the one stored first: {@code repeated}). */
    public record Filed(GrantChangeRequest request, boolean repeated) {
    }

    private final JdbcClient jdbc;
    private final GrantFundings fundings;
    private final GrantRoundRepository rounds;
    private final DocumentService documents;
    private final RuntimeService runtime;
    private final Clock clock;
    private final GrantRoundDisqualifications disqualifications;

    public GrantChangeRequests(JdbcClient jdbc, GrantFundings fundings, GrantRoundRepository rounds, DocumentService documents,
            RuntimeService runtime, Clock clock, GrantRoundDisqualifications disqualifications) {
        this.disqualifications = disqualifications;
        this.jdbc = jdbc;
        this.fundings = fundings;
        this.rounds = rounds;
        this.documents = documents;
        this.runtime = runtime;
        this.clock = clock;
    }

    // --- the grant period ---------------------------------------------------------------------------------------

    /**
     * Whether the organisation may still ask for a change of this funding: its grant period runs
     * ({@link GrantFunding.Status#open()}) and no final use-of-funds report has been submitted.
     */
    public boolean periodRuns(GrantFunding funding) {
        return funding.status().open() && !finalReportSubmitted(funding.id());
    }

    /** The funding's FINAL use-of-funds report has been sent (a version of it exists): the grant period is over. */
    public boolean finalReportSubmitted(long fundingId) {
        return jdbc.sql("select count(*) from grant_report r join grant_report_version v on v.report_id = r.id "
                + "where r.funding_id = ? and r.kind = 'FINAL'").param(fundingId).query(Long.class).single() > 0;
    }

    /** The case's funding (the latest). */
    public Optional<GrantFunding> fundingOf(long caseId) {
        return fundings.ofCase(caseId);
    }

    /** The funding of a case whose organisation may ask for a change now, if any. */
    public Optional<GrantFunding> changeable(CaseFile caseFile) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION) {
            return Optional.empty();
        }
        return fundingOf(caseFile.id()).filter(f -> caseFile.organisationId() != null
                && f.organisationId() == caseFile.organisationId()).filter(this::periodRuns);
    }

    // --- the request --------------------------------------------------------------------------------------------

    /**
     * Stores the request of {@code requestedBy} (already checked to be a verified contact of the case's
     * organisation) and starts its handling, in one transaction: refused with nothing stored when the case
     * has no grant of its organisation, the grant period is over or the final report is in, another request
     * of the funding waits for its decision, or what was asked is not valid. The same post twice (the same
     * {@code submissionKey}) is the first request.
     */
    @Transactional
    public Filed file(CaseFile caseFile, String requestedBy, Asked asked, List<Upload> uploads, String submissionKey) {
        if (submissionKey != null) {
            Optional<GrantChangeRequest> same = bySubmissionKey(submissionKey).filter(r -> r.caseId() == caseFile.id());
            if (same.isPresent()) {
                return new Filed(same.get(), true);
            }
        }
        GrantFunding found = caseFile.kind() != CaseKind.GRANT_APPLICATION ? null : fundingOf(caseFile.id())
                .filter(f -> caseFile.organisationId() != null && f.organisationId() == caseFile.organisationId()).orElse(null);
        if (found == null) {
            throw InvalidInput.of("changeKind", "grants.change.noGrant");
        }
        // requests of one funding one after the other: the second of two tabs sees the first
        GrantFunding funding = fundings.lock(found.id());
        if (submissionKey != null) {
            Optional<GrantChangeRequest> same = bySubmissionKey(submissionKey).filter(r -> r.caseId() == caseFile.id());
            if (same.isPresent()) {
                return new Filed(same.get(), true);
            }
        }
        if (!periodRuns(funding)) {
            throw InvalidInput.of("changeKind", "grants.change.periodOver");
        }
        Optional<GrantChangeRequest> open = openOf(funding.id());
        if (open.isPresent()) {
            throw InvalidInput.of("changeKind", "grants.change.alreadyOpen",
                    TaskFormInput.DAY.format(open.get().requestedAt().atZoneSameInstant(Locales.HELSINKI)));
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        GrantChangeRequest.Kind kind = kind(asked.kind(), errors);
        List<BudgetLine> lines = null;
        LocalDate reportDue = null;
        String content = null;
        if (kind == GrantChangeRequest.Kind.BUDGET) {
            lines = shiftedLines("changeLines", fundings.lines(funding.id()), asked.lineAmounts(), errors, true);
        } else if (kind == GrantChangeRequest.Kind.TIME) {
            reportDue = laterDue("changeReportDue", asked.reportDue(), funding.reportDue(), null, errors);
        } else if (kind == GrantChangeRequest.Kind.CONTENT) {
            content = text("changeContent", asked.content(), errors);
        }
        String reasons = text("changeReasons", asked.reasons(), errors);
        errors.throwIfAny();

        String documentIds = null;
        if (uploads != null && !uploads.isEmpty()) {
            documentIds = documents.storeAll(caseFile.id(), uploads, requestedBy).stream().map(d -> String.valueOf(d.id()))
                    .collect(Collectors.joining(","));
        }
        String language = "sv".equals(caseFile.language()) ? "sv" : "fi";
        var key = new GeneratedKeyHolder();
        try {
            jdbc.sql("insert into grant_change_request (funding_id, case_id, kind, requested_report_due, content, reasons, document_ids, "
                            + "requested_by, requested_at, submission_key, open_funding_id, language) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(funding.id(), caseFile.id(), kind.name(), reportDue, content, reasons, documentIds, requestedBy,
                            OffsetDateTime.now(clock), submissionKey, funding.id(), language)
                    .update(key, "id");
        } catch (DuplicateKeyException raced) {
            throw InvalidInput.of("changeKind", "grants.change.alreadyOpen",
                    TaskFormInput.DAY.format(LocalDate.now(clock.withZone(Locales.HELSINKI))));
        }
        long id = key.getKey().longValue();
        if (lines != null) {
            insertLines(id, ASKED, lines);
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(REQUEST_ID, id);
        variables.put("caseReference", caseFile.reference());
        runtime.startProcessInstanceByKey(PROCESS_KEY, caseFile.reference(), variables);
        return new Filed(find(id).orElseThrow(), false);
    }

    /** The process handling a request, set once when it starts. */
    void bind(long requestId, String processInstanceId) {
        if (jdbc.sql("update grant_change_request set process_instance_id = ? where id = ? and process_instance_id is null")
                .params(processInstanceId, requestId).update() != 1) {
            throw new IllegalStateException("change request " + requestId + " is already handled or missing");
        }
    }

    // --- the decision -------------------------------------------------------------------------------------------

    /**
     * The decision maker's answer on the request of the process {@code processInstanceId}, checked and
     * recorded: only the round's decision maker ({@code actor}), once; reasons required; a partly granted
     * budget shift with the granted amount per line (the total unchanged, none negative), a partly granted
     * extension with a day later than the terms' due day and earlier than the one asked for.
     */
    @Transactional
    public GrantChangeRequest recordDecision(String processInstanceId, String outcomeText, String reasonsText, String grantedAmounts,
            String grantedDueText, String actor) {
        GrantChangeRequest request = byProcessInstance(processInstanceId).orElseThrow(
                () -> new IllegalStateException("no change request of process " + processInstanceId));
        GrantFunding funding = fundings.lock(request.fundingId());
        String decisionMaker = disqualifications.deciderOf(funding.roundId(), funding.applicationId());
        if (actor == null || !actor.equals(decisionMaker)) {
            throw InvalidInput.of("changeOutcome", "grants.change.decision.notDecisionMaker");
        }
        if (!request.open()) {
            throw InvalidInput.of("changeOutcome", "grants.change.decision.already");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        GrantChangeRequest.Outcome outcome = null;
        try {
            outcome = GrantChangeRequest.Outcome.valueOf(outcomeText == null ? "" : outcomeText.strip());
        } catch (IllegalArgumentException none) {
            errors.add("changeOutcome", "grants.change.outcome.required");
        }
        String reasons = text("changeDecisionReasons", reasonsText, errors);
        List<BudgetLine> grantedLines = null;
        LocalDate grantedDue = null;
        if (outcome == GrantChangeRequest.Outcome.GRANTED) {
            if (request.kind() == GrantChangeRequest.Kind.BUDGET) {
                grantedLines = lines(request.id(), ASKED);
            } else if (request.kind() == GrantChangeRequest.Kind.TIME) {
                grantedDue = request.requestedReportDue();
            }
        } else if (outcome == GrantChangeRequest.Outcome.PARTLY_GRANTED) {
            if (request.kind() == GrantChangeRequest.Kind.BUDGET) {
                List<String> amounts = grantedAmounts == null || grantedAmounts.isBlank() ? List.of()
                        : List.of(grantedAmounts.split(";", -1));
                grantedLines = shiftedLines("changeGrantedAmounts", fundings.lines(funding.id()), amounts, errors, false);
            } else if (request.kind() == GrantChangeRequest.Kind.TIME) {
                grantedDue = laterDue("changeGrantedReportDue", grantedDueText, funding.reportDue(), request.requestedReportDue(), errors);
            }
        }
        errors.throwIfAny();
        jdbc.sql("update grant_change_request set outcome = ?, decision_reasons = ?, granted_report_due = ?, decided_by = ? where id = ?")
                .params(outcome.name(), reasons, grantedDue, actor, request.id()).update();
        jdbc.sql("delete from grant_change_request_line where request_id = ? and which = ?").params(request.id(), GRANTED).update();
        if (grantedLines != null) {
            insertLines(request.id(), GRANTED, grantedLines);
        }
        return find(request.id()).orElseThrow();
    }

    /**
     * The recorded decision takes effect: it is dated now, the funding's request is no longer open, and a
     * granted or partly granted change becomes the funding's terms (one more terms version). True when the
     * terms changed. Runs again safely.
     */
    @Transactional
    public boolean issue(String processInstanceId) {
        GrantChangeRequest request = byProcessInstance(processInstanceId).orElseThrow();
        if (request.outcome() == null) {
            throw new IllegalStateException("change request " + request.id() + " has no decision");
        }
        if (request.decidedAt() != null) {
            return request.termsVersion() != null;
        }
        Integer version = null;
        if (request.outcome().changesTerms()) {
            List<BudgetLine> granted = lines(request.id(), GRANTED);
            fundings.changeTerms(request.fundingId(), granted.isEmpty() ? null : granted, request.grantedReportDue());
            version = fundings.find(request.fundingId()).orElseThrow().termsVersion();
        }
        jdbc.sql("update grant_change_request set decided_at = ?, open_funding_id = null, terms_version = ? where id = ?")
                .params(OffsetDateTime.now(clock), version, request.id()).update();
        return version != null;
    }

    /** Tells the processes of the case (a use-of-funds report waiting for its due day) that the terms changed. */
    public int announceTermsChanged(String caseReference) {
        return runtime.createMessageCorrelation(TERMS_CHANGED_MESSAGE).processInstanceBusinessKey(caseReference)
                .correlateAllWithResult().size();
    }

    // --- delivery -----------------------------------------------------------------------------------------------

    void documentStored(long requestId, long documentId) {
        jdbc.sql("update grant_change_request set document_id = ? where id = ?").params(documentId, requestId).update();
    }

    void mailed(long requestId, long mailId) {
        jdbc.sql("update grant_change_request set notice = 'MAIL', outbox_mail_id = ? where id = ?").params(mailId, requestId).update();
    }

    void letterSent(long requestId, LocalDate sentOn) {
        jdbc.sql("update grant_change_request set notice = 'LETTER', letter_sent_on = ? where id = ?").params(sentOn, requestId).update();
    }

    void received(long requestId, LocalDate receivedOn, LocalDate lastDay) {
        jdbc.sql("update grant_change_request set received_on = ?, rectification_last_day = ? where id = ?")
                .params(receivedOn, lastDay, requestId).update();
    }

    // --- reading ------------------------------------------------------------------------------------------------

    public Optional<GrantChangeRequest> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from grant_change_request where id = ?").param(id)
                .query(RecordRows.of(GrantChangeRequest.class)).optional();
    }

    /** The request a process handles: read from the table by the process, never from a variable a form could set. */
    public Optional<GrantChangeRequest> byProcessInstance(String processInstanceId) {
        return jdbc.sql("select " + COLUMNS + " from grant_change_request where process_instance_id = ?").param(processInstanceId)
                .query(RecordRows.of(GrantChangeRequest.class)).optional();
    }

    public Optional<GrantChangeRequest> openOf(long fundingId) {
        return jdbc.sql("select " + COLUMNS + " from grant_change_request where open_funding_id = ?").param(fundingId)
                .query(RecordRows.of(GrantChangeRequest.class)).optional();
    }

    public List<GrantChangeRequest> ofCase(long caseId) {
        return jdbc.sql("select " + COLUMNS + " from grant_change_request where case_id = ? order by id").param(caseId)
                .query(RecordRows.of(GrantChangeRequest.class)).list();
    }

    private Optional<GrantChangeRequest> bySubmissionKey(String key) {
        return jdbc.sql("select " + COLUMNS + " from grant_change_request where submission_key = ?").param(key)
                .query(RecordRows.of(GrantChangeRequest.class)).optional();
    }

    /** The budget lines asked for ({@code ASKED}) or granted ({@code GRANTED}), in order. */
    public List<BudgetLine> lines(long requestId, String which) {
        return jdbc.sql("select description, amount from grant_change_request_line where request_id = ? and which = ? order by position")
                .params(requestId, which).query((rs, n) -> new BudgetLine(rs.getString(1), rs.getBigDecimal(2))).list();
    }

    /** Every line of the case's requests in one query: by request id, the lines asked ({@code ASKED}) and granted. */
    public Map<Long, Map<String, List<BudgetLine>>> linesOfCase(long caseId) {
        Map<Long, Map<String, List<BudgetLine>>> all = new HashMap<>();
        jdbc.sql("select l.request_id, l.which, l.description, l.amount from grant_change_request_line l "
                        + "join grant_change_request r on r.id = l.request_id where r.case_id = ? order by l.request_id, l.which, l.position")
                .param(caseId).query(rs -> {
                    all.computeIfAbsent(rs.getLong(1), id -> new HashMap<>()).computeIfAbsent(rs.getString(2), w -> new ArrayList<>())
                            .add(new BudgetLine(rs.getString(3), rs.getBigDecimal(4)));
                });
        return all;
    }

    // --- rules --------------------------------------------------------------------------------------------------

    private static GrantChangeRequest.Kind kind(String text, InvalidInput.Collector errors) {
        try {
            return GrantChangeRequest.Kind.valueOf(text == null ? "" : text.strip());
        } catch (IllegalArgumentException none) {
            errors.add("changeKind", "grants.change.kind.required");
            return null;
        }
    }

    /**
     * New amounts for the lines in force, in their order: one per line, none negative, the total the
     * same as now; when {@code mustDiffer}, not all the same as now.
     */
    static List<BudgetLine> shiftedLines(String field, List<BudgetLine> inForce, List<String> amounts, InvalidInput.Collector errors,
            boolean mustDiffer) {
        if (amounts == null || amounts.size() != inForce.size()) {
            errors.add(field, "grants.change.budget.lineCount", inForce.size());
            return null;
        }
        List<BudgetLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal before = BigDecimal.ZERO;
        boolean changed = false;
        InvalidInput.Collector lineErrors = new InvalidInput.Collector();
        for (int i = 0; i < inForce.size(); i++) {
            String typed = amounts.get(i) == null ? "" : amounts.get(i).strip();
            if (typed.isEmpty()) {
                lineErrors.add(field, "grants.change.budget.lineMissing", inForce.get(i).description());
                continue;
            }
            BigDecimal amount = TaskFormInput.parseMoney(field, typed, lineErrors);
            if (amount == null) {
                continue;
            }
            total = total.add(amount);
            before = before.add(inForce.get(i).amount());
            changed |= amount.compareTo(inForce.get(i).amount()) != 0;
            lines.add(new BudgetLine(inForce.get(i).description(), amount));
        }
        if (!lineErrors.isEmpty()) {
            lineErrors.errors().forEach(e -> errors.add(e.field(), e.messageKey(), e.args()));
            return null;
        }
        if (total.compareTo(before) != 0) {
            errors.add(field, "grants.change.budget.totalChanged", new Money(total), new Money(before));
            return null;
        }
        if (mustDiffer && !changed) {
            errors.add(field, "grants.change.budget.unchanged");
            return null;
        }
        return lines;
    }

    /** A due day later than {@code current} and, when {@code before} is given, earlier than it. */
    private static LocalDate laterDue(String field, String text, LocalDate current, LocalDate before, InvalidInput.Collector errors) {
        LocalDate latest = before == null ? current.plusYears(5) : before.minusDays(1);
        LocalDate earliest = current.plusDays(1);
        if (earliest.isAfter(latest)) {
            errors.add(field, "grants.change.time.noRoom", TaskFormInput.DAY.format(current), TaskFormInput.DAY.format(before));
            return null;
        }
        return TaskFormInput.day(field, text, earliest, latest, errors, "grants.change.time.notADate", "grants.change.time.range");
    }

    private static String text(String field, String value, InvalidInput.Collector errors) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            errors.add(field, "validation.required");
            return null;
        }
        if (text.length() > TEXT_MAX) {
            errors.add(field, "form.maxLength", TEXT_MAX);
            return null;
        }
        return text;
    }

    private void insertLines(long requestId, String which, List<BudgetLine> lines) {
        int position = 0;
        for (BudgetLine line : lines) {
            jdbc.sql("insert into grant_change_request_line (request_id, which, position, description, amount) values (?, ?, ?, ?, ?)")
                    .params(requestId, which, position++, line.description(), line.amount()).update();
        }
    }
}
