package fi.silta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** Every text a person reads exists in Finnish, Swedish and English, with the same placeholders. */
class MessageBundlesTest {

    static final Pattern ARG = Pattern.compile("\\{\\d+}");

    @Test
    void finnishSwedishAndEnglishHoldTheSameKeysAndPlaceholders() throws IOException {
        Properties fi = load("i18n/messages.properties");
        for (String other : new String[] {"i18n/messages_sv.properties", "i18n/messages_en.properties"}) {
            Properties translated = load(other);
            assertThat(translated.stringPropertyNames()).as(other + " keys").isEqualTo(fi.stringPropertyNames());
            for (String key : fi.stringPropertyNames()) {
                assertThat(translated.getProperty(key)).as(other + " " + key).isNotBlank();
                assertThat(args(translated.getProperty(key))).as(other + " placeholders of " + key).isEqualTo(args(fi.getProperty(key)));
            }
        }
    }

    @Test
    void noBundleDefinesAKeyTwice() throws IOException {
        for (String bundle : new String[] {"i18n/messages.properties", "i18n/messages_sv.properties", "i18n/messages_en.properties"}) {
            Set<String> seen = new TreeSet<>();
            Set<String> twice = new TreeSet<>();
            String text = new String(new ClassPathResource(bundle).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (line.isBlank() || line.startsWith("#") || eq < 0) {
                    continue;
                }
                if (!seen.add(line.substring(0, eq).strip())) {
                    twice.add(line.substring(0, eq).strip());
                }
            }
            assertThat(twice).as(bundle).isEmpty();
        }
    }

    private static Set<String> args(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = ARG.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (var reader = new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
