package fi.silta.security;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.Filter;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.core.GrantedAuthorityDefaults;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import fi.silta.web.PagePolicy;

/**
 * One sign-in for staff: Spring Security in front of Silta's staff pages and the Camunda
 * webapps (which take the signed-in user through container-based authentication), and HTTP
 * Basic for {@code /engine-rest}. Authorization inside the engine is Camunda's own (groups and
 * authorizations, see {@link StaffIdentitySetup}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    /** Runs right after Spring Security's filter chain. */
    private static final int AFTER_SPRING_SECURITY = SecurityProperties.DEFAULT_FILTER_ORDER + 1;

    /** Roles are Camunda groups: isUserInRole("camunda-admin") means authority GROUP_camunda-admin. */
    @Bean
    static GrantedAuthorityDefaults grantedAuthorityDefaults() {
        return new GrantedAuthorityDefaults("GROUP_");
    }

    /**
     * No observation of Spring Security's own (a timer and a span around each of its ~15 filters,
     * its authentications and authorizations): about a tenth of a portal request's time at the
     * deadline rush. With this setting its filters are not wrapped at all. Requests are still
     * timed as a whole (http_server_requests_seconds); nothing of Silta's reads Spring Security's.
     */
    @Bean
    static SecurityObservationSettings noSpringSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain engineRestChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider) throws Exception {
        http.securityMatcher(new AntPathRequestMatcher("/engine-rest/**"))
                .authenticationProvider(provider)
                // staff only: an account of another group (the metrics scraper's, Roles.MONITORING) gets 403
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAnyAuthority(staffAuthorities()))
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /**
     * {@code /actuator/prometheus} for a Prometheus server: HTTP Basic ({@code basic_auth} in its
     * scrape config) as the configured scrape account ({@link ScrapeAccount}), a Camunda user of the group
     * {@link Roles#MONITORING}, or an administrator;
     * no session, no CSRF (nothing but GET). Anonymous: 401; any other staff member: 403.
     */
    @Bean
    @Order(2)
    SecurityFilterChain prometheusChain(HttpSecurity http, ScrapeAccount scrapeAccount,
            CamundaIdentityAuthenticationProvider provider) throws Exception {
        http.securityMatcher(paths("/actuator/prometheus", "/actuator/prometheus/**"))
                // the scrape account first: a stranger's wrong guesses lock no Camunda user it depends on
                .authenticationProvider(scrapeAccount)
                .authenticationProvider(provider)
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAnyAuthority(
                        Roles.authority(Roles.MONITORING), Roles.ADMINISTRATOR.authority()))
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** The authorities of the staff roles (not {@link Roles#MONITORING}, which is no staff role). */
    private static String[] staffAuthorities() {
        return java.util.Arrays.stream(Roles.values()).map(Roles::authority).toArray(String[]::new);
    }

    @Bean
    @Order(10)
    SecurityFilterChain staffChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider) throws Exception {
        String admin = Roles.ADMINISTRATOR.authority();
        String[] staff = staffAuthorities();
        // Path matchers, not Spring MVC ones: the webapps' APIs (/camunda/api/*) are Jersey servlets,
        // which MVC patterns never match (they would see only the path inside that servlet).
        http.securityMatcher(paths("/staff/**", "/camunda/**", "/camunda-welcome/**", "/login", "/logout", "/actuator/**"))
                .authenticationProvider(provider)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths("/login", "/actuator/health", "/actuator/health/**", "/actuator/info")).permitAll()
                        .requestMatchers(paths("/camunda/app/admin/**")).hasAuthority(admin)
                        // the outbox and the demo run's mailbox (mails as sent, live links in them): administrators only
                        .requestMatchers(paths("/staff/mail", "/staff/mail/**", "/staff/mailbox", "/staff/mailbox/**")).hasAuthority(admin)
                        // cases and their documents (/staff/cases/**): every staff role reaches them, and the
                        // case kind's access rule (fi.silta.cases.StaffCaseAccess) decides what each one sees
                        // the dashboards: managers, and the coordinators and decision makers who read them too; not reviewers
                        .requestMatchers(paths("/staff/grants", "/staff/grants/**", "/staff/commenting", "/staff/commenting/**",
                                "/staff/dashboards", "/staff/dashboards/**")).hasAnyAuthority(
                                Roles.caseOverseers().stream().map(Roles::authority).toArray(String[]::new))
                        // the hyte cycles: hyte coordinators run them, liaisons and decision makers take part, managers follow
                        .requestMatchers(paths("/staff/hyte", "/staff/hyte/**")).hasAnyAuthority(Roles.HYTE_COORDINATOR.authority(),
                                Roles.LIAISON.authority(), Roles.DECISION_MAKER.authority(), Roles.MANAGER.authority(), admin)
                        .requestMatchers(paths("/staff/**", "/camunda/**", "/camunda-welcome/**", "/actuator/**")).hasAnyAuthority(staff)
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage("/login").successHandler(signedIn()).permitAll())
                .logout(logout -> logout.logoutRequestMatcher(new AntPathRequestMatcher("/logout"))
                        .logoutSuccessUrl("/login?logout"))
                // without a sign-in, pages redirect to /login and the webapps' API calls get 401
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint()))
                // the Camunda webapps protect their API with their own CSRF token (XSRF-TOKEN cookie)
                .csrf(csrf -> csrf.ignoringRequestMatchers(paths("/camunda/api/**")))
                // Silta's own staff pages get the portal's Content-Security-Policy; the Camunda webapps
                // send their own nonce-based one, which a second header would break
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        new NegatedRequestMatcher(paths("/camunda/**", "/camunda-welcome/**")),
                        new StaticHeadersWriter("Content-Security-Policy", PagePolicy.CONTENT_SECURITY_POLICY))));
        return http.build();
    }

    /**
     * After a staff sign-in: to the page asked for, else the staff home; and the session's new CSRF token made
     * now, in the sign-in's own request. Spring Security makes it lazily, on the first page with a form (every
     * staff page has the sign-out form), and two pages opened at once after signing in (tabs, a dashboard and
     * its CSV) would each store one in the same JDBC session: the second insert fails (duplicate key, 500).
     */
    private static AuthenticationSuccessHandler signedIn() {
        SavedRequestAwareAuthenticationSuccessHandler target = new SavedRequestAwareAuthenticationSuccessHandler();
        target.setDefaultTargetUrl("/staff");
        return (request, response, authentication) -> {
            Object token = request.getAttribute(CsrfToken.class.getName());
            if (token instanceof CsrfToken csrf) {
                csrf.getToken();
            }
            target.onAuthenticationSuccess(request, response, authentication);
        };
    }

    private static AuthenticationEntryPoint entryPoint() {
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> api = new LinkedHashMap<>();
        api.put(paths("/camunda/api/**"), new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED));
        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(api);
        entryPoint.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"));
        return entryPoint;
    }

    private static RequestMatcher paths(String... patterns) {
        return new OrRequestMatcher(java.util.Arrays.stream(patterns)
                .<RequestMatcher>map(AntPathRequestMatcher::new).toList());
    }

    /** Hands the Spring Security user to the Camunda webapps (Tasklist, Cockpit, Admin, Welcome). */
    @Bean
    FilterRegistrationBean<Filter> camundaWebappContainerAuthentication() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider",
                "org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider"));
        registration.addUrlPatterns("/camunda/*");
        registration.setOrder(AFTER_SPRING_SECURITY);
        return registration;
    }

    /** Sets the engine's authenticated user for /engine-rest calls, so Camunda authorizations apply. */
    @Bean
    FilterRegistrationBean<Filter> engineRestContainerAuthentication() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider",
                "org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider"));
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(AFTER_SPRING_SECURITY);
        return registration;
    }
}
