package fi.silta.negotiations;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * What the yearly summary reads of each negotiation's meeting (H3: {@link HyteMeetings#current}) and memo (H4:
 * {@link HyteMemos#memo}, {@link HyteMemos#measures}): the one place that knows their types, so that the summary
 * survives their changes, and a negotiation with no meeting or memo yet simply has none.
 */
@Component
public class HyteSummarySources {

    public record MeetingFacts(OffsetDateTime startsAt, List<String> participants) {
    }

    public record MeasureFacts(String text, String ownerKind, Long ownerOrganisationId, LocalDate dueDate, String status) {
    }

    private final HyteMeetings meetings;
    private final HyteMemos memos;

    public HyteSummarySources(HyteMeetings meetings, HyteMemos memos) {
        this.meetings = meetings;
        this.memos = memos;
    }

    public Optional<MeetingFacts> meeting(long negotiationId) {
        return meetings.current(negotiationId).map(m -> new MeetingFacts(m.startsAt(),
                m.participants() == null ? List.of() : m.participants().stream().map(p -> p.name() == null || p.name().isBlank()
                        ? p.email() : p.name()).toList()));
    }

    /** The memo's agreed goals (its text), if a memo has been recorded. */
    public Optional<String> goals(long negotiationId) {
        return memos.memo(negotiationId).map(HyteMemos.Memo::goals);
    }

    public List<MeasureFacts> measures(long negotiationId) {
        return memos.measures(negotiationId).stream()
                .map(m -> new MeasureFacts(m.text(), m.ownerKind().name(), m.ownerOrganisationId(), m.dueDate(), m.status().name())).toList();
    }
}
