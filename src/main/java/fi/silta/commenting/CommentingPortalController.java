package fi.silta.commenting;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
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

import fi.silta.SiltaProperties;
import fi.silta.calls.Calls;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.documents.DocumentResponses;
import fi.silta.cases.documents.DocumentService;
import fi.silta.notifications.CalendarInvitations;
import fi.silta.notifications.Invitation;
import fi.silta.portal.CaseNotFound;
import fi.silta.portal.OrganisationChoice;
import fi.silta.portal.PortalSubmissions;
import fi.silta.portal.forms.FormDefinition;
import fi.silta.portal.forms.FormOptions;
import fi.silta.portal.forms.FormRegistry;
import fi.silta.portal.forms.FormRenderer;
import fi.silta.portal.forms.FormSubmission;
import fi.silta.web.Formats;
import fi.silta.web.InvalidInput;

/**
 * A commenting round on the portal: its page (materials, info sessions with an {@code .ics} each,
 * and after publication the summary with the county's responses) for anyone, and the answer form for
 * a verified contact of an organisation that may answer. The answer goes through the one submission
 * path; a second answer of the organisation is refused naming the first.
 */
@Controller
public class CommentingPortalController {

    static final String FORM_ID = "commenting-answer";
    /** The most characters of one open answer. */
    static final int ANSWER_MAX = 10000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommentingRoundRepository rounds;
    private final CommentingRoundView view;
    private final CommentAnswers answers;
    private final PortalSubmissions submissions;
    private final OrganisationChoice choice;
    private final FormRenderer renderer;
    private final Calls calls;
    private final CaseRepository cases;
    private final DocumentService documents;
    private final CalendarInvitations calendars;
    private final MessageSource messages;
    private final SiltaProperties properties;
    private final fi.silta.security.StaffDirectory staff;

    public CommentingPortalController(CommentingRoundRepository rounds, CommentingRoundView view, CommentAnswers answers,
            PortalSubmissions submissions, OrganisationChoice choice, FormRenderer renderer, Calls calls, CaseRepository cases,
            DocumentService documents, CalendarInvitations calendars, MessageSource messages, SiltaProperties properties,
            fi.silta.security.StaffDirectory staff) {
        this.staff = staff;
        this.rounds = rounds;
        this.view = view;
        this.answers = answers;
        this.submissions = submissions;
        this.choice = choice;
        this.renderer = renderer;
        this.calls = calls;
        this.cases = cases;
        this.documents = documents;
        this.calendars = calendars;
        this.messages = messages;
        this.properties = properties;
    }

    @GetMapping("/portal/commenting/{roundId}")
    String page(@PathVariable long roundId, Model model, Locale locale) {
        CommentingRound round = shown(roundId);
        page(model, round, locale);
        return "commenting/portal-round";
    }

    @GetMapping("/portal/commenting/{roundId}/answer")
    String form(@PathVariable long roundId, @RequestParam(name = "organisationId", required = false) Long organisationId,
            Authentication signedIn, Model model, Locale locale) {
        CommentingRound round = shown(roundId);
        OrganisationChoice.Chosen chosen = choice.chosen(signedIn.getName(), organisationId);
        page(model, round, locale);
        answerSection(model, round, chosen, locale, UUID.randomUUID().toString(), null, null);
        return "commenting/portal-round";
    }

    @PostMapping("/portal/commenting/{roundId}/answer")
    String submit(@PathVariable long roundId, HttpServletRequest request, HttpServletResponse response, Authentication signedIn,
            Model model, Locale locale, RedirectAttributes redirect) {
        CommentingRound round = shown(roundId);
        FormSubmission submission = FormSubmission.of(request);
        String organisation = submission.first("organisationId");
        Long requested = organisation != null && organisation.matches("\\d{1,18}") ? Long.valueOf(organisation) : null;
        OrganisationChoice.Chosen chosen = choice.chosen(signedIn.getName(), requested);
        if (chosen.contact() == null && requested != null) {
            // an organisation the person is no contact of: refused saying so (the statement is not silently dropped)
            response.setStatus(422);
            page(model, round, locale);
            answerSection(model, round, chosen, locale, UUID.randomUUID().toString(), null,
                    InvalidInput.of(PortalSubmissions.GENERAL, "portal.act.notContact"));
            return "commenting/portal-round";
        }
        if (chosen.contact() == null) {
            return "redirect:/portal/commenting/" + roundId + "/answer";
        }
        FormDefinition form = answerForm(round, locale);
        PortalSubmissions.Outcome outcome = submissions.submitAnswerFor(chosen.contact().organisationId(), signedIn.getName(), submission,
                new PortalSubmissions.Form(form, Map.of(), FormOptions.NONE),
                (checked, key) -> answers.submit(roundId, chosen.contact(), texts(checked.result().values()), checked.uploads(), key));
        if (outcome.accepted()) {
            if (outcome.statusPath() != null) {
                redirect.addFlashAttribute("statusPath", outcome.statusPath());
            }
            return outcome.receiptRedirect();
        }
        response.setStatus(422);
        page(model, round, locale);
        answerSection(model, round, chosen, locale, outcome.submissionKey(), submission, outcome.errors());
        return "commenting/portal-round";
    }

