package fi.silta.security;

import java.util.Map;

import jakarta.servlet.Filter;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.core.GrantedAuthorityDefaults;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

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

    @Bean
    @Order(1)
    SecurityFilterChain engineRestChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider) throws Exception {
        http.securityMatcher(new AntPathRequestMatcher("/engine-rest/**"))
                .authenticationProvider(provider)
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(10)
    SecurityFilterChain staffChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider) throws Exception {
        String admin = Roles.ADMINISTRATOR.authority();
        String[] staff = java.util.Arrays.stream(Roles.values()).map(Roles::authority).toArray(String[]::new);
        http.securityMatcher("/staff/**", "/camunda/**", "/login", "/logout", "/actuator/**")
                .authenticationProvider(provider)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/camunda/app/admin/**").hasAuthority(admin)
                        .requestMatchers("/staff/mail/**").hasAuthority(admin)
                        // cases and their documents: the roles that handle or follow cases
                        .requestMatchers("/staff/cases/**").hasAnyAuthority(Roles.COORDINATOR.authority(),
                                Roles.REVIEWER.authority(), Roles.DECISION_MAKER.authority(), Roles.MANAGER.authority(), admin)
                        .requestMatchers("/staff/**", "/camunda/**", "/actuator/**").hasAnyAuthority(staff)
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/staff", false).permitAll())
                .logout(logout -> logout.logoutRequestMatcher(new AntPathRequestMatcher("/logout"))
                        .logoutSuccessUrl("/login?logout"))
                // the Camunda webapps protect their API with their own CSRF token (XSRF-TOKEN cookie)
                .csrf(csrf -> csrf.ignoringRequestMatchers("/camunda/api/**"));
        return http.build();
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
