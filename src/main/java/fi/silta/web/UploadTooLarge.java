package fi.silta.web;

import java.io.IOException;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A form with files larger than the service takes (spring.servlet.multipart.max-file-size,
 * max-request-size) gets Silta's 413 page ("the files were too large, nothing was stored").
 * Without this its parts failed to parse in the CSRF check, which found no token and refused with
 * 403, and the error page's own dispatch failed to parse them again: an empty 413 the browser
 * showed as its own error. Parsed here first, before Spring Security; on a size failure the error
 * dispatch is told of it (the request's error exception), so it renders the page without parsing
 * again. Silta's own pages only: the Camunda webapps and the REST API take no forms with files.
 */
@Configuration(proxyBeanMethods = false)
public class UploadTooLarge {

    private static final StandardServletMultipartResolver MULTIPART = new StandardServletMultipartResolver();

    @Bean
    static FilterRegistrationBean<OncePerRequestFilter> uploadTooLargeRegistration() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (MULTIPART.isMultipart(request)) {
                    try {
                        MULTIPART.resolveMultipart(request);
                    } catch (MaxUploadSizeExceededException tooLarge) {
                        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, tooLarge);
                        response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
                        return;
                    } catch (MultipartException other) {
                        if (tooManyParts(other)) {
                            // more parts than server.tomcat.max-part-count: no browser posts that many; the error
                            // page (400), not the CSRF check's bare 403 on a form whose token it cannot read
                            request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, other);
                            response.sendError(HttpStatus.BAD_REQUEST.value());
                            return;
                        }
                        // not a size: left to the request's own handling, as before
                    }
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/portal/*", "/staff/*");
        // after the session (Integer.MIN_VALUE + 50), before Spring Security's CSRF check
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    /** Whether Tomcat refused the request for its number of parts (its FileCountLimitExceededException, in the causes). */
    static boolean tooManyParts(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("FileCountLimitExceededException")) {
                return true;
            }
        }
        return false;
    }
}
