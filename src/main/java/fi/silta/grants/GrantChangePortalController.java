package fi.silta.grants;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;

import fi.silta.cases.CaseAccess;
import fi.silta.cases.CaseFile;
import fi.silta.cases.documents.Upload;
import fi.silta.portal.CaseNotFound;
import fi.silta.portal.PortalSubmissions;
import fi.silta.web.InvalidInput;
import fi.silta.web.TriLingual;

/**
 * A change request sent from the status page ({@link GrantChangeStatusSection}'s form): only by a
 * signed-in verified contact of the case's organisation (a status link alone asks for nothing in its
 * name). A refusal says why in the reader's language with what was typed kept, nothing stored; the same
 * post twice is one request.
 */
@Controller
public class GrantChangePortalController {

    static final int MAX_LINES = 100;

    private final CaseAccess access;
    private final PortalSubmissions submissions;
    private final GrantChangeRequests requests;
    private final GrantFundings fundings;
    private final TriLingual text;

    public GrantChangePortalController(CaseAccess access, PortalSubmissions submissions, GrantChangeRequests requests,
            GrantFundings fundings, TriLingual text) {
        this.access = access;
        this.submissions = submissions;
        this.requests = requests;
        this.fundings = fundings;
        this.text = text;
    }

    @PostMapping("/portal/cases/{reference}/change-requests")
    String request(@PathVariable String reference, HttpServletRequest http, Authentication signedIn, RedirectAttributes redirect,
            Locale locale, @RequestParam(name = "submissionKey", required = false) String submissionKey,
            @RequestParam(name = "changeKind", required = false) String kind,
            @RequestParam(name = "changeReportDue", required = false) String reportDue,
            @RequestParam(name = "changeContent", required = false) String content,
            @RequestParam(name = "changeReasons", required = false) String reasons) {
        if (signedIn == null || signedIn instanceof AnonymousAuthenticationToken || !signedIn.isAuthenticated()) {
            throw new CaseNotFound();
        }
        CaseFile caseFile = access.resolve(reference, null, signedIn).orElseThrow(CaseNotFound::new);
        String back = "redirect:/portal/cases/" + reference + "#change-requests";
        int lineCount = requests.fundingOf(caseFile.id()).map(f -> fundings.lines(f.id()).size()).orElse(0);
        List<String> amounts = new ArrayList<>();
        Map<String, String> typed = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(lineCount, MAX_LINES); i++) {
            String amount = http.getParameter("line" + i);
            amounts.add(amount);
            typed.put("line" + i, amount == null ? "" : amount);
        }
        typed.put("changeKind", kind == null ? "" : kind);
        typed.put("changeReportDue", reportDue == null ? "" : reportDue);
        typed.put("changeContent", content == null ? "" : content);
        typed.put("changeReasons", reasons == null ? "" : reasons);
        try {
            InvalidInput notAllowed = caseFile.organisationId() == null ? InvalidInput.of("changeKind", "grants.change.noGrant")
                    : submissions.mayActFor(caseFile.organisationId(), signedIn.getName());
            if (notAllowed != null) {
                throw notAllowed;
            }
            GrantChangeRequests.Filed filed = requests.file(caseFile, signedIn.getName(),
                    new GrantChangeRequests.Asked(kind, amounts, reportDue, content, reasons), uploads(http), key(submissionKey));
            redirect.addFlashAttribute("notice", "grants.change.received");
            return back;
        } catch (InvalidInput refused) {
            redirect.addFlashAttribute("changeError", text.inLanguage(refused, GrantChangeDelegates.FIELD_PREFIX, locale));
            redirect.addFlashAttribute("changeTyped", typed);
            return back;
        }
    }

    private static List<Upload> uploads(HttpServletRequest http) {
        if (!(http instanceof MultipartHttpServletRequest multipart)) {
            return List.of();
        }
        List<Upload> uploads = new ArrayList<>();
        for (MultipartFile file : multipart.getFiles(GrantChangeRequests.ATTACHMENT_FIELD)) {
            if (file != null && !file.isEmpty()) {
                uploads.add(Upload.of(GrantChangeRequests.ATTACHMENT_FIELD, file));
            }
        }
        return uploads;
    }

    private static String key(String submissionKey) {
        return submissionKey == null || submissionKey.isBlank() || submissionKey.length() > 64 || !submissionKey.matches("[A-Za-z0-9-]+")
                ? null : submissionKey;
    }
}
