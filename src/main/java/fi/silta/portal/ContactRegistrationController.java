package fi.silta.portal;

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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fi.silta.web.Locales;
import fi.silta.organisations.ContactRegistrationService;
import fi.silta.organisations.ContactRegistrationService.MunicipalityRegistration;
import fi.silta.organisations.ContactRegistrationService.Registration;
import fi.silta.organisations.OrganisationType;
import fi.silta.organisations.ReferenceData;
import fi.silta.portal.forms.FormDefinition;
import fi.silta.portal.forms.FormOption;
import fi.silta.portal.forms.FormOptions;
import fi.silta.portal.forms.FormRegistry;
import fi.silta.portal.forms.FormRenderer;
import fi.silta.portal.forms.FormResult;
import fi.silta.portal.forms.FormSubmission;

/**
 * A signed-in person registers as a contact of an organisation (form {@code contact-registration}).
 * Submitting is exactly-once: the page carries a submission key, and a second post with it (a
 * double click, a retried request, another tab) leads to the case the first one opened.
 */
@Controller
public class ContactRegistrationController {

    static final String FORM_ID = "contact-registration";
    /** A municipality's contact registers with this form, choosing the municipality from the served county's. */
    static final String MUNICIPALITY_FORM_ID = "hyte-municipality-contact";
    static final String MUNICIPALITY_PATH = "/portal/contact/municipality";
    private final FormRegistry forms;
    private final FormRenderer renderer;
    private final PortalSubmissions submissions;
    private final ContactRegistrationService registrations;
    private final ReferenceData referenceData;
    private final MessageSource messages;

    public ContactRegistrationController(FormRegistry forms, FormRenderer renderer, PortalSubmissions submissions,
            ContactRegistrationService registrations, ReferenceData referenceData, MessageSource messages) {
        this.forms = forms;
        this.renderer = renderer;
        this.submissions = submissions;
        this.registrations = registrations;
        this.referenceData = referenceData;
        this.messages = messages;
    }

    @GetMapping("/portal/contact")
    String form(Model model, Locale locale) {
        FormDefinition form = forms.get(FORM_ID);
        page(model, locale, UUID.randomUUID().toString());
        // the contact language starts as the page's language (the form's own default is Finnish)
        model.addAttribute("form", renderer.render(form, Map.of("language", Locales.of(locale.getLanguage()).getLanguage()),
                options(locale), locale));
        return "portal/form-page";
    }

    @PostMapping("/portal/contact")
    String submit(HttpServletRequest request, HttpServletResponse response, Authentication contact, Model model,
            Locale locale, RedirectAttributes redirect) {
        FormSubmission submission = FormSubmission.of(request);
        FormDefinition form = forms.get(FORM_ID);
        FormOptions options = options(locale);
        // registering is the person's own verification case: they act for no organisation yet; no one registers a
        // new municipality (they come from the reference data), also when the form is posted without the page
        PortalSubmissions.Outcome outcome = submissions.submitAsPerson(contact.getName(), notRegistrableType(submission), submission,
                new PortalSubmissions.Form(form, Map.of(), options), (checked, key) -> registrations.register(contact.getName(),
                        registration(checked.result()), checked.uploads(), key));
        if (outcome.accepted()) {
            if (outcome.statusPath() != null) {
                redirect.addFlashAttribute("statusPath", outcome.statusPath());
            }
            return outcome.receiptRedirect();
        }
        response.setStatus(422);
        page(model, locale, outcome.submissionKey());
        model.addAttribute("form", renderer.render(form, Map.of(), submission, outcome.errors(), options, locale));
        return "portal/form-page";
    }

    @GetMapping(MUNICIPALITY_PATH)
    String municipalityForm(Model model, Locale locale) {
        FormDefinition form = forms.get(MUNICIPALITY_FORM_ID);
        page(model, locale, UUID.randomUUID().toString(), MUNICIPALITY_FORM_ID, MUNICIPALITY_PATH);
        model.addAttribute("form", renderer.render(form, Map.of("language", Locales.of(locale.getLanguage()).getLanguage()),
                municipalityOptions(locale), locale));
        return "portal/form-page";
    }

