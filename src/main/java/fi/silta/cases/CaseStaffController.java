package fi.silta.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import fi.silta.cases.documents.Document;
import fi.silta.cases.documents.DocumentResponses;
import fi.silta.cases.documents.DocumentService;

/**
 * The staff page of a case (linked from Tasklist forms and the organisation page): its facts,
 * contact and documents, then the sections its procedure adds ({@link CaseStaffSection}). What a
 * staff member sees is decided by the case kind's access rule ({@link StaffCaseAccess}): nothing
 * (403, also for its documents), a summary (who the case is about), or all of it.
 */
@Controller
public class CaseStaffController {

    private final CaseRepository cases;
    private final DocumentService documents;
    private final CaseParties parties;
    private final List<CaseStaffSection> sections;
    private final StaffCaseAccess access;
    private final CaseHistory history;
    private final OutsiderTasks outsiderTasks;
    private final StaffCasePdf pdf;
    private final org.springframework.context.MessageSource messages;

    public CaseStaffController(CaseRepository cases, DocumentService documents, CaseParties parties,
            List<CaseStaffSection> sections, StaffCaseAccess access, CaseHistory history, OutsiderTasks outsiderTasks,
            StaffCasePdf pdf, org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.access = access;
        this.history = history;
        this.outsiderTasks = outsiderTasks;
        this.pdf = pdf;
        this.cases = cases;
        this.documents = documents;
        this.parties = parties;
        this.sections = sections;
    }

    @GetMapping("/staff/cases/{reference}")
    String show(@PathVariable String reference, Model model, Locale locale, Authentication staff) {
        model.addAllAttributes(page(visibleCase(reference, staff), locale, staff));
        return "staff/case";
    }

    /** The same page as a PDF for the file (tagged, PDF/A-2a, as every document Silta makes). */
    @GetMapping("/staff/cases/{reference}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String reference, Locale locale, Authentication staff,
            jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        CaseFile caseFile = visibleCase(reference, staff);
        byte[] bytes = pdf.render(page(caseFile, locale, staff), locale, request, response);
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"" + caseFile.reference() + ".pdf\"")
                .header("Cache-Control", "no-store").body(bytes);
    }

    /**
     * What the page shows: the case's facts; with the whole case visible its documents, what it
     * waits for from the outsider, its history; then the sections its procedure adds.
     */
    private Map<String, Object> page(CaseFile caseFile, Locale locale, Authentication staff) {
        CaseVisibility visibility = access.visibility(caseFile, staff);
        boolean full = visibility == CaseVisibility.FULL;
        List<Document> listed = full ? documents.list(caseFile.id()) : List.of();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("caseFile", caseFile);
        model.put("full", full);
        model.put("parties", full ? parties.of(caseFile) : parties.of(caseFile).organisationOnly());
        model.put("documents", listed);
        // what the case waits for from the outsider, named as the diagram names it in the reader's language
        model.put("waiting", full ? outsiderTasks.open(caseFile).stream().map(t -> new Waiting(t.due(), messages.getMessage(
                "diagram." + caseFile.kind().processKey() + "." + t.definitionKey(), null, t.name(), locale))).toList() : List.of());
        model.put("history", full ? history.of(caseFile, listed, locale) : List.of());
        model.put("sections",
                sections.stream().flatMap(s -> s.staffCase(caseFile, visibility, staff, locale).stream()).toList());
        return model;
    }

    @GetMapping("/staff/cases/{reference}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable String reference, @PathVariable long documentId, Authentication staff) {
        CaseFile caseFile = visibleCase(reference, staff);
        if (access.visibility(caseFile, staff) != CaseVisibility.FULL) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        Document document = documents.find(caseFile.id(), documentId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return DocumentResponses.download(document, documents.content(caseFile.id(), documentId).orElseThrow());
    }

    /** An open outsider's task on the page: until when, and its name. */
    public record Waiting(java.util.Date due, String name) {
    }

    /** The case, if this staff member may see anything of it: 404 when there is no such case, 403 when it is not theirs to see. */
    private CaseFile visibleCase(String reference, Authentication staff) {
        CaseFile caseFile = cases.findByReference(reference).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!access.visibility(caseFile, staff).any()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return caseFile;
    }
}
