package fi.silta.negotiations;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.silta.calls.AlreadyAnswered;
import fi.silta.calls.Calls;
import fi.silta.cases.documents.Document;
import fi.silta.cases.documents.DocumentResponses;
import fi.silta.cases.documents.DocumentService;
import fi.silta.organisations.Organisation;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.portal.CaseNotFound;
import fi.silta.portal.OrganisationChoice;
import fi.silta.portal.PortalForms;
import fi.silta.portal.PortalSubmissions;
import fi.silta.portal.forms.FormDefinition;
import fi.silta.portal.forms.FormOptions;
import fi.silta.portal.forms.FormRegistry;
import fi.silta.portal.forms.FormRenderer;
import fi.silta.portal.forms.FormSubmission;
import fi.silta.web.Formats;
import fi.silta.web.InvalidInput;
import fi.silta.web.SubmissionCommits;

/**
 * NGO input to a hyte cycle on the portal: the cycle's negotiations open for input ({@code /hyte/{year}/input},
 * for anyone) and, for a signed-in contact, the input form of one negotiation
 * ({@code /hyte/{year}/input/{negotiationId}/answer}): a text per theme and attachments, the organisation's input
 * shown for editing once given, until the deadline. Who may act is the one submission path's rule
 * ({@link PortalSubmissions#mayActFor}: a verified contact of the organisation chosen); the form is checked as every
 * portal form ({@link PortalForms}); a second input of the organisation is refused naming the first
 * ({@link Calls#refusal}); the same post twice leads to what the first saved.
 */
@Controller
public class HyteInputPortalController {

    static final String FORM_ID = "hyte-input";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HyteInputs inputs;
    private final PortalSubmissions submissions;
    private final PortalForms portalForms;
    private final OrganisationChoice choice;
    private final OrganisationRepository organisations;
    private final FormRenderer renderer;
    private final Calls calls;
    private final DocumentService documents;
    private final SubmissionCommits commits;
    private final MessageSource messages;

    public HyteInputPortalController(HyteInputs inputs, PortalSubmissions submissions, PortalForms portalForms, OrganisationChoice choice,
            OrganisationRepository organisations, FormRenderer renderer, Calls calls, DocumentService documents, SubmissionCommits commits,
            MessageSource messages) {
        this.inputs = inputs;
        this.submissions = submissions;
        this.portalForms = portalForms;
        this.choice = choice;
        this.organisations = organisations;
        this.renderer = renderer;
        this.calls = calls;
        this.documents = documents;
        this.commits = commits;
        this.messages = messages;
    }

    /** The cycle's negotiations with their municipalities, the themes and the deadline. */
    @GetMapping("/hyte/{year}/input")
    String list(@PathVariable int year, Model model, Locale locale) {
        HyteInputCall call = inputs.cycle(year).orElseThrow(HyteInputPortalController::notFound);
        callFacts(model, call, locale);
        model.addAttribute("negotiations", inputs.negotiations(call.cycleId()));
        model.addAttribute("counts", inputs.counts(call.cycleId()));
        return "negotiations/input-list";
    }

    @GetMapping("/hyte/{year}/input/{negotiationId}/answer")
    String form(@PathVariable int year, @PathVariable long negotiationId,
            @RequestParam(name = "organisationId", required = false) Long organisationId, Authentication signedIn, Model model,
            Locale locale) {
        HyteInputCall call = inputs.cycle(year).orElseThrow(HyteInputPortalController::notFound);
        HyteInputs.Negotiation negotiation = inputs.negotiation(call.cycleId(), negotiationId).orElseThrow(HyteInputPortalController::notFound);
        OrganisationChoice.Chosen chosen = choice.chosen(signedIn.getName(), organisationId);
        page(model, call, negotiation, chosen, locale, UUID.randomUUID().toString(), null, null);
        return "negotiations/input-answer";
    }

