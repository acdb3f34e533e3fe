package fi.silta.portal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code silta.portal.*}: how long a sign-in link works, how many links an address or a
 * network address may ask for, and the county's named contact shown on status pages.
 */
@ConfigurationProperties("silta.portal")
public record PortalProperties(
        @DefaultValue("PT15M") Duration signInLinkValidity,
        @DefaultValue("3") int linksPerAddress,
        @DefaultValue("20") int linksPerClient,
        @DefaultValue("PT15M") Duration linkWindow,
        /** A name of the county's contact; when not set, the team's name in the reader's language ({@code portal.county.contact}). */
        String countyContactName,
        @DefaultValue("jarjestoyhteistyo@pohde.example") String countyContactEmail,
        @DefaultValue("+358 8 000 0000") String countyContactPhone) {
}
