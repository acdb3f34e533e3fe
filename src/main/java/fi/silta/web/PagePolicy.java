package fi.silta.web;

/**
 * The Content-Security-Policy of Silta's own pages, portal and staff alike: nothing inline,
 * nothing from elsewhere, never in a frame. The Camunda webapps keep their own nonce-based policy.
 */
public final class PagePolicy {

    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

    private PagePolicy() {
    }
}
