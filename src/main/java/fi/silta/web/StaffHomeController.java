package fi.silta.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import fi.silta.SiltaProperties;

@Controller
public class StaffHomeController {

    private final SiltaProperties properties;

    public StaffHomeController(SiltaProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/staff")
    String home(Model model, org.springframework.security.core.Authentication staff) {
        // the demo mailbox shows mails as sent, live links included: administrators only, as its address is
        model.addAttribute("mailSink", properties.mailSink().enabled() && staff != null && staff.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(fi.silta.security.Roles.ADMINISTRATOR.authority())));
        return "staff/home";
    }
}
