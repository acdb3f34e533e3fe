package fi.silta.webapps;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The translation files of the Camunda webapps, read from the classpath: Camunda's own
 * ({@code en.json}, {@code de.json}) from the camunda-webapp-webjar, and Silta's ({@code fi.json},
 * {@code sv.json}) from Silta's resources, which the webapps load from the same path.
 */
final class WebappTranslations {

    /** The webapps Silta translates. */
    static final List<String> APPS = List.of("tasklist", "welcome", "admin", "cockpit");
    /** Silta's languages beside Camunda's en and de. */
    static final List<String> SILTA_LANGUAGES = List.of("fi", "sv");

    private static final String WEBJAR = "camunda-webapp-webjar";
    /** A key twice in one file is an error, not "the last one wins". */
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private WebappTranslations() {
    }

    /** The classpath path of one app's translation file. */
    static String path(String app, String language) {
        return "META-INF/resources/webjars/camunda/app/" + app + "/locales/" + language + ".json";
    }

    /** Camunda's own file (en, de) from the webjar, never from Silta's resources. */
    static JsonNode camunda(String app, String language) {
        return read(camundaFile(app, language));
    }

    /** Where Camunda's own file (en, de) is: inside the webjar. */
    static URL camundaFile(String app, String language) {
        List<URL> found = resources(path(app, language)).stream().filter(WebappTranslations::inWebjar).toList();
        if (found.isEmpty()) {
            fail("Camunda's " + path(app, language) + " is not on the classpath: is " + WEBJAR
                    + " (camunda-bpm-spring-boot-starter-webapp) still a dependency?");
        }
        return found.get(0);
    }

    /** Silta's file (fi, sv) from Silta's own resources; fails saying what to add when it is missing. */
    static JsonNode silta(String app, String language) {
        List<URL> found = resources(path(app, language)).stream().filter(url -> !inWebjar(url)).toList();
        if (found.isEmpty()) {
            fail("Silta's " + language + " translation of " + app + " is missing: add src/main/resources/"
                    + path(app, language) + " (the " + language + " translation of Camunda's " + app + " en.json)");
        }
        if (found.size() > 1) {
            fail("more than one " + path(app, language) + " on the classpath, the webapps would load either: " + found);
        }
        return read(found.get(0));
    }

    /** The labels of a file: key to text. */
    static Map<String, String> labels(JsonNode file) {
        Map<String, String> labels = new LinkedHashMap<>();
        file.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /**
     * Every value of a file by its path: {@code labels.CLAIM_TASK}, {@code dateLocales.months[0]},
     * {@code dateLocales.week.dow}.
     */
    static Map<String, JsonNode> leaves(JsonNode file) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        collect("", file, leaves);
        return leaves;
    }

    private static void collect(String path, JsonNode node, Map<String, JsonNode> leaves) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> collect(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), leaves));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(path + "[" + i + "]", node.get(i), leaves);
            }
        } else {
            leaves.put(path, node);
        }
    }

    private static boolean inWebjar(URL url) {
        return url.toString().contains("/" + WEBJAR + "-");
    }

    private static List<URL> resources(String path) {
        try {
            return Collections.list(WebappTranslations.class.getClassLoader().getResources(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Strict UTF-8; the byte order mark that Camunda's files start with is dropped. */
    private static JsonNode read(URL url) {
        try (InputStream in = url.openStream()) {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in.readAllBytes())).toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return JSON.readTree(text);
        } catch (CharacterCodingException e) {
            return fail(url + " is not UTF-8", e);
        } catch (IOException e) {
            return fail(url + " cannot be read as JSON: " + e.getMessage(), e);
        }
    }
}
