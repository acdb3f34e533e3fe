package fi.silta.grants;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.engine.RecordRows;
import fi.silta.portal.forms.TaskFormInput;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;
import fi.silta.web.Money;

/**
 * Requests for rectification of grant decisions (hallintolaki 7 a luku; laki hyvinvointialueesta
 * 141 §): the applicant's, through the portal within the period counted by the statutory
 * time-limit rules, one per decision; the body's answer recorded by its secretary, which becomes a
 * new decision with instructions for appealing to the administrative court.
 */
@Service
public class GrantRectificationService {

    static final int TEXT_MAX = 8000;
    private static final String COLUMNS = "id, decision_id, case_id, channel, requested_by, entered_by, requester_address, "
            + "received_on, answer_sent_on, reasons, document_ids, "
            + "received_at, outcome, body_amount, body_reasons, body_meeting_on, recorded_by, answer_decision_id";

    private final JdbcClient jdbc;
    private final GrantDecisionRepository decisions;
    private final Clock clock;

    public GrantRectificationService(JdbcClient jdbc, GrantDecisionRepository decisions, Clock clock) {
        this.jdbc = jdbc;
        this.decisions = decisions;
        this.clock = clock;
    }

    /**
     * The applicant's request on the decision {@code decisionId}: refused, nothing stored, without
     * reasons, after the period's last day (the message names it), or when the organisation has
     * already asked for rectification of this decision.
     */
    @Transactional
    public long fileByApplicant(long decisionId, String reasons, String documentIds, String by) {
        GrantDecision decision = decisions.find(decisionId).orElseThrow();
        LocalDate today = LocalDate.now(clock.withZone(Locales.HELSINKI));
        if (decision.rectificationLastDay() == null) {
            throw InvalidInput.of("rectificationReasons", "grants.rectification.notYet");
        }
        if (today.isAfter(decision.rectificationLastDay())) {
            throw InvalidInput.of("rectificationReasons", "grants.rectification.periodEnded", decision.rectificationLastDay().format(TaskFormInput.DAY));
        }
        String text = required("rectificationReasons", reasons);
        var key = new GeneratedKeyHolder();
        try {
            jdbc.sql("insert into grant_rectification_request (decision_id, case_id, channel, requested_by, reasons, document_ids, "
                            + "received_at, applicant_decision_id) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(decisionId, decision.caseId(), GrantRectificationRequest.Channel.PORTAL.name(), by, text,
                            documentIds == null || documentIds.isBlank() ? null : documentIds, now(), decisionId)
                    .update(key, "id");
        } catch (DuplicateKeyException second) {
            throw InvalidInput.of("rectificationReasons", "grants.rectification.already");
        }
        return key.getKey().longValue();
    }

