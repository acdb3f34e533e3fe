package fi.silta.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code /actuator/prometheus} answered, read the way Prometheus reads its text format: a
 * sample per line, {@code name{label="value",...} number}; comments (# HELP, # TYPE) skipped.
 */
public final class PrometheusScrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String body;

    public PrometheusScrape(String body) {
        this.body = body;
    }

    /** The sample of {@code name} whose labels include {@code labels}; fails unless exactly one is. */
    public double value(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        Double found = null;
        for (String line : body.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !m.matches() || !m.group(1).equals(name)) {
                continue;
            }
            Map<String, String> have = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher label = LABEL.matcher(m.group(2));
                while (label.find()) {
                    have.put(label.group(1), label.group(2));
                }
            }
            if (have.entrySet().containsAll(wanted.entrySet())) {
                if (found != null) {
                    throw new AssertionError("more than one sample of " + name + " " + wanted);
                }
                found = Double.valueOf(m.group(3));
            }
        }
        if (found == null) {
            throw new AssertionError("no sample of " + name + " " + wanted + " in the scrape");
        }
        return found;
    }

    public String body() {
        return body;
    }
}