    @PostMapping(MUNICIPALITY_PATH)
    String submitMunicipality(HttpServletRequest request, HttpServletResponse response, Authentication contact, Model model,
            Locale locale, RedirectAttributes redirect) {
        FormSubmission submission = FormSubmission.of(request);
        FormDefinition form = forms.get(MUNICIPALITY_FORM_ID);
        FormOptions options = municipalityOptions(locale);
        // the same verification case as an NGO contact's: registering acts for no organisation yet, and the
        // municipality is only one of the served county's (the form's options, checked again by the service)
        PortalSubmissions.Outcome outcome = submissions.submitAsPerson(contact.getName(), submission,
                new PortalSubmissions.Form(form, Map.of(), options), (checked, key) -> registrations.registerMunicipalityContact(
                        contact.getName(), municipalityRegistration(checked.result()), checked.uploads(), key));
        if (outcome.accepted()) {
            if (outcome.statusPath() != null) {
                redirect.addFlashAttribute("statusPath", outcome.statusPath());
            }
            return outcome.receiptRedirect();
        }
        response.setStatus(422);
        page(model, locale, outcome.submissionKey(), MUNICIPALITY_FORM_ID, MUNICIPALITY_PATH);
        model.addAttribute("form", renderer.render(form, Map.of(), submission, outcome.errors(), options, locale));
        return "portal/form-page";
    }

    private void page(Model model, Locale locale, String submissionKey) {
        page(model, locale, submissionKey, FORM_ID, "/portal/contact");
    }

    private void page(Model model, Locale locale, String submissionKey, String formId, String action) {
        model.addAttribute("title", messages.getMessage("form." + formId + ".title", null, locale));
        model.addAttribute("submitLabel", messages.getMessage("form." + formId + ".submit", null, locale));
        model.addAttribute("action", action);
        model.addAttribute("submissionKey", submissionKey);
    }

    /** The served county's municipalities as options: the organisation's id, the name in the reader's language. */
    private FormOptions municipalityOptions(Locale locale) {
        return FormOptions.of("municipalityOrganisations", registrations.servedMunicipalities().stream()
                .map(o -> new FormOption(String.valueOf(o.id()), referenceData.municipality(o.municipalityCode())
                        .map(m -> m.name(locale)).orElse(o.name())))
                .sorted(java.util.Comparator.comparing(FormOption::label, java.text.Collator.getInstance(locale)))
                .toList());
    }

    /** A posted legal form no one may register (a municipality): refused with its own message, nothing stored. */
    static fi.silta.web.InvalidInput notRegistrableType(FormSubmission submission) {
        String posted = submission.first("organisationType");
        boolean refused = java.util.Arrays.stream(OrganisationType.values())
                .anyMatch(type -> !type.registrable() && type.name().equals(posted));
        // about the submission as a whole (the summary shows it beside the field's own "choose one of the options")
        return refused ? fi.silta.web.InvalidInput.of(PortalSubmissions.GENERAL, fi.silta.organisations.OrganisationService.NOT_REGISTRABLE)
                : null;
    }

    static MunicipalityRegistration municipalityRegistration(FormResult result) {
        Map<String, Object> v = result.values();
        return new MunicipalityRegistration((String) v.get("municipality"), (String) v.get("contactName"), (String) v.get("phone"),
                (String) v.get("language"), Boolean.TRUE.equals(v.get("electronicNoticeConsent")));
    }

    private FormOptions options(Locale locale) {
        return FormOptions.of("municipalities", FormOptions.municipalities(referenceData.servedMunicipalities(locale), locale));
    }

    @SuppressWarnings("unchecked")
    static Registration registration(FormResult result) {
        Map<String, Object> v = result.values();
        return new Registration((String) v.get("organisationName"), OrganisationType.valueOf((String) v.get("organisationType")),
                (String) v.get("businessId"), (String) v.get("associationNumber"), (List<String>) v.get("municipalities"),
                (String) v.get("contactName"), (String) v.get("phone"), (String) v.get("language"),
                Boolean.TRUE.equals(v.get("electronicNoticeConsent")));
    }

}
