package fi.silta.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import fi.silta.security.Roles;
import fi.silta.web.StaffHomeCards;

/** The dashboards on the staff home, for the roles that may read them (not reviewers, liaisons or hyte coordinators). */
@Component
class DashboardCards implements StaffHomeCards {

    private final List<DashboardPage> pages;
    private final MessageSource messages;

    DashboardCards(DashboardController dashboards, MessageSource messages) {
        this.pages = dashboards.pages();
        this.messages = messages;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Optional<Group> cards(Authentication user, Locale locale) {
        if (!Roles.anyOf(user, Roles.caseOverseers())) {
            return Optional.empty();
        }
        List<Card> cards = new ArrayList<>();
        for (DashboardPage page : pages) {
            String name = messages.getMessage("dashboard." + page.key() + ".name", null, page.key(), locale);
            // "Dashboard: Grant rounds", not a second "Grant rounds" beside the filter and the procedure's page
            cards.add(new Card(messages.getMessage("staff.home.dashboards.card", new Object[] {name}, locale),
                    "/staff/dashboards/" + page.key(), null, null));
        }
        cards.add(new Card(messages.getMessage("staff.home.dashboards.all", null, locale), "/staff/dashboards", null, null));
        return Optional.of(new Group("dashboards", messages.getMessage("dashboard.title", null, locale),
                messages.getMessage("staff.home.dashboards.intro", null, locale), cards));
    }
}
