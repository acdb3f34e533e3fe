package fi.silta.web;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * E-mail addresses where they enter Silta (sign-in, contact registration) and where they leave it
 * (SMTP). A domain may be internationalised ({@code info@äänekoski.fi}): the address is kept and
 * shown in Unicode, and sent with its domain in ASCII (punycode, {@code info@xn--nekoski-4waa.fi}),
 * which every SMTP server takes; an address typed in punycode is the same address. The part
 * before {@code @} must be ASCII: a non-ASCII local part needs SMTPUTF8 (RFC 6531), which most
 * receiving servers do not offer, so it is refused with its own message instead of a mail that
 * never arrives.
 */
public final class EmailAddresses {

    /** The message key of an address that is not one. */
    public static final String INVALID = "validation.email";
    /** The message key of an address whose local part (before {@code @}) is not ASCII. */
    public static final String LOCAL_PART = "validation.email.local";

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
    private static final Pattern ASCII_DOMAIN = Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}");

    private EmailAddresses() {
    }

    /** The address as Silta keeps it (trimmed, lower case, domain in Unicode), or null when it is none. */
    public static String normalise(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String address = typed.strip().toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return null;
        }
        String ascii = asciiDomain(address.substring(at + 1));
        String local = address.substring(0, at);
        if (ascii == null || !LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".")
                || local.contains("..")) {
            return null;
        }
        return local + "@" + IDN.toUnicode(ascii);
    }

    /** Null when {@code typed} is an address Silta can send to; else the message key of what is wrong. */
    public static String problem(String typed) {
        if (normalise(typed) != null) {
            return null;
        }
        if (typed != null) {
            String address = typed.strip();
            int at = address.lastIndexOf('@');
            if (at > 0 && asciiDomain(address.substring(at + 1).toLowerCase(Locale.ROOT)) != null
                    && !address.substring(0, at).chars().allMatch(ch -> ch < 128)) {
                return LOCAL_PART;
            }
        }
        return INVALID;
    }

    /** The address as SMTP takes it: its domain in ASCII (punycode). */
    public static String forSmtp(String address) {
        String normalised = normalise(address);
        if (normalised == null) {
            throw new IllegalArgumentException("not an e-mail address Silta can send to");
        }
        int at = normalised.lastIndexOf('@');
        return normalised.substring(0, at + 1) + asciiDomain(normalised.substring(at + 1));
    }

    private static String asciiDomain(String domain) {
        try {
            String ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            return ascii.length() <= 253 && ASCII_DOMAIN.matcher(ascii).matches() ? ascii : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
