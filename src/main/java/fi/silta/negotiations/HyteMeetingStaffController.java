package fi.silta.negotiations;

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
import fi.silta.web.InvalidInput;
import fi.silta.web.TriLingual;

/**
 * The staff case page's meeting actions for hyte coordinators: move (new times, validated as when scheduled; an
 * update with the same UID and a higher SEQUENCE) and cancel (METHOD:CANCEL; the model goes back to scheduling).
 * A refusal changes nothing and says why in the reader's language.
 */
@Controller
public class HyteMeetingStaffController {

    private final CaseRepository cases;
    private final HyteMeetings meetings;
    private final TriLingual text;

    public HyteMeetingStaffController(CaseRepository cases, HyteMeetings meetings, TriLingual text) {
        this.cases = cases;
        this.meetings = meetings;
        this.text = text;
    }

    @PostMapping("/staff/cases/{reference}/hyte-meeting/move")
    String move(@PathVariable String reference, @RequestParam(required = false) String meetingStart,
            @RequestParam(required = false) String meetingEnd, Authentication staff, RedirectAttributes redirect, Locale locale) {
        check(reference, staff);
        try {
            meetings.move(reference, meetingStart, meetingEnd, staff.getName());
            redirect.addFlashAttribute("notice", "hyte.meeting.moved");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("meetingError", text.inLanguage(invalid, "hyte.meeting.field.", locale));
        }
        return "redirect:/staff/cases/" + reference + "#hyte-meeting";
    }

    @PostMapping("/staff/cases/{reference}/hyte-meeting/cancel")
    String cancel(@PathVariable String reference, Authentication staff, RedirectAttributes redirect, Locale locale) {
        check(reference, staff);
        try {
            meetings.cancel(reference, staff.getName());
            redirect.addFlashAttribute("notice", "hyte.meeting.cancelled");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("meetingError", text.inLanguage(invalid, "hyte.meeting.field.", locale));
        }
        return "redirect:/staff/cases/" + reference + "#hyte-meeting";
    }

    private void check(String reference, Authentication staff) {
        CaseFile caseFile = cases.findByReference(reference).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (caseFile.kind() != CaseKind.HYTE_NEGOTIATION || !HyteNegotiationSection.isHyteCoordinator(staff)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }
}
