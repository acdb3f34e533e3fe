package fi.silta.grants;

import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a recovered grant is paid back ({@code silta.grants.recovery.*}): the county's account, its holder's
 * name and the base of the Finnish payment reference (viitenumero) a recovery decision names.
 *
 * @param iban the county's account the money is paid back to
 * @param bic the bank's BIC of that account
 * @param recipientFi the payee (the county) in Finnish
 * @param recipientSv the same in Swedish
 * @param referenceBase the digits before the recovery's number in its payment reference; a check digit follows
 */
@ConfigurationProperties("silta.grants.recovery")
public record GrantRecoveryProperties(
        @DefaultValue("FI49 5000 9420 0287 30") String iban,
        @DefaultValue("OKOYFIHH") String bic,
        @DefaultValue("Pohjois-Pohjanmaan hyvinvointialue") String recipientFi,
        @DefaultValue("Norra Österbottens välfärdsområde") String recipientSv,
        @DefaultValue("1450") String referenceBase) {

    public String recipient(Locale locale) {
        return "sv".equals(locale.getLanguage()) ? recipientSv : recipientFi;
    }

    /**
     * The Finnish payment reference (viitenumero) of a recovery: the base, the recovery's id and a check digit
     * (weights 7, 3, 1 from the right; the check digit takes the sum up to the next ten), in groups of five.
     */
    public String reference(long recoveryId) {
        String digits = referenceBase.replaceAll("\\D", "") + recoveryId;
        return group(digits + checkDigit(digits));
    }

    static int checkDigit(String digits) {
        int[] weights = {7, 3, 1};
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            sum += (digits.charAt(digits.length() - 1 - i) - '0') * weights[i % 3];
        }
        return (10 - sum % 10) % 10;
    }

    private static String group(String reference) {
        StringBuilder grouped = new StringBuilder();
        int first = reference.length() % 5;
        for (int i = 0; i < reference.length(); i++) {
            if (i > 0 && (i - first) % 5 == 0) {
                grouped.append(' ');
            }
            grouped.append(reference.charAt(i));
        }
        return grouped.toString().strip();
    }
}
