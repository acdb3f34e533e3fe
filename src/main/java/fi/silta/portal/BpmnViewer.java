package fi.silta.portal;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import fi.silta.web.WebJars;

/**
 * The bpmn-js Viewer from its WebJar ({@code org.webjars.npm:bpmn-js}), served by Silta itself:
 * the addresses of its script and stylesheet for the version on the class path (upgrading is the
 * version in the pom), cached for long since each address carries the version.
 */
@Component
public class BpmnViewer implements WebMvcConfigurer {

    private final String version;

    public BpmnViewer() {
        this.version = WebJars.version("bpmn-js");
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
        WebJars.serve(registry, "bpmn-js");
    }

}
