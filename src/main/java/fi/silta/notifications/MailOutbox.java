package fi.silta.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.engine.RecordRows;
import fi.silta.notifications.OutboxMail.Status;
import fi.silta.web.Locales;
import fi.silta.web.SubmissionCommits;

/**
 * The one way Silta sends mail. {@link #enqueue} renders the mail and writes it as a row in the
 * caller's transaction (a BPMN send task's, or a web request's); {@link OutboxDrainer} sends it.
 */
@Service
public class MailOutbox {

    private static final String COLUMNS = "id, template, recipient, language, subject, body, reference, status, attempts, "
            + "next_attempt_at, last_error, created_at, sent_at";
    private final JdbcClient jdbc;
    private final MailRenderer renderer;
    private final Clock clock;
    private final MailAttachments attachments;

    public MailOutbox(JdbcClient jdbc, MailRenderer renderer, Clock clock, MailAttachments attachments) {
        this.jdbc = jdbc;
        this.renderer = renderer;
        this.clock = clock;
        this.attachments = attachments;
    }

    /** Renders the template in the recipient's language and queues it; returns the outbox id. */
    @Transactional
    public long enqueue(String template, String recipient, String language, Map<String, Object> model, String reference) {
        return enqueue(template, recipient, language, model, reference, List.of());
    }

    /**
     * As {@link #enqueue(String, String, String, Map, String)}, with files (a rendered PDF, a calendar invitation)
     * stored with the mail in the same transaction and sent exactly as stored.
     */
    @Transactional
    public long enqueue(String template, String recipient, String language, Map<String, Object> model, String reference,
            List<MailAttachment> attachments) {
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("mail " + template + " has no recipient");
        }
        Locale locale = Locales.of(language);
        MailRenderer.RenderedMail mail = renderer.render(template, locale, model);
        OffsetDateTime now = now();
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into mail_outbox (template, recipient, language, subject, body, reference, status, attempts, "
                        + "next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")
                .params(template, recipient.strip(), locale.getLanguage(), mail.subject(), mail.body(), reference,
                        Status.PENDING.name(), now, now)
                .update(key, "id");
        long id = key.getKey().longValue();
        this.attachments.store(id, attachments);
        return id;
    }

    /**
     * Sends a failed (or pending) mail again from the start: attempts reset, due now. What happened
     * before stays in the mail's history ({@link #history}).
     */
    @Transactional
    public boolean resend(long id) {
        int attempts = find(id).map(OutboxMail::attempts).orElse(0);
        boolean resent = jdbc.sql("update mail_outbox set status = ?, attempts = 0, next_attempt_at = ? "
                        + "where id = ? and status <> ?")
                .params(Status.PENDING.name(), now(), id, Status.SENT.name()).update() == 1;
        if (resent) {
            event(id, Event.Kind.RESENT, attempts, null);
            // a failure after the commit (the staff member's session saved as the page goes out) says it was done
            SubmissionCommits.watch("");
        }
        return resent;
    }

    /** What happened to a mail, oldest first: each failed attempt, the give-up, resends, the send. */
    public List<Event> history(long id) {
        return jdbc.sql("select kind, attempt, at, detail from mail_outbox_event where outbox_id = ? order by id")
                .param(id).query(RecordRows.of(Event.class)).list();
    }

    /** One line of a mail's history ({@code attempt}: the attempt it concerns; for a resend, the attempts before it). */
    public record Event(Kind kind, int attempt, OffsetDateTime at, String detail) {

        public enum Kind {
            ATTEMPT_FAILED, GAVE_UP, RESENT, SENT
        }
    }

    public List<OutboxMail> list(Status status, int limit) {
        String where = status == null ? "" : " where status = '" + status.name() + "'";
        return jdbc.sql("select " + COLUMNS + " from mail_outbox" + where + " order by id desc fetch first " + limit + " rows only")
                .query(RecordRows.of(OutboxMail.class)).list();
    }

    public Optional<OutboxMail> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from mail_outbox where id = ?").param(id).query(RecordRows.of(OutboxMail.class)).optional();
    }

    /** The attachments of these mails (names, types, sizes), by mail id. */
    public Map<Long, List<MailAttachment.Summary>> attachments(List<OutboxMail> mails) {
        return attachments.summaries(mails.stream().map(OutboxMail::id).toList());
    }

    public long count(Status status) {
        return jdbc.sql("select count(*) from mail_outbox where status = ?").param(status.name()).query(Long.class).single();
    }

    // --- used by the drainer: each statement commits on its own, the SMTP call is outside any transaction

    List<Long> dueIds(int limit) {
        return jdbc.sql("select id from mail_outbox where status = ? and next_attempt_at <= ? order by id fetch first "
                        + limit + " rows only")
                .params(Status.PENDING.name(), now()).query(Long.class).list();
    }

    /** The files to send with a mail, as stored. */
    List<MailAttachment> attachmentsToSend(long id) {
        return attachments.of(id);
    }

    /** Takes a due mail for this sender for the lease; false when another node took it first. */
    boolean claim(long id, Duration lease) {
        OffsetDateTime now = now();
        return jdbc.sql("update mail_outbox set next_attempt_at = ? where id = ? and status = ? and next_attempt_at <= ?")
                .params(now.plus(lease), id, Status.PENDING.name(), now).update() == 1;
    }

    /** The mail went to SMTP on this attempt (one transaction: the row and its history). */
    @Transactional
    void markSent(long id, int attempt) {
        jdbc.sql("update mail_outbox set status = ?, attempts = ?, sent_at = ?, last_error = null where id = ?")
                .params(Status.SENT.name(), attempt, now(), id).update();
        event(id, Event.Kind.SENT, attempt, null);
    }

    @Transactional
    void markFailedAttempt(long id, int attempt, boolean giveUp, Duration backoff, String error) {
        String detail = error.length() > 2000 ? error.substring(0, 2000) : error;
        jdbc.sql("update mail_outbox set status = ?, attempts = ?, next_attempt_at = ?, last_error = ? where id = ?")
                .params((giveUp ? Status.FAILED : Status.PENDING).name(), attempt, now().plus(backoff), detail, id)
                .update();
        event(id, Event.Kind.ATTEMPT_FAILED, attempt, detail);
        if (giveUp) {
            event(id, Event.Kind.GAVE_UP, attempt, null);
        }
    }

    private void event(long id, Event.Kind kind, int attempt, String detail) {
        jdbc.sql("insert into mail_outbox_event (outbox_id, at, kind, attempt, detail) values (?, ?, ?, ?, ?)")
                .params(id, now(), kind.name(), attempt, detail).update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
