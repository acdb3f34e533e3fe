package fi.silta.grants;

import java.math.BigDecimal;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a grant decision document says that the county decides itself ({@code silta.grants.*}).
 *
 * @param decisionPublishesJustifications whether a decision shows the reviewers' written justifications
 *        beside the mean scores per criterion (the names of the reviewers are never shown)
 * @param rectificationBodyFi the body a request for rectification goes to, in Finnish (the body the
 *        deciding official answers to, not the official)
 * @param rectificationBodySv the same in Swedish
 * @param registryAddressFi where a request in writing goes (the county's registry, kirjaamo), in Finnish
 * @param registryAddressSv the same in Swedish
 * @param decisionMakerTitleFi the decision maker's title under their name; when not set, the bundle's
 *        {@code grants.decision.maker.title}
 * @param decisionMakerTitleSv the same in Swedish
 * @param appealCourtFi the administrative court a decision on a request for rectification is appealed
 *        to (its appeal instructions), in Finnish
 * @param appealCourtSv the same in Swedish
 * @param appealCourtAddressFi where the appeal goes: the court's postal address and e-mail, in Finnish
 * @param appealCourtAddressSv the same in Swedish
 * @param courtFee the court fee (oikeudenkäyntimaksu) of an administrative court under the Court Fees Act
 *        (tuomioistuinmaksulaki 1455/2015), in euros, as of {@code courtFeeYear}
 * @param courtFeeYear the year the appeal instructions name for {@code courtFee}
 */
@ConfigurationProperties("silta.grants")
public record GrantDecisionProperties(
        @DefaultValue("true") boolean decisionPublishesJustifications,
        @DefaultValue("Hyvinvointialueen aluehallitus") String rectificationBodyFi,
        @DefaultValue("Välfärdsområdets områdesstyrelse") String rectificationBodySv,
        @DefaultValue("Kirjaamo, PL 10, 90029 OYS, kirjaamo@pohde.example") String registryAddressFi,
        @DefaultValue("Registratorskontoret, PB 10, 90029 OYS, kirjaamo@pohde.example") String registryAddressSv,
        String decisionMakerTitleFi,
        String decisionMakerTitleSv,
        @DefaultValue("Pohjois-Suomen hallinto-oikeus") String appealCourtFi,
        @DefaultValue("Norra Finlands förvaltningsdomstol") String appealCourtSv,
        @DefaultValue("PL 189, 90101 Oulu, pohjois-suomi.hao@oikeus.fi") String appealCourtAddressFi,
        @DefaultValue("PB 189, 90101 Uleåborg, pohjois-suomi.hao@oikeus.fi") String appealCourtAddressSv,
        @DefaultValue("270") BigDecimal courtFee,
        @DefaultValue("2026") int courtFeeYear) {

    public String rectificationBody(Locale locale) {
        return swedish(locale) ? rectificationBodySv : rectificationBodyFi;
    }

    public String registryAddress(Locale locale) {
        return swedish(locale) ? registryAddressSv : registryAddressFi;
    }

    public String appealCourt(Locale locale) {
        return swedish(locale) ? appealCourtSv : appealCourtFi;
    }

    public String appealCourtAddress(Locale locale) {
        return swedish(locale) ? appealCourtAddressSv : appealCourtAddressFi;
    }

    /** The configured title in the reader's language, or null for the bundle's. */
    public String decisionMakerTitle(Locale locale) {
        String title = swedish(locale) ? decisionMakerTitleSv : decisionMakerTitleFi;
        return title == null || title.isBlank() ? null : title;
    }

    private static boolean swedish(Locale locale) {
        return "sv".equals(locale.getLanguage());
    }
}
