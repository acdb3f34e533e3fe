package fi.silta.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

/**
 * {@link ServiceBusy} for what fails before a controller runs: the session (in the database) or a
 * security filter finding no connection. The page is written here, from the bundles' words of
 * {@code error/503}, since Spring's error page would need the session again. Runs first, before
 * the session filter.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceBusyFilter {

    private static final Logger log = LoggerFactory.getLogger(ServiceBusyFilter.class);

    @Bean
    static FilterRegistrationBean<OncePerRequestFilter> serviceBusyFilterRegistration(MessageSource messages,
            LocaleResolver locales) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } catch (ServletException | IOException | RuntimeException e) {
                    if (!ServiceBusy.isBusy(e) || response.isCommitted()) {
                        throw e;
                    }
                    log.warn("Busy: {} {} answered the busy page (what was sent: {}): {}", request.getMethod(), request.getRequestURI(),
                            SubmissionCommits.state(request), e.toString());
                    busyPage(request, response, messages, locales.resolveLocale(request));
                }
            }

            /** Also the error page's dispatch, which needs the session again (and fails as the request did). */
            @Override
            protected boolean shouldNotFilterErrorDispatch() {
                return false;
            }
        });
        // before Spring Session's filter (Integer.MIN_VALUE + 50), on requests and on error dispatches
        registration.setOrder(Integer.MIN_VALUE + 10);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    /**
     * The busy page, telling what became of what was sent ({@link SubmissionCommits}): stored under
     * a case number (200: it was, and must not be sent again), perhaps stored (the commit broke off:
     * send again, safely), not stored (503, try again), or only a page not shown (a page load).
     */
    static void busyPage(HttpServletRequest request, HttpServletResponse response, MessageSource messages, Locale locale)
            throws IOException {
        SubmissionCommits.State state = SubmissionCommits.state(request);
        response.resetBuffer();
        response.setContentType("text/html;charset=UTF-8");
        String title;
        String body;
        if (state == SubmissionCommits.State.STORED) {
            String reference = String.valueOf(request.getAttribute(SubmissionCommits.STORED));
            response.setStatus(HttpStatus.OK.value());
            title = text(messages, "error.busy.storedTitle", locale);
            body = reference.isEmpty() ? text(messages, "error.busy.storedNoCase", locale)
                    : "<span data-stored-reference=\"" + HtmlUtils.htmlEscape(reference) + "\">"
                            + text(messages, "error.busy.stored", locale, reference) + "</span>";
        } else {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader("Retry-After", "10");
            title = text(messages, "error.busy.title", locale);
            body = text(messages, switch (state) {
                case IN_DOUBT -> "error.busy.inDoubt";
                case NOT_STORED -> "error.busy.notSent";
                default -> "error.busy.pageNotShown";
            }, locale) + "</p><p>" + text(messages, "error.busy.tryAgain", locale);
        }
        // stored or perhaps stored: My cases shows it (or that it is not there); else back to the front page
        boolean toMyCases = state == SubmissionCommits.State.STORED || state == SubmissionCommits.State.IN_DOUBT;
        String next = "<a href=\"" + request.getContextPath() + (toMyCases ? "/portal/my" : "/") + "\">"
                + text(messages, toMyCases ? "portal.nav.my" : "error.toFront", locale) + "</a>";
        String page = "<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + "</title>"
                + "<link rel=\"stylesheet\" href=\"" + request.getContextPath() + "/css/silta.css\"></head><body>"
                + "<main id=\"main\" class=\"narrow\"><h1>" + title + "</h1>"
                + "<p class=\"" + (state == SubmissionCommits.State.STORED ? "notice" : "error") + "\" role=\"alert\">"
                + body + "</p><p>" + next + "</p></main></body></html>";
        try {
            response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalStateException writerInUse) {
            // the page was being written (the session saved as it went out) through the writer
            response.getWriter().write(page);
        }
    }

    private static String text(MessageSource messages, String key, Locale locale, Object... args) {
        return HtmlUtils.htmlEscape(messages.getMessage(key, args, locale), StandardCharsets.UTF_8.name());
    }
}
