package fi.silta.portal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.util.UriComponentsBuilder;

import fi.silta.cases.CaseAccess;
import fi.silta.cases.CaseDiagrams;
import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseJourney;
import fi.silta.cases.CaseParties;
import fi.silta.cases.CaseProgress;
import fi.silta.cases.OutsiderTasks;
import fi.silta.cases.documents.Document;
import fi.silta.cases.documents.DocumentResponses;
import fi.silta.cases.documents.DocumentService;
import fi.silta.web.Formats;
import fi.silta.web.InvalidInput;

/**
 * The private status page of a case: the current step in plain words, the named county
 * contact, the dates, the documents and what is waiting for the outsider; and, for browsers with
 * JavaScript, the process diagram with the current step marked ({@code static/js/case-diagram.js}
 * draws {@code diagram.bpmn} with the bpmn-js Viewer). Every address here is reached with the
 * case's token, or signed in as its contact (or a verified contact of its organisation);
 * anything else gets the same plain "not found".
 */
@Controller
public class CaseStatusController {

    public record TaskLink(String title, String link, String due) {
    }

    public record DocumentLink(String name, String link, String size) {
    }

    /** One step of the case in plain words: its label and whether it is done, current, ended here or still to come. */
    public record StepView(String label, String state) {
    }

    /** A button of an action the case's procedure offers now: its label's bundle key and where it posts. */
    public record ActionButton(String labelKey, String link) {
    }

    private final CaseAccess access;
    private final CaseProgress progress;
    private final OutsiderTasks tasks;
    private final DocumentService documents;
    private final MessageSource messages;
    private final PortalProperties properties;
    private final CaseDiagrams diagrams;
    private final BpmnViewer viewer;
    private final List<CaseActions> actions;
    private final CaseParties parties;
    private final PortalSubmissions submissions;
    private final List<CaseJourney> journeys;
    private final List<CaseStatusSection> sections;
    private final List<fi.silta.cases.PartyHiddenDocuments> hiddenDocuments;

    public CaseStatusController(CaseAccess access, CaseProgress progress, OutsiderTasks tasks, DocumentService documents,
            MessageSource messages, PortalProperties properties, CaseDiagrams diagrams, BpmnViewer viewer,
            List<CaseActions> actions, CaseParties parties, PortalSubmissions submissions, List<CaseJourney> journeys,
            List<CaseStatusSection> sections, List<fi.silta.cases.PartyHiddenDocuments> hiddenDocuments) {
        this.hiddenDocuments = hiddenDocuments;
        this.sections = sections;
        this.submissions = submissions;
        this.journeys = journeys;
        this.actions = actions;
        this.parties = parties;
        this.access = access;
        this.progress = progress;
        this.tasks = tasks;
        this.documents = documents;
        this.messages = messages;
        this.properties = properties;
        this.diagrams = diagrams;
        this.viewer = viewer;
    }

    @GetMapping("/portal/cases/{reference}")
    String status(@PathVariable String reference, @RequestParam(name = "token", required = false) String token,
            Authentication contact, Model model, Locale locale) {
        CaseFile caseFile = access.resolve(reference, token, contact).orElseThrow(CaseNotFound::new);
        CaseProgress.Progress now = progress.of(caseFile);
        model.addAttribute("caseFile", caseFile);
        model.addAttribute("organisationName", organisationName(caseFile));
        Formats formats = new Formats(locale);
        Optional<CaseJourney.Journey> journey = journeys.stream().map(j -> j.of(caseFile, now)).flatMap(Optional::stream).findFirst();
        boolean ended = journey.map(CaseJourney.Journey::ended).orElse(now.ended());
        model.addAttribute("step", journeys.stream().map(j -> j.nowKey(caseFile, now)).flatMap(Optional::stream).findFirst()
                .map(key -> messages.getMessage(key, null, locale)).orElseGet(() -> stepText(now, locale)));
        model.addAttribute("steps", journey.map(j -> steps(caseFile, j, locale)).orElse(List.of()));
        model.addAttribute("created", formats.date(caseFile.createdAt()));
        model.addAttribute("ended", ended && now.endedAt() != null ? formats.date(now.endedAt()) : null);
        model.addAttribute("countyContact", now.handler() != null ? now.handler()
                : properties.countyContactName() != null && !properties.countyContactName().isBlank() ? properties.countyContactName()
                : messages.getMessage("portal.county.contact", null, locale));
        model.addAttribute("countyEmail", properties.countyContactEmail());
        model.addAttribute("countyPhone", properties.countyContactPhone());
        model.addAttribute("tasks", tasks.open(caseFile).stream()
                .map(t -> new TaskLink(messages.getMessage("form." + t.formId() + ".title", null, t.name(), locale),
                        link("/portal/cases/" + reference + "/tasks/" + t.id(), token),
                        t.due() == null ? null : formats.dateTime(t.due())))
                .toList());
        model.addAttribute("documents", documents.list(caseFile.id()).stream().filter(d -> !hiddenFromParties(caseFile, d.id()))
                .map(d -> new DocumentLink(d.fileName(), link("/portal/cases/" + reference + "/documents/" + d.id(), token),
                        formats.fileSize(d.size(), messages)))
                .toList());
        if (diagrams.xml(caseFile, locale).isPresent()) {
            model.addAttribute("diagramUrl", link("/portal/cases/" + reference + "/diagram.bpmn", token));
            model.addAttribute("stepIds", String.join(" ", now.stepIds()));
            model.addAttribute("viewer", viewer);
        }
        model.addAttribute("token", token);
        model.addAttribute("sections", sections.stream().flatMap(c -> c.statusPage(caseFile, token, locale).stream()).toList());
        model.addAttribute("actions", actions.stream().flatMap(a -> a.available(caseFile).stream())
                .map(a -> new ActionButton(a.labelKey(), link("/portal/cases/" + reference + "/" + a.name(), token))).toList());
        return "portal/case-status";
    }

