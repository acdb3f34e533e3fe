package fi.silta.notifications;

import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;

import fi.silta.web.ClasspathTemplates;
import fi.silta.web.Formats;

/**
 * Renders a mail from its Thymeleaf text template {@code templates/mail/NAME.txt}: the first
 * line is the subject, the rest the body. Templates take their words from the message bundles,
 * so one template serves Finnish, Swedish and English.
 */
@Component
public class MailRenderer {

    public record RenderedMail(String subject, String body) {
    }

    private final SpringTemplateEngine engine;

    public MailRenderer(MessageSource messages) {
        engine = ClasspathTemplates.engine("templates/mail/", ".txt", TemplateMode.TEXT, messages);
    }

    public RenderedMail render(String template, Locale locale, Map<String, Object> model) {
        Context context = new Context(locale, model);
        context.setVariable("formats", new Formats(locale.getLanguage()));
        String text = engine.process(template, context).strip();
        int newline = text.indexOf('\n');
        if (newline < 0) {
            throw new IllegalStateException("mail template " + template + " has no body");
        }
        return new RenderedMail(text.substring(0, newline).strip(), text.substring(newline + 1).strip() + "\n");
    }
}
