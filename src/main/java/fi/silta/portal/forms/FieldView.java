package fi.silta.portal.forms;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One component as the template shows it. {@code kind} picks the markup: input, textarea,
 * select, radio, checkbox, checklist, file, group, list, text, separator.
 */
public final class FieldView {

    /** A choice of a select, radio or checklist. */
    public record OptionView(String id, String value, String label, boolean selected) {
        public String getId() {
            return id;
        }

        public String getValue() {
            return value;
        }

        public String getLabel() {
            return label;
        }

        public boolean isSelected() {
            return selected;
        }
    }

    /** A row of a dynamic list. */
    public record RowView(String legend, List<FieldView> fields, String removeValue, String removeLabel) {
        public String getLegend() {
            return legend;
        }

        public List<FieldView> getFields() {
            return fields;
        }

        public String getRemoveValue() {
            return removeValue;
        }

        public String getRemoveLabel() {
            return removeLabel;
        }
    }

    String kind;
    String id;
    String name;
    String label;
    String description;
    String descriptionId;
    String hint;
    String hintId;
    String error;
    String errorId;
    boolean required;
    boolean nativeRequired;
    String requiredText;
    boolean disabled;
    boolean readonly;
    String inputType = "text";
    String inputMode;
    String autocomplete;
    String value;
    boolean checked;
    String accept;
    boolean multiple;
    String html;
    String errorPrefix;
    String chooseText;
    final List<OptionView> options = new ArrayList<>();
    final List<FieldView> children = new ArrayList<>();
    final List<RowView> rows = new ArrayList<>();
    String addValue;
    String addLabel;

    FieldView(String kind) {
        this.kind = kind;
    }

    /** The ids the input's {@code aria-describedby} names: description, hint, error; null when none. */
    public String getDescribedBy() {
        List<String> ids = new ArrayList<>();
        if (description != null) {
            ids.add(descriptionId);
        }
        if (hint != null) {
            ids.add(hintId);
        }
        if (error != null) {
            ids.add(errorId);
        }
        return ids.isEmpty() ? null : String.join(" ", ids);
    }

    /** Where the error summary's link points: the input, or the first choice of a radio or checklist. */
    public String getTargetId() {
        return options.isEmpty() || "select".equals(kind) ? id : options.get(0).id();
    }

    public boolean isInvalid() {
        return error != null;
    }

    public String getKind() {
        return kind;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getLabel() {
        return label;
    }

    public String getDescription() {
        return description;
    }

    public String getDescriptionId() {
        return descriptionId;
    }

    public String getHint() {
        return hint;
    }

    public String getHintId() {
        return hintId;
    }

    public String getError() {
        return error;
    }

    public String getErrorId() {
        return errorId;
    }

    public String getErrorPrefix() {
        return errorPrefix;
    }

    public boolean isRequired() {
        return required;
    }

    /**
     * Whether the input carries the HTML {@code required} attribute: not inside a dynamic list row,
     * whose fields are required only once the row is used (the extra empty row must not block the post).
     */
    public boolean isNativeRequired() {
        return nativeRequired;
    }

    public String getRequiredText() {
        return requiredText;
    }

    public boolean isDisabled() {
        return disabled;
    }

    public boolean isReadonly() {
        return readonly;
    }

    public String getInputType() {
        return inputType;
    }

    public String getInputMode() {
        return inputMode;
    }

    public String getAutocomplete() {
        return autocomplete;
    }

    public String getValue() {
        return value;
    }

    public boolean isChecked() {
        return checked;
    }

    public String getAccept() {
        return accept;
    }

    public boolean isMultiple() {
        return multiple;
    }

    /** Safe HTML of a text component (escaped, then the little markdown of {@link SafeText}). */
    public String getHtml() {
        return html;
    }

    public String getChooseText() {
        return chooseText;
    }

    public List<OptionView> getOptions() {
        return options;
    }

    public List<FieldView> getChildren() {
        return children;
    }

    public List<RowView> getRows() {
        return rows;
    }

    public String getAddValue() {
        return addValue;
    }

    public String getAddLabel() {
        return addLabel;
    }

    /**
     * Whether nothing in it came from the person or the case: no value, nothing checked or chosen,
     * no error, and so for every child and row. Only such a field's markup is kept for reuse
     * ({@link FormFieldsHtml}); typed values are never held beyond their request.
     */
    public boolean isPristine() {
        return (value == null || value.isEmpty()) && !checked && error == null
                && options.stream().noneMatch(OptionView::selected)
                && children.stream().allMatch(FieldView::isPristine)
                && rows.stream().allMatch(r -> r.fields().stream().allMatch(FieldView::isPristine));
    }

    /** Every instance field, read for equality: a field added later is compared without anyone remembering to. */
    private static final Field[] STATE = Arrays.stream(FieldView.class.getDeclaredFields())
            .filter(f -> !Modifier.isStatic(f.getModifiers())).toArray(Field[]::new);

    /** Equal when every field is: two views that print the same markup (the key of {@link FormFieldsHtml}). */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof FieldView that)) {
            return false;
        }
        try {
            for (Field f : STATE) {
                if (!Objects.equals(f.get(this), f.get(that))) {
                    return false;
                }
            }
            return true;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int hashCode() {
        int hash = 1;
        try {
            for (Field f : STATE) {
                hash = 31 * hash + Objects.hashCode(f.get(this));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return hash;
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }
}
