package fi.silta.negotiations;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.cases.Deadlines;
import fi.silta.engine.RecordRows;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;

/**
 * The background a municipality gives for its negotiation ({@code hyte_background}): the deadline in force (the
 * cycle's background deadline, or a new one the coordinator set when it lapsed), and what was given.
 */
@Service
public class HyteBackgrounds {

    /** Days before the deadline when the municipality is reminded. */
    static final int REMINDER_DAYS_BEFORE = 3;

    public record Background(long negotiationId, OffsetDateTime dueAt, int requestsSent, String keyPoints, String indicators,
            String goalProposals, String documentIds, String givenBy, OffsetDateTime givenAt, String proceededWithoutBy,
            OffsetDateTime proceededWithoutAt) {

        public boolean given() {
            return givenAt != null;
        }
    }

    /** The deadline and reminder as the process's timers take them (ISO instants with the Helsinki offset). */
    public record Request(String dueAt, String reminderAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Deadlines deadlines;

    public HyteBackgrounds(JdbcClient jdbc, Clock clock, Deadlines deadlines) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.deadlines = deadlines;
    }

    public Optional<Background> find(long negotiationId) {
        return jdbc.sql("select negotiation_id, due_at, requests_sent, key_points, indicators, goal_proposals, document_ids, "
                        + "given_by, given_at, proceeded_without_by, proceeded_without_at from hyte_background where negotiation_id = ?")
                .param(negotiationId).query(RecordRows.of(Background.class)).optional();
    }

    /**
     * The request to the municipality: the first time the deadline is the cycle's background deadline (from hyte_cycle),
     * later the one the coordinator set; counts the request.
     */
    @Transactional
    public Request request(HyteNegotiationRecords.Negotiation negotiation) {
        Optional<Background> existing = find(negotiation.id());
        OffsetDateTime due;
        if (existing.isPresent()) {
            due = existing.get().dueAt();
            jdbc.sql("update hyte_background set requests_sent = requests_sent + 1 where negotiation_id = ?")
                    .param(negotiation.id()).update();
        } else {
            due = negotiation.backgroundDeadline() != null ? negotiation.backgroundDeadline()
                    : deadlines.daysFromNow(14).toOffsetDateTime();
            jdbc.sql("insert into hyte_background (negotiation_id, due_at, requests_sent) values (?, ?, 1)")
                    .params(negotiation.id(), due).update();
        }
        ZonedDateTime dueAt = due.atZoneSameInstant(Locales.HELSINKI);
        ZonedDateTime reminder = deadlines.reminderBefore(dueAt, REMINDER_DAYS_BEFORE);
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(Locales.HELSINKI));
        if (reminder.isBefore(now)) {
            reminder = now.plusMinutes(1).isBefore(dueAt) ? now.plusMinutes(1) : dueAt;
        }
        return new Request(Deadlines.iso(dueAt), Deadlines.iso(reminder));
    }

    /** What the municipality gave on the portal (already validated by the portal form). */
    @Transactional
    public void record(long negotiationId, String keyPoints, String indicators, String goalProposals, String documentIds,
            String givenBy) {
        jdbc.sql("update hyte_background set key_points = ?, indicators = ?, goal_proposals = ?, document_ids = ?, given_by = ?, "
                        + "given_at = ? where negotiation_id = ?")
                .params(keyPoints, indicators, goalProposals, documentIds, givenBy, OffsetDateTime.now(clock), negotiationId)
                .update();
    }

    /**
     * The coordinator's choice when the deadline passed: {@code remind} or {@code changeContact} (a new deadline, a
     * date after today, 16.00 Helsinki time) or {@code proceed} (on without background). Refused with fi/sv/en.
     */
    @Transactional
    public void decideLapsed(long negotiationId, String decision, String newDeadline, String by) {
        if (!"remind".equals(decision) && !"changeContact".equals(decision) && !"proceed".equals(decision)) {
            throw InvalidInput.of("backgroundLapseDecision", "hyte.background.lapse.decision.required");
        }
        if ("proceed".equals(decision)) {
            jdbc.sql("update hyte_background set proceeded_without_by = ?, proceeded_without_at = ? where negotiation_id = ?")
                    .params(by, OffsetDateTime.now(clock), negotiationId).update();
            return;
        }
        LocalDate day = newDeadline == null || newDeadline.isBlank() ? null : parseDate(newDeadline);
        LocalDate today = LocalDate.now(clock.withZone(Locales.HELSINKI));
        if (day == null) {
            throw InvalidInput.of("backgroundNewDeadline", "hyte.background.lapse.deadline.required");
        }
        if (!day.isAfter(today)) {
            throw InvalidInput.of("backgroundNewDeadline", "hyte.background.lapse.deadline.future");
        }
        OffsetDateTime due = day.atTime(Deadlines.CLOSING_TIME).atZone(Locales.HELSINKI).toOffsetDateTime();
        jdbc.sql("update hyte_background set due_at = ? where negotiation_id = ?").params(due, negotiationId).update();
    }

    private static LocalDate parseDate(String text) {
        var result = fi.silta.portal.forms.HelsinkiTime.date(text.length() > 10 && text.charAt(10) == 'T' ? text.substring(0, 10) : text);
        return result.ok() ? (LocalDate) result.value() : null;
    }
}
