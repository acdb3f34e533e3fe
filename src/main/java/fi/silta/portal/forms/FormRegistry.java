package fi.silta.portal.forms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The Camunda Forms of {@code forms/} (on the classpath), read once at start and looked up by
 * their {@code id} (a BPMN {@code formRef}). Two files with one id, or a file that is not a form,
 * stop the start. A form the portal cannot fully handle is loaded (Tasklist may still show it)
 * but {@link #get} refuses it, naming each problem.
 */
@Component
public class FormRegistry {

    public static final String LOCATION = "classpath*:forms/*.form";
    private static final Logger log = LoggerFactory.getLogger(FormRegistry.class);

    private final Map<String, FormDefinition> forms;

    @Autowired
    public FormRegistry() {
        this(LOCATION);
    }

    /** Reads the forms matching a Spring resource pattern, e.g. {@code classpath*:forms-test/*.form}. */
    public FormRegistry(String locationPattern) {
        Map<String, FormDefinition> byId = new TreeMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(locationPattern)) {
                FormDefinition form;
                try (InputStream in = resource.getInputStream()) {
                    form = FormParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource.getFilename());
                }
                FormDefinition earlier = byId.putIfAbsent(form.id(), form);
                if (earlier != null && !earlier.source().equals(form.source())) {
                    throw new IllegalStateException("Two forms have the id '" + form.id() + "': " + earlier.source() + " and " + form.source());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the forms at " + locationPattern, e);
        }
        this.forms = Collections.unmodifiableMap(byId);
        forms.values().stream().filter(f -> !f.problems().isEmpty()).forEach(f ->
                log.warn("Form {} ({}) cannot be used in the portal: {}", f.id(), f.source(), String.join("; ", f.problems())));
        log.info("Read {} forms from {}: {}", forms.size(), locationPattern, forms.keySet());
    }

    /** Parses one form's JSON (for tests and tools); {@code source} names it in messages. */
    public static FormDefinition parse(String json, String source) {
        return FormParser.parse(json, source);
    }

    /**
     * The form with this id, ready for {@link FormRenderer} and {@link FormValidator}.
     *
     * @throws UnknownFormException  when no form has the id
     * @throws IllegalStateException when the form uses what the portal does not support (listed)
     */
    public FormDefinition get(String id) {
        FormDefinition form = forms.get(id);
        if (form == null) {
            throw new UnknownFormException(id, forms.keySet());
        }
        if (!form.problems().isEmpty()) {
            throw new IllegalStateException("Form '" + id + "' (" + form.source() + ") cannot be used in the portal: "
                    + String.join("; ", form.problems()));
        }
        return form;
    }

    /** The form with this id as loaded, problems or not. */
    public Optional<FormDefinition> find(String id) {
        return Optional.ofNullable(forms.get(id));
    }

    public Set<String> ids() {
        return forms.keySet();
    }
}
