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
    String home(Model model) {
        model.addAttribute("mailSink", properties.mailSink().enabled());
        return "staff/home";
    }
}
