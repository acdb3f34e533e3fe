package fi.silta.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request reads its session from the database once, not twice. Spring Session's filter commits
 * the session when the response is committed (a redirect, a page written out) and once more when
 * the request ends; the first commit saves it and forgets which session the request asked for,
 * so the second looks it up again by id (spring-session issues #1731 and #1910, open): one more
 * transaction and one more deserialisation of the security context per page and post. Here the
 * session the request has just saved answers that one lookup; any other lookup, and every lookup
 * of the next request, goes to the database as before. What the filter remembers is the request's
 * own, on the request's thread, and forgotten at the next lookup or when the request ends
 * ({@code SessionReadOnceTest} counts the lookups through Spring Session's own filter).
 */
@Configuration(proxyBeanMethods = false)
public class SessionReadOnce {

    /** The session this thread's request saved last, until the next lookup or the end of the request. */
    private static final ThreadLocal<Session> JUST_SAVED = new ThreadLocal<>();

    /**
     * The session filter Spring Boot made, replaced by one with the same cookie settings over the
     * JDBC repository, whose lookup after a save is answered from the save. (A repository bean of
     * Silta's own would make Spring Boot leave out its JDBC session set-up altogether.)
     */
    @Bean
    static BeanPostProcessor sessionReadOnceFilter(ObjectProvider<JdbcIndexedSessionRepository> jdbc,
            ObjectProvider<CookieSerializer> cookies) {
        return new BeanPostProcessor() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof SessionRepositoryFilter<?>) || !FILTER.equals(name)) {
                    return bean;
                }
                SessionRepositoryFilter<Session> filter = new SessionRepositoryFilter<>(new Repository((SessionRepository) jdbc.getObject()));
                CookieHttpSessionIdResolver ids = new CookieHttpSessionIdResolver();
                ids.setCookieSerializer(cookies.getIfAvailable(DefaultCookieSerializer::new));
                filter.setHttpSessionIdResolver(ids);
                return filter;
            }
        };
    }

    /** The bean name Spring Session gives its filter (and Spring Boot's registration looks up). */
    static final String FILTER = "springSessionRepositoryFilter";

    /** Forgets the saved session when the request ends (it runs just outside the session filter). */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> sessionReadOnceRegistration() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } finally {
                    JUST_SAVED.remove();
                }
            }

            @Override
            protected boolean shouldNotFilterAsyncDispatch() {
                return false;
            }

            @Override
            protected boolean shouldNotFilterErrorDispatch() {
                return false;
            }
        });
        registration.setName("sessionReadOnce");
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
        return registration;
    }

    static final class Repository implements SessionRepository<Session> {

        private final SessionRepository<Session> jdbc;

        Repository(SessionRepository<Session> jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public Session createSession() {
            return jdbc.createSession();
        }

        @Override
        public void save(Session session) {
            JUST_SAVED.remove();
            jdbc.save(session);
            JUST_SAVED.set(session);
        }

        @Override
        public Session findById(String id) {
            Session saved = JUST_SAVED.get();
            JUST_SAVED.remove();
            if (saved != null && saved.getId().equals(id) && !saved.isExpired()) {
                return saved;
            }
            return jdbc.findById(id);
        }

        @Override
        public void deleteById(String id) {
            JUST_SAVED.remove();
            jdbc.deleteById(id);
        }
    }
}
