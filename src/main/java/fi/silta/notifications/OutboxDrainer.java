package fi.silta.notifications;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import fi.silta.SiltaProperties;

/**
 * Sends due outbox mails. A failed send is tried again with exponential back-off
 * (first-backoff × 2^(attempt−1), at most max-backoff); after max-attempts the mail is FAILED:
 * visible at /staff/mail and in the health endpoint, and can be sent again. Nothing here runs
 * inside a business transaction, so an SMTP failure never rolls anything back.
 */
@Component
public class OutboxDrainer {

    private static final Logger log = LoggerFactory.getLogger(OutboxDrainer.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private final MailOutbox outbox;
    private final JavaMailSender sender;
    private final SiltaProperties.Outbox settings;
    private final String from;
    private final List<OutgoingMailHook> hooks;

    public OutboxDrainer(MailOutbox outbox, JavaMailSender sender, SiltaProperties properties, List<OutgoingMailHook> hooks) {
        this.hooks = List.copyOf(hooks);
        this.outbox = outbox;
        this.sender = sender;
        this.settings = properties.mail().outbox();
        this.from = properties.mail().from();
    }

    /** Sends what is due now; returns how many were sent. */
    public int drain() {
        int sent = 0;
        for (long id : outbox.dueIds(settings.batchSize())) {
            if (!outbox.claim(id, LEASE)) {
                continue;
            }
            OutboxMail mail = outbox.find(id).orElseThrow();
            try {
                send(mail);
                outbox.markSent(id);
                sent++;
            } catch (Exception e) {
                int attempts = mail.attempts() + 1;
                boolean giveUp = attempts >= settings.maxAttempts();
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                outbox.markFailedAttempt(id, attempts, giveUp, backoff(attempts), error);
                if (giveUp) {
                    log.error("Mail {} to {} failed {} times, giving up: {}", id, mail.recipient(), attempts, error);
                } else {
                    log.warn("Mail {} to {} failed (attempt {}), trying again later: {}", id, mail.recipient(), attempts, error);
                }
            }
        }
        return sent;
    }

    Duration backoff(int attempts) {
        Duration delay = settings.firstBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : delay;
    }

    private void send(OutboxMail mail) throws Exception {
        List<MailAttachment> attachments = outbox.attachmentsToSend(mail.id());
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, attachments.isEmpty() ? MimeMessageHelper.MULTIPART_MODE_NO
                : MimeMessageHelper.MULTIPART_MODE_MIXED, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(mail.recipient());
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
        sender.send(message);
    }
}
