package fi.silta.cases;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The private status links of cases: every link has a token of its own, minted when it is given
 * out (the submitter's receipt page; a mail when it is sent, and again at each resend), stored
 * only as its SHA-256, and revocable one by one. A token is never a process variable.
 */
@Service
public class StatusLinks {

    private final JdbcClient jdbc;
    private final CaseRepository cases;
    private final Clock clock;

    public StatusLinks(JdbcClient jdbc, CaseRepository cases, Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.clock = clock;
    }

    /** A new token for the case; {@code mailId} is the outbox mail that carries it (null for none). */
    public String mint(long caseId, Long mailId) {
        String token = StatusTokens.newToken();
        jdbc.sql("insert into status_link (case_id, token_hash, mail_id, created_at) values (?, ?, ?, ?)")
                .params(caseId, StatusTokens.hash(token), mailId, OffsetDateTime.now(clock)).update();
        return token;
    }

    /** The case of a link that has not been revoked; empty when the reference or token is wrong (no difference shown). */
    public Optional<CaseFile> resolve(String reference, String token) {
        if (reference == null || token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select case_id from status_link where token_hash = ? and revoked_at is null")
                .param(StatusTokens.hash(token)).query(Long.class).optional()
                .flatMap(cases::find).filter(c -> c.reference().equals(reference));
    }

    /** Revokes one link (by its token); true when it was valid until now. */
    public boolean revoke(String token) {
        return jdbc.sql("update status_link set revoked_at = ? where token_hash = ? and revoked_at is null")
                .params(OffsetDateTime.now(clock), StatusTokens.hash(token)).update() == 1;
    }

    /** Revokes every link of a case; returns how many were valid. */
    public int revokeAll(long caseId) {
        return jdbc.sql("update status_link set revoked_at = ? where case_id = ? and revoked_at is null")
                .params(OffsetDateTime.now(clock), caseId).update();
    }
}