    /**
     * A request from another party (a competing applicant, a member of the county) that came in
     * by mail or letter, entered by a coordinator on the case page: on the case's round decision,
     * with the requester's name and the address their answer goes to, the day it came in (not
     * before the decision, not in the future) and its reasons. Its handling starts at once
     * ({@code grantRectification}, business key the case's reference).
     */
    @Transactional
    public long enterForOtherParty(long caseId, String channelText, String requester, String address, String receivedOnText,
            String reasons, String enteredBy) {
        GrantDecision decision = jdbc.sql("select " + GrantDecisionRepository.COLUMNS + " from grant_decision where case_id = ? "
                        + "and stage = 'ORIGINAL'").param(caseId).query(RecordRows.of(GrantDecision.class)).optional()
                .orElseThrow(() -> InvalidInput.of("requestedBy", "grants.rectification.noDecision"));
        InvalidInput.Collector errors = new InvalidInput.Collector();
        GrantRectificationRequest.Channel channel = null;
        try {
            channel = GrantRectificationRequest.Channel.valueOf(channelText == null ? "" : channelText.strip());
        } catch (IllegalArgumentException none) {
            errors.add("channel", "validation.required");
        }
        if (channel == GrantRectificationRequest.Channel.PORTAL) {
            errors.add("channel", "validation.required");
        }
        String name = text("requestedBy", requester, 300, errors);
        String to = text("requesterAddress", address, 1000, errors);
        String why = text("reasons", reasons, TEXT_MAX, errors);
        LocalDate decided = decision.decidedAt().atZoneSameInstant(Locales.HELSINKI).toLocalDate();
        LocalDate receivedOn = TaskFormInput.day("receivedOn", receivedOnText, decided, LocalDate.now(clock.withZone(Locales.HELSINKI)),
                errors, "grants.rectification.receivedOn", "grants.rectification.receivedOn");
        errors.throwIfAny();
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into grant_rectification_request (decision_id, case_id, channel, requested_by, entered_by, requester_address, "
                        + "received_on, reasons, received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(decision.id(), caseId, channel.name(), name, enteredBy, to, receivedOn, why, now())
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** A coordinator posted the answer to the other party who asked. */
    @Transactional
    public void answerSentToRequester(long requestId, String sentOnText) {
        GrantRectificationRequest request = find(requestId).orElseThrow();
        LocalDate recorded = request.receivedAt().atZoneSameInstant(Locales.HELSINKI).toLocalDate();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        LocalDate sentOn = TaskFormInput.day("answerSentOn", sentOnText, recorded, LocalDate.now(clock.withZone(Locales.HELSINKI)), errors,
                "grants.decision.letter.notADate", "grants.decision.letter.date");
        errors.throwIfAny();
        jdbc.sql("update grant_rectification_request set answer_sent_on = ? where id = ?").params(sentOn, requestId).update();
    }

    private static String text(String field, String value, int max, InvalidInput.Collector errors) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            errors.add(field, "validation.required");
            return null;
        }
        if (text.length() > max) {
            errors.add(field, "form.maxLength", max);
            return null;
        }
        return text;
    }

    /**
     * The body's answer, recorded by its secretary: granted or partly granted with the new amount
     * (at most what was asked; on the applicant's request more than before, and for "partly" less
     * than asked; on another party's any other amount, e.g. lower), or refused; the body's reasons
     * and the day of its meeting (not in the future) are required.
     */
    @Transactional
    public void recordBodyDecision(long requestId, String outcomeText, String amountText, String reasons, String meetingOnText,
            String recordedBy) {
        GrantRectificationRequest request = find(requestId).orElseThrow();
        if (request.outcome() != null) {
            throw InvalidInput.of("rectificationOutcome", "grants.rectification.alreadyAnswered");
        }
        GrantDecision decision = decisions.find(request.decisionId()).orElseThrow();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        GrantRectificationRequest.Outcome outcome = null;
        try {
            outcome = GrantRectificationRequest.Outcome.valueOf(outcomeText == null ? "" : outcomeText.strip());
        } catch (IllegalArgumentException none) {
            errors.add("rectificationOutcome", "grants.rectification.outcome.required");
        }
        BigDecimal amount = null;
        if (outcome == GrantRectificationRequest.Outcome.GRANTED || outcome == GrantRectificationRequest.Outcome.PARTLY_GRANTED) {
            if (amountText == null || amountText.isBlank()) {
                errors.add("rectificationAmount", "validation.required");
            } else {
                amount = fi.silta.portal.forms.TaskFormInput.parseMoney("rectificationAmount", amountText, errors);
                if (amount != null && amount.compareTo(decision.amountAsked()) > 0) {
                    errors.add("rectificationAmount", "grants.allocation.amount.overAsked", new Money(decision.amountAsked()));
                } else if (request.channel() != GrantRectificationRequest.Channel.PORTAL) {
                    // another party asks to change someone else's grant, often to lower it: any new amount up to what was asked
                    if (amount != null && amount.compareTo(decision.amountGranted()) == 0) {
                        errors.add("rectificationAmount", "grants.rectification.amount.same", new Money(decision.amountGranted()));
                    }
                } else if (amount != null && amount.compareTo(decision.amountGranted()) <= 0) {
                    errors.add("rectificationAmount", "grants.rectification.amount.notMore", new Money(decision.amountGranted()));
                } else if (amount != null && outcome == GrantRectificationRequest.Outcome.PARTLY_GRANTED
                        && amount.compareTo(decision.amountAsked()) >= 0) {
                    errors.add("rectificationAmount", "grants.rectification.amount.partly", new Money(decision.amountAsked()));
                }
            }
        }
        String text = reasons == null ? "" : reasons.strip();
        if (text.isEmpty()) {
            errors.add("rectificationBodyReasons", "validation.required");
        } else if (text.length() > TEXT_MAX) {
            errors.add("rectificationBodyReasons", "form.maxLength", TEXT_MAX);
        }
        LocalDate meetingOn = TaskFormInput.day("rectificationMeetingOn", meetingOnText,
                request.receivedAt().atZoneSameInstant(Locales.HELSINKI).toLocalDate(), LocalDate.now(clock.withZone(Locales.HELSINKI)),
                errors, "grants.rectification.meeting.date", "grants.rectification.meeting.date");
        errors.throwIfAny();
        jdbc.sql("update grant_rectification_request set outcome = ?, body_amount = ?, body_reasons = ?, body_meeting_on = ?, "
                        + "recorded_by = ? where id = ?")
                .params(outcome.name(), amount, text, meetingOn, recordedBy, requestId).update();
    }

