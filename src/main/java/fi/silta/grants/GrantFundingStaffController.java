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
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.CaseVisibility;
import fi.silta.cases.StaffCaseAccess;
import fi.silta.security.Roles;
import fi.silta.web.InvalidInput;
import fi.silta.web.TriLingual;

/** A coordinator who sees the whole case says "do not pay" with a reason; anyone else is refused (403). */
@Controller
public class GrantFundingStaffController {

    private final CaseRepository cases;
    private final StaffCaseAccess access;
    private final GrantFundingService service;
    private final TriLingual text;

    public GrantFundingStaffController(CaseRepository cases, StaffCaseAccess access, GrantFundingService service, TriLingual text) {
        this.cases = cases;
        this.access = access;
        this.service = service;
        this.text = text;
    }

    @PostMapping("/staff/cases/{reference}/stop-payment")
    String stop(@PathVariable String reference, @RequestParam(required = false) String stopReason, Authentication staff,
            RedirectAttributes redirect, Locale locale) {
        CaseFile caseFile = cases.findByReference(reference).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION || access.visibility(caseFile, staff) != CaseVisibility.FULL
                || staff.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals(Roles.COORDINATOR.authority()))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        try {
            service.stop(caseFile, stopReason, staff.getName());
            redirect.addFlashAttribute("notice", "grants.payment.stopped");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("stopError", text.inLanguage(invalid, "grants.payment.field.", locale));
        }
        return "redirect:/staff/cases/" + reference + "#funding";
    }
}
