package fi.silta.grants;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.CaseVisibility;
import fi.silta.cases.StaffCaseAccess;
import fi.silta.security.Roles;
import fi.silta.web.InvalidInput;
import fi.silta.web.TriLingual;

/**
 * A coordinator who sees the whole case enters a request for rectification that another party
 * sent by mail or letter; a refused entry stores nothing and says why in fi/sv/en, with what was
 * typed kept in the form.
 */
@Controller
public class GrantRectificationStaffController {

    private final CaseRepository cases;
    private final StaffCaseAccess access;
    private final GrantOtherPartyRequests requests;
    private final TriLingual text;

    public GrantRectificationStaffController(CaseRepository cases, StaffCaseAccess access, GrantOtherPartyRequests requests,
            TriLingual text) {
        this.cases = cases;
        this.access = access;
        this.requests = requests;
        this.text = text;
    }

    @PostMapping("/staff/cases/{reference}/rectification-requests")
    String enter(@PathVariable String reference, @RequestParam(required = false) String channel,
            @RequestParam(required = false) String requestedBy, @RequestParam(required = false) String requesterAddress,
            @RequestParam(required = false) String receivedOn, @RequestParam(required = false) String reasons,
            Authentication staff, RedirectAttributes redirect, Locale locale) {
        CaseFile caseFile = cases.findByReference(reference).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (caseFile.kind() != fi.silta.cases.CaseKind.GRANT_APPLICATION || access.visibility(caseFile, staff) != CaseVisibility.FULL
                || staff.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals(Roles.COORDINATOR.authority()))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        try {
            requests.enter(caseFile, channel, requestedBy, requesterAddress, receivedOn, reasons, staff.getName());
            redirect.addFlashAttribute("notice", "grants.rectification.entered");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("rectificationError", text.inLanguage(invalid, "grants.rectification.field.", locale));
            redirect.addFlashAttribute("rectificationTyped", java.util.Map.of("channel", channel == null ? "" : channel,
                    "requestedBy", requestedBy == null ? "" : requestedBy, "requesterAddress", requesterAddress == null ? "" : requesterAddress,
                    "receivedOn", receivedOn == null ? "" : receivedOn, "reasons", reasons == null ? "" : reasons));
        }
        return "redirect:/staff/cases/" + reference + "#rectification";
    }
}
