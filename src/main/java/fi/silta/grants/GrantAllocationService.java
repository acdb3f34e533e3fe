package fi.silta.grants;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.grants.GrantAllocationRepository.EventKind;
import fi.silta.grants.GrantAllocationRepository.Row;
import fi.silta.grants.GrantDecision.Basis;
import fi.silta.web.InvalidInput;
import fi.silta.web.Money;

/**
 * A round's allocation within its budget (issue 12): when every application is scored or rejected
 * (or the coordinator closed the review with a reason), Silta proposes amounts in score order while
 * the budget lasts; the coordinator changes amounts and the order, each with a reason; the decision
 * maker approves the whole list or returns it with comments. Every step locks the round's row, so
 * two tabs, two coordinators or a coordinator and the decision maker never interleave, and the
 * total is checked against the budget with the other changes already counted. The proposal, every
 * change, each return and the approval are kept with who and when ({@code grant_allocation_event}).
 */
@Service
public class GrantAllocationService {

    /** Applications still on their way to a score. */
    static final Set<GrantApplication.Status> UNDER_REVIEW = Set.of(GrantApplication.Status.SUBMITTED,
            GrantApplication.Status.IN_REVIEW);
    static final int REASON_MAX = 2000;

    private final GrantRoundRepository rounds;
    private final GrantApplicationRepository applications;
    private final GrantAllocationRepository allocation;
    private final Clock clock;
    private final org.camunda.bpm.engine.RuntimeService runtime;
    private final GrantRoundDisqualifications disqualifications;
    private final fi.silta.security.StaffDirectory staff;

    /** The decision maker's answer to the allocation. */
    public enum Answer {
        /** returned to the coordinator with comments */
        RETURNED,
        /** approved: every application is decided */
        APPROVED,
        /** approved by the decision maker for the cases they may decide; the substitute decides the rest */
        APPROVED_SUBSTITUTE_NEEDED
    }

    public GrantAllocationService(GrantRoundRepository rounds, GrantApplicationRepository applications,
            GrantAllocationRepository allocation, Clock clock, org.camunda.bpm.engine.RuntimeService runtime,
            GrantRoundDisqualifications disqualifications, fi.silta.security.StaffDirectory staff) {
        this.staff = staff;
        this.runtime = runtime;
        this.disqualifications = disqualifications;
        this.rounds = rounds;
        this.applications = applications;
        this.allocation = allocation;
        this.clock = clock;
    }

    /**
     * Whether the round's review is done: the call has closed and no application is still being
     * reviewed. Locks the round's row, so that of two applications finishing at the same moment the
     * second sees the first one's status and exactly one of them finds the review complete.
     */
    @Transactional
    public boolean reviewComplete(long roundId) {
        if (rounds.lock(roundId) != GrantRound.Status.CLOSED) {
            return false;
        }
        return applications.byRound(roundId).stream().noneMatch(a -> UNDER_REVIEW.contains(a.status()));
    }

    /** The coordinator closes the review before every application is scored: a reason is required. */
    @Transactional
    public void closeReviewEarly(long roundId, String reason, String actor) {
        if (rounds.lock(roundId) != GrantRound.Status.CLOSED) {
            throw InvalidInput.of("reviewClosedNote", "grants.allocation.review.notOpen");
        }
        requireFreeOnAll(roundId, actor, GrantRoundDisqualifications.Role.COORDINATOR);
        String note = requiredText("reviewClosedNote", reason);
        rounds.reviewClosed(roundId, note, actor);
        allocation.event(roundId, null, EventKind.REVIEW_CLOSED, null, null, null, null, note, actor, now());
        // the round's process waits at Gateway_WaitForReview; it goes on to the proposal in this transaction
        if (runtime.createMessageCorrelation(GrantDecisionDelegates.REVIEW_CLOSED_EARLY_MESSAGE)
                .processInstanceBusinessKey(GrantRoundService.reference(roundId)).correlateAllWithResult().isEmpty()) {
            // the last review finished meanwhile: the round has gone on by itself
            throw InvalidInput.of("reviewClosedNote", "grants.allocation.review.notOpen");
        }
    }