    /**
     * The body's answer as a new decision on the application (stage RECTIFICATION): the new amount,
     * or the same amount when refused, with the body's reasons; returns its id.
     */
    @Transactional
    public long issueAnswer(long requestId) {
        GrantRectificationRequest request = find(requestId).orElseThrow();
        if (request.answerDecisionId() != null) {
            return request.answerDecisionId();
        }
        if (request.outcome() == null) {
            throw new IllegalStateException("request " + requestId + " has no answer yet");
        }
        GrantDecision original = decisions.find(request.decisionId()).orElseThrow();
        BigDecimal amount = request.bodyAmount() != null ? request.bodyAmount() : original.amountGranted();
        long id = decisions.insert(original.applicationId(), original.roundId(), original.caseId(), GrantDecision.Stage.RECTIFICATION,
                original.basis(), original.amountAsked(), amount, original.score(), request.bodyReasons(), original.language(),
                request.recordedBy(), now());
        jdbc.sql("update grant_rectification_request set answer_decision_id = ? where id = ?").params(id, requestId).update();
        return id;
    }

    public Optional<GrantRectificationRequest> find(long requestId) {
        return jdbc.sql("select " + COLUMNS + " from grant_rectification_request where id = ?").param(requestId)
                .query(RecordRows.of(GrantRectificationRequest.class)).optional();
    }

    /** The request that the decision {@code answerDecisionId} (stage RECTIFICATION) answers, once it is issued. */
    public Optional<GrantRectificationRequest> answeredBy(long answerDecisionId) {
        return jdbc.sql("select " + COLUMNS + " from grant_rectification_request where answer_decision_id = ?").param(answerDecisionId)
                .query(RecordRows.of(GrantRectificationRequest.class)).optional();
    }

    public List<GrantRectificationRequest> ofCase(long caseId) {
        return jdbc.sql("select " + COLUMNS + " from grant_rectification_request where case_id = ? order by id").param(caseId)
                .query(RecordRows.of(GrantRectificationRequest.class)).list();
    }

    private static String required(String field, String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            throw InvalidInput.of(field, "validation.required");
        }
        if (value.length() > TEXT_MAX) {
            throw InvalidInput.of(field, "form.maxLength", TEXT_MAX);
        }
        return value;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
