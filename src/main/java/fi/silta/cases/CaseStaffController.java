package fi.silta.cases;

import java.util.List;
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
 * contact and documents, then the sections its procedure adds ({@link CaseStaffSection}). Open to
 * the roles that handle cases (see SecurityConfig).
 */
@Controller
public class CaseStaffController {

    private final CaseRepository cases;
    private final DocumentService documents;
    private final CaseParties parties;
    private final List<CaseStaffSection> sections;

    public CaseStaffController(CaseRepository cases, DocumentService documents, CaseParties parties,
            List<CaseStaffSection> sections) {
        this.cases = cases;
        this.documents = documents;
        this.parties = parties;
        this.sections = sections;
    }

    @GetMapping("/staff/cases/{reference}")
    String show(@PathVariable String reference, Model model, Locale locale, Authentication staff) {
        CaseFile caseFile = cases.findByReference(reference).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("caseFile", caseFile);
        model.addAttribute("parties", parties.of(caseFile));
        model.addAttribute("documents", documents.list(caseFile.id()));
        model.addAttribute("sections", sections.stream().flatMap(s -> s.staffCase(caseFile, staff, locale).stream()).toList());
        return "staff/case";
    }

    @GetMapping("/staff/cases/{reference}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable String reference, @PathVariable long documentId) {
        CaseFile caseFile = cases.findByReference(reference).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Document document = documents.find(caseFile.id(), documentId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return DocumentResponses.download(document, documents.content(caseFile.id(), documentId).orElseThrow());
    }
}
