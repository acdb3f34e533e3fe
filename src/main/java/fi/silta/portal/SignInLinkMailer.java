package fi.silta.portal;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.security.web.authentication.ott.OneTimeTokenGenerationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

import fi.silta.SiltaProperties;
import fi.silta.notifications.MailOutbox;
import fi.silta.organisations.OrganisationService;

/**
 * Mails the one-time sign-in link through the outbox, in the language of the page it was asked on.
 * The token the sign-in filter made is used up here: the stored mail holds a placeholder, and the
 * token the person gets is minted when the mail is sent ({@link SignInLinkMails}), so no usable
 * link is ever stored in the outbox.
 */
@Component
public class SignInLinkMailer implements OneTimeTokenGenerationSuccessHandler {

    private final MailOutbox outbox;
    private final String baseUrl;
    private final PortalProperties properties;

    private final LocaleResolver locales;

    private final OneTimeTokenService tokens;

    public SignInLinkMailer(MailOutbox outbox, SiltaProperties silta, PortalProperties properties, LocaleResolver locales,
            OneTimeTokenService tokens) {
        this.outbox = outbox;
        this.tokens = tokens;
        this.locales = locales;
        this.baseUrl = silta.baseUrl();
        this.properties = properties;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, OneTimeToken token) throws IOException {
        String email = OrganisationService.normaliseEmail(token.getUsername());
        // this runs in the security filter chain, before Spring MVC: ask the resolver itself
        String language = locales.resolveLocale(request).getLanguage();
        tokens.consume(OneTimeTokenAuthenticationToken.unauthenticated(token.getTokenValue()));
        outbox.enqueue(SignInLinkMails.TEMPLATE, email, language,
                Map.of("signInUrl", baseUrl + PortalSecurityConfig.SIGN_IN_URL + "?token=" + SignInLinkMails.PLACEHOLDER,
                        "minutes", properties.signInLinkValidity().toMinutes()),
                "sign-in");
        response.sendRedirect(request.getContextPath() + "/portal/login/sent");
    }
}
