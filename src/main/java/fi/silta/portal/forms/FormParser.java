package fi.silta.portal.forms;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a Camunda Form (schemaVersion 16 JSON, as Camunda Modeler writes it for Camunda
 * Platform 7.24) into a {@link FormDefinition}. Malformed JSON or a form without an id fails at
 * once; what the portal cannot handle (an unknown component type, a {@code valuesExpression},
 * an expression that is not FEEL ({@link FeelCondition}), an invalid pattern, an unknown {@code silta:type}) is
 * collected in {@link FormDefinition#problems()}.
 */
final class FormParser {

    static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> SILTA_TYPES = Set.of("businessId", "email", "money", "municipality", "date", "datetime");
    private static final ObjectMapper JSON = new ObjectMapper();

    private FormParser() {
    }

    static FormDefinition parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Form " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("Form " + source + " is not a JSON object");
        }
        String id = text(root, "id");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Form " + source + " has no id");
        }
        List<String> problems = new ArrayList<>();
        int schemaVersion = root.path("schemaVersion").asInt(0);
        if (schemaVersion > 16) {
            problems.add("schemaVersion " + schemaVersion + " is newer than 16, the version Camunda 7.24 reads");
        }
        List<FormComponent> components = components(root.path("components"), problems, new HashSet<>());
        return new FormDefinition(id, schemaVersion, List.copyOf(components), List.copyOf(problems), source);
    }

    private static List<FormComponent> components(JsonNode array, List<String> problems, Set<String> keysInScope) {
        List<FormComponent> components = new ArrayList<>();
        if (!array.isArray()) {
            return components;
        }
        for (JsonNode node : array) {
            FormComponent component = component(node, problems, keysInScope);
            if (component != null) {
                components.add(component);
            }
        }
        return components;
    }

    private static FormComponent component(JsonNode node, List<String> problems, Set<String> keysInScope) {
        String id = text(node, "id");
        String typeName = text(node, "type");
        String where = "component " + (id != null ? id : "?") + " (" + typeName + ")";
        ComponentType type = ComponentType.of(typeName).orElse(null);
        if (type == null) {
            problems.add(where + ": type '" + typeName + "' is not supported by the portal");
            return null;
        }
        String key = switch (type) {
            case GROUP, DYNAMICLIST -> text(node, "path") != null && !text(node, "path").isBlank() ? text(node, "path") : text(node, "key");
            default -> type.isInput() ? text(node, "key") : null;
        };
        if (key != null && key.isBlank()) {
            key = null;
        }
        if ((type.isInput() || type == ComponentType.DYNAMICLIST) && key == null) {
            problems.add(where + ": has no " + (type == ComponentType.DYNAMICLIST ? "path" : "key"));
        } else if (key != null && !KEY.matcher(key).matches()) {
            problems.add(where + ": key '" + key + "' is not a plain name (letters, digits, _)");
        } else if (key != null && !keysInScope.add(key)) {
            problems.add(where + ": key '" + key + "' is used twice");
        }

        String subtype = text(node, "subtype");
        String label = text(node, "label");
        if (type == ComponentType.DATETIME) {
            String dateLabel = text(node, "dateLabel");
            String timeLabel = text(node, "timeLabel");
            label = label != null ? label : "time".equals(subtype) ? timeLabel : dateLabel != null ? dateLabel : timeLabel;
            if (subtype != null && !Set.of("date", "time", "datetime").contains(subtype)) {
                problems.add(where + ": datetime subtype '" + subtype + "' is not supported");
            }
        }

        Validation validate = validation(node.path("validate"), where, problems);
        List<FormOption> values = new ArrayList<>();
        for (JsonNode option : node.path("values")) {
            String value = text(option, "value");
            values.add(new FormOption(value, text(option, "label") != null ? text(option, "label") : value));
        }
        String valuesKey = text(node, "valuesKey");
        if (node.hasNonNull("valuesExpression")) {
            problems.add(where + ": valuesExpression is not supported; use valuesKey and supply the options");
        }
        if (type.hasOptions() && values.isEmpty() && valuesKey == null) {
            problems.add(where + ": has neither values nor valuesKey");
        }

        FeelCondition hide = condition(node.path("conditional").path("hide"), where, problems);
        JsonNode readonlyNode = node.path("readonly");
        FeelCondition readonly = readonlyNode.isBoolean() ? (readonlyNode.asBoolean() ? FeelCondition.ALWAYS : FeelCondition.NEVER)
                : condition(readonlyNode, where, problems);

        Map<String, String> properties = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            properties.put(property.getKey(), property.getValue().asText());
        }
        String siltaType = properties.get(FormComponent.SILTA_TYPE);
        if (siltaType != null) {
            if (!SILTA_TYPES.contains(siltaType)) {
                problems.add(where + ": silta:type '" + siltaType + "' is unknown (known: " + SILTA_TYPES + ")");
            } else if (!fits(type, siltaType)) {
                problems.add(where + ": silta:type '" + siltaType + "' does not fit a " + typeName);
            }
        }
        String maxFiles = properties.get(FormComponent.MAX_FILES);
        if (maxFiles != null && !maxFiles.matches("[1-9][0-9]{0,3}")) {
            problems.add(where + ": silta:maxFiles must be a positive whole number");
        }

        List<FormComponent> children = List.of();
        if (type == ComponentType.GROUP || type == ComponentType.DYNAMICLIST) {
            // a group with a path, and each row of a list, is a scope of its own; a plain group shares its parent's
            Set<String> childScope = type == ComponentType.GROUP && key == null ? keysInScope : new HashSet<>();
            children = List.copyOf(components(node.path("components"), problems, childScope));
        }
        Integer decimalDigits = node.hasNonNull("decimalDigits") ? node.get("decimalDigits").asInt() : null;
        return new FormComponent(id, type, key, label, text(node, "description"), text(node, "text"), validate,
                List.copyOf(values), valuesKey, node.path("disabled").asBoolean(false), readonly, hide,
                javaValue(node.get("defaultValue")), Map.copyOf(properties), children, subtype,
                node.path("multiple").asBoolean(false), text(node, "accept"), decimalDigits,
                node.path("allowAddRemove").asBoolean(true), Math.max(0, node.path("defaultRepetitions").asInt(1)));
    }

    private static boolean fits(ComponentType type, String siltaType) {
        return switch (siltaType) {
            case "money" -> type == ComponentType.TEXTFIELD || type == ComponentType.NUMBER;
            case "municipality" -> type == ComponentType.TEXTFIELD || type.hasOptions();
            default -> type == ComponentType.TEXTFIELD;
        };
    }

    private static Validation validation(JsonNode node, String where, List<String> problems) {
        if (node.isMissingNode() || node.isNull()) {
            return Validation.NONE;
        }
        Pattern pattern = null;
        String regex = text(node, "pattern");
        if (regex != null && !regex.isEmpty()) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                problems.add(where + ": pattern " + regex + " is not a valid regular expression");
            }
        }
        String validationType = text(node, "validationType");
        if (validationType != null && !Set.of("email", "phone", "custom", "").contains(validationType)) {
            problems.add(where + ": validationType '" + validationType + "' is not supported");
        }
        return new Validation(node.path("required").asBoolean(false), integer(node, "minLength"), integer(node, "maxLength"),
                decimal(node, "min"), decimal(node, "max"), pattern,
                validationType == null || validationType.isEmpty() || "custom".equals(validationType) ? null : validationType);
    }

    private static FeelCondition condition(JsonNode node, String where, List<String> problems) {
        if (node.isMissingNode() || node.isNull()) {
            return FeelCondition.NEVER;
        }
        try {
            return FeelCondition.parse(node.asText());
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return FeelCondition.NEVER;
        }
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asInt();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            return null;
        }
        return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().strip());
    }

    private static Object javaValue(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isArray()) {
            List<String> list = new ArrayList<>();
            node.forEach(item -> list.add(item.asText()));
            return List.copyOf(list);
        }
        return node.asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
