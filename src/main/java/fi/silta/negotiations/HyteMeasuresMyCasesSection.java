package fi.silta.negotiations;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import fi.silta.portal.MyCasesSection;
import fi.silta.web.Section;

/** On a signed-in contact's "my cases": the hyte measures their municipality or organisation is to report on, with a link. */
@Component
class HyteMeasuresMyCasesSection implements MyCasesSection {

    private final HyteMeasureUpdates updates;

    HyteMeasuresMyCasesSection(HyteMeasureUpdates updates) {
        this.updates = updates;
    }

    @Override
    public List<Section> myCases(String email, Locale locale) {
        int open = updates.openFor(email).size();
        return open == 0 ? List.of() : List.of(new Section("negotiations/my-measures", Map.of("count", open)));
    }
}
