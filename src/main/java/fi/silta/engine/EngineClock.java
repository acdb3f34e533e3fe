package fi.silta.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Silta's clock is the engine's clock, so timers, deadlines and Silta's own timestamps agree
 * (and tests move them together with {@code ClockUtil}). Instants are kept in UTC and shown in
 * Europe/Helsinki.
 */
public class EngineClock extends Clock {

    private final ZoneId zone;

    public EngineClock(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new EngineClock(zone);
    }

    @Override
    public Instant instant() {
        return ClockUtil.now().toInstant();
    }

    @Configuration(proxyBeanMethods = false)
    static class Config {
        @Bean
        Clock clock() {
            return new EngineClock(ZoneOffset.UTC);
        }
    }
}