    @PostMapping("/hyte/{year}/input/{negotiationId}/answer")
    String submit(@PathVariable int year, @PathVariable long negotiationId, HttpServletRequest request, HttpServletResponse response,
            Authentication signedIn, Model model, Locale locale, RedirectAttributes redirect) {
        HyteInputCall call = inputs.cycle(year).orElseThrow(HyteInputPortalController::notFound);
        HyteInputs.Negotiation negotiation = inputs.negotiation(call.cycleId(), negotiationId).orElseThrow(HyteInputPortalController::notFound);
        FormSubmission submission = FormSubmission.of(request);
        Long requested = number(submission.first("organisationId"));
        OrganisationChoice.Chosen chosen = choice.chosen(signedIn.getName(), requested);
        if (chosen.contact() == null && requested != null) {
            response.setStatus(422);
            page(model, call, negotiation, chosen, locale, UUID.randomUUID().toString(), submission,
                    InvalidInput.of(PortalSubmissions.GENERAL, "portal.act.notContact"));
            return "negotiations/input-answer";
        }
        if (chosen.contact() == null) {
            return "redirect:/hyte/" + year + "/input/" + negotiationId + "/answer";
        }
        long organisationId = chosen.contact().organisationId();
        String back = "redirect:/hyte/" + year + "/input/" + negotiationId + "/answer?organisationId=" + organisationId;
        String key = submissionKey(submission);
        // the same post again (a double click, a retried request): what the first saved
        if (inputs.savedWithKey(key, organisationId).isPresent()) {
            redirect.addFlashAttribute("saved", true);
            return back;
        }
        String shownKey = key == null ? UUID.randomUUID().toString() : key;
        FormDefinition form = inputForm(call, locale);
        PortalForms.Checked checked = portalForms.check(form, submission, Map.of(), FormOptions.NONE);
        InvalidInput errors = checked.errors();
        InvalidInput notAllowed = submissions.mayActFor(organisationId, signedIn.getName());
        if (notAllowed != null) {
            errors = merge(errors, notAllowed);
        }
        if (errors == null) {
            Long inputId = number(submission.first("inputId"));
            Long version = number(submission.first("version"));
            try {
                commits.store(() -> inputs.save(negotiationId, chosen.contact(), inputId, version == null ? null : version.intValue(),
                        texts(checked.result().values(), call.themes().size()), checked.uploads(), key), HyteInputs.Saved::caseReference);
                redirect.addFlashAttribute("saved", true);
                return back;
            } catch (InvalidInput rules) {
                errors = rules;
            } catch (AlreadyAnswered refused) {
                if (inputs.savedWithKey(key, organisationId).isPresent()) {
                    redirect.addFlashAttribute("saved", true);
                    return back;
                }
                errors = calls.refusal(refused, PortalSubmissions.GENERAL);
            }
        }
        response.setStatus(422);
        page(model, call, negotiation, chosen, locale, shownKey, submission, errors);
        return "negotiations/input-answer";
    }

    /** An attachment of the organisation's own input (its contacts only). */
    @GetMapping("/hyte/{year}/input/{negotiationId}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable int year, @PathVariable long negotiationId, @PathVariable long documentId,
            @RequestParam(name = "organisationId", required = false) Long organisationId, Authentication signedIn) {
        HyteInputCall call = inputs.cycle(year).orElseThrow(HyteInputPortalController::notFound);
        HyteInputs.Negotiation negotiation = inputs.negotiation(call.cycleId(), negotiationId).orElseThrow(HyteInputPortalController::notFound);
        OrganisationChoice.Chosen chosen = choice.chosen(signedIn.getName(), organisationId);
        if (chosen.contact() == null || !chosen.verified()) {
            throw new CaseNotFound();
        }
        Document document = inputs.of(negotiationId, chosen.contact().organisationId()).stream()
                .flatMap(i -> i.documents().stream()).filter(d -> d.id() == documentId).findFirst().orElseThrow(CaseNotFound::new);
        return DocumentResponses.download(document, documents.content(negotiation.caseId(), documentId).orElseThrow(CaseNotFound::new));
    }

    private void callFacts(Model model, HyteInputCall call, Locale locale) {
        Formats formats = new Formats(locale);
        model.addAttribute("call", call);
        model.addAttribute("year", String.valueOf(call.year()));
        model.addAttribute("open", calls.isOpenNow(call));
        model.addAttribute("deadline", call.closesAt() == null ? null : formats.weekdayDateTime(call.closesAt()));
        model.addAttribute("deadlineShort", call.closesAt() == null ? null : formats.dateTime(call.closesAt()));
        model.addAttribute("passed", call.closesAt() != null && !calls.received().isBefore(call.closesAt()));
    }

