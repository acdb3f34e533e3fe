package fi.silta.grants;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The county's side of a grant payment batch's bank file ({@code silta.grants.payments.*}).
 *
 * @param painVersion the pain.001 version of new batches' credit-transfer files: {@code pain.001.001.03} (what every
 *        Finnish bank takes) or {@code pain.001.001.09} (what they are moving to)
 * @param debtorName the payer's name in the file (the wellbeing services county)
 * @param debtorIban the account the grants are paid from
 * @param debtorBic the BIC of that account's bank
 * @param executionOffsetDays the requested execution date is the first banking day at least this many days after
 *        the approval (1: the next banking day)
 */
@ConfigurationProperties("silta.grants.payments")
public record GrantBatchProperties(
        @DefaultValue(Pain001Files.V03) String painVersion,
        @DefaultValue("Pohjois-Pohjanmaan hyvinvointialue") String debtorName,
        @DefaultValue("FI2112345600000785") String debtorIban,
        @DefaultValue("NDEAFIHH") String debtorBic,
        @DefaultValue("1") int executionOffsetDays) {
}
