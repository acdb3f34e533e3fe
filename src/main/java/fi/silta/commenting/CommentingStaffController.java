package fi.silta.commenting;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fi.silta.cases.documents.DocumentResponses;
import fi.silta.cases.documents.DocumentService;
import fi.silta.cases.documents.Upload;
import fi.silta.portal.forms.TaskFormInput;
import fi.silta.security.Roles;
import fi.silta.security.StaffDirectory;
import fi.silta.web.Formats;
import fi.silta.web.InvalidInput;
import fi.silta.web.TriLingual;

/**
 * The round's staff page, which its Tasklist tasks link to: the documents (a new version replaces
 * one before the deadline, earlier ones stay listed; the final plan), closing early with a reason,
 * extending the deadline, the answers grouped by question with their organisations, the responses
 * while the synthesis is being written, and the exports (CSV, XLSX, PDF). Coordinators act;
 * decision makers and managers read.
 */
@Controller
public class CommentingStaffController {

    private static final String FIELDS = "commenting.round.field.";

    private final CommentingRoundRepository rounds;
    private final CommentingRoundService service;
    private final CommentingRoundView view;
    private final CommentingReports reports;
    private final DocumentService documents;
    private final StaffDirectory staff;
    private final TriLingual text;

    public CommentingStaffController(CommentingRoundRepository rounds, CommentingRoundService service, CommentingRoundView view,
            CommentingReports reports, DocumentService documents, StaffDirectory staff, TriLingual text) {
        this.rounds = rounds;
        this.service = service;
        this.view = view;
        this.reports = reports;
        this.documents = documents;
        this.staff = staff;
        this.text = text;
    }

    @GetMapping("/staff/commenting")
    String list(Model model, Locale locale) {
        Formats formats = new Formats(locale);
        model.addAttribute("rounds", rounds.all().stream().map(r -> Map.of("round", r, "title", r.title(locale),
                "deadline", formats.dateTime(r.closesAt()), "answers", rounds.answerCount(r.id()),
                "invited", rounds.invitedOrganisations(r.id()).size())).toList());
        return "commenting/staff-rounds";
    }

    @GetMapping("/staff/commenting/{roundId}")
    String page(@PathVariable long roundId, Authentication user, Model model, Locale locale) {
        CommentingRound round = round(roundId);
        Formats formats = new Formats(locale);
        boolean coordinator = isCoordinator(user);
        boolean synthesis = round.status() == CommentingRound.Status.CLOSED && service.synthesisOpen(round);
        model.addAttribute("round", round);
        model.addAttribute("title", round.title(locale));
        model.addAttribute("formats", formats);
        model.addAttribute("coordinator", coordinator);
        model.addAttribute("open", round.status() == CommentingRound.Status.OPEN && round.closesAt().isAfter(OffsetDateTime.now()));
        model.addAttribute("configuring", round.status() == CommentingRound.Status.CONFIGURING);
        model.addAttribute("synthesis", synthesis);
        model.addAttribute("deadline", formats.weekdayDateTime(round.closesAt()));
        model.addAttribute("materials", view.materials(round, locale));
        model.addAttribute("sessions", view.sessions(round, locale));
        model.addAttribute("questions", view.questions(round, locale));
        List<Long> invited = rounds.invitedOrganisations(roundId);
        var answers = rounds.answers(roundId);
        model.addAttribute("answerCount", answers.size());
        model.addAttribute("invitedCount", invited.size());
        model.addAttribute("invitedAnswered", answers.stream().filter(a -> invited.contains(a.organisationId())).count());
        Map<String, String> responsesFi = new HashMap<>();
        Map<String, String> responsesSv = new HashMap<>();
        for (CommentResponse r : rounds.responses(roundId)) {
            String key = r.answerId() == CommentResponse.THEME ? r.questionKey() : r.questionKey() + "." + r.answerId();
            responsesFi.put(key, r.responseFi());
            responsesSv.put(key, r.responseSv() == null ? "" : r.responseSv());
        }
        model.addAttribute("responsesFi", responsesFi);
        model.addAttribute("responsesSv", responsesSv);
        Map<String, String> names = new HashMap<>();
        List<CommentingRoundRepository.Event> events = rounds.events(roundId);
        events.forEach(e -> {
            if (e.byUser() != null) {
                names.computeIfAbsent(e.byUser(), id -> staff.find(id).map(StaffDirectory.StaffMember::name).orElse(id));
            }
        });
        model.addAttribute("events", events);
        model.addAttribute("eventDetails", events.stream().collect(java.util.stream.Collectors.toMap(CommentingRoundRepository.Event::id,
                e -> detail(e, formats))));
        model.addAttribute("names", names);
        return "commenting/staff-round";
    }

