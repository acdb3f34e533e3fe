package fi.silta.web;

import java.util.Locale;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page's model holds {@code formats}: the one formatter ({@link Formats}) in the page's language. */
@ControllerAdvice
class FormatsAdvice {

    @ModelAttribute("formats")
    Formats formats(Locale locale) {
        return new Formats(locale);
    }
}
