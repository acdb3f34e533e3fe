package fi.silta.organisations;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fi.silta.cases.CaseRepository;
import fi.silta.cases.StaffCaseAccess;
import fi.silta.security.Roles;
import fi.silta.web.InvalidInput;
import fi.silta.web.TriLingual;

/** Staff pages of the registry: list and search, and one organisation with its contacts. */
@Controller
@RequestMapping("/staff/organisations")
public class OrganisationStaffController {

    static final int PAGE = 200;
    /** Who adds municipalities' contacts and sets their bilingual flag: hyte coordinators, who work with the municipalities. */
    static final java.util.List<Roles> MUNICIPALITY_MANAGERS = java.util.List.of(Roles.HYTE_COORDINATOR);
    private final OrganisationRepository organisations;
    private final ReferenceData referenceData;
    private final CaseRepository cases;
    private final StaffCaseAccess caseAccess;
    private final MunicipalityContacts municipalityContacts;
    private final TriLingual text;

    public OrganisationStaffController(OrganisationRepository organisations, ReferenceData referenceData, CaseRepository cases,
            StaffCaseAccess caseAccess, MunicipalityContacts municipalityContacts, TriLingual text) {
        this.municipalityContacts = municipalityContacts;
        this.text = text;
        this.caseAccess = caseAccess;
        this.organisations = organisations;
        this.referenceData = referenceData;
        this.cases = cases;
    }

    @GetMapping
    String list(@RequestParam(name = "q", required = false) String query, Model model) {
        model.addAttribute("q", query == null ? "" : query);
        // a search text holding a NUL or another control character finds nothing (PostgreSQL cannot compare a NUL)
        boolean searchable = query == null || fi.silta.web.TextRules.problem(query, false) == null;
        model.addAttribute("organisations", searchable ? organisations.search(query, PAGE) : java.util.List.of());
        return "staff/organisations";
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model, Locale locale, Authentication staff) {
        model.addAttribute("managesMunicipality", Roles.anyOf(staff, MUNICIPALITY_MANAGERS));
        model.addAttribute("bilingualSetting", organisations.bilingualSetting(id).orElse(null));
        Organisation organisation = organisations.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Map<String, Municipality> byCode = referenceData.servedMunicipalities(locale).stream()
                .collect(Collectors.toMap(Municipality::code, Function.identity()));
        model.addAttribute("organisation", organisation);
        model.addAttribute("municipalities", organisation.municipalityCodes().stream()
                .map(code -> byCode.containsKey(code) ? byCode.get(code).name(locale)
                        : referenceData.municipality(code).map(m -> m.name(locale)).orElse(code))
                .toList());
        model.addAttribute("contacts", organisations.contacts(id));
        // only the cases this staff member may see (need-to-know, the case kind's access rule)
        model.addAttribute("cases", caseAccess.visible(cases.byOrganisation(id), staff));
        return "staff/organisation";
    }

    /**
     * A hyte coordinator adds a municipality's contact directly: verified at once (who and when recorded) and
     * told by mail. Anyone else gets 403; a contact of any other organisation is refused (NGO contacts register
     * and are verified in their own case).
     */
    @PostMapping("/{id}/contacts")
    String addMunicipalityContact(@PathVariable long id, @RequestParam(required = false) String contactName,
            @RequestParam(required = false) String email, @RequestParam(required = false) String phone,
            @RequestParam(required = false) String language, Authentication staff, RedirectAttributes redirect, Locale locale) {
        requireMunicipalityManager(staff);
        organisations.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            municipalityContacts.addContact(id, new OrganisationService.NewContact(contactName, email, phone,
                    language == null || language.isBlank() ? "fi" : language), staff.getName());
            redirect.addFlashAttribute("notice", "organisation.contact.added");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("error", text.inLanguage(invalid, "organisation.field.", locale));
            redirect.addFlashAttribute("typed", java.util.Map.of("contactName", contactName == null ? "" : contactName,
                    "email", email == null ? "" : email, "phone", phone == null ? "" : phone));
        }
        return "redirect:/staff/organisations/" + id + "#municipality-contact";
    }

    /** A hyte coordinator sets whether a municipality gets its documents in Swedish too; anyone else gets 403. */
    @PostMapping("/{id}/bilingual")
    String setBilingual(@PathVariable long id, @RequestParam(defaultValue = "false") boolean bilingual, Authentication staff,
            RedirectAttributes redirect, Locale locale) {
        requireMunicipalityManager(staff);
        organisations.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            municipalityContacts.setBilingual(id, bilingual, staff.getName());
            redirect.addFlashAttribute("notice", bilingual ? "organisation.bilingual.setOn" : "organisation.bilingual.setOff");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("error", text.inLanguage(invalid, "organisation.field.", locale));
        }
        return "redirect:/staff/organisations/" + id + "#bilingual";
    }

    private static void requireMunicipalityManager(Authentication staff) {
        if (!Roles.anyOf(staff, MUNICIPALITY_MANAGERS)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }
}
