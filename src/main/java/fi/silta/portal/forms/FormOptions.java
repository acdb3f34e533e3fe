package fi.silta.portal.forms;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import fi.silta.organisations.Municipality;

/**
 * Options the caller supplies for fields whose choices come from data: a component with
 * {@code "valuesKey": "municipalities"} takes the list given here under {@code municipalities}.
 * Labels are shown as given (already in the reader's language). Immutable.
 */
public final class FormOptions {

    public static final FormOptions NONE = new FormOptions(Map.of());

    private final Map<String, List<FormOption>> byKey;

    private FormOptions(Map<String, List<FormOption>> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    public static FormOptions of(String valuesKey, List<FormOption> options) {
        return NONE.with(valuesKey, options);
    }

    /** These options and {@code options} under {@code valuesKey}. */
    public FormOptions with(String valuesKey, List<FormOption> options) {
        Map<String, List<FormOption>> copy = new HashMap<>(byKey);
        copy.put(valuesKey, List.copyOf(options));
        return new FormOptions(copy);
    }

    public Optional<List<FormOption>> get(String valuesKey) {
        return Optional.ofNullable(byKey.get(valuesKey));
    }

    /** Municipalities as options: the code is the value, the name is in the reader's language. */
    public static List<FormOption> municipalities(List<Municipality> municipalities, Locale locale) {
        return municipalities.stream().map(m -> new FormOption(m.code(), m.name(locale))).toList();
    }

    /** The options of a field: its static {@code values}, or those supplied under its {@code valuesKey}. */
    List<FormOption> of(FormDefinition form, FormComponent component) {
        if (component.valuesKey() == null) {
            return component.values();
        }
        return get(component.valuesKey()).orElseThrow(() -> new IllegalStateException("Form '" + form.id() + "', field '"
                + component.key() + "' takes its options from '" + component.valuesKey() + "', which the caller did not supply"));
    }
}
