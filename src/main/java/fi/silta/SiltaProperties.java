package fi.silta;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Silta's own settings ({@code silta.*} in application.yaml); the README lists them. */
@ConfigurationProperties("silta")
public record SiltaProperties(
        @DefaultValue("19") String countyCode,
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue Mail mail,
        @DefaultValue MailSink mailSink,
        @DefaultValue Demo demo,
        @DefaultValue Deadlines deadlines) {

    public record Mail(@DefaultValue("silta@localhost") String from, @DefaultValue Outbox outbox) {
    }

    public record Outbox(@DefaultValue("true") boolean schedulerEnabled,
            @DefaultValue("PT5S") Duration pollInterval,
            @DefaultValue("50") int batchSize,
            @DefaultValue("100") int maxAttempts,
            @DefaultValue("PT1M") Duration firstBackoff,
            @DefaultValue("PT15M") Duration maxBackoff) {
    }

    public record MailSink(@DefaultValue("false") boolean enabled, @DefaultValue("3025") int port) {
    }

    /** {@code grantRound}: whether the demo run also opens a grant round (not in tests: they make their own). */
    public record Demo(@DefaultValue("false") boolean enabled, @DefaultValue("silta-demo") String password,
            @DefaultValue("true") boolean grantRound, @DefaultValue("true") boolean commentingRound) {
    }

    public record Deadlines(@DefaultValue("14") int contactMoreInfoDays, @DefaultValue("3") int reminderDaysBefore) {
    }
}
