package fi.silta.negotiations;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.web.InvalidInput;
import fi.silta.web.TextRules;

/**
 * The memo of a hyte negotiation: agreed goals, cooperation and information flow, its measures (each with an
 * owner: the county, a municipality or an organisation; a due date; an indicator), both sides' approvals per
 * approval round, and the follow-up status of each measure. The one place of the memo's rules: a memo goes to
 * approval only with at least one measure, each with an owner and a due date; nothing is edited while the
 * sides are approving it or after it was approved.
 */
@Service
public class HyteMemos {

    public enum Status { DRAFT, IN_APPROVAL, CHANGES_REQUESTED, APPROVED, PUBLISHED }

    public enum OwnerKind { COUNTY, MUNICIPALITY, ORGANISATION }

    public enum MeasureStatus { OPEN, IN_PROGRESS, DONE, LATE }

    public enum Side { COUNTY, MUNICIPALITY }

    public enum Decision { APPROVE, CHANGES }

    public record Memo(long id, long negotiationId, String goals, String cooperation, String informationFlow, Status status,
            int approvalRound, Long pdfFiDocumentId, Long pdfSvDocumentId, OffsetDateTime publishedAt, String updatedBy,
            OffsetDateTime updatedAt) {
        public boolean editable() {
            return status == Status.DRAFT || status == Status.CHANGES_REQUESTED;
        }
    }

    public record Measure(long id, long memoId, int position, String text, OwnerKind ownerKind, Long ownerOrganisationId,
            LocalDate dueDate, String indicator, MeasureStatus status, String note, OffsetDateTime remindedAt, String updatedBy,
            OffsetDateTime updatedAt) {
    }

    /** A measure as the coordinator typed it (owner kind and due date may be missing: refused on saving). */
    public record MeasureInput(String text, OwnerKind ownerKind, Long ownerOrganisationId, LocalDate dueDate, String indicator) {
    }

    public record MemoInput(String goals, String cooperation, String informationFlow, List<MeasureInput> measures) {
    }

    public record Review(long id, long memoId, int approvalRound, Side side, Decision decision, String comments,
            Long organisationId, String decidedBy, OffsetDateTime decidedAt) {
    }

    static final int LONG_TEXT = 8000;
    static final int MEASURE_TEXT = 4000;
    static final int INDICATOR = 1000;

    private final JdbcClient jdbc;
    private final HyteMemoNegotiations negotiations;
    private final Clock clock;

    public HyteMemos(JdbcClient jdbc, HyteMemoNegotiations negotiations, Clock clock) {
        this.jdbc = jdbc;
        this.negotiations = negotiations;
        this.clock = clock;
    }

    public Optional<Memo> memo(long negotiationId) {
        return jdbc.sql("select * from hyte_memo where negotiation_id = ?").param(negotiationId).query(HyteMemos::memoRow).optional();
    }

    /** The measures of the negotiation's memo in their order (empty when there is no memo). */
    public List<Measure> measures(long negotiationId) {
        return jdbc.sql("select m.* from hyte_measure m join hyte_memo h on h.id = m.memo_id where h.negotiation_id = ? order by m.position")
                .param(negotiationId).query(HyteMemos::measureRow).list();
    }

    public Optional<Measure> measure(long measureId) {
        return jdbc.sql("select * from hyte_measure where id = ?").param(measureId).query(HyteMemos::measureRow).optional();
    }

    public Optional<Measure> measure(long negotiationId, int position) {
        return jdbc.sql("select m.* from hyte_measure m join hyte_memo h on h.id = m.memo_id where h.negotiation_id = ? and m.position = ?")
                .params(negotiationId, position).query(HyteMemos::measureRow).optional();
    }

    public List<Review> reviews(long memoId) {
        return jdbc.sql("select * from hyte_memo_review where memo_id = ? order by approval_round, decided_at, id").param(memoId)
                .query(HyteMemos::reviewRow).list();
    }