    /**
     * Silta's proposal, replacing the allocation: scored applications at or above the round's minimum
     * in score order (ties: the earlier submission first), each granted what it asked while the
     * budget lasts; the first one the rest of the budget does not cover gets that rest when
     * {@code lastPartly}, else nothing, and so do all after it. Below the minimum, ineligible,
     * incomplete and unscored applications get nothing. Withdrawn applications are not in it.
     */
    @Transactional
    public List<Row> propose(long roundId, boolean lastPartly, String actor) {
        GrantRound.Status status = rounds.lock(roundId);
        if (status != GrantRound.Status.CLOSED && status != GrantRound.Status.ALLOCATING) {
            throw InvalidInput.of("allocation", "grants.allocation.notOpen");
        }
        if (actor != null) {
            requireFreeOnAll(roundId, actor, GrantRoundDisqualifications.Role.COORDINATOR);
        }
        GrantRound round = rounds.find(roundId).orElseThrow();
        List<GrantApplication> all = applications.byRound(roundId).stream()
                .filter(a -> a.status() != GrantApplication.Status.DRAFT && a.status() != GrantApplication.Status.WITHDRAWN)
                .sorted(order(round.minimumScore())).toList();
        List<Row> rows = new ArrayList<>();
        BigDecimal left = round.budget();
        boolean exhausted = false;
        for (GrantApplication application : all) {
            Basis basis = basis(application, round.minimumScore());
            BigDecimal asked = application.amount() == null ? BigDecimal.ZERO : application.amount();
            BigDecimal amount = BigDecimal.ZERO;
            if (basis == Basis.SCORED && !exhausted) {
                if (asked.compareTo(left) <= 0) {
                    amount = asked;
                } else {
                    amount = lastPartly ? left : BigDecimal.ZERO;
                    exhausted = true;
                }
                left = left.subtract(amount);
            }
            rows.add(new Row(application.id(), roundId, rows.size() + 1, basis, asked, amount, amount, null, null, null, null));
        }
        allocation.replace(roundId, rows);
        allocation.event(roundId, null, EventKind.PROPOSED, round.budget().subtract(left), null, null, null,
                lastPartly ? "lastPartly" : null, actor, now());
        rounds.moveStatus(roundId, status, GrantRound.Status.ALLOCATING);
        return rows;
    }

