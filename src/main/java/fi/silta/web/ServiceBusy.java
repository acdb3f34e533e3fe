package fi.silta.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Overload and database outages answered, not queued: when a request finds no database connection
 * within the pool's timeout (3 s), or the database is down or restarting, the reader gets
 * the busy page ({@link ServiceBusyFilter#busyPage}) in their language with status 503 ("the service is busy, what you sent was
 * not stored, try again"). Its transaction has rolled back, so nothing of the request is stored;
 * the form the person typed is still in their browser (Back). When the request's submission had
 * committed before the failure, or its commit broke off, the page says so ({@link SubmissionCommits}). Any other failure goes on to
 * Spring's error page ({@code error/5xx}). A controller's failure is resolved here; a filter's
 * (loading the session from the database) by {@link ServiceBusyFilter}.
 */
@Component
public class ServiceBusy implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ServiceBusy.class);
    private final MessageSource messages;
    private final LocaleResolver locales;

    public ServiceBusy(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (!isBusy(ex) || response.isCommitted()) {
            return null;
        }
        log.warn("Busy: {} {} answered the busy page (what was sent: {}): {}", request.getMethod(), request.getRequestURI(),
                SubmissionCommits.state(request), ex.toString());
        try {
            // written as it is, not rendered from a template: the page layout would ask the session
            // (its CSRF token), which is in the database that just failed
            ServiceBusyFilter.busyPage(request, response, messages, locales.resolveLocale(request));
        } catch (IOException e) {
            return null;
        }
        return new ModelAndView();
    }

    /**
     * No connection in time, or the database unreachable, anywhere in the causes; also where a
     * failed rollback hides the cause (the connection the database dropped is closed, and the
     * original failure is only the exception's application exception: for example the session
     * saved while a page is being written, during a PostgreSQL restart).
     */
    public static boolean isBusy(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof DataAccessResourceFailureException) {
                return true;
            }
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && isBusy(rollback.getApplicationException())) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                // connection exceptions; PostgreSQL shutting down or restarting
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
