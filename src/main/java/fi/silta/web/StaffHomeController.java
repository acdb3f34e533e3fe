package fi.silta.web;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import fi.silta.SiltaProperties;

/**
 * The staff home: after sign-in every staff member lands here and finds every page their role may
 * open (its own links, with {@code sec:authorize}, and the groups other packages contribute as
 * {@link StaffHomeCards}), so that nothing is reachable only by typing an address.
 */
@Controller
public class StaffHomeController {

    private final SiltaProperties properties;
    private final List<StaffHomeCards> cards;

    public StaffHomeController(SiltaProperties properties, List<StaffHomeCards> cards) {
        this.properties = properties;
        this.cards = cards.stream().sorted(Comparator.comparingInt(StaffHomeCards::order)).toList();
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/staff")
    String home(Authentication user, Locale locale, Model model) {
        model.addAttribute("mailSink", properties.mailSink().enabled());
        model.addAttribute("groups", cards.stream().map(c -> c.cards(user, locale)).flatMap(Optional::stream).toList());
        return "staff/home";
    }
}
