package fi.silta.negotiations;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.portal.FrontPageSection;
import fi.silta.web.Section;

/** On the portal's front page: the years that have published hyte memos, each linking to its page {@code /hyte/{year}}. */
@Component
@Order(60)
class HyteMemoFrontPageSection implements FrontPageSection {

    private final JdbcClient jdbc;

    HyteMemoFrontPageSection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Section> frontPage(Locale locale) {
        List<Integer> years = jdbc.sql("""
                select distinct y.cycle_year from hyte_memo h join hyte_negotiation n on n.id = h.negotiation_id
                join hyte_cycle y on y.id = n.cycle_id where h.status = 'PUBLISHED' order by y.cycle_year desc""")
                .query(Integer.class).list();
        return years.isEmpty() ? List.of() : List.of(new Section("negotiations/front-memos", Map.of("years", years)));
    }
}
