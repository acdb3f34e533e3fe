package fi.silta.grants;

import java.time.OffsetDateTime;

import org.iban4j.Iban;

/** An organisation's bank account (table {@code grant_bank_account}); the IBAN is stored without spaces, upper case. */
public record GrantBankAccount(long id, long organisationId, String iban, String holder, String confirmedBy,
        OffsetDateTime confirmedAt) {

    /** The IBAN as people read it, in groups of four. */
    public String ibanPrinted() {
        return printed(iban);
    }

    /** The IBAN with every character but the last four hidden, in groups of four. */
    public String ibanMasked() {
        return masked(iban);
    }

    public static String printed(String iban) {
        if (iban == null) {
            return null;
        }
        try {
            return Iban.valueOf(iban).toFormattedString();
        } catch (RuntimeException notValid) {
            return groups(iban);
        }
    }

    public static String masked(String iban) {
        if (iban == null) {
            return null;
        }
        int shown = Math.min(4, iban.length());
        return groups("*".repeat(iban.length() - shown) + iban.substring(iban.length() - shown));
    }

    private static String groups(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                out.append(' ');
            }
            out.append(text.charAt(i));
        }
        return out.toString();
    }
}
