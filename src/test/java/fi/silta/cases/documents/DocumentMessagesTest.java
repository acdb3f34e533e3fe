package fi.silta.cases.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import fi.silta.web.Locales;

/** Every key in Finnish, Swedish and English, with its arguments in place. */
class DocumentMessagesTest {

    @Test
    void everyKeyHasItsTextInEveryLanguage() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        for (Locale locale : Locales.SUPPORTED) {
            assertThat(messages.getMessage(DocumentRules.TOO_BIG, new Object[] { new BigDecimal("0.5") }, locale))
                    .contains(locale.equals(Locales.ENGLISH) ? "0.5" : "0,5");
            assertThat(messages.getMessage(DocumentRules.TOO_BIG, new Object[] { BigDecimal.TEN }, locale)).contains(" 10 M");
            assertThat(messages.getMessage(DocumentRules.TYPE, new Object[] { "PDF, ODT, DOCX, XLSX" }, locale))
                    .contains("PDF, ODT, DOCX, XLSX");
            for (String key : List.of(DocumentRules.EMPTY, DocumentRules.CONTENT)) {
                assertThat(messages.getMessage(key, new Object[0], locale)).doesNotContain("{").isNotBlank();
            }
        }
        assertThat(messages.getMessage(DocumentRules.EMPTY, null, Locales.FINNISH)).isEqualTo("Tiedosto on tyhjä.");
        assertThat(messages.getMessage(DocumentRules.EMPTY, null, Locales.SWEDISH)).isEqualTo("Filen är tom.");
        assertThat(messages.getMessage(DocumentRules.EMPTY, null, Locales.ENGLISH)).isEqualTo("The file is empty.");
    }
}
