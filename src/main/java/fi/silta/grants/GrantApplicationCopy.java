package fi.silta.grants;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseParties;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.CaseRequests;
import fi.silta.cases.documents.Document;
import fi.silta.cases.documents.DocumentRenderer;
import fi.silta.cases.documents.DocumentService;
import fi.silta.notifications.MailAttachment;
import fi.silta.notifications.OutboxMail;
import fi.silta.notifications.OutgoingMailHook;
import fi.silta.web.Formats;
import fi.silta.web.Locales;

/**
 * The receipt mail of a grant application carries the applicant's copy of what they sent, as a PDF
 * ({@code templates/grants/application-copy-pdf.html}, the same view as the status page). It is
 * rendered when the receipt is sent, not inside the submission, so the deadline rush does not wait
 * for PDFs; each sending renders it again from the stored application.
 */
@Component
class GrantApplicationCopy implements OutgoingMailHook {

    static final String RECEIPT = "case-receipt";

    private final CaseRepository cases;
    private final GrantApplicationRepository applications;
    private final GrantRoundRepository rounds;
    private final GrantApplicationView view;
    private final DocumentService documents;
    private final CaseRequests requests;
    private final CaseParties parties;
    private final ITemplateEngine pages;
    private final DocumentRenderer renderer;

    GrantApplicationCopy(CaseRepository cases, GrantApplicationRepository applications, GrantRoundRepository rounds,
            GrantApplicationView view, DocumentService documents, CaseRequests requests, CaseParties parties, ITemplateEngine pages,
            DocumentRenderer renderer) {
        this.cases = cases;
        this.applications = applications;
        this.rounds = rounds;
        this.view = view;
        this.documents = documents;
        this.requests = requests;
        this.parties = parties;
        this.pages = pages;
        this.renderer = renderer;
    }

    @Override
    public String beforeSending(OutboxMail mail, String body) {
        return body;
    }

    @Override
    public List<MailAttachment> attachmentsFor(OutboxMail mail) {
        if (!RECEIPT.equals(mail.template()) || mail.reference() == null) {
            return List.of();
        }
        CaseFile caseFile = cases.findByReference(mail.reference()).filter(c -> c.kind() == CaseKind.GRANT_APPLICATION).orElse(null);
        if (caseFile == null) {
            return List.of();
        }
        GrantApplication application = applications.findByCase(caseFile.id()).orElse(null);
        if (application == null) {
            return List.of();
        }
        Locale locale = Locales.of(mail.language());
        List<Document> sent = GrantApplicationView.sentWithApplication(documents.list(caseFile.id()), requests.of(caseFile.id()));
        Context context = new Context(locale);
        context.setVariable("caseFile", caseFile);
        context.setVariable("formats", new Formats(locale));
        context.setVariable("roundName", rounds.find(application.roundId()).map(r -> r.name(locale)).orElse(""));
        // no links in the PDF: its files are listed by name (fileLinks maps none)
        context.setVariable("copy", Map.of("items", view.of(application, parties.of(caseFile).organisationName(), sent, locale),
                "titleKey", "status.copy.title", "fileLinks", Map.of()));
        byte[] pdf = renderer.renderXhtml(pages.process("grants/application-copy-pdf", context), "grants/application-copy-pdf");
        return List.of(MailAttachment.pdf(caseFile.reference() + ".pdf", pdf));
    }
}
