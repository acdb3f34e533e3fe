package fi.silta;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import fi.silta.engine.DatabaseAtStart;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SiltaApplication {

    /**
     * Starts Silta; a start that fails ends the JVM with status 1 at once (an unreachable database
     * within seconds, {@link DatabaseAtStart}), so that a supervisor
     * starts it again (a non-daemon thread, such as Spring Security's one-time-token cleanup, would
     * otherwise keep a node with no web port alive).
     */
    public static void main(String[] args) {
        try {
            SpringApplication application = new SpringApplication(SiltaApplication.class);
            // an unreachable database ends the start before the context is built, in seconds
            application.addListeners(new DatabaseAtStart());
            application.run(args);
        } catch (Throwable failed) {
            System.err.println("Silta did not start: " + failed);
            System.exit(1);
        }
    }
}
