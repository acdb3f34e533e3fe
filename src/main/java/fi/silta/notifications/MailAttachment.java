package fi.silta.notifications;

import java.util.Objects;

/**
 * A file sent with a mail, exactly as stored with it in the outbox: the name the reader sees, the full MIME type
 * (for an invitation {@code text/calendar; method=REQUEST; charset=UTF-8}) and the bytes.
 */
public record MailAttachment(String fileName, String contentType, byte[] content) {

    /** What the outbox page shows of an attachment: no content. */
    public record Summary(String fileName, String contentType, long sizeBytes) {
    }

    public MailAttachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
        if (fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")) {
            throw new IllegalArgumentException("not a file name: " + fileName);
        }
    }

    /** A rendered PDF ({@code fi.silta.cases.documents.DocumentRenderer}). */
    public static MailAttachment pdf(String fileName, byte[] content) {
        return new MailAttachment(fileName, "application/pdf", content);
    }
}
