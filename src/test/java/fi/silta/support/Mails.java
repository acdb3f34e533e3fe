package fi.silta.support;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;

/** Mails GreenMail received for one recipient (tests share one database and outbox). */
public final class Mails {

    public record Received(String subject, String body) {
    }

    private Mails() {
    }

    public static List<Received> to(GreenMailExtension greenMail, String recipient) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> isFor(m, recipient)).map(Mails::read).toList();
    }

    private static boolean isFor(MimeMessage message, String recipient) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(recipient));
        } catch (Exception e) {
            return false;
        }
    }

    private static Received read(MimeMessage message) {
        try {
            Object content = message.getContent();
            // a mail with attachments: its text is the first part
            if (content instanceof jakarta.mail.Multipart parts) {
                content = parts.getBodyPart(0).getContent();
            }
            return new Received(message.getSubject(), content.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
