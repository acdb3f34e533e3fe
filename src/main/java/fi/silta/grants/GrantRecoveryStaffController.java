package fi.silta.grants;

import java.util.Locale;
import java.util.Map;

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

/**
 * A coordinator who sees the whole case begins a recovery (unused funds or a finding, with a short description); a
 * refused start (no funding, nothing paid, a recovery open, a missing field) starts nothing and says why in the
 * reader's language, with what was typed kept in the form.
 */
@Controller
public class GrantRecoveryStaffController {

    private final CaseRepository cases;
    private final StaffCaseAccess access;
    private final GrantRecoveryService recoveries;
    private final TriLingual text;

    public GrantRecoveryStaffController(CaseRepository cases, StaffCaseAccess access, GrantRecoveryService recoveries, TriLingual text) {
        this.cases = cases;
        this.access = access;
        this.recoveries = recoveries;
        this.text = text;
    }

    @PostMapping("/staff/cases/{reference}/recoveries")
    String start(@PathVariable String reference, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String description, Authentication staff, RedirectAttributes redirect, Locale locale) {
        CaseFile caseFile = cases.findByReference(reference).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION || access.visibility(caseFile, staff) != CaseVisibility.FULL
                || staff.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals(Roles.COORDINATOR.authority()))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        try {
            recoveries.start(caseFile, reason, description, staff.getName());
            redirect.addFlashAttribute("notice", "grants.recovery.started");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("recoveryError", text.inLanguage(invalid, GrantRecoveryDelegates.FIELD_PREFIX, locale));
            redirect.addFlashAttribute("recoveryTyped", Map.of("reason", reason == null ? "" : reason,
                    "description", description == null ? "" : description));
        }
        return "redirect:/staff/cases/" + reference + "#recovery";
    }
}
