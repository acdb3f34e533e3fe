package fi.silta.portal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import fi.silta.organisations.OrganisationService;
import fi.silta.web.EmailAddresses;

/**
 * Guards the sign-in link request: the address must be an e-mail address, and an address or a
 * client may ask for only so many links in a window. A refused request creates no token and
 * sends no mail. An address's requests are counted in the database, so the limit holds across
 * nodes; a client's (its IP address, a guard against floods) on each node.
 */
@Component
public class SignInRateLimiter extends OncePerRequestFilter {

    private final Map<String, Deque<Instant>> requests = new ConcurrentHashMap<>();
    private final PortalProperties properties;
    private final Clock clock;
    private final JdbcClient jdbc;

    public SignInRateLimiter(PortalProperties properties, Clock clock, JdbcClient jdbc) {
        this.properties = properties;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && PortalSecurityConfig.LINK_URL.equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String email = OrganisationService.normaliseEmail(request.getParameter("username"));
        if (email == null) {
            boolean localPart = EmailAddresses.LOCAL_PART.equals(EmailAddresses.problem(request.getParameter("username")));
            response.sendRedirect(request.getContextPath() + "/portal/login?invalidEmail" + (localPart ? "=local" : ""));
            return;
        }
        if (!allowAddress(email, properties.linksPerAddress())
                || !allow("client:" + request.getRemoteAddr(), properties.linksPerClient())) {
            response.sendRedirect(request.getContextPath() + "/portal/login?tooMany");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Counts a link request for the address in the database, on every node alike; false when the
     * limit is already reached. The request is written first and counted with those before it, so
     * two nodes at the same moment can never both take the last link (at worst both refuse).
     */
    boolean allowAddress(String address, int limit) {
        Instant now = clock.instant();
        OffsetDateTime from = now.minus(properties.linkWindow()).atOffset(ZoneOffset.UTC);
        jdbc.sql("delete from sign_in_link_request where address = ? and requested_at < ?").params(address, from).update();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into sign_in_link_request (address, requested_at) values (?, ?)")
                .params(address, now.atOffset(ZoneOffset.UTC)).update(key, "id");
        long id = key.getKey().longValue();
        long upToThis = jdbc.sql("select count(*) from sign_in_link_request where address = ? and requested_at >= ? and id <= ?")
                .params(address, from, id).query(Long.class).single();
        if (upToThis > limit) {
            jdbc.sql("delete from sign_in_link_request where id = ?").param(id).update();
            return false;
        }
        return true;
    }

    /** Counts the request in this node's window; false when the limit is already reached. */
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
