package fi.silta.notifications;

import java.util.List;

/**
 * Changes a mail's text just before it is sent, never the stored copy: e.g. puts a status-link
 * token of its own into each mail that needs one ({@code fi.silta.cases.StatusLinkMails}), so
 * that no token is ever stored in the outbox. Beans of this type are found by Spring and applied
 * by {@link OutboxDrainer} to every attempt.
 */
public interface OutgoingMailHook {

    /** The body to send for this attempt. */
    String beforeSending(OutboxMail mail, String body);

    /**
     * Files made for this attempt and sent after the stored ones (e.g. the applicant's copy of an
     * application as a PDF, rendered when the receipt is sent rather than inside the submission).
     */
    default List<MailAttachment> attachmentsFor(OutboxMail mail) {
        return List.of();
    }
}
