package fi.silta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

import jakarta.servlet.http.Cookie;

/**
 * The lookup Spring Session's filter makes right after saving the session is answered from the
 * save; every other lookup reads the store, and nothing carries over to another thread.
 */
class SessionReadOnceTest {

    /** The store, counting its lookups. */
    static final class CountingStore implements SessionRepository<Session> {
        final MapSessionRepository map = new MapSessionRepository(new ConcurrentHashMap<>());
        final List<String> lookups = new ArrayList<>();

        @Override
        public Session createSession() {
            return map.createSession();
        }

        @Override
        public void save(Session session) {
            map.save((MapSession) session);
        }

        @Override
        public Session findById(String id) {
            lookups.add(id);
            return map.findById(id);
        }

        @Override
        public void deleteById(String id) {
            map.deleteById(id);
        }
    }

    private final CountingStore store = new CountingStore();
    private final SessionReadOnce.Repository sessions = new SessionReadOnce.Repository(store);

    /**
     * A signed-in page through Spring Session's own filter: the session is read, changed, the
     * response committed (as a redirect or a written page commits it), the request ends. Spring
     * Session alone looks the session up twice; with the save remembered, once.
     */
    @Test
    void aPageWhoseResponseIsCommittedReadsItsSessionOnce() throws Exception {
        Session existing = store.createSession();
        store.save(existing);

        assertThat(lookupsOfOnePage(store, existing.getId())).as("Spring Session alone").isEqualTo(2);
        assertThat(lookupsOfOnePage(sessions, existing.getId())).as("with SessionReadOnce").isEqualTo(1);
        assertThat(store.map.findById(existing.getId()).<String>getAttribute("seen")).isEqualTo("yes");
    }

    private int lookupsOfOnePage(SessionRepository<Session> repository, String id) throws Exception {
        store.lookups.clear();
        SessionRepositoryFilter<Session> filter = new SessionRepositoryFilter<>(repository);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/portal/my");
        request.setCookies(new Cookie("SESSION", java.util.Base64.getEncoder().encodeToString(id.getBytes())));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> {
            ((jakarta.servlet.http.HttpServletRequest) req).getSession().setAttribute("seen", "yes");
            ((jakarta.servlet.http.HttpServletResponse) res).sendRedirect("/portal/my");
        });
        return store.lookups.size();
    }

    @Test
    void theLookupRightAfterASaveIsAnsweredFromItOnce() {
        Session session = sessions.createSession();
        session.setAttribute("a", "1");
        sessions.save(session);

        assertThat(sessions.findById(session.getId())).isSameAs(session);
        assertThat(store.lookups).isEmpty();

        // the next lookup (the next request on this thread, say) reads the store again
        Session again = sessions.findById(session.getId());
        assertThat(again.<String>getAttribute("a")).isEqualTo("1");
        assertThat(store.lookups).containsExactly(session.getId());
    }

    @Test
    void anotherSessionAnotherThreadOrAnExpiredOneReadsTheStore() throws Exception {
        Session mine = sessions.createSession();
        Session other = sessions.createSession();
        sessions.save(other);
        sessions.save(mine);

        assertThat(sessions.findById(other.getId()).getId()).isEqualTo(other.getId());
        assertThat(store.lookups).containsExactly(other.getId());
        // the save is forgotten at the first lookup, whatever it asked for
        sessions.findById(mine.getId());
        assertThat(store.lookups).containsExactly(other.getId(), mine.getId());

        sessions.save(mine);
        CompletableFuture.runAsync(() -> sessions.findById(mine.getId())).get();
        assertThat(store.lookups).hasSize(3);
        assertThat(sessions.findById(mine.getId())).as("this thread's own save").isSameAs(mine);

        Session expired = sessions.createSession();
        expired.setMaxInactiveInterval(Duration.ofMinutes(1));
        expired.setLastAccessedTime(Instant.now().minus(Duration.ofHours(1)));
        sessions.save(expired);
        assertThat(sessions.findById(expired.getId())).as("an expired session is the store's to answer").isNull();
        assertThat(store.lookups).hasSize(4);
    }

    @Test
    void aDeletedSessionIsNotAnsweredFromMemory() {
        Session session = sessions.createSession();
        sessions.save(session);
        sessions.deleteById(session.getId());
        assertThat(sessions.findById(session.getId())).isNull();
    }
}