    private void page(Model model, HyteInputCall call, HyteInputs.Negotiation negotiation, OrganisationChoice.Chosen chosen, Locale locale,
            String submissionKey, FormSubmission submitted, InvalidInput errors) {
        callFacts(model, call, locale);
        Formats formats = new Formats(locale);
        model.addAttribute("negotiation", negotiation);
        model.addAttribute("chosen", chosen);
        model.addAttribute("contact", chosen.contact());
        model.addAttribute("submissionKey", submissionKey);
        model.addAttribute("base", "/hyte/" + call.year() + "/input/" + negotiation.id() + "/answer");
        if (errors != null) {
            model.addAttribute("generalErrors", errors.errors().stream().filter(e -> PortalSubmissions.GENERAL.equals(e.field()))
                    .map(e -> messages.getMessage(e.messageKey(), e.args(locale), locale)).toList());
        }
        if (chosen.contact() == null) {
            return;
        }
        long organisationId = chosen.contact().organisationId();
        Organisation organisation = organisations.find(organisationId).orElseThrow();
        if (organisation.isMunicipality()) {
            model.addAttribute("refused", messages.getMessage("hyte.input.municipality", null, locale));
            return;
        }
        if (!chosen.verified()) {
            return;
        }
        var existing = inputs.of(negotiation.id(), organisationId);
        Map<String, Object> values = new HashMap<>();
        if (existing.isPresent()) {
            HyteInput input = existing.get();
            model.addAttribute("input", input);
            model.addAttribute("givenBy", messages.getMessage("hyte.input.givenBy", new Object[] {formats.dateTime(input.createdAt()),
                    input.createdByName()}, locale));
            model.addAttribute("editedBy", input.edited() ? messages.getMessage("hyte.input.editedBy",
                    new Object[] {formats.dateTime(input.updatedAt()), input.updatedByName()}, locale) : null);
            input.texts().forEach(t -> values.put("theme" + t.themeNo(), t.text()));
        }
        InvalidInput refused = inputs.mayGive(call, organisation, calls.received());
        if (refused != null) {
            var e = refused.errors().get(0);
            model.addAttribute("refused", messages.getMessage(e.messageKey(), e.args(locale), locale));
            return;
        }
        // a page that shows the input posts an edit of the version it shows; a stale page without it is a second input
        model.addAttribute("form", renderer.render(inputForm(call, locale), values, submitted, errors, FormOptions.NONE, locale));
    }

    /** The input form of a cycle: a text area per theme (at most {@link HyteInputs#TEXT_MAX} characters) and attachments. */
    FormDefinition inputForm(HyteInputCall call, Locale locale) {
        ObjectNode form = JSON.createObjectNode();
        form.put("id", FORM_ID);
        form.put("type", "default");
        form.put("schemaVersion", 16);
        ArrayNode components = form.putArray("components");
        for (int no = 1; no <= call.themes().size(); no++) {
            ObjectNode field = components.addObject();
            field.put("id", "Field_theme" + no);
            field.put("key", "theme" + no);
            field.put("label", call.themes().get(no - 1));
            field.put("type", "textarea");
            field.putObject("validate").put("maxLength", HyteInputs.TEXT_MAX);
        }
        ObjectNode files = components.addObject();
        files.put("id", "Field_Attachments");
        files.put("key", HyteInputs.ATTACHMENTS);
        files.put("type", "filepicker");
        files.put("label", messages.getMessage("hyte.input.attachments", null, locale));
        files.put("description", messages.getMessage("hyte.input.attachments.hint", null, locale));
        files.put("accept", ".pdf,.odt,.docx,.xlsx");
        files.put("multiple", true);
        return FormRegistry.parse(form.toString(), FORM_ID + "-" + call.cycleId());
    }

    private static Map<Integer, String> texts(Map<String, Object> values, int themes) {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (int no = 1; no <= themes; no++) {
            Object value = values.get("theme" + no);
            if (value != null && !(value instanceof List<?>)) {
                out.put(no, value.toString());
            }
        }
        return out;
    }

    private static InvalidInput merge(InvalidInput first, InvalidInput second) {
        if (first == null) {
            return second;
        }
        List<InvalidInput.FieldError> all = new java.util.ArrayList<>(first.errors());
        all.addAll(second.errors());
        return new InvalidInput(all);
    }

    /** No such cycle or negotiation: Silta's own "page not found". */
    private static org.springframework.web.server.ResponseStatusException notFound() {
        return new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
    }

    private static Long number(String text) {
        return text != null && text.matches("\\d{1,18}") ? Long.valueOf(text) : null;
    }

    /** The submission key the form page carried; null when none or not a key. */
    private static String submissionKey(FormSubmission submission) {
        String key = submission.first("submissionKey");
        return key == null || key.isBlank() || key.length() > 64 || !key.matches("[A-Za-z0-9-]+") ? null : key;
    }
}
