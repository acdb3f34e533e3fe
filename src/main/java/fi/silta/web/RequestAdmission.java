package fi.silta.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * A spike queued in order, not at the connection pool: at most {@code silta.web.concurrent-requests}
 * requests run at once (fewer than the pool's connections, so that those admitted never wait for
 * one and the job executor and the outbox keep theirs); the others wait for their turn, first come
 * first served, at most {@code silta.web.admission-wait}, and then get the busy page ({@link
 * ServiceBusyFilter#busyPage}, 503, nothing stored). Without it a request waits at the pool once
 * for each connection it takes (session, page, transaction, session again), and with 32 or 64
 * submitters at once some of those waits ran out (3 s) while others were served twice. Static
 * files and the actuator are not counted. Runs before the session filter, after {@link
 * ServiceBusyFilter}.
 */
@Configuration(proxyBeanMethods = false)
public class RequestAdmission {

    private static final Logger log = LoggerFactory.getLogger(RequestAdmission.class);

    /** {@code silta.web.*}: how many requests run at once, and how long one waits for its turn. */
    @ConfigurationProperties("silta.web")
    public record Settings(@DefaultValue("8") int concurrentRequests, @DefaultValue("PT10S") Duration admissionWait) {
        public Settings {
            if (concurrentRequests < 1 || admissionWait.isNegative()) {
                throw new IllegalArgumentException("silta.web.concurrent-requests must be at least 1 and "
                        + "silta.web.admission-wait not negative");
            }
        }
    }

    /** The turns: a fair semaphore of {@code concurrent-requests} permits. */
    public static final class Turns {

        private final Semaphore permits;

        Turns(int count) {
            this.permits = new Semaphore(count, true);
        }

        /** Takes a turn, waiting at most {@code wait} behind those who came first; false when none came. */
        public boolean take(Duration wait) {
            try {
                return permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Gives a taken turn back. */
        public void give() {
            permits.release();
        }

        /** Turns free now. */
        public int free() {
            return permits.availablePermits();
        }
    }

    @Bean
    Turns requestTurns(Settings settings) {
        return new Turns(settings.concurrentRequests());
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestAdmissionRegistration(Settings settings, Turns turns,
            MessageSource messages, LocaleResolver locales) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (!turns.take(settings.admissionWait())) {
                    log.warn("Busy: {} {} answered 503: no turn within {}", request.getMethod(), request.getRequestURI(),
                            settings.admissionWait());
                    ServiceBusyFilter.busyPage(request, response, messages, locales.resolveLocale(request));
                    return;
                }
                try {
                    chain.doFilter(request, response);
                } finally {
                    turns.give();
                }
            }

            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return uncounted(request.getRequestURI().substring(request.getContextPath().length()));
            }
        });
        // after ServiceBusyFilter (Integer.MIN_VALUE + 10), before Spring Session's filter (Integer.MIN_VALUE + 50)
        registration.setOrder(Integer.MIN_VALUE + 20);
        return registration;
    }

    /** Static files (no database) and health (must answer even when every turn is taken). */
    static boolean uncounted(String path) {
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/fonts/") || path.startsWith("/webjars/")
                || path.startsWith("/actuator/") || path.equals("/favicon.ico");
    }
}