    /**
     * The coordinator changes one application's amount and/or position, with a reason. Refused,
     * nothing stored: no reason; an amount below zero, with more than cents, above what was asked,
     * or for a rejected application; a position outside the list; a total over the budget; an
     * allocation not open for changes (sent for approval or approved).
     */
    @Transactional
    public void change(long roundId, long applicationId, String amountText, String positionText, String reason, String actor) {
        if (rounds.lock(roundId) != GrantRound.Status.ALLOCATING) {
            throw InvalidInput.of("allocation", "grants.allocation.notOpen");
        }
        GrantRound round = rounds.find(roundId).orElseThrow();
        List<Row> rows = allocation.rows(roundId);
        Row row = rows.stream().filter(r -> r.applicationId() == applicationId).findFirst()
                .orElseThrow(() -> InvalidInput.of("allocation", "grants.allocation.notInRound"));
        disqualifications.requireDeclared(roundId, actor, GrantRoundDisqualifications.Role.COORDINATOR);
        if (disqualifications.disqualifiedOn(roundId, actor, GrantRoundDisqualifications.Role.COORDINATOR).contains(applicationId)) {
            throw InvalidInput.of("allocation", "grants.disqualification.onThis");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        BigDecimal amount = row.amount();
        if (amountText != null && !amountText.isBlank()) {
            amount = fi.silta.portal.forms.TaskFormInput.parseMoney("amount", amountText, errors);
        }
        Integer position = row.position();
        if (positionText != null && !positionText.isBlank()) {
            try {
                position = Integer.valueOf(positionText.strip());
                if (position < 1 || position > rows.size()) {
                    errors.add("position", "grants.allocation.position.range", 1, rows.size());
                }
            } catch (NumberFormatException notWhole) {
                errors.add("position", "grants.allocation.position.range", 1, rows.size());
            }
        }
        String note = reason == null ? "" : reason.strip();
        if (note.isEmpty()) {
            errors.add("reason", "grants.allocation.reason.required");
        } else if (note.length() > REASON_MAX) {
            errors.add("reason", "form.maxLength", REASON_MAX);
        }
        errors.throwIfAny();
        if (amount.signum() < 0) {
            errors.add("amount", "grants.allocation.amount.negative");
        } else if (amount.compareTo(row.amountAsked()) > 0) {
            errors.add("amount", "grants.allocation.amount.overAsked", new Money(row.amountAsked()));
        } else if (amount.signum() > 0 && !row.grantable()) {
            errors.add("amount", "grants.allocation.amount.rejected");
        }
        BigDecimal total = allocation.total(roundId).subtract(row.amount()).add(amount);
        if (total.compareTo(round.budget()) > 0) {
            errors.add("amount", "grants.allocation.overBudget", new Money(total), new Money(round.budget()));
        }
        boolean moved = position != row.position();
        if (amount.compareTo(row.amount()) == 0 && !moved) {
            errors.add("amount", "grants.allocation.nothingChanged");
        }
        errors.throwIfAny();
        OffsetDateTime now = now();
        allocation.change(roundId, applicationId, amount, note, actor, now);
        if (moved) {
            List<Row> reordered = new ArrayList<>(rows);
            reordered.remove(row);
            reordered.add(position - 1, row);
            for (int i = 0; i < reordered.size(); i++) {
                allocation.position(roundId, reordered.get(i).applicationId(), i + 1);
            }
        }
        allocation.event(roundId, applicationId, EventKind.CHANGED, amount, row.amount(), position, row.position(), note, actor, now);
    }

    /**
     * The coordinator sends the allocation to the decision maker. A state-grant round's own
     * conditions must have been checked against every granted application.
     */
    @Transactional
    public void submit(long roundId, boolean stateGrantConditionsChecked, String actor) {
        if (rounds.lock(roundId) != GrantRound.Status.ALLOCATING) {
            throw InvalidInput.of("allocation", "grants.allocation.notOpen");
        }
        requireFreeOnAll(roundId, actor, GrantRoundDisqualifications.Role.COORDINATOR);
        GrantRound round = rounds.find(roundId).orElseThrow();
        if (round.stateGrant() && !stateGrantConditionsChecked) {
            throw InvalidInput.of("stateGrantConditionsChecked", "grants.allocation.stateGrant.unchecked");
        }
        if (allocation.total(roundId).compareTo(round.budget()) > 0) {
            throw InvalidInput.of("allocation", "grants.allocation.overBudget", new Money(allocation.total(roundId)),
                    new Money(round.budget()));
        }
        rounds.moveStatus(roundId, GrantRound.Status.ALLOCATING, GrantRound.Status.PROPOSED);
        allocation.event(roundId, null, EventKind.SUBMITTED, allocation.total(roundId), null, null, null, null, actor, now());
    }

    /**
     * The decision maker's answer: approve the whole list, or return it with comments. Only the
     * round's decision maker may answer, after declaring on which applications they are
     * disqualified; approving with any such case needs the round's substitute, who then decides those.
     */
    @Transactional
    public Answer decide(long roundId, boolean approve, String comments, String actor) {
        if (rounds.lock(roundId) != GrantRound.Status.PROPOSED) {
            throw InvalidInput.of("allocation", "grants.allocation.notProposed");
        }
        GrantRound round = rounds.find(roundId).orElseThrow();
        if (actor == null || !actor.equals(round.decisionMakerUserId())) {
            throw InvalidInput.of("allocationDecision", "grants.allocation.notDecisionMaker");
        }
        disqualifications.requireDeclared(roundId, actor, GrantRoundDisqualifications.Role.DECISION_MAKER);
        String note = note(approve, comments);
        if (!approve) {
            return returned(roundId, note, actor);
        }
        java.util.Set<Long> disqualified = disqualifications.disqualifiedOn(roundId, actor,
                GrantRoundDisqualifications.Role.DECISION_MAKER);
        boolean substituteNeeded = !disqualified.isEmpty();
        if (substituteNeeded && round.substituteDecisionMakerUserId() == null) {
            throw InvalidInput.of("allocationDecision", "grants.disqualification.substituteMissing");
        }
        // who decides each application is fixed now, not when the decisions are issued
        for (Row row : allocation.rows(roundId)) {
            allocation.decidedBy(roundId, row.applicationId(),
                    disqualified.contains(row.applicationId()) ? round.substituteDecisionMakerUserId() : actor);
        }
        allocation.event(roundId, null, EventKind.APPROVED, allocation.total(roundId), null, null, null, note, actor, now());
        if (substituteNeeded) {
            return Answer.APPROVED_SUBSTITUTE_NEEDED;
        }
        rounds.moveStatus(roundId, GrantRound.Status.PROPOSED, GrantRound.Status.DECIDED);
        return Answer.APPROVED;
    }

    /**
     * The substitute's answer on the cases the decision maker is disqualified on: only the round's
     * substitute, declared and not disqualified on any of those cases themselves.
     */
    @Transactional
    public Answer decideAsSubstitute(long roundId, boolean approve, String comments, String actor) {
        if (rounds.lock(roundId) != GrantRound.Status.PROPOSED) {
            throw InvalidInput.of("allocation", "grants.allocation.notProposed");
        }
        GrantRound round = rounds.find(roundId).orElseThrow();
        if (actor == null || !actor.equals(round.substituteDecisionMakerUserId())) {
            throw InvalidInput.of("allocationDecision", "grants.disqualification.notSubstitute");
        }
        disqualifications.requireDeclared(roundId, actor, GrantRoundDisqualifications.Role.SUBSTITUTE);
        java.util.Set<Long> theirs = allocation.rows(roundId).stream().filter(r -> actor.equals(r.decidedBy()))
                .map(Row::applicationId).collect(java.util.stream.Collectors.toSet());
        if (disqualifications.disqualifiedOn(roundId, actor, GrantRoundDisqualifications.Role.SUBSTITUTE).stream()
                .anyMatch(theirs::contains)) {
            throw InvalidInput.of("allocationDecision", "grants.disqualification.substituteToo");
        }
        String note = note(approve, comments);
        if (!approve) {
            return returned(roundId, note, actor);
        }
        allocation.event(roundId, null, EventKind.APPROVED, null, null, null, null, note, actor, now());
        rounds.moveStatus(roundId, GrantRound.Status.PROPOSED, GrantRound.Status.DECIDED);
        return Answer.APPROVED;
    }

    private Answer returned(long roundId, String note, String actor) {
        rounds.moveStatus(roundId, GrantRound.Status.PROPOSED, GrantRound.Status.ALLOCATING);
        allocation.event(roundId, null, EventKind.RETURNED, null, null, null, null, note, actor, now());
        return Answer.RETURNED;
    }

    private static String note(boolean approve, String comments) {
        String note = comments == null || comments.isBlank() ? null : comments.strip();
        if (!approve && note == null) {
            throw InvalidInput.of("allocationComments", "grants.allocation.comments.required");
        }
        if (note != null && note.length() > REASON_MAX) {
            throw InvalidInput.of("allocationComments", "form.maxLength", REASON_MAX);
        }
        return note;
    }

    /** A coordinator who acts on the whole list: declared, and disqualified on none of it. */
    private void requireFreeOnAll(long roundId, String actor, GrantRoundDisqualifications.Role role) {
        disqualifications.requireDeclared(roundId, actor, role);
        if (!disqualifications.disqualifiedOn(roundId, actor, role).isEmpty()) {
            throw InvalidInput.of("allocation", "grants.disqualification.wholeList");
        }
    }

    /** Names the round's substitute decision maker (hallintolaki 28 §) until the round is decided. */
    @Transactional
    public void nameSubstitute(long roundId, String userId) {
        if (rounds.lock(roundId) == GrantRound.Status.DECIDED) {
            throw InvalidInput.of("substituteDecisionMaker", "grants.disqualification.closed");
        }
        GrantRound round = rounds.find(roundId).orElseThrow();
        String chosen = userId == null || userId.isBlank() ? null : userId.strip();
        if (chosen == null) {
            throw InvalidInput.of("substituteDecisionMaker", "validation.required");
        }
        if (!staff.isMember(chosen, fi.silta.security.Roles.DECISION_MAKER.groupId())) {
            throw InvalidInput.of("substituteDecisionMaker", "grants.round.notInGroup", chosen);
        }
        if (chosen.equals(round.decisionMakerUserId())) {
            throw InvalidInput.of("substituteDecisionMaker", "grants.round.substitute.same");
        }
        rounds.setSubstituteDecisionMaker(roundId, chosen);
    }

    public List<Row> rows(long roundId) {
        return allocation.rows(roundId);
    }

    public List<GrantAllocationRepository.Event> events(long roundId) {
        return allocation.events(roundId);
    }

    public BigDecimal total(long roundId) {
        return allocation.total(roundId);
    }

    /** The comments of the last return, while the coordinator works on it again. */
    public String lastReturnComments(long roundId) {
        return allocation.latest(roundId, EventKind.RETURNED).map(GrantAllocationRepository.Event::note).orElse(null);
    }

    static Basis basis(GrantApplication application, BigDecimal minimumScore) {
        switch (application.status()) {
            case INELIGIBLE:
                return Basis.INELIGIBLE;
            case REJECTED_INCOMPLETE:
                return Basis.REJECTED_INCOMPLETE;
            case SCORED:
                return application.finalScore() != null && application.finalScore().compareTo(minimumScore) >= 0 ? Basis.SCORED
                        : Basis.BELOW_MINIMUM;
            default:
                return Basis.NOT_SCORED;
        }
    }

    /** Scored at or above the minimum first, best first; then below it; then the rejected and unscored. */
    private static Comparator<GrantApplication> order(BigDecimal minimumScore) {
        Map<Basis, Integer> rank = Map.of(Basis.SCORED, 0, Basis.BELOW_MINIMUM, 1, Basis.NOT_SCORED, 2, Basis.INELIGIBLE, 3,
                Basis.REJECTED_INCOMPLETE, 4);
        return Comparator.<GrantApplication>comparingInt(a -> rank.get(basis(a, minimumScore)))
                .thenComparing(a -> a.finalScore() == null ? BigDecimal.ZERO : a.finalScore(), Comparator.reverseOrder())
                .thenComparing(GrantApplication::submittedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingLong(GrantApplication::id);
    }

    private static String requiredText(String field, String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            throw InvalidInput.of(field, "validation.required");
        }
        if (value.length() > REASON_MAX) {
            throw InvalidInput.of(field, "form.maxLength", REASON_MAX);
        }
        return value;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
