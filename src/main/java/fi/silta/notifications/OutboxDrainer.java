package fi.silta.notifications;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import fi.silta.SiltaProperties;
import fi.silta.web.EmailAddresses;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Sends due outbox mails. A failed send is tried again with exponential back-off
 * (first-backoff × 2^(attempt−1), at most max-backoff); after max-attempts the mail is FAILED:
 * visible at /staff/mail and in the outbox's health indicator, and can be sent again. Nothing
 * here runs inside a business transaction, so an SMTP failure never rolls anything back.
 *
 * <p>Exactly once as far as Silta can make it: once SMTP has taken a mail, its sent mark is tried
 * until the database answers (a database blip must not leave it PENDING to be sent again), and
 * every mail carries a Message-ID derived from its outbox row ({@link #messageId}), the same on
 * every attempt, so that a receiving system can drop a repeat.
 */
@Component
public class OutboxDrainer {

    private static final Logger log = LoggerFactory.getLogger(OutboxDrainer.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration FIRST_MARK_RETRY = Duration.ofMillis(250);
    private static final Duration MAX_MARK_RETRY = Duration.ofSeconds(15);
    private final MailOutbox outbox;
    private final JavaMailSender sender;
    private final SiltaProperties.Outbox settings;
    private final String from;
    private final String domain;
    private final List<OutgoingMailHook> hooks;
    private final MailMetrics.Counters counters;

    @Autowired
    public OutboxDrainer(MailOutbox outbox, JavaMailSender sender, SiltaProperties properties, List<OutgoingMailHook> hooks,
            MeterRegistry registry) {
        this(outbox, sender, properties.mail().outbox(), properties.mail().from(), hooks, registry);
    }

    OutboxDrainer(MailOutbox outbox, JavaMailSender sender, SiltaProperties.Outbox settings, String from) {
        this(outbox, sender, settings, from, List.of(), new SimpleMeterRegistry());
    }

    private OutboxDrainer(MailOutbox outbox, JavaMailSender sender, SiltaProperties.Outbox settings, String from,
            List<OutgoingMailHook> hooks, MeterRegistry registry) {
        this.counters = MailMetrics.counters(registry);
        this.hooks = List.copyOf(hooks);
        this.outbox = outbox;
        this.sender = sender;
        this.settings = settings;
        this.from = from;
        this.domain = from.substring(from.lastIndexOf('@') + 1);
    }

    /** Sends what is due now; returns how many were sent. */
    public int drain() {
        int sent = 0;
        for (long id : outbox.dueIds(settings.batchSize())) {
            if (!outbox.claim(id, LEASE)) {
                continue;
            }
            OutboxMail mail = outbox.find(id).orElseThrow();
            int attempt = mail.attempts() + 1;
            try {
                send(mail);
            } catch (Exception e) {
                boolean giveUp = attempt >= settings.maxAttempts();
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                outbox.markFailedAttempt(id, attempt, giveUp, backoff(attempt), error);
                counters.failedAttempts().increment();
                if (giveUp) {
                    counters.failed().increment();
                }
                if (giveUp) {
                    log.error("Mail {} to {} failed {} times, giving up: {}", id, mail.recipient(), attempt, error);
                } else {
                    log.warn("Mail {} to {} failed (attempt {}), trying again later: {}", id, mail.recipient(), attempt, error);
                }
                continue;
            }
            counters.sent().increment();
            if (!markSent(id, attempt)) {
                return sent;
            }
            sent++;
        }
        return sent;
    }

    /**
     * Marks a mail SMTP has taken as sent, trying until the database answers; false only when the
     * thread is interrupted meanwhile (shutdown): the mail is then sent again after its lease, with
     * the same Message-ID.
     */
    private boolean markSent(long id, int attempt) {
        Duration wait = FIRST_MARK_RETRY;
        while (true) {
            try {
                outbox.markSent(id, attempt);
                return true;
            } catch (DataAccessException e) {
                log.warn("Mail {} was sent but its sent mark failed; trying again in {} ms: {}", id, wait.toMillis(),
                        e.getMessage());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    log.error("Mail {} was sent but could not be marked sent before shutdown", id);
                    return false;
                }
                wait = wait.multipliedBy(2).compareTo(MAX_MARK_RETRY) > 0 ? MAX_MARK_RETRY : wait.multipliedBy(2);
            }
        }
    }

    Duration backoff(int attempts) {
        Duration delay = settings.firstBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : delay;
    }

    /** The mail's Message-ID: its outbox row and creation instant, the same on every attempt. */
    String messageId(OutboxMail mail) {
        return "<outbox-" + mail.id() + "." + mail.createdAt().toInstant().toEpochMilli() + "@" + domain + ">";
    }

    private void send(OutboxMail mail) throws Exception {
        List<MailAttachment> attachments = new java.util.ArrayList<>(outbox.attachmentsToSend(mail.id()));
        for (OutgoingMailHook hook : hooks) {
            attachments.addAll(hook.attachmentsFor(mail));
        }
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, attachments.isEmpty() ? MimeMessageHelper.MULTIPART_MODE_NO
                : MimeMessageHelper.MULTIPART_MODE_MIXED, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        // an internationalised domain goes to SMTP in punycode; an address that is none fails this attempt
        helper.setTo(EmailAddresses.forSmtp(mail.recipient()));
        helper.setSubject(mail.subject());
        String body = mail.body();
        for (OutgoingMailHook hook : hooks) {
            body = hook.beforeSending(mail, body);
        }
        helper.setText(body, false);
        for (MailAttachment attachment : attachments) {
            // the stored type as it is, e.g. "text/calendar; method=REQUEST; charset=UTF-8" (iTIP over mail, RFC 6047)
            helper.addAttachment(attachment.fileName(), new ByteArrayResource(attachment.content()), attachment.contentType());
        }
        message.setHeader("Content-Language", mail.language());
        // JavaMailSenderImpl keeps a Message-ID set before sending (saveChanges would make a new one)
        message.setHeader("Message-ID", messageId(mail));
        sender.send(message);
    }
}
