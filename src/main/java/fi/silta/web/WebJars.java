package fi.silta.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;

/**
 * An npm WebJar ({@code org.webjars.npm:<name>}) served by Silta itself at {@code /webjars/<name>/<version>/…}:
 * the version on the class path (upgrading is the version in the pom), cached for long since each address
 * carries the version.
 */
public final class WebJars {

    private WebJars() {
    }

    /** The version of the WebJar on the class path; fails at start when it is missing. */
    public static String version(String name) {
        try (InputStream in = new ClassPathResource("META-INF/maven/org.webjars.npm/" + name + "/pom.properties").getInputStream()) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("the " + name + " WebJar is not on the class path", e);
        }
    }

    /** Serves the WebJar's files, cached for a year (immutable: the address names the version). */
    public static void serve(ResourceHandlerRegistry registry, String name) {
        registry.addResourceHandler("/webjars/" + name + "/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/" + name + "/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }
}
