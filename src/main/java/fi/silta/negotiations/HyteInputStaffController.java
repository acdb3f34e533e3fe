package fi.silta.negotiations;

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
import fi.silta.security.Roles;
import fi.silta.web.Formats;

/**
 * The NGO input of a cycle for staff ({@code /staff/hyte/{year}/input}): per negotiation every organisation's input
 * with its texts per theme and attachments. For those who prepare, hold and approve the negotiations (hyte
 * coordinators, NGO liaisons, who write the NGO cooperation group's statement, decision makers), managers and
 * administrators; 403 for anyone else.
 */
@Controller
public class HyteInputStaffController {

    static final List<Roles> READERS = List.of(Roles.HYTE_COORDINATOR, Roles.LIAISON, Roles.DECISION_MAKER, Roles.MANAGER,
            Roles.ADMINISTRATOR);

    /** A negotiation with its inputs, as the page lists them. */
    public record NegotiationInputs(HyteInputs.Negotiation negotiation, List<HyteInput> inputs) {
    }

    private final HyteInputs inputs;
    private final DocumentService documents;

    public HyteInputStaffController(HyteInputs inputs, DocumentService documents) {
        this.inputs = inputs;
        this.documents = documents;
    }

    @GetMapping("/staff/hyte/{year}/input")
    String page(@PathVariable int year, Authentication staff, Model model, Locale locale) {
        requireReader(staff);
        HyteInputCall call = inputs.cycle(year).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("year", String.valueOf(year));
        model.addAttribute("call", call);
        model.addAttribute("deadline", call.closesAt() == null ? null : new Formats(locale).dateTime(call.closesAt()));
        model.addAttribute("negotiations", inputs.negotiations(call.cycleId()).stream()
                .map(n -> new NegotiationInputs(n, inputs.forNegotiation(n.id()))).toList());
        return "negotiations/input-staff";
    }

    /** An attachment of an input of the cycle. */
    @GetMapping("/staff/hyte/{year}/input/{negotiationId}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable int year, @PathVariable long negotiationId, @PathVariable long documentId,
            Authentication staff) {
        requireReader(staff);
        HyteInputCall call = inputs.cycle(year).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        HyteInputs.Negotiation negotiation = inputs.negotiation(call.cycleId(), negotiationId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Document document = inputs.forNegotiation(negotiationId).stream().flatMap(i -> i.documents().stream())
                .filter(d -> d.id() == documentId).findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return DocumentResponses.download(document, documents.content(negotiation.caseId(), documentId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }

    private static void requireReader(Authentication staff) {
        if (!Roles.anyOf(staff, READERS)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }
}