    /**
     * Does one of the actions the case's procedure offers now (e.g. withdraws an application before
     * its deadline); an action not offered at this moment (a second click, a closed call) leads back to the status page.
     */
    @PostMapping("/portal/cases/{reference}/{action}")
    String act(@PathVariable String reference, @PathVariable String action,
            @RequestParam(name = "token", required = false) String token, Authentication contact, RedirectAttributes redirect) {
        CaseFile caseFile = access.resolve(reference, token, contact).orElseThrow(CaseNotFound::new);
        // the one rule of who may act for an organisation: a status link alone withdraws nothing in the
        // name of an organisation whose contact is no longer verified
        InvalidInput notAllowed = submissions.mayAnswerFor(caseFile, PortalSubmissions.actingPerson(caseFile, contact));
        if (notAllowed != null) {
            redirect.addFlashAttribute("notice", notAllowed.errors().get(0).messageKey());
            return "redirect:" + link("/portal/cases/" + reference, token);
        }
        for (CaseActions procedure : actions) {
            for (CaseActions.Action offered : procedure.available(caseFile)) {
                if (offered.name().equals(action)) {
                    submissions.act(caseFile, () -> procedure.perform(caseFile, action));
                    redirect.addFlashAttribute("notice", offered.doneKey());
                }
            }
        }
        return "redirect:" + link("/portal/cases/" + reference, token);
    }

    /** The case's process model for the diagram: shapes and names only (see {@code fi.silta.cases.DiagramXml}). */
    @GetMapping("/portal/cases/{reference}/diagram.bpmn")
    ResponseEntity<byte[]> diagram(@PathVariable String reference, @RequestParam(name = "token", required = false) String token,
            Authentication contact, Locale locale) {
        CaseFile caseFile = access.resolve(reference, token, contact).orElseThrow(CaseNotFound::new);
        byte[] xml = diagrams.xml(caseFile, locale).orElseThrow(CaseNotFound::new);
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.APPLICATION_XML, StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(xml);
    }

    @GetMapping("/portal/cases/{reference}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable String reference, @PathVariable long documentId,
            @RequestParam(name = "token", required = false) String token, Authentication contact) {
        CaseFile caseFile = access.resolve(reference, token, contact).orElseThrow(CaseNotFound::new);
        Document document = documents.find(caseFile.id(), documentId).filter(d -> !hiddenFromParties(caseFile, d.id()))
                .orElseThrow(CaseNotFound::new);
        return DocumentResponses.download(document, documents.content(caseFile.id(), documentId).orElseThrow());
    }

    /** A document a third party gave for the authority only (the procedure's {@link fi.silta.cases.PartyHiddenDocuments}). */
    private boolean hiddenFromParties(CaseFile caseFile, long documentId) {
        return hiddenDocuments.stream().anyMatch(h -> h.kind() == caseFile.kind() && h.hidden(caseFile, documentId));
    }

    /** The signed-in contact's receipt after a submission (the status link is shown once, right after it). */
    @GetMapping("/portal/cases/{reference}/receipt")
    String receipt(@PathVariable String reference, Authentication contact, Model model) {
        CaseFile caseFile = access.resolve(reference, null, contact).orElseThrow(CaseNotFound::new);
        model.addAttribute("caseFile", caseFile);
        model.addAttribute("organisationName", organisationName(caseFile));
        return "portal/receipt";
    }

    /** The organisation the case was sent for (the choice the person made on the form), or null. */
    private String organisationName(CaseFile caseFile) {
        return caseFile.organisationId() == null ? null : parties.of(caseFile).organisationName();
    }

    /** A portal path, with the status link's token when the page was reached with one. */
    public static String link(String path, String token) {
        return token == null || token.isBlank() ? path
                : UriComponentsBuilder.fromPath(path).queryParam("token", token).build().encode().toUriString();
    }

    private String stepText(CaseProgress.Progress now, Locale locale) {
        for (String stepId : now.stepIds()) {
            String text = messages.getMessage("status." + now.processKey() + "." + stepId, null, null, locale);
            if (text != null) {
                return text;
            }
        }
        return messages.getMessage(now.ended() ? "status.completed" : "status.inProgress", null, locale);
    }

    /** The journey's steps: done before the current one; the current one (or where the case ended); the rest to come, or not reached. */
    private List<StepView> steps(CaseFile caseFile, CaseJourney.Journey journey, Locale locale) {
        List<StepView> views = new java.util.ArrayList<>();
        for (int i = 0; i < journey.steps().size(); i++) {
            String state = i < journey.current() ? "done" : i == journey.current() ? (journey.ended() ? "endedHere" : "current")
                    : journey.ended() ? "notReached" : "upcoming";
            views.add(new StepView(messages.getMessage("journey." + caseFile.kind() + "." + journey.steps().get(i), null, locale), state));
        }
        return views;
    }


}