    /**
     * Saves the memo as typed (a draft may lack measures; a measure typed must have its text, owner and due
     * date). Refused with nothing changed while the sides approve it or once approved.
     */
    @Transactional
    public Memo save(long negotiationId, MemoInput input, String by) {
        Optional<Memo> existing = lock(negotiationId);
        if (existing.isPresent() && !existing.get().editable()) {
            throw InvalidInput.of("memo", "hyte.memo.notEditable");
        }
        input = normalised(input);
        check(input, false);
        checkOwners(negotiationId, input);
        OffsetDateTime now = now();
        long memoId;
        if (existing.isEmpty()) {
            jdbc.sql("""
                    insert into hyte_memo (negotiation_id, goals, cooperation, information_flow, status, approval_round, updated_by, updated_at)
                    values (?, ?, ?, ?, 'DRAFT', 0, ?, ?)""")
                    .params(negotiationId, trim(input.goals()), trim(input.cooperation()), trim(input.informationFlow()), by, now)
                    .update();
            memoId = memo(negotiationId).orElseThrow().id();
        } else {
            memoId = existing.get().id();
            jdbc.sql("update hyte_memo set goals = ?, cooperation = ?, information_flow = ?, updated_by = ?, updated_at = ? where id = ?")
                    .params(trim(input.goals()), trim(input.cooperation()), trim(input.informationFlow()), by, now, memoId).update();
        }
        jdbc.sql("delete from hyte_measure where memo_id = ?").param(memoId).update();
        int position = 1;
        for (MeasureInput m : input.measures()) {
            jdbc.sql("""
                    insert into hyte_measure (memo_id, position, text, owner_kind, owner_organisation_id, due_date, indicator, status)
                    values (?, ?, ?, ?, ?, ?, ?, 'OPEN')""")
                    .params(memoId, position++, trim(m.text()), m.ownerKind().name(),
                            m.ownerKind() == OwnerKind.COUNTY ? null : m.ownerOrganisationId(), m.dueDate(), blankToNull(m.indicator()))
                    .update();
        }
        return memo(negotiationId).orElseThrow();
    }

    /**
     * The memo goes to the sides' approval (the coordinator completes Task_RecordMemo): refused with nothing
     * changed when there is no memo, it has no measures, or a measure lacks its owner or due date; a new
     * approval round, so earlier answers no longer count.
     */
    @Transactional
    public Memo submitForApproval(long negotiationId, String by) {
        Memo memo = lock(negotiationId).orElseThrow(() -> InvalidInput.of("memo", "hyte.memo.missing"));
        if (memo.status() == Status.IN_APPROVAL) {
            return memo;
        }
        if (!memo.editable()) {
            throw InvalidInput.of("memo", "hyte.memo.notEditable");
        }
        List<Measure> measures = measures(negotiationId);
        check(new MemoInput(memo.goals(), memo.cooperation(), memo.informationFlow(), measures.stream()
                .map(m -> new MeasureInput(m.text(), m.ownerKind(), m.ownerOrganisationId(), m.dueDate(), m.indicator())).toList()), true);
        jdbc.sql("update hyte_memo set status = 'IN_APPROVAL', approval_round = approval_round + 1, updated_by = ?, updated_at = ? where id = ?")
                .params(by, now(), memo.id()).update();
        return memo(negotiationId).orElseThrow();
    }

