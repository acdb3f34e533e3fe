package fi.silta.negotiations;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fi.silta.cases.documents.DocumentService;
import fi.silta.web.Formats;
import fi.silta.web.InvalidInput;

/**
 * The public side of the memos: {@code /hyte/{year}} lists the approved memos of that year by municipality with
 * their PDFs (Finnish, and Swedish for a bilingual municipality), served only once published; and the owners'
 * follow-up page {@code /portal/my/hyte/measures} (signed-in contacts) where a municipality or organisation
 * updates the status of its measures.
 */
@Controller
public class HyteMemoPortalController {

    public record Published(String reference, int year, String municipalities, Long pdfFi, Long pdfSv, java.time.OffsetDateTime publishedAt,
            long caseId) {
    }

    private final JdbcClient jdbc;
    private final DocumentService documents;
    private final HyteMeasureUpdates updates;
    private final MessageSource messages;

    public HyteMemoPortalController(JdbcClient jdbc, DocumentService documents, HyteMeasureUpdates updates, MessageSource messages) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.updates = updates;
        this.messages = messages;
    }

    List<Published> published(int year) {
        return jdbc.sql("""
                select c.reference, y.cycle_year, h.pdf_fi_document_id, h.pdf_sv_document_id, h.published_at, c.id, n.id
                from hyte_memo h join hyte_negotiation n on n.id = h.negotiation_id join hyte_cycle y on y.id = n.cycle_id
                join case_file c on c.id = n.case_id where h.status = 'PUBLISHED' and y.cycle_year = ? order by c.reference""")
                .param(year).query((rs, i) -> new Published(rs.getString(1), rs.getInt(2), municipalities(rs.getLong(7)),
                        rs.getObject(3, Long.class), rs.getObject(4, Long.class), rs.getObject(5, java.time.OffsetDateTime.class), rs.getLong(6)))
                .list();
    }

    private String municipalities(long negotiationId) {
        return String.join(", ", jdbc.sql("""
                select o.name from hyte_negotiation_municipality m join organisation o on o.id = m.organisation_id
                where m.negotiation_id = ? order by o.name""").param(negotiationId).query(String.class).list());
    }

    @GetMapping("/hyte/{year}")
    String year(@PathVariable int year, Model model, Locale locale) {
        Formats formats = new Formats(locale);
        model.addAttribute("year", year);
        model.addAttribute("title", messages.getMessage("hyte.memo.public.title", new Object[] {String.valueOf(year)}, locale));
        model.addAttribute("memos", published(year).stream().map(p -> Map.of("memo", p, "publishedAt", formats.date(p.publishedAt()))).toList());
        return "negotiations/public-memos";
    }

    @GetMapping("/hyte/{year}/{reference}/{language}.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable int year, @PathVariable String reference, @PathVariable String language) {
        Published memo = published(year).stream().filter(p -> p.reference().equals(reference)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Long documentId = switch (language) {
            case "fi" -> memo.pdfFi();
            case "sv" -> memo.pdfSv();
            default -> null;
        };
        if (documentId == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        byte[] content = documents.content(memo.caseId(), documentId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(HyteMemoDocuments.fileName(reference, language)).build().toString())
                .body(content);
    }

    @GetMapping("/portal/my/hyte/measures")
    String measures(Authentication contact, Model model, Locale locale) {
        fill(model, contact, locale, List.of());
        return "negotiations/portal-measures";
    }

    @PostMapping("/portal/my/hyte/measures/{measureId}")
    String update(@PathVariable long measureId, @RequestParam(name = "measureStatus", required = false) String status,
            @RequestParam(name = "measureNote", required = false) String note, Authentication contact, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            updates.update(measureId, contact.getName(), status, note);
            redirect.addFlashAttribute("notice", "hyte.measure.updated");
            return "redirect:/portal/my/hyte/measures";
        } catch (InvalidInput refused) {
            response.setStatus(422);
            fill(model, contact, locale, refused.errors().stream().map(e -> messages.getMessage(e.messageKey(), e.args(locale), locale)).toList());
            return "negotiations/portal-measures";
        }
    }

    private void fill(Model model, Authentication contact, Locale locale, List<String> errors) {
        Formats formats = new Formats(locale);
        model.addAttribute("title", messages.getMessage("hyte.measure.portal.title", null, locale));
        model.addAttribute("errors", errors);
        model.addAttribute("measures", updates.openFor(contact.getName()).stream().map(o -> Map.of("id", o.measure().id(),
                "reference", o.reference(), "organisation", o.organisationName(), "text", o.measure().text(),
                "due", formats.date(o.measure().dueDate()), "status", o.measure().status().name(),
                "note", o.measure().note() == null ? "" : o.measure().note())).toList());
    }
}