    /** An info session as a calendar event anyone may add ({@code METHOD:PUBLISH}). */
    @GetMapping("/portal/commenting/{roundId}/sessions/{sessionId}.ics")
    ResponseEntity<byte[]> session(@PathVariable long roundId, @PathVariable long sessionId, Locale locale) {
        CommentingRound round = shown(roundId);
        InfoSession session = rounds.infoSessions(roundId).stream().filter(s -> s.id() == sessionId).findFirst()
                .orElseThrow(CaseNotFound::new);
        String location = session.place() == null ? session.onlineUrl()
                : session.onlineUrl() == null ? session.place() : session.place() + ", " + session.onlineUrl();
        Invitation invitation = new Invitation(Invitation.uid(round.reference(), "session-" + sessionId), 0,
                session.startsAt().toInstant(), session.endsAt().toInstant(),
                messages.getMessage("commenting.session.summary", new Object[] {round.title(locale)}, locale),
                messages.getMessage("commenting.session.description", new Object[] {round.title(locale),
                        properties.baseUrl() + "/portal/commenting/" + roundId}, locale),
                location, new Invitation.Person(messages.getMessage("portal.county.contact", null, locale), properties.mail().from()), List.of());
        byte[] ics = calendars.ics(invitation, CalendarInvitations.Kind.PUBLISH).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/calendar; charset=UTF-8"))
                .header("Content-Disposition", ContentDisposition.attachment().filename(round.reference() + "-" + sessionId + ".ics")
                        .build().toString())
                .body(ics);
    }

    /** A document of the round (any version listed on its page; the final plan once the summary is published). */
    @GetMapping("/portal/commenting/{roundId}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable long roundId, @PathVariable long documentId) {
        CommentingRound round = shown(roundId);
        var document = documents.callDocuments(CommentingRound.CALL_KIND, roundId).stream().filter(d -> d.id() == documentId)
                .filter(d -> onPortal(round, d.slot())).findFirst().orElseThrow(CaseNotFound::new);
        byte[] content = documents.callDocumentContent(CommentingRound.CALL_KIND, roundId, documentId).orElseThrow(CaseNotFound::new);
        return DocumentResponses.download(document.fileName(), document.contentType(), content);
    }

    /** The final plan is published with the summary; the draft documents while the round is on the portal. */
    private static boolean onPortal(CommentingRound round, String slot) {
        return !CommentingRoundView.FINAL_PLAN.equals(slot) || round.status() == CommentingRound.Status.PUBLISHED;
    }

    private CommentingRound shown(long roundId) {
        return rounds.find(roundId).filter(r -> r.status() != CommentingRound.Status.CONFIGURING).orElseThrow(CaseNotFound::new);
    }

    private void page(Model model, CommentingRound round, Locale locale) {
        Formats formats = new Formats(locale);
        model.addAttribute("round", round);
        model.addAttribute("title", round.title(locale));
        model.addAttribute("description", round.description(locale));
        model.addAttribute("open", calls.isOpenNow(round));
        model.addAttribute("deadline", formats.weekdayDateTime(round.closesAt()));
        model.addAttribute("closedAt", round.closedAt() == null ? null : formats.dateTime(round.closedAt()));
        model.addAttribute("materials", view.materials(round, locale).stream().filter(m -> onPortal(round, m.current().slot())).toList());
        model.addAttribute("sessions", view.sessions(round, locale));
        model.addAttribute("now", calls.received());
        model.addAttribute("contactPerson", round.contactUserId() == null ? null : staff.find(round.contactUserId())
                .map(m -> m.email() == null ? m.name() : m.name() + ", " + m.email()).orElse(null));
        if (round.status() == CommentingRound.Status.PUBLISHED) {
            model.addAttribute("questions", view.questions(round, locale));
            model.addAttribute("answerCount", rounds.answerCount(round.id()));
        }
    }

