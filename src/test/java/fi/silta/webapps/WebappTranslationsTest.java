package fi.silta.webapps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Silta's Finnish and Swedish translations of Tasklist, Welcome, Admin and Cockpit against
 * Camunda's English ({@code en.json}) and German ({@code de.json}) of the same webjar, so that an
 * upgrade of Camunda that adds, removes or changes texts fails here. A plain unit test: no Spring.
 */
class WebappTranslationsTest {

    /** {{ name }} of angular-translate; spaces inside the braces do not matter. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");
    /** %d and %s of moment.js in dateLocales.relativeTime. */
    private static final Pattern MOMENT_TOKEN = Pattern.compile("%[ds]");
    /** Anything that looks like a tag; only names of HTML elements, written in lower case, count. */
    private static final Pattern TAG = Pattern.compile("</?([A-Za-z][A-Za-z0-9]*)\\b[^<>]*>");
    /**
     * Names of the elements a label may carry. Words in angle brackets that are texts, such as
     * {@code <undefined>}, {@code <null>} or {@code <version>}, are not in this list.
     */
    private static final Set<String> HTML_ELEMENTS = Set.of("a", "abbr", "b", "blockquote", "br", "button", "code",
            "dd", "div", "dl", "dt", "em", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "iframe", "img",
            "input", "kbd", "li", "object", "ol", "p", "pre", "q", "s", "script", "small", "span", "strong", "style",
            "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul");
    private static final int SHOWN = 25;

    static Stream<Arguments> translations() {
        return WebappTranslations.SILTA_LANGUAGES.stream()
                .flatMap(language -> WebappTranslations.APPS.stream().map(app -> Arguments.of(app, language)));
    }

    @ParameterizedTest(name = "{0} {1}.json")
    @MethodSource("translations")
    void translationHasCamundasKeysPlaceholdersAndTags(String app, String language) {
        Map<String, JsonNode> english = WebappTranslations.leaves(WebappTranslations.camunda(app, "en"));
        Map<String, JsonNode> translation = WebappTranslations.leaves(WebappTranslations.silta(app, language));
        assertThat(english).as("Camunda's %s en.json", app).isNotEmpty();

        List<String> problems = new ArrayList<>();
        problems.addAll(differences(english, translation));
        if (!problems.isEmpty()) {
            fail(app + " " + language + ".json differs from Camunda's en.json in " + problems.size() + " places:\n"
                    + String.join("\n", problems.subList(0, Math.min(problems.size(), SHOWN)))
                    + (problems.size() > SHOWN ? "\n... and " + (problems.size() - SHOWN) + " more" : ""));
        }
    }

    @ParameterizedTest(name = "{0} {1}.json")
    @MethodSource("translations")
    void noMoreValuesLeftInEnglishThanInCamundasGerman(String app, String language) {
        Map<String, JsonNode> english = WebappTranslations.leaves(WebappTranslations.camunda(app, "en"));
        Map<String, JsonNode> german = WebappTranslations.leaves(WebappTranslations.camunda(app, "de"));
        Map<String, JsonNode> translation = WebappTranslations.leaves(WebappTranslations.silta(app, language));

        List<String> asInEnglish = sameAsEnglish(english, translation);
        int germanAsInEnglish = sameAsEnglish(english, german).size();
        if (asInEnglish.size() > germanAsInEnglish) {
            fail(app + " " + language + ".json keeps " + asInEnglish.size() + " texts as in English, Camunda's own de.json "
                    + germanAsInEnglish + " (technical words and names may stay; the rest is untranslated):\n"
                    + String.join("\n", asInEnglish.subList(0, Math.min(asInEnglish.size(), SHOWN * 2))));
        }
    }

    /** Problems of one file against English, one line each. */
    static List<String> differences(Map<String, JsonNode> english, Map<String, JsonNode> translation) {
        List<String> problems = new ArrayList<>();
        for (String key : english.keySet()) {
            if (!translation.containsKey(key)) {
                problems.add("missing: " + key);
            }
        }
        for (String key : translation.keySet()) {
            if (!english.containsKey(key)) {
                problems.add("not in Camunda's English (extra): " + key);
            }
        }
        for (Map.Entry<String, JsonNode> entry : english.entrySet()) {
            String key = entry.getKey();
            JsonNode theirs = entry.getValue();
            JsonNode ours = translation.get(key);
            if (ours == null) {
                continue;
            }
            if (theirs.getNodeType() != ours.getNodeType()) {
                problems.add(key + ": a " + ours.getNodeType() + " where English has a " + theirs.getNodeType());
                continue;
            }
            if (!theirs.isTextual()) {
                continue;
            }
            String en = theirs.asText();
            String text = ours.asText();
            if (text.isBlank() && !en.isBlank()) {
                problems.add(key + ": empty, English \"" + en + "\"");
                continue;
            }
            List<String> enPlaceholders = placeholders(en);
            List<String> placeholders = placeholders(text);
            if (!enPlaceholders.equals(placeholders)) {
                problems.add(key + ": placeholders " + placeholders + ", English " + enPlaceholders + " in \"" + en + "\"");
            }
            if (key.startsWith("dateLocales.") && !tokens(MOMENT_TOKEN, en).equals(tokens(MOMENT_TOKEN, text))) {
                problems.add(key + ": \"" + text + "\" must keep the %d / %s of English \"" + en + "\"");
            }
            List<String> enTags = tags(en);
            List<String> tags = tags(text);
            if (!enTags.equals(tags)) {
                problems.add(key + ": HTML tags " + tags + ", English " + enTags + " in \"" + en + "\"");
            }
        }
        return problems;
    }

