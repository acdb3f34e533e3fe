package fi.silta.grants;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import fi.silta.SiltaProperties;
import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseParties;
import fi.silta.cases.documents.DocumentService;
import fi.silta.notifications.CaseRecipients;
import fi.silta.notifications.MailAttachment;
import fi.silta.notifications.MailOutbox;
import fi.silta.organisations.Contact;
import fi.silta.organisations.OrganisationRepository;

/**
 * How a grant's decision document reaches the applicant, the same for every decision of a grant (the round's
 * decision, a change request's, a recovery's): by mail with its PDF when the case's contact consented to
 * electronic notice, else by a letter a coordinator posts.
 */
@Component
class GrantDecisionNotices {

    private final CaseRecipients recipients;
    private final OrganisationRepository organisations;
    private final CaseParties parties;
    private final DocumentService documents;
    private final MailOutbox outbox;
    private final SiltaProperties properties;

    GrantDecisionNotices(CaseRecipients recipients, OrganisationRepository organisations, CaseParties parties, DocumentService documents,
            MailOutbox outbox, SiltaProperties properties) {
        this.recipients = recipients;
        this.organisations = organisations;
        this.parties = parties;
        this.documents = documents;
        this.outbox = outbox;
        this.properties = properties;
    }

    /** The case's contact consented to electronic notice (the decision is mailed, else posted). */
    boolean electronic(CaseFile caseFile) {
        return caseFile.contactId() != null && organisations.contact(caseFile.contactId()).map(Contact::electronicNoticeConsent)
                .orElse(false);
    }

    /**
     * Queues the decision's mail to the case's contact with the stored decision document ({@code documentId}) as
     * a PDF attachment: the mail's model is the case, its contact and organisation and the decision's
     * {@code details}. Returns the outbox mail's id (the notice period counts from when it leaves).
     */
    long mail(CaseFile caseFile, String template, String language, Map<String, Object> details, String fileName, long documentId) {
        CaseRecipients.Recipient to = recipients.of(caseFile.reference()).orElseThrow();
        Map<String, Object> model = new HashMap<>();
        model.put("baseUrl", properties.baseUrl());
        model.put("caseReference", caseFile.reference());
        model.put("contactName", caseFile.contactId() == null ? null
                : organisations.contact(caseFile.contactId()).map(Contact::name).orElse(null));
        model.put("organisationName", parties.of(caseFile).organisationName());
        model.putAll(details);
        byte[] pdf = documents.content(caseFile.id(), documentId).orElseThrow();
        return outbox.enqueue(template, to.email(), language, model, caseFile.reference(), List.of(MailAttachment.pdf(fileName, pdf)));
    }
}
