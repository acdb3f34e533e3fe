package fi.silta.cases;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import fi.silta.cases.documents.Document;
import fi.silta.cases.documents.DocumentResponses;
import fi.silta.cases.documents.DocumentService;
import fi.silta.organisations.OrganisationRepository;

/**
 * The staff page of a case (linked from Tasklist forms and the organisation page): its facts,
 * contact and documents. Open to the roles that handle cases (see SecurityConfig).
 */
@Controller
public class CaseStaffController {

    private final CaseRepository cases;
    private final DocumentService documents;
    private final OrganisationRepository organisations;
    private final fi.silta.grants.GrantReviewsView reviewsView;

    public CaseStaffController(CaseRepository cases, DocumentService documents, OrganisationRepository organisations,
            fi.silta.grants.GrantReviewsView reviewsView) {
        this.reviewsView = reviewsView;
        this.cases = cases;
        this.documents = documents;
        this.organisations = organisations;
    }

    @GetMapping("/staff/cases/{reference}")
    String show(@PathVariable String reference, Model model, Locale locale,
            org.springframework.security.core.Authentication staff) {
        CaseFile caseFile = cases.findByReference(reference).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("caseFile", caseFile);
        model.addAttribute("organisation", caseFile.organisationId() == null ? null
                : organisations.find(caseFile.organisationId()).orElse(null));
        model.addAttribute("contact", caseFile.contactId() == null ? null : organisations.contact(caseFile.contactId()).orElse(null));
        model.addAttribute("documents", documents.list(caseFile.id()));
        // reviews and scores: for those who handle the whole case, never for reviewers (no one sees another's scores)
        boolean seesReviews = fi.silta.security.Roles.caseOverseers().stream()
                .anyMatch(role -> staff.getAuthorities().stream().anyMatch(a -> role.authority().equals(a.getAuthority())));
        model.addAttribute("reviews", seesReviews ? reviewsView.of(caseFile) : java.util.List.of());
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
