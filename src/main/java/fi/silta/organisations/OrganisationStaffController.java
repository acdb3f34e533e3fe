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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import fi.silta.cases.CaseRepository;
import fi.silta.cases.StaffCaseAccess;

/** Staff pages of the registry: list and search, and one organisation with its contacts. */
@Controller
@RequestMapping("/staff/organisations")
public class OrganisationStaffController {

    static final int PAGE = 200;
    private final OrganisationRepository organisations;
    private final ReferenceData referenceData;
    private final CaseRepository cases;
    private final StaffCaseAccess caseAccess;

    public OrganisationStaffController(OrganisationRepository organisations, ReferenceData referenceData, CaseRepository cases,
            StaffCaseAccess caseAccess) {
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
}
