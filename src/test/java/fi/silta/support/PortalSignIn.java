package fi.silta.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.notifications.OutboxDrainer;

/** A contact signs in to the portal the real way: asks for a link, which the outbox mails to GreenMail. */
public final class PortalSignIn {

    public static final Pattern LINK = Pattern.compile("(/portal/login/ott\\?token=[A-Za-z0-9-]+)");

    private PortalSignIn() {
    }

    /** Asks for a link for {@code email} and returns its path (/portal/login/ott?token=…) from the mail. */
    public static String mailedLink(int port, GreenMailExtension greenMail, OutboxDrainer drainer, String email) {
        new StaffClient(port).postWithCsrfOf("/portal/login", "/portal/login/link",
                "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        drainer.drain();
        var mails = Mails.to(greenMail, email);
        Matcher link = LINK.matcher(mails.get(mails.size() - 1).body());
        if (!link.find()) {
            throw new AssertionError("no sign-in link mailed to " + email);
        }
        return link.group(1);
    }

    /** A browser-like client signed in as {@code email}. */
    public static StaffClient signedIn(int port, GreenMailExtension greenMail, OutboxDrainer drainer, String email) {
        String link = mailedLink(port, greenMail, drainer, email);
        StaffClient browser = new StaffClient(port);
        String location = browser.postWithCsrfOf(link, "/portal/login/ott", "token=" + link.substring(link.indexOf('=') + 1))
                .headers().firstValue("Location").orElse("");
        if (!location.endsWith("/portal/my")) {
            throw new AssertionError("sign-in with " + link + " went to " + location);
        }
        return browser;
    }
}
