package fi.silta.notifications;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import fi.silta.SiltaProperties;

/** The demo run's local SMTP server (GreenMail); its mails are shown at /staff/mailbox. */
@Component
@ConditionalOnProperty(name = "silta.mail-sink.enabled", havingValue = "true")
public class MailSink implements AutoCloseable {

    public record ReceivedMail(String to, String subject, java.util.Date sentAt, String body, List<MailAttachment.Summary> attachments) {
    }

    private final GreenMail greenMail;

    public MailSink(SiltaProperties properties) {
        greenMail = new GreenMail(new ServerSetup(properties.mailSink().port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    public List<ReceivedMail> received() {
        MimeMessage[] messages = greenMail.getReceivedMessages();
        List<ReceivedMail> mails = new java.util.ArrayList<>(Arrays.stream(messages).map(MailSink::toReceived).toList());
        java.util.Collections.reverse(mails);
        return mails;
    }

    /** A received mail as the mailbox page shows it: its text, and its attachments' names, types and sizes. */
    static ReceivedMail toReceived(MimeMessage message) {
        try {
            String to = String.join(", ", Arrays.stream(message.getAllRecipients()).map(Object::toString).toList());
            String body;
            List<MailAttachment.Summary> attachments = new ArrayList<>();
            if (message.getContent() instanceof String text) {
                body = text;
            } else if (message.getContent() instanceof Multipart multipart) {
                StringBuilder text = new StringBuilder();
                read(multipart, text, attachments);
                body = text.toString();
            } else {
                body = GreenMailUtil.getBody(message);
            }
            return new ReceivedMail(to, message.getSubject(), message.getSentDate(), body, attachments);
        } catch (Exception e) {
            return new ReceivedMail("?", "?", null, e.getMessage(), List.of());
        }
    }

    private static void read(Multipart multipart, StringBuilder text, List<MailAttachment.Summary> attachments) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getFileName() != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                byte[] content = part.getInputStream().readAllBytes();
                attachments.add(new MailAttachment.Summary(MimeUtility.decodeText(part.getFileName()),
                        part.getContentType().replaceAll("\\s+", " "), content.length));
            } else if (part.getContent() instanceof Multipart nested) {
                read(nested, text, attachments);
            } else if (part.isMimeType("text/plain")) {
                text.append(part.getContent());
            }
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
