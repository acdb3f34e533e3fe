package fi.silta.portal;

import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.stereotype.Component;

import fi.silta.notifications.OutboxMail;
import fi.silta.notifications.OutgoingMailHook;

/**
 * The sign-in mail holds {@value #PLACEHOLDER} where the one-time token goes; the outbox's stored
 * copy (which administrators read at /staff/mail) keeps the placeholder, so it holds no usable
 * link. Each send attempt mints a token of its own for the mail's recipient, valid for the
 * portal's link validity from the moment it is sent (a resend gets a new one). The token the
 * sign-in filter made when the link was asked is used up at once by {@link SignInLinkMailer}.
 */
@Component
class SignInLinkMails implements OutgoingMailHook {

    static final String PLACEHOLDER = "{sign-in-token}";
    static final String TEMPLATE = "portal-sign-in";

    private final OneTimeTokenService tokens;
    private final PortalProperties properties;

    SignInLinkMails(OneTimeTokenService tokens, PortalProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    @Override
    public String beforeSending(OutboxMail mail, String body) {
        if (!TEMPLATE.equals(mail.template()) || !body.contains(PLACEHOLDER)) {
            return body;
        }
        String token = tokens.generate(new GenerateOneTimeTokenRequest(mail.recipient(), properties.signInLinkValidity()))
                .getTokenValue();
        return body.replace(PLACEHOLDER, token);
    }
}
