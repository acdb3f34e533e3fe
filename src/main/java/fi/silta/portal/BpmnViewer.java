package fi.silta.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The bpmn-js Viewer from its WebJar ({@code org.webjars.npm:bpmn-js}), served by Silta itself:
 * the addresses of its script and stylesheet for the version on the class path (upgrading is the
 * version in the pom), cached for long since each address carries the version.
 */
@Component
public class BpmnViewer implements WebMvcConfigurer {

    static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/bpmn-js/pom.properties";

    private final String version;

    public BpmnViewer() {
        this.version = versionOnClassPath();
    }

    public String version() {
        return version;
    }

    /** The NavigatedViewer bundle (global {@code BpmnJS}): the Viewer with zoom and pan (mouse, touch). */
    public String script() {
        return dist() + "bpmn-navigated-viewer.production.min.js";
    }

    /** The stylesheet the Viewer needs. */
    public String stylesheet() {
        return dist() + "assets/diagram-js.css";
    }

    private String dist() {
        return "/webjars/bpmn-js/" + version + "/dist/";
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/webjars/bpmn-js/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/bpmn-js/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }

    private static String versionOnClassPath() {
        try (InputStream in = new ClassPathResource(POM_PROPERTIES).getInputStream()) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("the bpmn-js WebJar is not on the class path", e);
        }
    }
}
