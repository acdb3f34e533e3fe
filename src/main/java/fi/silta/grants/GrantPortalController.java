package fi.silta.grants;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.silta.calls.Calls;
import fi.silta.organisations.Contact;
import fi.silta.organisations.ReferenceData;
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

/**
 * The grant application form of the portal ({@code forms/grant-application.form}): prefilled
 * with the organisation, saved as a draft until the deadline, submitted exactly once. The page
 * says before anyone types whether the call is open and until when.
 */
@Controller
public class GrantPortalController {

    static final String FORM_ID = "grant-application";
    static final String SAVE = "_save";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GrantRoundRepository rounds;
    private final GrantApplicationDrafts drafts;
    private final ReferenceData referenceData;
    private final FormRegistry forms;
    private final FormRenderer renderer;
    private final PortalSubmissions submissions;
    private final Calls calls;
    private final OrganisationChoice choice;
    private final MessageSource messages;
    private final fi.silta.cases.CaseRepository caseFiles;

    public GrantPortalController(GrantRoundRepository rounds, GrantApplicationDrafts drafts, ReferenceData referenceData,
            FormRegistry forms, FormRenderer renderer, PortalSubmissions submissions, Calls calls, OrganisationChoice choice,
            MessageSource messages, fi.silta.cases.CaseRepository caseFiles) {
        this.caseFiles = caseFiles;
        this.calls = calls;
        this.choice = choice;
        this.rounds = rounds;
        this.drafts = drafts;
        this.referenceData = referenceData;
        this.forms = forms;
        this.renderer = renderer;
        this.submissions = submissions;
        this.messages = messages;
    }

    @GetMapping("/portal/grants/{roundId}/apply")
    String form(@PathVariable long roundId, @RequestParam(name = "organisationId", required = false) Long organisationId,
            Authentication signedIn, Model model, Locale locale) {
        GrantRound round = rounds.find(roundId).filter(r -> r.status() != GrantRound.Status.CONFIGURING)
                .orElseThrow(CaseNotFound::new);
        OrganisationChoice.Chosen chosen = choice.chosen(signedIn.getName(), organisationId);
        Contact contact = chosen.contact();
        page(model, round, chosen, locale, UUID.randomUUID().toString());
        if (contact != null && model.getAttribute("open") == Boolean.TRUE) {
            FormSubmission typed = drafts.draft(roundId, contact).flatMap(d -> drafts.draftValues(d.id()))
                    .map(GrantPortalController::submissionOf).orElse(null);
            model.addAttribute("form", renderer.render(forms.get(FORM_ID), variables(chosen), typed, null, options(locale), locale));
        }
        return "portal/grant-apply";
    }

    @PostMapping("/portal/grants/{roundId}/apply")
    String submit(@PathVariable long roundId, HttpServletRequest request, HttpServletResponse response, Authentication signedIn,
            Model model, Locale locale, RedirectAttributes redirect) {
        GrantRound round = rounds.find(roundId).orElseThrow(CaseNotFound::new);
        FormSubmission submission = FormSubmission.of(request);
        OrganisationChoice.Chosen chosen = choice.chosen(signedIn.getName(), organisationId(submission));
        Contact contact = chosen.contact();
        if (contact == null && organisationId(submission) != null) {
            // an organisation the person is no contact of: refused saying so, nothing stored (as for a commenting round's answer)
            response.setStatus(422);
            page(model, round, chosen, locale, UUID.randomUUID().toString());
            model.addAttribute("generalErrors", List.of(messages.getMessage("portal.act.notContact", null, locale)));
            return "portal/grant-apply";
        }
        if (contact == null) {
            return "redirect:/portal/grants/" + roundId + "/apply";
        }
        FormDefinition form = forms.get(FORM_ID);
        InvalidInput errors = null;
        String submissionKey = submission.first("submissionKey");
        if (submission.first(SAVE) != null) {
            // a draft is not sent in the organisation's name: an unverified contact may keep one too
            try {
                drafts.saveDraft(roundId, contact, draftJson(submission), PortalForms.uploads(submission));
                redirect.addFlashAttribute("notice", "grants.apply.draftSaved");
                return "redirect:/portal/grants/" + roundId + "/apply"
                        + (chosen.choices().size() > 1 ? "?organisationId=" + contact.organisationId() : "");
            } catch (InvalidInput rules) {
                errors = rules;
            }
        } else if (!submission.isRowAction()) {
            PortalSubmissions.Outcome outcome = submissions.submitFor(contact.organisationId(), signedIn.getName(), submission,
                    new PortalSubmissions.Form(form, variables(chosen), options(locale)),
                    (checked, key) -> drafts.submit(roundId, contact, application(checked.result().values()), checked.uploads(), key));
            if (outcome.accepted()) {
                if (outcome.statusPath() != null) {
                    redirect.addFlashAttribute("statusPath", outcome.statusPath());
                }
                return outcome.receiptRedirect();
            }
            errors = outcome.errors();
            submissionKey = outcome.submissionKey();
        }
        response.setStatus(errors == null ? HttpServletResponse.SC_OK : 422);
        page(model, round, chosen, locale, submissionKey);
        if (errors != null) {
            // errors about the application as a whole (e.g. the call closed meanwhile) are not tied to a field
            model.addAttribute("generalErrors", errors.errors().stream()
                    .filter(e -> "application".equals(e.field()) || PortalSubmissions.GENERAL.equals(e.field()))
                    .map(e -> messages.getMessage(e.messageKey(), e.args(locale), locale)).toList());
        }
        model.addAttribute("form", renderer.render(form, variables(chosen), submission, errors, options(locale), locale));
        return "portal/grant-apply";
    }

