package fi.silta.portal.forms;

import java.util.List;
import java.util.Map;

/**
 * One component of a Camunda Form, as the portal understands it.
 *
 * @param key            the data key ({@code key}; for a group or dynamic list its {@code path}, or null for a
 *                       group that only lays its fields out)
 * @param label          {@code label} ({@code dateLabel}/{@code timeLabel} for a datetime), or null
 * @param text           the static text of a {@code text} component
 * @param values         static options ({@code values})
 * @param valuesKey      options the caller supplies under this name ({@link FormOptions})
 * @param readonly       {@code readonly}: a boolean or a FEEL condition
 * @param hide           {@code conditional.hide}
 * @param defaultValue   {@code defaultValue} as String, Boolean, BigDecimal or List of String
 * @param properties     custom properties ({@code properties}), e.g. {@code silta:type}
 * @param components     children of a group or dynamic list
 * @param subtype        datetime: {@code date}, {@code time} or {@code datetime}
 * @param multiple       filepicker: more than one file
 * @param accept         filepicker: accepted types ({@code .pdf,image/*})
 * @param decimalDigits  number: decimals allowed (0 = whole numbers), or null for any
 * @param allowAddRemove dynamic list: rows can be added and removed
 * @param defaultRepetitions dynamic list: rows shown at first
 */
public record FormComponent(String id, ComponentType type, String key, String label, String description, String text,
        Validation validate, List<FormOption> values, String valuesKey, boolean disabled, FeelCondition readonly,
        FeelCondition hide, Object defaultValue, Map<String, String> properties, List<FormComponent> components,
        String subtype, boolean multiple, String accept, Integer decimalDigits, boolean allowAddRemove,
        int defaultRepetitions) {

    /** Silta's own type of a field ({@code properties."silta:type"}): businessId, email, money, municipality, date, datetime. */
    public static final String SILTA_TYPE = "silta:type";
    /** {@code "true"} lets a money field be negative. */
    public static final String ALLOW_NEGATIVE = "silta:allowNegative";
    /** The most files a filepicker takes (default 1, or unlimited with {@code multiple}). */
    public static final String MAX_FILES = "silta:maxFiles";

    public String siltaType() {
        return properties.get(SILTA_TYPE);
    }

    public boolean isSiltaType(String type) {
        return type.equals(siltaType());
    }

    public boolean required() {
        return validate.required();
    }

    /** The component is an input whose value the person can change (not disabled or readonly always). */
    public boolean editable() {
        return type.isInput() && !disabled && readonly != FeelCondition.ALWAYS;
    }

    public boolean isMoney() {
        return isSiltaType("money");
    }

    /** The effective datetime subtype: datetime components, and textfields with silta:type date/datetime. */
    public String dateSubtype() {
        if (type == ComponentType.DATETIME) {
            return subtype == null ? "date" : subtype;
        }
        if (type == ComponentType.TEXTFIELD && ("date".equals(siltaType()) || "datetime".equals(siltaType()))) {
            return siltaType();
        }
        return null;
    }
}
