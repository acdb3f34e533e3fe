package fi.silta.portal.forms;

import java.util.Arrays;
import java.util.Optional;

/** The Camunda Forms (form-js, schemaVersion 16) component types the portal renders and validates. */
public enum ComponentType {
    TEXTFIELD("textfield"),
    TEXTAREA("textarea"),
    NUMBER("number"),
    SELECT("select"),
    RADIO("radio"),
    CHECKBOX("checkbox"),
    CHECKLIST("checklist"),
    DATETIME("datetime"),
    GROUP("group"),
    DYNAMICLIST("dynamiclist"),
    TEXT("text"),
    FILEPICKER("filepicker"),
    /** Layout only: ignored (the portal page has its own submit button). */
    BUTTON("button"),
    SEPARATOR("separator"),
    SPACER("spacer");

    private final String json;

    ComponentType(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Optional<ComponentType> of(String json) {
        return Arrays.stream(values()).filter(t -> t.json.equals(json)).findFirst();
    }

    /** Holds one value under a key (everything but layout, text, groups and lists). */
    public boolean isInput() {
        return switch (this) {
            case TEXTFIELD, TEXTAREA, NUMBER, SELECT, RADIO, CHECKBOX, CHECKLIST, DATETIME, FILEPICKER -> true;
            default -> false;
        };
    }

    public boolean hasOptions() {
        return this == SELECT || this == RADIO || this == CHECKLIST;
    }
}
