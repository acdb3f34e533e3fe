package fi.silta.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The Prometheus server's account for {@code /actuator/prometheus}: a user name and a password from the
 * configuration ({@code silta.metrics.scrape-user}, {@code silta.metrics.scrape-password}; in the demo run
 * the demo password), checked here in constant time, not by Camunda's identity service. A Camunda user is
 * locked for a while after a wrong password (and for good after ten), so a stranger guessing at a documented
 * user name would shut the scraper out; this account cannot be locked, and a long random password is what
 * keeps it. Without a password (and outside the demo) there is no scrape account: administrators and
 * Camunda users of the group {@code monitoring} still scrape, through Camunda.
 */
@Component
public class ScrapeAccount implements AuthenticationProvider {

    private final String user;
    private final byte[] password;

    public ScrapeAccount(@Value("${silta.metrics.scrape-user:prometheus}") String user,
            @Value("${silta.metrics.scrape-password:}") String password,
            @Value("${silta.demo.enabled:false}") boolean demo, @Value("${silta.demo.password:}") String demoPassword) {
        this.user = user;
        String configured = password.isEmpty() && demo ? demoPassword : password;
        this.password = configured.isEmpty() ? null : digest(configured);
    }

    public String user() {
        return user;
    }

    public boolean enabled() {
        return password != null;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object credentials = authentication.getCredentials();
        // both sides hashed: the comparison takes as long whatever was sent
        boolean matches = password != null && credentials != null && user.equals(authentication.getName())
                && MessageDigest.isEqual(password, digest(credentials.toString()));
        if (!matches) {
            // the next provider (Camunda's users: administrators, the group monitoring) may still know the user
            throw new BadCredentialsException("bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null,
                List.of(new SimpleGrantedAuthority(Roles.authority(Roles.MONITORING))));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
