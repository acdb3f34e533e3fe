package fi.silta.negotiations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import fi.silta.portal.FrontPageSection;
import fi.silta.web.Formats;
import fi.silta.web.Section;

/** The hyte cycles open for NGO input on the portal's front page, with a link to the cycle's negotiations. */
@Component
@Order(30)
class HyteInputFrontPageSection implements FrontPageSection {

    private final HyteInputs inputs;

    HyteInputFrontPageSection(HyteInputs inputs) {
        this.inputs = inputs;
    }

    @Override
    public List<Section> frontPage(Locale locale) {
        Formats formats = new Formats(locale);
        List<Map<String, Object>> open = new ArrayList<>();
        for (HyteInputCall call : inputs.openNow()) {
            open.add(Map.of("year", String.valueOf(call.year()), "deadline", formats.weekdayDateTime(call.closesAt()), "themes", call.themes()));
        }
        return open.isEmpty() ? List.of() : List.of(new Section("negotiations/input-front", Map.of("calls", open)));
    }
}
