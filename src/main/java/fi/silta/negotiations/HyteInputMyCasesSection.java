package fi.silta.negotiations;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import fi.silta.organisations.Contact;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.Verification;
import fi.silta.web.Formats;
import fi.silta.web.Section;

/** The hyte negotiation inputs of the contact's organisations on "my cases", each linked to its page (to read or edit). */
@Component
class HyteInputMyCasesSection implements fi.silta.portal.MyCasesSection {

    private final HyteInputs inputs;
    private final OrganisationRepository organisations;

    HyteInputMyCasesSection(HyteInputs inputs, OrganisationRepository organisations) {
        this.inputs = inputs;
        this.organisations = organisations;
    }

    @Override
    public List<Section> myCases(String email, Locale locale) {
        List<Long> own = organisations.contactsByEmail(email).stream().filter(c -> c.verification() == Verification.VERIFIED)
                .map(Contact::organisationId).toList();
        Formats formats = new Formats(locale);
        List<Map<String, String>> given = inputs.ofOrganisations(own).stream().map(g -> Map.of(
                "link", "/hyte/" + g.year() + "/input/" + g.negotiationId() + "/answer?organisationId=" + g.organisationId(),
                "title", g.negotiationTitle(), "year", String.valueOf(g.year()), "organisation", g.organisationName(),
                "saved", formats.dateTime(g.updatedAt()))).toList();
        return given.isEmpty() ? List.of() : List.of(new Section("negotiations/input-my", Map.of("inputs", given)));
    }
}