    /** Text values of a translation that are exactly the English ones (blank English values aside). */
    static List<String> sameAsEnglish(Map<String, JsonNode> english, Map<String, JsonNode> translation) {
        List<String> same = new ArrayList<>();
        english.forEach((key, en) -> {
            JsonNode value = translation.get(key);
            if (en.isTextual() && !en.asText().isBlank() && value != null && value.isTextual()
                    && value.asText().equals(en.asText())) {
                same.add(key + " = \"" + en.asText() + "\"");
            }
        });
        return same;
    }

    static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add("{{" + m.group(1).replaceAll("\\s+", "") + "}}");
        }
        found.sort(null);
        return found;
    }

    static List<String> tags(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = TAG.matcher(text);
        while (m.find()) {
            if (HTML_ELEMENTS.contains(m.group(1))) {
                found.add(m.group());
            }
        }
        found.sort(null);
        return found;
    }

    private static List<String> tokens(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        found.sort(null);
        return found;
    }

    /** The checks themselves, on small made-up files: each kind of fault is found, a good file passes. */
    @Test
    void checksFindEachKindOfFault() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> english = WebappTranslations.leaves(json.readTree("""
                {"labels": {"CLAIM": "Claim", "HELLO": "Hello {{ name }}", "LINK": "See <a href=\\"#/x\\">more</a>",
                            "NULL": "<undefined>", "EMPTY": "", "NAME": "Cockpit"},
                 "dateLocales": {"relativeTime": {"dd": "%d days"}, "week": {"dow": 1}}}"""));
        Map<String, JsonNode> good = WebappTranslations.leaves(json.readTree("""
                {"labels": {"CLAIM": "Ota itselle", "HELLO": "Hei {{name}}", "LINK": "Katso <a href=\\"#/x\\">lisää</a>",
                            "NULL": "<määrittelemätön>", "EMPTY": "", "NAME": "Cockpit"},
                 "dateLocales": {"relativeTime": {"dd": "%d päivää"}, "week": {"dow": 1}}}"""));
        assertThat(differences(english, good)).isEmpty();
        assertThat(sameAsEnglish(english, good)).containsExactly("labels.NAME = \"Cockpit\"");

        Map<String, JsonNode> bad = WebappTranslations.leaves(json.readTree("""
                {"labels": {"CLAIM": " ", "HELLO": "Hei {{nimi}}", "LINK": "Katso <a href=\\"#/y\\">lisää</a>",
                            "NULL": "<b>tyhjä</b>", "EMPTY": "", "EXTRA": "x"},
                 "dateLocales": {"relativeTime": {"dd": "päiviä"}, "week": {"dow": "1"}}}"""));
        Map<String, String> found = new TreeMap<>();
        for (String problem : differences(english, bad)) {
            found.put(problem.replaceFirst(":.*", ""), problem);
        }
        assertThat(found.keySet()).containsExactlyInAnyOrder("missing", "not in Camunda's English (extra)",
                "labels.CLAIM", "labels.HELLO", "labels.LINK", "labels.NULL", "dateLocales.relativeTime.dd",
                "dateLocales.week.dow");
        assertThat(found.get("missing")).endsWith("labels.NAME");
        assertThat(found.get("labels.CLAIM")).contains("empty");
        assertThat(found.get("labels.LINK")).contains("HTML tags");
        assertThat(found.get("labels.NULL")).contains("HTML tags [</b>, <b>]");
    }

    @Test
    void camundasFilesStartWithAByteOrderMarkAndStillRead() throws Exception {
        try (var in = WebappTranslations.camundaFile("tasklist", "en").openStream()) {
            assertThat(in.readNBytes(3)).containsExactly(0xEF, 0xBB, 0xBF);
        }
        assertThat(WebappTranslations.labels(WebappTranslations.camunda("tasklist", "en"))).containsEntry("CLAIM_TASK", "Claim");
        assertThat(WebappTranslations.labels(WebappTranslations.camunda("tasklist", "de"))).containsKey("CLAIM_TASK");
    }
}
