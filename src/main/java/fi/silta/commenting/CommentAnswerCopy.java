package fi.silta.commenting;

import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.documents.DocumentRenderer;
import fi.silta.notifications.MailAttachment;
import fi.silta.notifications.OutboxMail;
import fi.silta.notifications.OutgoingMailHook;
import fi.silta.web.Formats;
import fi.silta.web.Locales;

/**
 * The files that go with an answer's mails: the receipt carries the organisation's copy of its
 * answer, the summary mail the published summary with the county's responses, both as PDF in the
 * recipient's language, rendered when the mail is sent (not inside the submission).
 */
@Component
class CommentAnswerCopy implements OutgoingMailHook {

    static final String RECEIPT = "case-receipt";
    static final String SUMMARY = "commenting-summary";

    private final CaseRepository cases;
    private final CommentingRoundRepository rounds;
    private final CommentSections sections;
    private final CommentingReports reports;
    private final ITemplateEngine pages;
    private final DocumentRenderer renderer;

    CommentAnswerCopy(CaseRepository cases, CommentingRoundRepository rounds, CommentSections sections, CommentingReports reports,
            ITemplateEngine pages, DocumentRenderer renderer) {
        this.cases = cases;
        this.rounds = rounds;
        this.sections = sections;
        this.reports = reports;
        this.pages = pages;
        this.renderer = renderer;
    }

    @Override
    public String beforeSending(OutboxMail mail, String body) {
        return body;
    }

    @Override
    public List<MailAttachment> attachmentsFor(OutboxMail mail) {
        if (!(RECEIPT.equals(mail.template()) || SUMMARY.equals(mail.template())) || mail.reference() == null) {
            return List.of();
        }
        CaseFile caseFile = cases.findByReference(mail.reference()).filter(c -> c.kind() == CaseKind.PLAN_COMMENT).orElse(null);
        if (caseFile == null) {
            return List.of();
        }
        Locale locale = Locales.of(mail.language());
        if (SUMMARY.equals(mail.template())) {
            return rounds.answerOfCase(caseFile.id()).flatMap(a -> rounds.find(a.roundId()))
                    .map(round -> List.of(MailAttachment.pdf(round.reference() + ".pdf", reports.pdf(round, locale, true))))
                    .orElse(List.of());
        }
        return sections.copy(caseFile, locale, false).map(section -> {
            Context context = new Context(locale);
            context.setVariable("caseFile", caseFile);
            context.setVariable("formats", new Formats(locale));
            context.setVariable("copy", section.model());
            byte[] pdf = renderer.renderXhtml(pages.process("commenting/answer-pdf", context), "commenting/answer-pdf");
            return List.of(MailAttachment.pdf(caseFile.reference() + ".pdf", pdf));
        }).orElse(List.<MailAttachment>of());
    }

}
