package fi.silta.portal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import fi.silta.organisations.OrganisationService;

/**
 * Guards the sign-in link request: the address must be an e-mail address, and an address or a
 * client may ask for only so many links in a window. A refused request creates no token and
 * sends no mail. (Per node; several nodes each keep their own window.)
 */
@Component
public class SignInRateLimiter extends OncePerRequestFilter {

    private final Map<String, Deque<Instant>> requests = new ConcurrentHashMap<>();
    private final PortalProperties properties;
    private final Clock clock;

    public SignInRateLimiter(PortalProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && PortalSecurityConfig.LINK_URL.equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String email = OrganisationService.normaliseEmail(request.getParameter("username"));
        if (email == null || !OrganisationService.EMAIL.matcher(email).matches()) {
            response.sendRedirect(request.getContextPath() + "/portal/login?invalidEmail");
            return;
        }
        if (!allow("address:" + email, properties.linksPerAddress())
                || !allow("client:" + request.getRemoteAddr(), properties.linksPerClient())) {
            response.sendRedirect(request.getContextPath() + "/portal/login?tooMany");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Counts the request in the window; false when the limit is already reached. */
    boolean allow(String key, int limit) {
        Instant now = clock.instant();
        Instant from = now.minus(properties.linkWindow());
        Deque<Instant> times = requests.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(from)) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }
}
