package fi.silta.portal;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.ott.JdbcOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationProvider;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.ott.DefaultGenerateOneTimeTokenRequestResolver;
import org.springframework.security.web.authentication.ott.GenerateOneTimeTokenFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import fi.silta.web.PagePolicy;
import fi.silta.organisations.OrganisationService;

/**
 * The public portal: open pages, and sign-in by a one-time link mailed to the contact's
 * address (Spring Security one-time-token login, rate-limited). Only portal paths: staff
 * sign-in is untouched, and a portal sign-in is kept apart from a staff one in the session.
 * Suomi.fi identification (OIDC) can be added beside it as an oauth2Login on this chain.
 */
@Configuration(proxyBeanMethods = false)
public class PortalSecurityConfig {

    public static final String ROLE = "PORTAL_CONTACT";
    static final String LINK_URL = "/portal/login/link";
    static final String SIGN_IN_URL = "/portal/login/ott";

    @Bean
    OneTimeTokenService portalTokens(DataSource dataSource) {
        return new JdbcOneTimeTokenService(new JdbcTemplate(dataSource));
    }

    @Bean
    @Order(20)
    SecurityFilterChain portalChain(HttpSecurity http, OneTimeTokenService tokens, SignInLinkMailer mailer,
            SignInRateLimiter rateLimiter, PortalProperties properties) throws Exception {
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey("SILTA_PORTAL_SECURITY_CONTEXT");
        DefaultGenerateOneTimeTokenRequestResolver lifetime = new DefaultGenerateOneTimeTokenRequestResolver();
        lifetime.setExpiresIn(properties.signInLinkValidity());
        http.securityMatcher("/**")
                .securityContext(context -> context.securityContextRepository(contexts))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/portal/contact/**", "/portal/my/**", "/portal/grants/**", "/portal/commenting/*/answer",
                                "/hyte/*/input/*/**").hasAuthority(ROLE)
                        .anyRequest().permitAll())
                .oneTimeTokenLogin(ott -> ott
                        .tokenService(tokens)
                        .authenticationProvider(new OneTimeTokenAuthenticationProvider(tokens, contacts()))
                        .tokenGeneratingUrl(LINK_URL)
                        .generateRequestResolver(lifetime)
                        .tokenGenerationSuccessHandler(mailer)
                        .loginProcessingUrl(SIGN_IN_URL)
                        .showDefaultSubmitPage(false)
                        .loginPage("/portal/login")
                        .failureUrl("/portal/login?invalidLink")
                        .defaultSuccessUrl("/portal/my", false))
                .logout(logout -> logout.logoutUrl("/portal/logout").logoutSuccessUrl("/?signedOut"))
                // a signed-out visitor sent to sign in is told why; the page they asked for is kept in their
                // session (Spring's request cache, never an address from the request) and they come back to it
                .exceptionHandling(errors -> errors.authenticationEntryPoint(
                        new LoginUrlAuthenticationEntryPoint("/portal/login?needed")))
                .addFilterBefore(rateLimiter, GenerateOneTimeTokenFilter.class)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PagePolicy.CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    /** Anyone with an e-mail address may ask for a link: new contacts register after signing in. */
    static UserDetailsService contacts() {
        return email -> {
            String normalised = OrganisationService.normaliseEmail(email);
            if (normalised == null) {
                throw new UsernameNotFoundException("not an e-mail address");
            }
            return new User(normalised, "", List.of(new SimpleGrantedAuthority(ROLE)));
        };
    }
}
