package fi.silta.grants;

import java.util.Locale;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fi.silta.cases.CaseAccess;
import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.portal.CaseNotFound;
import fi.silta.portal.PortalSubmissions;
import fi.silta.web.InvalidInput;
import fi.silta.web.TriLingual;

/**
 * The applicant's actions on a granted application's payment that are not tasks of its process: changing the
 * organisation's bank account and declining the grant. Only a signed-in verified contact of the case's organisation
 * (a status link alone does neither); a refusal comes back in the reader's language with nothing stored.
 */
@Controller
public class GrantFundingPortalController {

    private final CaseAccess access;
    private final PortalSubmissions submissions;
    private final GrantFundingService service;
    private final TriLingual text;

    public GrantFundingPortalController(CaseAccess access, PortalSubmissions submissions, GrantFundingService service, TriLingual text) {
        this.access = access;
        this.submissions = submissions;
        this.service = service;
        this.text = text;
    }

    @PostMapping("/portal/cases/{reference}/bank-account")
    String changeAccount(@PathVariable String reference, @RequestParam(required = false) String iban,
            @RequestParam(required = false) String holder, @RequestParam(name = "token", required = false) String token,
            Authentication contact, RedirectAttributes redirect, Locale locale) {
        if (contact == null) {
            return signInFirst(reference, token, redirect, locale);
        }
        CaseFile caseFile = actor(reference, contact);
        try {
            allowed(caseFile, contact);
            service.changeAccount(caseFile, iban, holder, contact.getName());
            redirect.addFlashAttribute("notice", "grants.account.changed");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("fundingError", text.inLanguage(invalid, "grants.account.field.", locale));
        }
        return "redirect:/portal/cases/" + reference + "#funding";
    }

    @PostMapping("/portal/cases/{reference}/decline-grant")
    String decline(@PathVariable String reference, @RequestParam(required = false) String confirm,
            @RequestParam(name = "token", required = false) String token, Authentication contact, RedirectAttributes redirect,
            Locale locale) {
        if (contact == null) {
            return signInFirst(reference, token, redirect, locale);
        }
        CaseFile caseFile = actor(reference, contact);
        try {
            allowed(caseFile, contact);
            if (!"yes".equals(confirm)) {
                throw InvalidInput.of("decline", "grants.funding.confirmDecline");
            }
            service.decline(caseFile, contact.getName());
            redirect.addFlashAttribute("notice", "grants.funding.declined");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("fundingError", text.inLanguage(invalid, "grants.funding.field.", locale));
        }
        return "redirect:/portal/cases/" + reference + "#funding";
    }

    /**
     * Reached with the status link only: nothing is done; the page says to sign in as the organisation's contact (a
     * link alone acts for nobody). Anything else is "not found".
     */
    private String signInFirst(String reference, String token, RedirectAttributes redirect, Locale locale) {
        access.resolve(reference, token, null).filter(c -> c.kind() == CaseKind.GRANT_APPLICATION).orElseThrow(CaseNotFound::new);
        redirect.addFlashAttribute("fundingError", text.inLanguage(InvalidInput.of("signIn", "grants.funding.signIn"),
                "grants.funding.field.", locale));
        return "redirect:" + fi.silta.portal.CaseStatusController.link("/portal/cases/" + reference, token) + "#funding";
    }

    /** The case as the signed-in person reaches it (not with a status link): a grant application, else "not found". */
    private CaseFile actor(String reference, Authentication contact) {
        if (contact == null) {
            throw new CaseNotFound();
        }
        return access.resolve(reference, null, contact).filter(c -> c.kind() == CaseKind.GRANT_APPLICATION)
                .orElseThrow(CaseNotFound::new);
    }

    /** A verified contact of the case's organisation (the one rule of who may act for it). */
    private void allowed(CaseFile caseFile, Authentication contact) {
        InvalidInput refused = submissions.mayAnswerFor(caseFile, contact.getName());
        if (refused != null) {
            throw refused;
        }
    }
}
