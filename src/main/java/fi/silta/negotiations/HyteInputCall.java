package fi.silta.negotiations;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import fi.silta.calls.Call;

/**
 * The NGO input call of a hyte cycle (read from {@code hyte_cycle}): open from the cycle's creation until its
 * {@code input_deadline} while the cycle is not closed; one input per organisation per negotiation (the
 * negotiation's id is the answer's scope in {@code call_answer}).
 */
public record HyteInputCall(long cycleId, String countyCode, int year, List<String> themes, OffsetDateTime opensAt,
        OffsetDateTime closesAt, String status, OffsetDateTime closedAt) implements Call {

    public static final String CALL_KIND = "HYTE_INPUT";

    /** Statuses of a cycle that is over (closed, early or when done): its input call is closed whatever its deadline. */
    static final Set<String> CLOSED_STATUSES = Set.of(HyteCycle.Status.COMPLETED.name(), HyteCycle.Status.CLOSED_EARLY.name());

    public HyteInputCall {
        themes = List.copyOf(themes);
    }

    @Override
    public String callKind() {
        return CALL_KIND;
    }

    @Override
    public long callId() {
        return cycleId;
    }

    /** Open for input at all: an input deadline set and the cycle not closed (the instant is {@code Calls}'s to check). */
    @Override
    public boolean published() {
        return closesAt != null && closedAt == null && (status == null || !CLOSED_STATUSES.contains(status));
    }

    @Override
    public boolean oneAnswerPerOrganisation() {
        return true;
    }

    /** The scope of a negotiation's answers in {@code call_answer}. */
    static String scope(long negotiationId) {
        return String.valueOf(negotiationId);
    }
}