    private void page(Model model, GrantRound round, OrganisationChoice.Chosen chosen, Locale locale, String submissionKey) {
        model.addAttribute("round", round);
        model.addAttribute("roundName", round.name(locale));
        model.addAttribute("open", calls.isOpenNow(round));
        Formats formats = new Formats(locale);
        model.addAttribute("deadline", formats.dateTime(round.closesAt()));
        model.addAttribute("maxAmount", formats.money(round.maxAmount()));
        Contact contact = chosen.contact();
        if (contact != null) {
            model.addAttribute("draftFiles", drafts.draftFiles(round.id(), contact).stream()
                    .map(f -> new KeptFile(f.id(), f.fileName(), formats.fileSize(f.size(), messages)))
                    .toList());
            if (!round.multipleApplications()) {
                // one application per organisation: one that has applied sees its application and the rule, not an empty form
                calls.activeAnswer(GrantRound.CALL_KIND, round.id(), null, contact.organisationId()).ifPresent(answer -> {
                    model.addAttribute("alreadyApplied", answer);
                    model.addAttribute("alreadyAppliedAt", formats.dateTime(answer.answeredAt()));
                    model.addAttribute("alreadyAppliedCase", answer.caseId() == null ? null
                            : caseFiles.find(answer.caseId()).map(fi.silta.cases.CaseFile::reference).orElse(null));
                });
            }
        }
        model.addAttribute("contact", chosen.contact());
        model.addAttribute("chosen", chosen);
        model.addAttribute("title", messages.getMessage("form." + FORM_ID + ".title", null, locale));
        model.addAttribute("submissionKey", submissionKey);
    }

    /** A file kept with the draft, as the form lists it. */
    public record KeptFile(long id, String name, String size) {
    }

    /** Removes a file kept with the organisation's draft (a button beside it on the form). */
    @PostMapping("/portal/grants/{roundId}/apply/files/{fileId}/remove")
    String removeFile(@PathVariable long roundId, @PathVariable long fileId,
            @RequestParam(name = "organisationId", required = false) Long organisationId, Authentication signedIn,
            RedirectAttributes redirect) {
        OrganisationChoice.Chosen chosen = choice.chosen(signedIn.getName(), organisationId);
        if (chosen.contact() != null && drafts.removeDraftFile(roundId, chosen.contact(), fileId)) {
            redirect.addFlashAttribute("notice", "grants.apply.fileRemoved");
        }
        return "redirect:/portal/grants/" + roundId + "/apply"
                + (chosen.contact() != null && chosen.choices().size() > 1 ? "?organisationId=" + chosen.contact().organisationId() : "");
    }

    /** The organisation chosen on the form (its hidden field), or null. */
    private static Long organisationId(FormSubmission submission) {
        String id = submission.first("organisationId");
        return id == null || !id.matches("\\d{1,18}") ? null : Long.valueOf(id);
    }

    /** The form's variables: the name of the organisation chosen (read with the choice, not again). */
    private static Map<String, Object> variables(OrganisationChoice.Chosen chosen) {
        return Map.of("organisationName", chosen.organisationName());
    }

    private FormOptions options(Locale locale) {
        return FormOptions.of("municipalities", FormOptions.municipalities(referenceData.servedMunicipalities(locale), locale));
    }

    @SuppressWarnings("unchecked")
    static GrantApplicationDrafts.Application application(Map<String, Object> values) {
        List<BudgetLine> lines = new ArrayList<>();
        Object rows = values.get("budgetLines");
        if (rows instanceof List<?> list) {
            for (Object row : list) {
                Map<String, Object> line = (Map<String, Object>) row;
                lines.add(new BudgetLine((String) line.get("description"), (BigDecimal) line.get("amount")));
            }
        }
        return new GrantApplicationDrafts.Application((String) values.get("activity"), (String) values.get("targetGroup"),
                (List<String>) values.get("targetGroups"), (String) values.get("goals"), (List<String>) values.get("municipalities"), (String) values.get("boardMembers"),
                (BigDecimal) values.get("amount"), lines);
    }

    /** What was typed, as typed (no files, no tokens), for the draft. */
    static String draftJson(FormSubmission submission) {
        Map<String, List<String>> typed = new LinkedHashMap<>();
        submission.params().forEach((name, values) -> {
            if (!name.startsWith("_") && !"submissionKey".equals(name) && !"organisationId".equals(name)) {
                typed.put(name, values);
            }
        });
        try {
            return JSON.writeValueAsString(typed);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static FormSubmission submissionOf(String draftJson) {
        try {
            Map<String, List<String>> typed = JSON.readValue(draftJson, new TypeReference<>() { });
            MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
            typed.forEach(params::put);
            return new FormSubmission(params, new LinkedMultiValueMap<>());
        } catch (Exception e) {
            return null;
        }
    }
}
