package fi.silta.portal.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Camunda Form loaded from {@code forms/}: its id and components. {@code problems} lists what
 * the portal cannot render or validate (unknown component types, unsupported FEEL, …); the
 * registry refuses to hand out a form that has any.
 */
public record FormDefinition(String id, int schemaVersion, List<FormComponent> components, List<String> problems,
        String source) {

    /** Every component, depth first (children of groups and dynamic lists after their parent). */
    public List<FormComponent> allComponents() {
        List<FormComponent> all = new ArrayList<>();
        walk(components, all::add);
        return all;
    }

    private static void walk(List<FormComponent> components, Consumer<FormComponent> visitor) {
        for (FormComponent component : components) {
            visitor.accept(component);
            walk(component.components(), visitor);
        }
    }

    @Override
    public String toString() {
        return "form " + id + " (" + source + ")";
    }
}
