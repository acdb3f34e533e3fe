package fi.silta.cases;

import org.springframework.stereotype.Component;

import fi.silta.notifications.OutboxMail;
import fi.silta.notifications.OutgoingMailHook;

/**
 * A mail that needs a case's status link holds {@value #PLACEHOLDER} where the token goes
 * ({@code …/portal/cases/AV-2026-0001?token={status-token}} in {@code templates/mail/*.txt}); the
 * stored copy keeps the placeholder, so it holds no usable link. When the outbox sends the mail,
 * each attempt gets a token of its own, minted for the case the mail is about (its reference).
 */
@Component
class StatusLinkMails implements OutgoingMailHook {

    static final String PLACEHOLDER = "{status-token}";

    private final CaseRepository cases;
    private final StatusLinks links;

    StatusLinkMails(CaseRepository cases, StatusLinks links) {
        this.cases = cases;
        this.links = links;
    }

    @Override
    public String beforeSending(OutboxMail mail, String body) {
        if (!body.contains(PLACEHOLDER)) {
            return body;
        }
        CaseFile caseFile = cases.findByReference(mail.reference())
                .orElseThrow(() -> new IllegalStateException("mail " + mail.id() + " needs a status link but is about no case"));
        // a status link only ever goes to the case's own contact
        if (!caseFile.contactEmail().equalsIgnoreCase(mail.recipient())) {
            throw new IllegalStateException("mail " + mail.id() + " needs a status link of " + caseFile.reference()
                    + " but is not addressed to the case's contact");
        }
        return body.replace(PLACEHOLDER, links.mint(caseFile.id(), mail.id()));
    }
}
