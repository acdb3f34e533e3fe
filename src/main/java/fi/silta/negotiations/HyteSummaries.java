package fi.silta.negotiations;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.cases.documents.DocumentRenderer;
import fi.silta.cases.documents.DocumentService;
import fi.silta.cases.documents.Upload;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.web.Formats;
import fi.silta.web.Locales;

/**
 * The yearly summary of a cycle for the regional council: per negotiation its municipalities, the meeting's date
 * and participants, the agreed goals and the measures with their status, as a staff page and as PDFs in Finnish
 * and Swedish (kept as the cycle's documents when the cycle ends). A negotiation with no meeting or memo yet says so.
 */
@Service
public class HyteSummaries {

    public record Measure(String text, String owner, String dueDate, String status) {
    }

    public record Entry(String caseReference, String title, List<String> municipalities, boolean done, String meetingDate,
            List<String> participants, String goals, List<Measure> measures) {
    }

    private final HyteCycleRepository cycles;
    private final HyteSummarySources sources;
    private final OrganisationRepository organisations;
    private final DocumentRenderer renderer;
    private final DocumentService documents;
    private final MessageSource messages;

    public HyteSummaries(HyteCycleRepository cycles, HyteSummarySources sources, OrganisationRepository organisations,
            DocumentRenderer renderer, DocumentService documents, MessageSource messages) {
        this.cycles = cycles;
        this.sources = sources;
        this.organisations = organisations;
        this.renderer = renderer;
        this.documents = documents;
        this.messages = messages;
    }

    public List<Entry> entries(HyteCycle cycle, Locale locale) {
        Formats formats = new Formats(locale);
        List<HyteNegotiationRow> negotiations = cycles.negotiations(cycle.id());
        Map<Long, String> names = organisations.names(negotiations.stream().flatMap(n -> n.municipalities().stream()).distinct().toList());
        List<Entry> entries = new ArrayList<>();
        for (HyteNegotiationRow n : negotiations) {
            Optional<HyteSummarySources.MeetingFacts> meeting = sources.meeting(n.id());
            List<Measure> measures = sources.measures(n.id()).stream().map(m -> new Measure(m.text(), owner(m, locale),
                    m.dueDate() == null ? "" : formats.date(m.dueDate()),
                    m.status() == null ? "" : messages.getMessage("hyte.measure.status." + m.status(), null, m.status(), locale)))
                    .toList();
            entries.add(new Entry(n.caseReference(), n.title(), n.municipalities().stream().map(names::get).toList(), n.done(),
                    meeting.map(m -> formats.dateTime(m.startsAt())).orElse(null),
                    meeting.map(HyteSummarySources.MeetingFacts::participants).orElse(List.of()),
                    sources.goals(n.id()).orElse(null), measures));
        }
        return entries;
    }

    private String owner(HyteSummarySources.MeasureFacts measure, Locale locale) {
        if (measure.ownerOrganisationId() != null) {
            return organisations.find(measure.ownerOrganisationId()).map(o -> o.name()).orElse("");
        }
        return measure.ownerKind() == null ? "" : messages.getMessage("hyte.cycle.measure.owner." + measure.ownerKind(), null,
                measure.ownerKind(), locale);
    }

    /** The summary as a PDF in the reader's language (Finnish or Swedish; English readers get Finnish). */
    public byte[] pdf(HyteCycle cycle, Locale requested) {
        Locale locale = "sv".equals(requested.getLanguage()) ? Locales.SWEDISH : Locales.FINNISH;
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", messages.getMessage("hyte.cycle.summary.title", new Object[] {String.valueOf(cycle.year())}, locale));
        model.put("reference", cycle.businessKey());
        model.put("date", OffsetDateTime.now().toString());
        model.put("cycle", cycle);
        model.put("entries", entries(cycle, locale));
        return renderer.render("hyte-cycle-summary", locale, model);
    }

    /** Stores the summary PDFs (fi, sv) as the cycle's documents; a later call adds new versions. */
    @Transactional
    public void store(HyteCycle cycle) {
        for (Locale locale : List.of(Locales.FINNISH, Locales.SWEDISH)) {
            String language = locale.getLanguage();
            String title = messages.getMessage("hyte.cycle.summary.title", new Object[] {String.valueOf(cycle.year())}, locale);
            documents.storeCallDocument(HyteCycle.CALL_KIND, cycle.id(), "summary-" + language, title,
                    Upload.of("summary", fileName(cycle, language), "application/pdf", pdf(cycle, locale)), null);
        }
    }

    public List<DocumentService.CallDocument> stored(HyteCycle cycle) {
        return documents.callDocuments(HyteCycle.CALL_KIND, cycle.id());
    }

    public Optional<byte[]> content(HyteCycle cycle, long documentId) {
        return documents.callDocumentContent(HyteCycle.CALL_KIND, cycle.id(), documentId);
    }

    static String fileName(HyteCycle cycle, String language) {
        return ("sv".equals(language) ? "hyte-sammandrag-" : "hyte-yhteenveto-") + cycle.year() + ".pdf";
    }
}
