package fi.silta.portal.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every form.* key the code uses is in each language (the portal forms block of the bundles). */
class FormMessagesTest {

    private static Set<String> formKeys(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(FormMessagesTest.class.getResourceAsStream("/i18n/" + file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Set<String> keys = new TreeSet<>();
        properties.stringPropertyNames().stream()
                .filter(k -> k.startsWith("form.") && k.split("\\.").length <= 3 && !k.startsWith("form.contact-more-info"))
                .forEach(keys::add);
        return keys;
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages_sv.properties", "messages_en.properties"})
    void swedishAndEnglishHaveEveryFinnishKey(String file) throws IOException {
        Set<String> finnish = formKeys("messages.properties");
        assertThat(finnish).contains("form.required", "form.money.ambiguous", "form.datetime.nonexistent", "form.errorSummary.title",
                "form.date.hint", "form.time.hint", "form.datetime.hint", "form.date", "form.time", "form.datetime");
        assertThat(formKeys(file)).isEqualTo(finnish);
    }
}