    private void answerSection(Model model, CommentingRound round, OrganisationChoice.Chosen chosen, Locale locale, String submissionKey,
            FormSubmission submitted, InvalidInput errors) {
        model.addAttribute("answering", true);
        model.addAttribute("chosen", chosen);
        model.addAttribute("contact", chosen.contact());
        model.addAttribute("submissionKey", submissionKey);
        if (errors != null) {
            model.addAttribute("generalErrors", errors.errors().stream().filter(e -> PortalSubmissions.GENERAL.equals(e.field()))
                    .map(e -> messages.getMessage(e.messageKey(), e.args(locale), locale)).toList());
        }
        if (chosen.contact() == null) {
            return;
        }
        long organisationId = chosen.contact().organisationId();
        var first = calls.activeAnswer(CommentingRound.CALL_KIND, round.id(), null, organisationId);
        if (first.isPresent()) {
            model.addAttribute("alreadyAnswered", messages.getMessage("calls.alreadyAnswered", new Object[] {
                    new Formats(locale).dateTime(first.get().answeredAt()), first.get().answeredByName()}, locale));
            model.addAttribute("alreadyAnsweredCase", first.get().caseId() == null ? null
                    : cases.find(first.get().caseId()).filter(c -> c.contactEmail().equalsIgnoreCase(chosen.contact().email()))
                            .map(fi.silta.cases.CaseFile::reference).orElse(null));
            return;
        }
        InvalidInput refused = answers.mayAnswer(round, organisationId, calls.received());
        if (refused != null) {
            // on the page nothing was sent yet: the rule, not "the statement was not stored"
            String key = refused.errors().get(0).messageKey();
            model.addAttribute("refused", messages.getMessage("commenting.answer.notInvited".equals(key) ? "commenting.portal.notInvited" : key,
                    null, locale));
            return;
        }
        model.addAttribute("form", renderer.render(answerForm(round, locale), Map.of(), submitted, errors, FormOptions.NONE, locale));
    }

    /**
     * The answer form of a round in the reader's language: a text area per open question (at most
     * {@link #ANSWER_MAX} characters), a choice of 1–5 per scale question, and attachments.
     */
    FormDefinition answerForm(CommentingRound round, Locale locale) {
        ObjectNode form = JSON.createObjectNode();
        form.put("id", FORM_ID);
        form.put("type", "default");
        form.put("schemaVersion", 16);
        ArrayNode components = form.putArray("components");
        for (CommentingRound.Question question : round.questions()) {
            ObjectNode field = components.addObject();
            field.put("id", "Field_" + question.key());
            field.put("key", question.key());
            field.put("label", question.text(locale));
            if (question.scale()) {
                field.put("type", "radio");
                ArrayNode values = field.putArray("values");
                for (int i = 1; i <= 5; i++) {
                    values.addObject().put("label", messages.getMessage("commenting.scale." + i, null, locale)).put("value", String.valueOf(i));
                }
            } else {
                field.put("type", "textarea");
                field.putObject("validate").put("maxLength", ANSWER_MAX);
            }
        }
        ObjectNode files = components.addObject();
        files.put("id", "Field_Attachments");
        files.put("key", "attachments");
        files.put("type", "filepicker");
        files.put("label", messages.getMessage("commenting.answer.attachments", null, locale));
        files.put("description", messages.getMessage("commenting.answer.attachments.hint", null, locale));
        files.put("accept", ".pdf,.odt,.docx,.xlsx");
        files.put("multiple", true);
        return FormRegistry.parse(form.toString(), FORM_ID + "-" + round.id());
    }

    private static Map<String, String> texts(Map<String, Object> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null && !(value instanceof List<?>)) {
                out.put(key, value.toString());
            }
        });
        return out;
    }
}
