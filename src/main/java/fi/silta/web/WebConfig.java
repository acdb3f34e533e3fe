package fi.silta.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * Silta's pages speak Finnish by default, Swedish or English when the browser asks for them or
 * the reader chooses with {@code ?lang=sv}; the choice is kept in a cookie.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfig implements WebMvcConfigurer {

    private final CookieLocaleResolver resolver = new CookieLocaleResolver("silta-lang");

    public WebConfig() {
        resolver.setDefaultLocaleFunction(request -> Locales.of(firstLanguage(request.getHeader("Accept-Language"))));
    }

    @Bean
    LocaleResolver localeResolver() {
        return resolver;
    }

    static String firstLanguage(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return null;
        }
        for (String part : acceptLanguage.split(",")) {
            String tag = part.split(";")[0].strip();
            String language = java.util.Locale.forLanguageTag(tag).getLanguage();
            if (Locales.SUPPORTED.stream().anyMatch(l -> l.getLanguage().equals(language))) {
                return language;
            }
        }
        return null;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                String lang = request.getParameter("lang");
                if (lang != null) {
                    resolver.setLocale(request, response, Locales.of(lang));
                }
                return true;
            }
        });
    }
}
