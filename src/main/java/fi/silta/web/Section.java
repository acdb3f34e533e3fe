package fi.silta.web;

import java.util.Map;

/**
 * A part of a shared page that a procedure contributes: the Thymeleaf template holding a fragment
 * named {@code section} and the values that fragment reads (as {@code section.*}). Shared pages
 * render the sections they are given in order and know nothing of what is in them.
 */
public record Section(String template, Map<String, Object> model) {

    public Section {
        model = Map.copyOf(model);
    }
}
