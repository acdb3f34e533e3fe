package fi.silta.negotiations;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The themes of a cycle as {@code hyte_cycle.themes} holds them: a JSON array (of texts, or of objects with
 * {@code fi}, {@code name}, {@code title} or {@code text}), or one theme per line.
 */
final class HyteThemes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HyteThemes() {
    }

    static List<String> parse(String stored) {
        List<String> themes = new ArrayList<>();
        if (stored == null || stored.isBlank()) {
            return themes;
        }
        String text = stored.strip();
        if (text.startsWith("[")) {
            try {
                for (JsonNode node : JSON.readTree(text)) {
                    String theme = node.isTextual() ? node.asText() : first(node, "fi", "name", "title", "text");
                    if (theme != null && !theme.isBlank()) {
                        themes.add(theme.strip());
                    }
                }
                return themes;
            } catch (java.io.IOException notJson) {
                // one theme per line after all
            }
        }
        text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(themes::add);
        return themes;
    }

    private static String first(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.hasNonNull(field)) {
                return node.get(field).asText();
            }
        }
        return null;
    }
}