    /**
     * One side's answer in the current approval round (who may give it is checked by the caller). A change
     * request needs its comments. A second answer of the same side in the same round is refused.
     */
    @Transactional
    public Review review(long negotiationId, Side side, Decision decision, String comments, Long organisationId, String by) {
        Memo memo = lock(negotiationId).orElseThrow(() -> InvalidInput.of("memo", "hyte.memo.missing"));
        if (memo.status() != Status.IN_APPROVAL && memo.status() != Status.CHANGES_REQUESTED) {
            throw InvalidInput.of("memoDecision", "hyte.memo.approval.notOpen");
        }
        if (decision == null) {
            throw InvalidInput.of("memoDecision", "hyte.memo.approval.decisionMissing");
        }
        String text = blankToNull(normalised(comments));
        if (decision == Decision.CHANGES && text == null) {
            throw InvalidInput.of("memoComments", "hyte.memo.approval.commentsMissing");
        }
        if (text != null) {
            refuseControl("memoComments", text);
            if (text.length() > LONG_TEXT) {
                throw InvalidInput.of("memoComments", "hyte.memo.tooLong", LONG_TEXT);
            }
        }
        int round = memo.approvalRound();
        if (current(memo, side).isPresent()) {
            throw InvalidInput.of("memoDecision", "hyte.memo.approval.alreadyAnswered");
        }
        jdbc.sql("""
                insert into hyte_memo_review (memo_id, approval_round, side, decision, comments, organisation_id, decided_by, decided_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(memo.id(), round, side.name(), decision.name(), text, organisationId, by, now()).update();
        if (decision == Decision.CHANGES) {
            jdbc.sql("update hyte_memo set status = 'CHANGES_REQUESTED' where id = ?").param(memo.id()).update();
        } else if (memo.status() == Status.IN_APPROVAL && current(memo, other(side)).filter(r -> r.decision() == Decision.APPROVE).isPresent()) {
            jdbc.sql("update hyte_memo set status = 'APPROVED' where id = ?").param(memo.id()).update();
        }
        return current(memo, side).orElseThrow();
    }

    /** This side's answer in the memo's current approval round. */
    public Optional<Review> current(Memo memo, Side side) {
        return jdbc.sql("select * from hyte_memo_review where memo_id = ? and approval_round = ? and side = ?")
                .params(memo.id(), memo.approvalRound(), side.name()).query(HyteMemos::reviewRow).optional();
    }

    /** Whether a side asked for changes in the current round (what the negotiation's gateway asks). */
    public boolean changesRequested(long negotiationId) {
        return memo(negotiationId).map(m -> m.status() == Status.CHANGES_REQUESTED).orElse(false);
    }

    /** Approved by both sides in the current round. */
    public boolean approved(long negotiationId) {
        return memo(negotiationId).map(m -> m.status() == Status.APPROVED || m.status() == Status.PUBLISHED).orElse(false);
    }

    @Transactional
    public void markPublished(long memoId, Long pdfFi, Long pdfSv) {
        jdbc.sql("update hyte_memo set status = 'PUBLISHED', pdf_fi_document_id = ?, pdf_sv_document_id = ?, published_at = ? where id = ?")
                .params(pdfFi, pdfSv, now(), memoId).update();
    }

    /**
     * The owner's update of a measure's follow-up status: in progress needs a note, late a reason. Who may
     * give it is checked by the caller.
     */
    @Transactional
    public Measure updateMeasure(long measureId, MeasureStatus status, String note, String by) {
        if (status == null || status == MeasureStatus.OPEN) {
            throw InvalidInput.of("measureStatus", "hyte.measure.statusMissing");
        }
        String text = blankToNull(normalised(note));
        if (text == null && status == MeasureStatus.IN_PROGRESS) {
            throw InvalidInput.of("measureNote", "hyte.measure.noteMissing");
        }
        if (text == null && status == MeasureStatus.LATE) {
            throw InvalidInput.of("measureNote", "hyte.measure.reasonMissing");
        }
        if (text != null) {
            refuseControl("measureNote", text);
            if (text.length() > MEASURE_TEXT) {
                throw InvalidInput.of("measureNote", "hyte.memo.tooLong", MEASURE_TEXT);
            }
        }
        Measure measure = measure(measureId).orElseThrow(() -> InvalidInput.of("measureStatus", "hyte.measure.unknown"));
        if (measure.status() == MeasureStatus.DONE) {
            throw InvalidInput.of("measureStatus", "hyte.measure.alreadyDone");
        }
        jdbc.sql("update hyte_measure set status = ?, note = ?, updated_by = ?, updated_at = ? where id = ?")
                .params(status.name(), text, by, now(), measureId).update();
        return measure(measureId).orElseThrow();
    }

    /** The due date passed and the owner has not reported it done: late (the note stays). */
    @Transactional
    public boolean markLateIfOpen(long measureId) {
        return jdbc.sql("update hyte_measure set status = 'LATE', updated_by = 'silta', updated_at = ? where id = ? and status in ('OPEN', 'IN_PROGRESS')")
                .params(now(), measureId).update() == 1;
    }

    /** Marks the reminder sent; false when it was sent already (a loop of the follow-up does not repeat it). */
    @Transactional
    public boolean markReminded(long measureId) {
        return jdbc.sql("update hyte_measure set reminded_at = ? where id = ? and reminded_at is null").params(now(), measureId).update() == 1;
    }

    /**
     * Measures late or at risk on {@code today}: LATE, or not DONE with the due date passed or within
     * {@code riskDays} days.
     */
    public List<Measure> lateOrAtRisk(long negotiationId, LocalDate today, int riskDays) {
        List<Measure> found = new ArrayList<>();
        for (Measure m : measures(negotiationId)) {
            if (m.status() == MeasureStatus.LATE
                    || (m.status() != MeasureStatus.DONE && !m.dueDate().isAfter(today.plusDays(riskDays)))) {
                found.add(m);
            }
        }
        return found;
    }

    /** A municipality owner must be one of the negotiation's; an organisation owner an organisation of the registry. */
    private void checkOwners(long negotiationId, MemoInput input) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        var municipalities = negotiations.municipalities(negotiationId).stream().map(HyteMemoNegotiations.Municipality::organisationId)
                .toList();
        int n = 1;
        for (MeasureInput m : input.measures()) {
            if (m.ownerKind() == OwnerKind.MUNICIPALITY && !municipalities.contains(m.ownerOrganisationId())
                    || m.ownerKind() == OwnerKind.ORGANISATION && !negotiations.isOrganisation(m.ownerOrganisationId())) {
                errors.add("measure" + n + ".owner", "hyte.measure.ownerNotAllowed", n);
            }
            n++;
        }
        errors.throwIfAny();
    }

    /** The refusals of a memo's content, all at once ({@code complete}: also no measures). */
    static void check(MemoInput input, boolean complete) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        text(errors, "goals", input.goals(), LONG_TEXT);
        text(errors, "cooperation", input.cooperation(), LONG_TEXT);
        text(errors, "informationFlow", input.informationFlow(), LONG_TEXT);
        if (complete && blankToNull(input.goals()) == null) {
            errors.add("goals", "hyte.memo.goalsMissing");
        }
        if (complete && input.measures().isEmpty()) {
            errors.add("measures", "hyte.memo.noMeasures");
        }
        int n = 1;
        for (MeasureInput m : input.measures()) {
            String field = "measure" + n;
            if (blankToNull(m.text()) == null) {
                errors.add(field + ".text", "hyte.measure.textMissing", n);
            } else {
                text(errors, field + ".text", m.text(), MEASURE_TEXT);
            }
            if (m.ownerKind() == null) {
                errors.add(field + ".owner", "hyte.measure.ownerMissing", n);
            } else if (m.ownerKind() != OwnerKind.COUNTY && m.ownerOrganisationId() == null) {
                errors.add(field + ".owner", "hyte.measure.ownerOrganisationMissing", n);
            }
            if (m.dueDate() == null) {
                errors.add(field + ".due", "hyte.measure.dueMissing", n);
            }
            text(errors, field + ".indicator", m.indicator(), INDICATOR);
            n++;
        }
        errors.throwIfAny();
    }

    private static void text(InvalidInput.Collector errors, String field, String value, int max) {
        if (value == null) {
            return;
        }
        String problem = TextRules.problem(value, true);
        if (problem != null) {
            errors.add(field, problem);
        }
        if (value.length() > max) {
            errors.add(field, "hyte.memo.tooLong", max);
        }
    }

    private static void refuseControl(String field, String text) {
        String problem = TextRules.problem(text, true);
        if (problem != null) {
            throw InvalidInput.of(field, problem);
        }
    }

    private Optional<Memo> lock(long negotiationId) {
        // the negotiation row is the lock of its memo: two saves (two tabs, the task completing) run one after the other
        jdbc.sql("select id from hyte_negotiation where id = ? for update").param(negotiationId).query(Long.class).optional()
                .orElseThrow(() -> InvalidInput.of("memo", "hyte.memo.noNegotiation"));
        return memo(negotiationId);
    }

    /** Line breaks as a browser sends them (CR LF) become LF. */
    static String normalised(String text) {
        return text == null ? null : text.replace("\r\n", "\n");
    }

    private static MemoInput normalised(MemoInput input) {
        return new MemoInput(normalised(input.goals()), normalised(input.cooperation()), normalised(input.informationFlow()),
                input.measures().stream().map(m -> new MeasureInput(normalised(m.text()), m.ownerKind(), m.ownerOrganisationId(),
                        m.dueDate(), normalised(m.indicator()))).toList());
    }

    private static Side other(Side side) {
        return side == Side.COUNTY ? Side.MUNICIPALITY : Side.COUNTY;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String trim(String text) {
        return text == null ? "" : text.strip();
    }

    private static Memo memoRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Memo(rs.getLong("id"), rs.getLong("negotiation_id"), rs.getString("goals"), rs.getString("cooperation"),
                rs.getString("information_flow"), Status.valueOf(rs.getString("status")), rs.getInt("approval_round"),
                (Long) rs.getObject("pdf_fi_document_id", Long.class), (Long) rs.getObject("pdf_sv_document_id", Long.class),
                rs.getObject("published_at", OffsetDateTime.class), rs.getString("updated_by"), rs.getObject("updated_at", OffsetDateTime.class));
    }

    private static Measure measureRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Measure(rs.getLong("id"), rs.getLong("memo_id"), rs.getInt("position"), rs.getString("text"),
                OwnerKind.valueOf(rs.getString("owner_kind")), rs.getObject("owner_organisation_id", Long.class),
                rs.getObject("due_date", LocalDate.class), rs.getString("indicator"), MeasureStatus.valueOf(rs.getString("status")),
                rs.getString("note"), rs.getObject("reminded_at", OffsetDateTime.class), rs.getString("updated_by"),
                rs.getObject("updated_at", OffsetDateTime.class));
    }

    private static Review reviewRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Review(rs.getLong("id"), rs.getLong("memo_id"), rs.getInt("approval_round"), Side.valueOf(rs.getString("side")),
                Decision.valueOf(rs.getString("decision")), rs.getString("comments"), rs.getObject("organisation_id", Long.class),
                rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class));
    }
}
