package fi.silta.grants;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import fi.silta.portal.FrontPageSection;
import fi.silta.web.Section;

/** The published grant calls on the portal's front page. */
@Component
@Order(10)
class GrantFrontPageSection implements FrontPageSection {

    private final OpenCalls openCalls;

    GrantFrontPageSection(OpenCalls openCalls) {
        this.openCalls = openCalls;
    }

    @Override
    public List<Section> frontPage(Locale locale) {
        List<OpenCalls.OpenCall> calls = openCalls.published(locale);
        return calls.isEmpty() ? List.of() : List.of(new Section("grants/front-calls", Map.of("calls", calls)));
    }
}
