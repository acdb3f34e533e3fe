package fi.silta.negotiations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.cases.documents.DocumentRenderer;
import fi.silta.cases.documents.DocumentService;
import fi.silta.negotiations.HyteMemoNegotiations.Municipality;
import fi.silta.negotiations.HyteMemoNegotiations.Negotiation;
import fi.silta.negotiations.HyteMemos.Measure;
import fi.silta.negotiations.HyteMemos.Memo;
import fi.silta.web.Formats;
import fi.silta.web.InvalidInput;

/**
 * The approved memo as a PDF document of its case (templates/documents/hyte-memo.html): in Finnish, and in
 * Swedish too when a municipality of the negotiation is bilingual; stored as documents of the case (field
 * {@value #FIELD}) and published on the portal's page of the year ({@code /hyte/{year}}).
 */
@Component
public class HyteMemoDocuments {

    public static final String FIELD = "hyteMemo";

    private final HyteMemos memos;
    private final HyteMemoNegotiations negotiations;
    private final DocumentRenderer renderer;
    private final DocumentService documents;
    private final MessageSource messages;

    public HyteMemoDocuments(HyteMemos memos, HyteMemoNegotiations negotiations, DocumentRenderer renderer, DocumentService documents,
            MessageSource messages) {
        this.memos = memos;
        this.negotiations = negotiations;
        this.renderer = renderer;
        this.documents = documents;
        this.messages = messages;
    }

    /**
     * Renders and stores the PDFs and marks the memo published; refused unless both sides approved it in the
     * current round (read from the memo's reviews, never from a variable). Publishing twice keeps the first.
     */
    @Transactional
    public Memo publish(Negotiation negotiation) {
        Memo memo = memos.memo(negotiation.id()).orElseThrow(() -> InvalidInput.of("memo", "hyte.memo.missing"));
        if (memo.status() == HyteMemos.Status.PUBLISHED) {
            return memo;
        }
        if (memo.status() != HyteMemos.Status.APPROVED) {
            throw InvalidInput.of("memo", "hyte.memo.notApproved");
        }
        Long fi = store(negotiation, memo, Locale.forLanguageTag("fi"));
        Long sv = negotiations.bilingual(negotiation.id()) ? store(negotiation, memo, Locale.forLanguageTag("sv")) : null;
        memos.markPublished(memo.id(), fi, sv);
        return memos.memo(negotiation.id()).orElseThrow();
    }

    public byte[] pdf(Negotiation negotiation, Memo memo, Locale locale) {
        Formats formats = new Formats(locale);
        List<Municipality> municipalities = negotiations.municipalities(negotiation.id());
        Map<String, Object> model = new HashMap<>();
        model.put("reference", negotiation.reference());
        model.put("title", messages.getMessage("hyte.memo.pdf.title", new Object[] {negotiation.year()}, locale));
        model.put("year", negotiation.year());
        model.put("municipalities", String.join(", ", municipalities.stream().map(Municipality::name).toList()));
        model.put("memo", memo);
        model.put("approvedAt", memos.reviews(memo.id()).stream().filter(r -> r.approvalRound() == memo.approvalRound())
                .map(r -> r.decidedAt()).max(java.time.OffsetDateTime::compareTo).map(formats::date).orElse(""));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Measure m : memos.measures(negotiation.id())) {
            rows.add(Map.of("n", m.position(), "text", m.text(), "owner", owner(m, locale), "due", formats.date(m.dueDate()),
                    "indicator", m.indicator() == null ? "" : m.indicator()));
        }
        model.put("measures", rows);
        return renderer.render("hyte-memo", locale, model);
    }

    String owner(Measure m, Locale locale) {
        String kind = messages.getMessage("hyte.measure.owner." + m.ownerKind().name(), null, locale);
        if (m.ownerOrganisationId() == null) {
            return kind;
        }
        return kind + ": " + negotiations.organisationName(m.ownerOrganisationId()).orElse("");
    }

    public static String fileName(String reference, String language) {
        return ("sv".equals(language) ? "promemoria-" : "muistio-") + reference + ".pdf";
    }

    private Long store(Negotiation negotiation, Memo memo, Locale locale) {
        return documents.store(negotiation.caseId(), FIELD, fileName(negotiation.reference(), locale.getLanguage()), "application/pdf", pdf(negotiation, memo, locale),
                "silta").id();
    }
}
