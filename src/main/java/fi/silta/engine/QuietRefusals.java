package fi.silta.engine;

import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps a {@link FormRefused} out of every log but its own WARN line: the engine wraps an
 * exception of a task listener ("ENGINE-03051 … TaskListener") and its command context logs it as
 * ERROR with the whole stack trace (ENGINE-16004); the REST API Tasklist uses then answers 500 and
 * logs the stack trace again, as text (ENGINE-REST-HTTP500). Those log calls are dropped when the
 * exception, one of its causes, or a stack trace given as text is a refusal; anything else is
 * logged as before. Installed once the application has started (Spring Boot's logging set-up
 * resets filters).
 */
@Component
class QuietRefusals extends TurboFilter {

    static final String NAME = "silta-quiet-refusals";
    /** how a refusal appears in a stack trace written out as text */
    static final String IN_STACK_TRACE = FormRefused.class.getName() + ": ";

    QuietRefusals() {
        setName(NAME);
    }

    @EventListener({ContextRefreshedEvent.class, ApplicationStartedEvent.class})
    void install(ApplicationEvent started) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback
                && logback.getTurboFilterList().stream().noneMatch(f -> NAME.equals(f.getName()))) {
            start();
            logback.addTurboFilter(this);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || logger.getName().startsWith("fi.silta")) {
            return FilterReply.NEUTRAL;
        }
        if (isRefusal(t) || format != null && format.contains(IN_STACK_TRACE)) {
            return FilterReply.DENY;
        }
        if (params != null) {
            for (Object param : params) {
                if (param instanceof Throwable thrown && isRefusal(thrown)
                        || param instanceof String text && text.contains(IN_STACK_TRACE)) {
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
    }

    static boolean isRefusal(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof FormRefused) {
                return true;
            }
        }
        return false;
    }
}
