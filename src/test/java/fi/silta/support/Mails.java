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

    /**
     * Sends every mail due now, also those behind earlier tests' in the outbox (one drain sends a batch of 50,
     * oldest first).
     */
    public static void sendAllDue(fi.silta.notifications.OutboxDrainer drainer) {
        while (drainer.drain() > 0) {
            // the next batch
        }
    }

    public static List<Received> to(GreenMailExtension greenMail, String recipient) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> isFor(m, recipient)).map(Mails::read).toList();
    }

    /** A file sent with a mail: its name and bytes. */
    public record Attachment(String fileName, byte[] content) {

        /** The text of a PDF, read back with PDFBox. */
        public String pdfText() {
            try (var document = org.apache.pdfbox.Loader.loadPDF(content)) {
                return new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The files of every mail to {@code recipient} whose subject contains {@code subject}, in order. */
    public static List<Attachment> attachments(GreenMailExtension greenMail, String recipient, String subject) {
        List<Attachment> files = new java.util.ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                if (!isFor(message, recipient) || !message.getSubject().contains(subject)
                        || !(message.getContent() instanceof jakarta.mail.Multipart parts)) {
                    continue;
                }
                for (int i = 1; i < parts.getCount(); i++) {
                    var part = parts.getBodyPart(i);
                    files.add(new Attachment(part.getFileName(), part.getInputStream().readAllBytes()));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return files;
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
