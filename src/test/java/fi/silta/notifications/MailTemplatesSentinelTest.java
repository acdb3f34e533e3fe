package fi.silta.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Every mail template, rendered in fi, sv and en with sentinel values for every variable it may
 * use: no number or instant appears as a program writes it, and each appears as people write it.
 */
class MailTemplatesSentinelTest {

    static final String AMOUNT = "1234567.89";
    static final String INSTANT = "2026-12-10T16:00:00+02:00";
    static final Map<String, List<String>> FORMATTED_AMOUNT = Map.of(
            "fi", List.of("1\u00a0234\u00a0567,89\u00a0€"), "sv", List.of("1\u00a0234\u00a0567,89\u00a0€"), "en", List.of("€1,234,567.89"));
    static final Map<String, String> FORMATTED_INSTANT = Map.of("fi", "10.12.2026 klo 16.00", "sv", "10.12.2026 kl. 16.00",
            "en", "10 Dec 2026 at 16:00");

    @Test
    void everyMailTemplateWritesNumbersAndTimesAsPeopleDo() throws IOException {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        MailRenderer renderer = new MailRenderer(messages);
        List<String> templates;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/templates/mail"))) {
            templates = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
        assertThat(templates).hasSizeGreaterThan(5);
        int amounts = 0;
        int instants = 0;
        for (String template : templates) {
            for (String language : List.of("fi", "sv", "en")) {
                MailRenderer.RenderedMail mail = renderer.render(template, Locale.forLanguageTag(language), sentinels());
                String text = mail.subject() + "\n" + mail.body();
                assertThat(text).as(template + " " + language).doesNotContain(AMOUNT, "1234567", "2026-12-10T", "+02:00")
                        .doesNotContainPattern("\\bnull\\b");
                if (text.contains("567")) {
                    assertThat(text).as(template + " " + language).contains(FORMATTED_AMOUNT.get(language));
                    amounts++;
                }
                if (text.contains("2026")) {
                    assertThat(text).as(template + " " + language).contains(FORMATTED_INSTANT.get(language));
                    instants++;
                }
            }
        }
        assertThat(amounts).as("templates that show an amount, times 3 languages").isGreaterThanOrEqualTo(3);
        assertThat(instants).as("templates that show an instant, times 3 languages").isGreaterThanOrEqualTo(6);
    }

    /** Every variable a mail template may read: amounts and instants as the process stores them, texts as texts. */
    private static Map<String, Object> sentinels() {
        Map<String, Object> model = new HashMap<>();
        model.put("baseUrl", "https://silta.example");
        model.put("caseReference", "AV-2027-0042");
        model.put("contactName", "Hanna Hakija");
        model.put("organisationName", "Kerho ry");
        model.put("roundName", "Järjestöavustukset");
        model.put("amountRequested", AMOUNT);
        model.put("moreInfoDueAt", INSTANT);
        model.put("supplementDueAt", INSTANT);
        model.put("verificationNote", "Lähetä pöytäkirja.");
        model.put("supplementRequest", "Lähetä talousarvio.");
        model.put("eligibilityReasons", "notRegistered");
        model.put("eligibilityOverrideReason", "Perustelu");
        model.put("lapsedNote", "Ei täydennystä.");
        model.put("signInUrl", "https://silta.example/portal/login/ott?token={sign-in-token}");
        model.put("minutes", 15L);
        model.put("code", "ABC");
        // dates a delegate has already written as people do (Formats.date)
        model.put("dueDate", "31.12.2027");
        model.put("measureText", "Liikuntaneuvonta kouluille");
        return model;
    }
}
