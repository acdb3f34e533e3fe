package fi.silta.negotiations;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseStaffSection;
import fi.silta.cases.CaseVisibility;
import fi.silta.web.Section;

/**
 * The NGO input to a negotiation on the staff page of its case ({@code HYTE_NEGOTIATION}): per organisation who gave
 * it and when, the text per theme and the attachments (documents of the case, linked to the case's own downloads).
 * Shown to those who may see all of the case.
 */
@Component
@Order(40)
public class HyteInputSection implements CaseStaffSection {

    private final HyteInputs inputs;

    HyteInputSection(HyteInputs inputs) {
        this.inputs = inputs;
    }

    @Override
    public List<Section> staffCase(CaseFile caseFile, CaseVisibility visibility, Authentication staff, Locale locale) {
        if (caseFile.kind() != CaseKind.HYTE_NEGOTIATION || visibility != CaseVisibility.FULL) {
            return List.of();
        }
        return inputs.negotiationOfCase(caseFile.id()).flatMap(n -> inputs.cycleById(n.cycleId()).map(call -> new Section(
                "negotiations/input-staff-section", Map.of("inputs", inputs.forNegotiation(n.id()), "year", String.valueOf(call.year()),
                        "deadline", call.closesAt() == null ? "" : new fi.silta.web.Formats(locale).dateTime(call.closesAt()),
                        "documentBase", "/staff/cases/" + caseFile.reference() + "/documents/")))).map(List::of).orElse(List.of());
    }
}