    /** A new document, or a new version of one (same slot), before the deadline; the final plan until publication. */
    @PostMapping("/staff/commenting/{roundId}/documents")
    String upload(@PathVariable long roundId, @RequestParam(required = false) String slot, @RequestParam(required = false) String title,
            @RequestParam(required = false) MultipartFile file, Authentication user, RedirectAttributes redirect, Locale locale) {
        requireCoordinator(user);
        CommentingRound round = round(roundId);
        try {
            List<CommentingRoundView.Material> materials = view.materials(round, locale);
            String chosen = slot == null || slot.isBlank() || "new".equals(slot) ? "material-" + (materials.size() + 1) : slot;
            boolean finalPlan = CommentingRoundView.FINAL_PLAN.equals(chosen);
            InvalidInput.Collector errors = new InvalidInput.Collector();
            boolean before = round.status() == CommentingRound.Status.CONFIGURING
                    || (round.status() == CommentingRound.Status.OPEN && round.closesAt().isAfter(OffsetDateTime.now()));
            if (finalPlan ? round.status() == CommentingRound.Status.PUBLISHED : !before) {
                errors.add("file", "commenting.documents.closed");
            }
            if (!chosen.matches("material-\\d{1,3}|" + CommentingRoundView.FINAL_PLAN)) {
                errors.add("slot", "commenting.documents.slot");
            }
            // a new version keeps its document's title unless another is typed
            String kept = materials.stream().filter(m -> m.current().slot().equals(chosen)).findFirst()
                    .map(m -> m.current().title()).orElse(null);
            String typed = title == null || title.isBlank() ? kept : title;
            String name = new TaskFormInput(Map.of("title", typed == null ? "" : typed), errors).text("title", true, 300);
            if (file == null || file.isEmpty()) {
                errors.add("file", "validation.required");
            }
            errors.throwIfAny();
            documents.storeCallDocument(CommentingRound.CALL_KIND, roundId, chosen, name, Upload.of("file", file), user.getName());
            redirect.addFlashAttribute("notice", "commenting.documents.stored");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("error", text.inLanguage(invalid, FIELDS, locale));
        } catch (org.springframework.dao.DuplicateKeyException sameInstant) {
            redirect.addFlashAttribute("error", text.inLanguage(InvalidInput.of("file", "commenting.documents.concurrent"), FIELDS, locale));
        }
        return "redirect:/staff/commenting/" + roundId + "#documents";
    }

    @GetMapping("/staff/commenting/{roundId}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable long roundId, @PathVariable long documentId) {
        round(roundId);
        var document = documents.callDocuments(CommentingRound.CALL_KIND, roundId).stream().filter(d -> d.id() == documentId).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return DocumentResponses.download(document.fileName(), document.contentType(),
                documents.callDocumentContent(CommentingRound.CALL_KIND, roundId, documentId).orElseThrow());
    }

