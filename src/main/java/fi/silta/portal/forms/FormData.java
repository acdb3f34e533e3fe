package fi.silta.portal.forms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fi.silta.web.Decimals;

/**
 * The data conditions are evaluated on, shared by the validator and the renderer: the form's
 * default values, under the caller's variables, under what was submitted for editable fields
 * (lightly typed: a checkbox is a Boolean, a checklist a list, a number a BigDecimal when it
 * reads as one, other text stripped, empty text null).
 */
final class FormData {

    /** Rows beyond this index are ignored (a request cannot make the server build huge lists). */
    static final int MAX_ROW_INDEX = 499;

    private FormData() {
    }

    static Map<String, Object> scope(FormDefinition form, Map<String, ?> variables, FormSubmission submission) {
        Map<String, Object> data = new HashMap<>();
        defaults(form.components(), data);
        data.putAll(FormVariables.fromEngine(variables));
        if (submission != null) {
            overlay(data, fromSubmission(form.components(), "", submission));
        }
        return data;
    }

    /** The scope inside a group with a path or a dynamic list row: the outer data with the inner over it. */
    static Map<String, Object> inner(Map<String, Object> outer, Object innerData) {
        Map<String, Object> scope = new HashMap<>(outer);
        if (innerData instanceof Map<?, ?> map) {
            map.forEach((k, v) -> scope.put(String.valueOf(k), v));
        }
        return scope;
    }

    private static void defaults(List<FormComponent> components, Map<String, Object> data) {
        for (FormComponent c : components) {
            if (c.type() == ComponentType.GROUP) {
                if (c.key() == null) {
                    defaults(c.components(), data);
                } else {
                    Map<String, Object> group = new HashMap<>();
                    defaults(c.components(), group);
                    data.put(c.key(), group);
                }
            } else if (c.type().isInput() && c.defaultValue() != null) {
                data.put(c.key(), c.defaultValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void overlay(Map<String, Object> data, Map<String, Object> submitted) {
        submitted.forEach((key, value) -> {
            if (value instanceof Map<?, ?> inner && data.get(key) instanceof Map<?, ?> existing) {
                Map<String, Object> merged = new HashMap<>((Map<String, Object>) existing);
                overlay(merged, (Map<String, Object>) inner);
                data.put(key, merged);
            } else {
                data.put(key, value);
            }
        });
    }

    /** The submitted values of the editable fields under {@code prefix}, lightly typed, nested like the form. */
    static Map<String, Object> fromSubmission(List<FormComponent> components, String prefix, FormSubmission submission) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (FormComponent c : components) {
            switch (c.type()) {
                case GROUP -> {
                    if (c.key() == null) {
                        data.putAll(fromSubmission(c.components(), prefix, submission));
                    } else {
                        data.put(c.key(), fromSubmission(c.components(), prefix + c.key() + ".", submission));
                    }
                }
                case DYNAMICLIST -> {
                    if (!c.disabled()) {
                        List<Map<String, Object>> rows = new ArrayList<>();
                        String name = prefix + c.key();
                        for (int index : rowIndices(submission, name)) {
                            String rowPrefix = name + "[" + index + "].";
                            if (!blankRow(submission, rowPrefix)) {
                                rows.add(fromSubmission(c.components(), rowPrefix, submission));
                            }
                        }
                        data.put(c.key(), rows);
                    }
                }
                case FILEPICKER, TEXT, BUTTON, SEPARATOR, SPACER -> {
                }
                default -> {
                    if (c.editable()) {
                        data.put(c.key(), light(c, prefix + c.key(), submission));
                    }
                }
            }
        }
        return data;
    }

    private static Object light(FormComponent c, String name, FormSubmission submission) {
        if (c.type() == ComponentType.CHECKBOX) {
            return isChecked(submission.first(name));
        }
        if (c.type() == ComponentType.CHECKLIST) {
            return submission.all(name).stream().filter(v -> v != null && !v.isBlank()).distinct().toList();
        }
        String raw = submission.first(name);
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return null;
        }
        if (c.isMoney()) {
            Decimals.Result money = Decimals.money(text, true);
            return money.ok() ? money.value() : text;
        }
        if (c.type() == ComponentType.NUMBER) {
            Decimals.Result number = Decimals.parse(text, null, true);
            return number.ok() ? number.value() : text;
        }
        return text;
    }

    static boolean isChecked(String value) {
        return value != null && ("true".equalsIgnoreCase(value.strip()) || "on".equalsIgnoreCase(value.strip()));
    }

    private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,4})]");

    /** The row indices submitted for a dynamic list with this input name ({@code rows} → 0, 1, 3 of {@code rows[3].x}). */
    static SortedSet<Integer> rowIndices(FormSubmission submission, String listName) {
        SortedSet<Integer> indices = new TreeSet<>();
        String start = listName + "[";
        for (String name : submission.params().keySet()) {
            addIndex(indices, name, start);
        }
        for (String name : submission.files().keySet()) {
            addIndex(indices, name, start);
        }
        return indices;
    }

    private static void addIndex(SortedSet<Integer> indices, String name, String start) {
        if (name.startsWith(start)) {
            Matcher m = INDEX.matcher(name.substring(start.length() - 1));
            if (m.lookingAt()) {
                int index = Integer.parseInt(m.group(1));
                if (index <= MAX_ROW_INDEX) {
                    indices.add(index);
                }
            }
        }
    }

    /** A row where nothing was typed, chosen or ticked (a checkbox's hidden "false" does not count). */
    static boolean blankRow(FormSubmission submission, String rowPrefix) {
        for (Map.Entry<String, List<String>> entry : submission.params().entrySet()) {
            if (entry.getKey().startsWith(rowPrefix) && entry.getValue() != null
                    && entry.getValue().stream().anyMatch(v -> v != null && !v.isBlank())) {
                return false;
            }
        }
        for (String name : submission.files().keySet()) {
            if (name.startsWith(rowPrefix) && !submission.chosenFiles(name).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