    @PostMapping("/staff/commenting/{roundId}/close")
    String close(@PathVariable long roundId, @RequestParam(required = false) String reason, Authentication user,
            RedirectAttributes redirect, Locale locale) {
        requireCoordinator(user);
        round(roundId);
        try {
            service.closeEarly(roundId, reason, user.getName());
            redirect.addFlashAttribute("notice", "commenting.round.closedEarly");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("error", text.inLanguage(invalid, FIELDS, locale));
        }
        return "redirect:/staff/commenting/" + roundId;
    }

    /** The new deadline as the page's date and time fields send it ({@code 2027-02-15T16:00}, Helsinki time). */
    @PostMapping("/staff/commenting/{roundId}/extend")
    String extend(@PathVariable long roundId, @RequestParam(required = false) String closesAt, Authentication user,
            RedirectAttributes redirect, Locale locale) {
        requireCoordinator(user);
        round(roundId);
        try {
            InvalidInput.Collector errors = new InvalidInput.Collector();
            OffsetDateTime deadline = new TaskFormInput(Map.of("closesAt", closesAt == null ? "" : closesAt), errors).dateTime("closesAt");
            errors.throwIfAny();
            service.extend(roundId, deadline, user.getName());
            redirect.addFlashAttribute("notice", "commenting.round.extended");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("error", text.inLanguage(invalid, FIELDS, locale));
        }
        return "redirect:/staff/commenting/" + roundId;
    }

    /** The responses typed on the page: {@code fi.q1}, {@code sv.q1} per theme, {@code fi.q1.<answerId>} per comment. */
    @PostMapping("/staff/commenting/{roundId}/responses")
    String responses(@PathVariable long roundId, @RequestParam Map<String, String> params, Authentication user,
            RedirectAttributes redirect, Locale locale) {
        requireCoordinator(user);
        round(roundId);
        Map<String, String> finnish = new LinkedHashMap<>();
        Map<String, String> swedish = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith("fi.")) {
                finnish.put(name.substring(3), value);
            } else if (name.startsWith("sv.")) {
                swedish.put(name.substring(3), value);
            }
        });
        try {
            service.saveResponses(roundId, finnish, swedish, user.getName());
            redirect.addFlashAttribute("notice", "commenting.synthesis.saved");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("error", text.inLanguage(invalid, FIELDS, locale));
        }
        return "redirect:/staff/commenting/" + roundId + "#answers";
    }

    @GetMapping("/staff/commenting/{roundId}/answers.csv")
    ResponseEntity<byte[]> csv(@PathVariable long roundId, Locale locale) {
        CommentingRound round = round(roundId);
        return DocumentResponses.download(round.reference() + ".csv", "text/csv;charset=UTF-8", reports.csv(round, locale));
    }

    @GetMapping("/staff/commenting/{roundId}/answers.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable long roundId, Locale locale) {
        CommentingRound round = round(roundId);
        return DocumentResponses.download(round.reference() + ".xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", reports.xlsx(round, locale));
    }

    @GetMapping("/staff/commenting/{roundId}/report.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long roundId, Locale locale) {
        CommentingRound round = round(roundId);
        return DocumentResponses.download(round.reference() + ".pdf", "application/pdf", reports.pdf(round, locale, false));
    }

    /** An event's detail as people read it: an extension's two deadlines in Helsinki time, else the text kept. */
    private static String detail(CommentingRoundRepository.Event event, Formats formats) {
        if (event.detail() == null) {
            return "";
        }
        String[] moved = event.detail().split(" → ");
        if ("DEADLINE_EXTENDED".equals(event.kind()) && moved.length == 2) {
            return formats.dateTime(moved[0]) + " → " + formats.dateTime(moved[1]);
        }
        return event.detail();
    }

    private CommentingRound round(long roundId) {
        return rounds.find(roundId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static boolean isCoordinator(Authentication user) {
        return user.getAuthorities().stream().anyMatch(a -> Roles.COORDINATOR.authority().equals(a.getAuthority()));
    }

    private static void requireCoordinator(Authentication user) {
        if (!isCoordinator(user)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }
}
