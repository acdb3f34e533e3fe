package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.SiltaProperties;
import fi.silta.cases.CaseFileService.OpenedCase;
import fi.silta.cases.CaseParties;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.documents.DocumentRenderer;
import fi.silta.organisations.OrganisationType;
import fi.silta.organisations.ReferenceData;
import fi.silta.security.StaffDirectory;
import fi.silta.support.GrantFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.TestMail;
import fi.silta.web.Locales;

/**
 * The decision document an applicant gets, read back from the PDF: the outcome with the amounts,
 * the reasons (scores per criterion with the reviewers' justifications, the budget's or the
 * eligibility check's standard reasons, the coordinator's reason for a changed amount), the
 * conditions of a grant, the rectification instructions with their 14 days, the decision maker;
 * in Finnish and Swedish, never with a status token or a raw message key. The decision on a
 * request for rectification: the request, the body's answer with the new and earlier amounts, its
 * appeal instructions (30 days, the administrative court) and no rectification instructions. And
 * the round's decision list with its totals and who approved it.
 */
@SiltaIntegrationTest
class GrantDecisionDocumentTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    /** 7.12.2026 14.05 in Helsinki (UTC+2). */
    static final OffsetDateTime DECIDED = OffsetDateTime.of(2026, 12, 7, 12, 5, 0, 0, ZoneOffset.UTC);

    @Autowired GrantDecisionDocument documents;
    @Autowired GrantFixtures fixtures;
    @Autowired GrantSubmissions submissions;
    @Autowired GrantRoundRepository rounds;
    @Autowired GrantReviewRepository reviews;
    @Autowired GrantDecisionRepository decisions;
    @Autowired GrantEligibilityChecks eligibilityChecks;
    @Autowired GrantRectificationService rectifications;
    @Autowired JdbcClient jdbc;
    @Autowired SiltaProperties silta;
    // to build a document with other settings than the context's
    @Autowired DocumentRenderer renderer;
    @Autowired MessageSource messages;
    @Autowired CaseRepository cases;
    @Autowired CaseParties parties;
    @Autowired GrantEligibilityView eligibilityView;
    @Autowired StaffDirectory staff;
    @Autowired ReferenceData referenceData;
    @Autowired GrantDecisionProperties properties;

    record Submitted(long applicationId, OpenedCase opened, GrantFixtures.Applicant applicant) {
        String reference() {
            return opened.caseFile().reference();
        }

        long caseId() {
            return opened.caseFile().id();
        }
    }

    @Test
    void aGrantedFinnishDecisionShowsTheAmountTheScoresTheConditionsAndTheRectificationInstructions() throws IOException {
        long roundId = round();
        Submitted application = submitted(roundId, "8000.00");
        List<Criterion> criteria = rounds.criteria(roundId);
        score(application, "mikko.korhonen", criteria, new int[] {4, 3, 5}, "Vertaisryhmien vaikutus on osoitettu kyselyin.");
        score(application, "liisa.nieminen", criteria, new int[] {5, 3, 4}, "Toiminnan tulokset on mitattu hyvin.");
        // a disqualified reviewer gave no scores and counts for nothing
        reviews.assign(application.applicationId(), "jussi.makinen", DECIDED.minusDays(10));
        reviews.disqualify(application.applicationId(), "jussi.makinen", "BOARD_MEMBER", "Hallituksen jäsen", DECIDED.minusDays(9));
        GrantDecision decision = decision(application, roundId, GrantDecision.Basis.SCORED, "8000.00", "8000.00", "3.75", null, "fi");

        String text = text(documents.pdf(decision));

        assertThat(text).contains("Pohjois-Pohjanmaan hyvinvointialue", "Päätös", "Asiatunnus " + application.reference(),
                "Päätöspäivä 7.12.2026", "Avustushaku Järjestöavustukset 2026", "Hakija Avustusyhdistys",
                "Hakijalle myönnetään avustusta 8 000,00 €. Haettu määrä oli 8 000,00 €.",
                "Hakemuksen lopulliset pisteet ovat 3,75. Haun vähimmäispisteet ovat 2,50.",
                // the means of the two finished reviews per criterion
                "Vaikuttavuus 40 % 4,50", "Kohderyhmän tarve 30 % 3,00", "Toteutettavuus 30 % 4,50",
                "Arvioijien perustelut: Vaikuttavuus", "Vertaisryhmien vaikutus on osoitettu kyselyin.",
                "Toiminnan tulokset on mitattu hyvin.",
                "Avustuksen ehdot", "Avustusta saa käyttää vain siihen tarkoitukseen", "käyttöselvitys",
                "on palautettava hyvinvointialueelle",
                "Oikaisuvaatimusohje", "14 päivän kuluessa päätöksen tiedoksisaannista",
                "kolmantena päivänä", "seitsemäntenä päivänä", "Hyvinvointialueen aluehallitus",
                "Päätöksestä ei voi suoraan valittaa tuomioistuimeen",
                portalMy(), "asiatunnus " + application.reference(),
                "Helena Hämäläinen", "Päättävä viranhaltija", "Päätös on tehty ja hyväksytty sähköisesti 7.12.2026 klo 14.05.");
        assertThat(text).doesNotContain("Haun määräraha ei riittänyt", "valtionavustus", "Myönnetyn määrän perustelu",
                "Hallituksen jäsen", "mikko.korhonen", "Mikko");
        noTokenNorRawKey(text, application);
        assertThat(documents.fileName(decision)).isEqualTo("paatos-" + application.reference() + ".pdf");
    }

    @Test
    void aPartlyGrantedSwedishDecisionGivesTheReasonForTheAmountAndTheStateGrantConditions() throws IOException {
        long roundId = round();
        jdbc.sql("update grant_round set state_grant = true, state_grant_conditions = ? where id = ?")
                .params("Statsunderstödet får användas endast till matbistånd.", roundId).update();
        Submitted application = submitted(roundId, "6000.00");
        List<Criterion> criteria = rounds.criteria(roundId);
        score(application, "mikko.korhonen", criteria, new int[] {3, 4, 3}, "Tydlig målgrupp.");
        score(application, "liisa.nieminen", criteria, new int[] {3, 2, 3}, "Rimlig plan.");
        GrantDecision decision = decision(application, roundId, GrantDecision.Basis.SCORED, "6000.00", "4000.00", "3.05",
                "Lönekostnaderna hör inte till utlysningens ändamål.", "sv");

        String text = text(documents.pdf(decision));

        assertThat(text).contains("Norra Österbottens välfärdsområde", "Beslut", "Ärendebeteckning " + application.reference(),
                "Beslutsdatum 7.12.2026", "Organisationsunderstöd 2026",
                "Sökanden beviljas understöd delvis: 4 000,00 € av det sökta beloppet 6 000,00 €.",
                "Motivering till det beviljade beloppet", "Lönekostnaderna hör inte till utlysningens ändamål.",
                "Verkan 40 % 3,00", "Målgruppens behov 30 % 3,00", "Tydlig målgrupp.",
                "Villkor för understödet", "Statsunderstödet får användas endast till matbistånd.",
                "Anvisning om begäran om omprövning", "inom 14 dagar", "Välfärdsområdets områdesstyrelse", portalMy(),
                "Helena Hämäläinen", "Beslutande tjänsteinnehavare", "elektroniskt 7.12.2026 kl. 14.05");
        // the coordinator's reason replaces the budget's standard one
        assertThat(text).doesNotContain("Utlysningens anslag räckte", "Päätös", "Oikaisuvaatimus");
        noTokenNorRawKey(text, application);
        assertThat(documents.fileName(decision)).isEqualTo("beslut-" + application.reference() + ".pdf");
    }

    @Test
    void anIneligibleApplicationIsRejectedWithTheStandardReasonAndTheEligibilityFindings() throws IOException {
        long roundId = round();
        Submitted application = submitted(roundId, "12000.00");
        eligibilityChecks.record(application.applicationId(), OffsetDateTime.now().plusMinutes(1),
                new EligibilityInput(OrganisationType.REGISTERED_ASSOCIATION, true, new BigDecimal("12000.00"),
                        new BigDecimal("10000.00"), 0, false, false),
                EligibilityResult.of(List.of("amountOverMaximum")));
        GrantDecision decision = decision(application, roundId, GrantDecision.Basis.INELIGIBLE, "12000.00", "0.00", null, null, "fi");

        String text = text(documents.pdf(decision));

        assertThat(text).contains("Avustushakemus hylätään. Haettu määrä oli 12 000,00 €.",
                "Hakemus ei täytä haun ehtoja, joten sitä ei voitu ottaa arvioitavaksi",
                "Kelpoisuustarkistuksen havainnot:", "Haettu summa on suurempi kuin haun enimmäisavustus.",
                "Oikaisuvaatimusohje", "14 päivän");
        assertThat(text).doesNotContain("Avustuksen ehdot", "Arviointi perusteittain", "lopulliset pisteet");
        noTokenNorRawKey(text, application);
    }

    @Test
    void aScoredApplicationTheBudgetDidNotReachGetsThatReasonAndJustificationsOnlyWhenPublished() throws IOException {
        long roundId = round();
        Submitted application = submitted(roundId, "5000.00");
        List<Criterion> criteria = rounds.criteria(roundId);
        score(application, "mikko.korhonen", criteria, new int[] {3, 3, 3}, "Tavanomainen hanke.");
        GrantDecision decision = decision(application, roundId, GrantDecision.Basis.SCORED, "5000.00", "0.00", "3.00", null, "fi");

        String text = text(documents.pdf(decision));
        assertThat(text).contains("Avustushakemus hylätään.", "Haun määräraha ei riittänyt tälle hakemukselle",
                "Vaikuttavuus 40 % 3,00", "Tavanomainen hanke.");
        assertThat(text).doesNotContain("Avustuksen ehdot");

        GrantDecisionProperties withheld = new GrantDecisionProperties(false, properties.rectificationBodyFi(),
                properties.rectificationBodySv(), properties.registryAddressFi(), properties.registryAddressSv(),
                "Järjestöjohtaja", null, properties.appealCourtFi(), properties.appealCourtSv(), properties.appealCourtAddressFi(),
                properties.appealCourtAddressSv(), properties.courtFee(), properties.courtFeeYear());
        GrantDecisionDocument unpublished = new GrantDecisionDocument(renderer, messages, cases, parties, rounds, reviews, decisions,
                rectifications, eligibilityView, staff, referenceData, withheld, silta);
        String without = text(unpublished.pdf(decision));
        assertThat(without).contains("Vaikuttavuus 40 % 3,00", "Järjestöjohtaja").doesNotContain("Tavanomainen hanke.",
                "Arvioijien perustelut", "Päättävä viranhaltija");
    }

    @Test
    void anApplicationBelowTheMinimumThatTheCoordinatorGrantedIsNotToldThatNothingCanBeGranted() throws IOException {
        long roundId = round();
        Submitted application = submitted(roundId, "5000.00");
        GrantDecision decision = decision(application, roundId, GrantDecision.Basis.BELOW_MINIMUM, "5000.00", "1000.00", "2.40",
                "Ainoa toimija Hailuodossa; kokeilu yhdeksi vuodeksi.", "fi");

        String text = text(documents.pdf(decision));
        assertThat(text).contains("osittain: 1 000,00 € haetusta määrästä 5 000,00 €", "jäivät alle haun vähimmäispisteiden; avustus",
                "Myönnetyn määrän perustelu Ainoa toimija Hailuodossa; kokeilu yhdeksi vuodeksi.", "Avustuksen ehdot")
                .doesNotContain("avustusta ei voida myöntää", "Haun määräraha");
        noTokenNorRawKey(text, application);
    }

    @Test
    void aGrantedRectificationInFinnishShowsTheRequestTheNewAndEarlierAmountsAndTheAppealInstructions() throws IOException {
        long roundId = round();
        Submitted application = submitted(roundId, "5000.00");
        GrantDecision original = decision(application, roundId, GrantDecision.Basis.SCORED, "5000.00", "2000.00", "3.60",
                "Määrärahaa jaetaan useammalle.", "fi");
        long requestId = requested(original, application, "Pisteytys ei huomioinut toiminnan laajuutta: toimimme koko maakunnassa.");
        GrantDecision answer = answered(requestId, "GRANTED", "5 000", "Toiminta kattaa koko alueen, joten haettu määrä myönnetään.");

        String text = text(documents.pdf(answer));

        assertThat(text).contains("Pohjois-Pohjanmaan hyvinvointialue", "Oikaisuvaatimuspäätös",
                "Asiatunnus " + application.reference(), "Päätöspäivä 18.12.2026", "Toimielin Hyvinvointialueen aluehallitus",
                "Kokouspäivä 17.12.2026", "Avustushaku Järjestöavustukset 2026", "Hakija Avustusyhdistys",
                // the applicant's own request: the organisation asked, whoever signed in
                "Vaatimuksen tekijä Avustusyhdistys", "Vaatimus saapui 10.12.2026",
                "Vaatimus koskee 7.12.2026 tehtyä päätöstä, jolla hakijalle myönnettiin avustusta 2 000,00 € haetusta määrästä 5 000,00 €.",
                "Vaatimuksen perusteet", "Pisteytys ei huomioinut toiminnan laajuutta: toimimme koko maakunnassa.",
                "Oikaisuvaatimus hyväksytään. Hakijalle myönnetään avustusta 5 000,00 € haetusta määrästä 5 000,00 €. "
                        + "Aiemmin myönnetty määrä oli 2 000,00 €.",
                "Toimielimen perustelut", "Toiminta kattaa koko alueen, joten haettu määrä myönnetään.",
                "Avustuksen ehdot",
                "Valitusosoitus", "valituksella hallinto-oikeudelta", "Valitusviranomainen: Pohjois-Suomen hallinto-oikeus PL 189, 90101 Oulu, pohjois-suomi.hao@oikeus.fi",
                "Valitus on tehtävä 30 päivän kuluessa päätöksen tiedoksisaannista", "kolmantena päivänä", "seitsemäntenä päivänä",
                "päätös, johon haetaan muutosta (asiatunnus " + application.reference() + ", päätöspäivä 18.12.2026)",
                "mitä muutoksia siihen vaaditaan", "vaatimusten perustelut", "valittajan nimi ja yhteystiedot", "allekirjoittaa",
                "tämä päätös valitusosoituksineen", "asiointi.oikeus.fi",
                "oikeudenkäyntimaksun tuomioistuinmaksulain mukaan. Vuonna 2026 maksu on 270 €.",
                "Toimielimen päätöksen kirjannut Aino Virtanen Toimielimen sihteeri",
                "kokouksessaan 17.12.2026. Päätös on kirjattu ja annettu sähköisesti 18.12.2026 klo 12.00.");
        // no instructions for a request for rectification: this decision can only be appealed
        assertThat(text).doesNotContain("Oikaisuvaatimusohje", "14 päivän", "Oikaisuvaatimus tehdään", portalMy(), "Kirjaamo",
                application.applicant().email(), "Ote vaatimuksesta", "Helena Hämäläinen", "aino.virtanen");
        noTokenNorRawKey(text, application);
        assertThat(documents.fileName(answer)).isEqualTo("oikaisuvaatimuspaatos-" + application.reference() + ".pdf");
    }

    @Test
    void aRefusedRectificationInSwedishKeepsTheEarlierAmountAndQuotesALongRequestInPart() throws IOException {
        long roundId = round();
        Submitted application = submitted(roundId, "5000.00");
        GrantDecision original = decision(application, roundId, GrantDecision.Basis.SCORED, "5000.00", "2000.00", "3.60", null, "sv");
        String reasons = "Poängsättningen beaktade inte verksamhetens omfattning i hela landskapet. ".repeat(12) + "SLUTET AV BEGÄRAN";
        long requestId = requested(original, application, reasons);
        GrantDecision answer = answered(requestId, "REFUSED", null, "Poängsättningen följde utlysningens villkor.");

        String text = text(documents.pdf(answer));

        assertThat(text).contains("Norra Österbottens välfärdsområde", "Beslut om begäran om omprövning",
                "Ärendebeteckning " + application.reference(), "Beslutsdatum 18.12.2026", "Välfärdsområdets områdesstyrelse",
                "Sammanträdesdag 17.12.2026", "Begäran har gjorts av Avustusyhdistys", "Begäran kom in 10.12.2026",
                "Begäran gäller beslutet av den 7.12.2026", "Poängsättningen beaktade inte verksamhetens omfattning",
                "Utdrag ur begäran.",
                "Begäran om omprövning avslås. Det tidigare beslutet står fast: sökanden har beviljats understöd med 2 000,00 € "
                        + "av det sökta beloppet 5 000,00 €.",
                "Organets motivering", "Poängsättningen följde utlysningens villkor.",
                "Besvärsanvisning", "Besvärsmyndighet: Norra Finlands förvaltningsdomstol PB 189, 90101 Uleåborg, pohjois-suomi.hao@oikeus.fi",
                "inom 30 dagar från delfåendet", "asiointi.oikeus.fi", "rättegångsavgift", "År 2026 är avgiften 270 €.",
                "Aino Virtanen", "Organets sekreterare", "elektroniskt 18.12.2026 kl. 12.00");
        assertThat(text).doesNotContain("SLUTET AV BEGÄRAN", "Anvisning om begäran om omprövning", "14 dagar", "14 päivän",
                "Päätös", "hallinto-oikeus", application.applicant().email(), portalMy());
        noTokenNorRawKey(text, application);
        assertThat(documents.fileName(answer)).isEqualTo("beslut-omprovning-" + application.reference() + ".pdf");
    }

    @Test
    void aRefusedRequestByMailOnARejectionNamesTheRequesterButNotTheirAddressAndGrantsNothing() throws IOException {
        long roundId = round();
        Submitted application = submitted(roundId, "3000.00");
        GrantDecision original = decision(application, roundId, GrantDecision.Basis.SCORED, "3000.00", "0.00", "2.80", null, "fi");
        // another party's request by mail, which came in the day before a coordinator entered it
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-12-10T09:00:00Z").toInstant()));
        long requestId = rectifications.enterForOtherParty(original.caseId(), "MAIL", "Matti Meikäläinen",
                "matti.meikalainen@example.fi", "2026-12-09", "Hylkäys on kohtuuton.", "aino.virtanen");
        GrantDecision answer = answered(requestId, "REFUSED", null, "Hakemus jäi määrärahan ulkopuolelle pisteidensä vuoksi.");

        String text = text(documents.pdf(answer));
        assertThat(text).contains("Vaatimuksen tekijä Matti Meikäläinen", "Vaatimus saapui 9.12.2026",
                "Vaatimus koskee 7.12.2026 tehtyä päätöstä, jolla avustushakemus hylättiin. Haettu määrä oli 3 000,00 €.",
                "Oikaisuvaatimus hylätään. Aiempi päätös pysyy voimassa: avustusta ei myönnetä. Haettu määrä oli 3 000,00 €.",
                "Valitusosoitus", "30 päivän")
                .doesNotContain("Avustuksen ehdot", " 0,00 €", "14 päivän", "matti.meikalainen@example.fi");
        noTokenNorRawKey(text, application);
    }

    @Test
    void anotherPartysRequestThatTakesTheGrantAwaySaysNoGrantIsAwardedInsteadOfGrantingNothing() throws IOException {
        long roundId = round();
        Submitted application = submitted(roundId, "5000.00");
        GrantDecision original = decision(application, roundId, GrantDecision.Basis.SCORED, "5000.00", "2000.00", "3.00", null, "fi");
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-12-10T09:00:00Z").toInstant()));
        long requestId = rectifications.enterForOtherParty(original.caseId(), "LETTER", "Kilpaileva yhdistys ry",
                "PL 1, 90100 Oulu", "2026-12-09", "Hakija ei täytä haun ehtoja.", "aino.virtanen");
        GrantDecision answer = answered(requestId, "GRANTED", "0", "Hakija ei ollut haun ehtojen mukainen toimija.");

        String text = text(documents.pdf(answer));
        assertThat(text).contains("Vaatimuksen tekijä Kilpaileva yhdistys ry",
                "Oikaisuvaatimus hyväksytään. Aiempaa päätöstä muutetaan: hakijalle ei myönnetä avustusta. "
                        + "Haettu määrä oli 5 000,00 €. Aiemmin myönnetty määrä oli 2 000,00 €.",
                "Valitusosoitus", "30 päivän")
                .doesNotContain("myönnetään avustusta 0,00", "Avustuksen ehdot", "PL 1, 90100 Oulu", "14 päivän");
        noTokenNorRawKey(text, application);
    }

    @Test
    void aRectificationDecisionThatAnswersNoRequestIsNotRendered() {
        long roundId = round();
        Submitted application = submitted(roundId, "5000.00");
        long id = decisions.insert(application.applicationId(), roundId, application.caseId(), GrantDecision.Stage.RECTIFICATION,
                GrantDecision.Basis.SCORED, new BigDecimal("5000.00"), new BigDecimal("5000.00"), null, "Oikaistu", "fi",
                "helena.hamalainen", DECIDED);
        assertThatThrownBy(() -> documents.pdf(decisions.find(id).orElseThrow())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answers no request");
    }

    @Test
    void theDecisionListHasEveryDecisionTheTotalsAndWhoApprovedIt() throws IOException {
        long roundId = round();
        Submitted first = submitted(roundId, "8000.00");
        Submitted second = submitted(roundId, "6000.00");
        Submitted third = submitted(roundId, "5000.00");
        decision(first, roundId, GrantDecision.Basis.SCORED, "8000.00", "8000.00", "4.10", null, "fi");
        decision(second, roundId, GrantDecision.Basis.SCORED, "6000.00", "4000.00", "3.60", "Palkat eivät kuulu haun tarkoitukseen.", "sv");
        decision(third, roundId, GrantDecision.Basis.BELOW_MINIMUM, "5000.00", "0.00", "2.10", null, "fi");
        // a rectification is not on the round's list
        decisions.insert(third.applicationId(), roundId, third.caseId(), GrantDecision.Stage.RECTIFICATION,
                GrantDecision.Basis.BELOW_MINIMUM, new BigDecimal("5000.00"), new BigDecimal("1000.00"), new BigDecimal("2.10"),
                "Oikaistu", "fi", "helena.hamalainen", DECIDED.plusDays(20));

        String before = text(documents.decisionListPdf(roundId, Locales.FINNISH));
        assertThat(before).contains("Päätösluettelo", "Päätösluetteloa ei ole vielä hyväksytty.");

        approved(roundId, "aino.virtanen", DECIDED.minusDays(2));
        approved(roundId, "helena.hamalainen", DECIDED);
        String text = text(documents.decisionListPdf(roundId, Locales.FINNISH));

        assertThat(text).contains("Pohjois-Pohjanmaan hyvinvointialue", "Päätösluettelo", "Järjestöavustukset 2026",
                "Haun määräraha 100 000,00 €", "Päätöksiä 3, joista avustusta myönnetty 2.",
                first.reference() + " 8 000,00 € 8 000,00 € 4,10 Myönnetty",
                second.reference() + " 6 000,00 € 4 000,00 € 3,60 Osittain myönnetty",
                third.reference() + " 5 000,00 € 0,00 € 2,10 Hylätty",
                "Yhteensä 19 000,00 € 12 000,00 €",
                "Päätösluettelon on hyväksynyt Helena Hämäläinen 7.12.2026 klo 14.05.");
        assertThat(text).doesNotContain("1 000,00 €", "Aino Virtanen", "??");

        String swedish = text(documents.decisionListPdf(roundId, Locales.SWEDISH));
        assertThat(swedish).contains("Beslutsförteckning", "Organisationsunderstöd 2026", "Sammanlagt 19 000,00 € 12 000,00 €",
                "Delvis beviljat", "godkänts av Helena Hämäläinen 7.12.2026 kl. 14.05.").doesNotContain("??");
        String english = text(documents.decisionListPdf(roundId, Locales.ENGLISH));
        assertThat(english).contains("List of decisions", "Total €19,000.00 €12,000.00", "Partly granted",
                "Approved by Helena Hämäläinen on 7 Dec 2026 at 14:05.").doesNotContain("??");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /** The applicant's request on {@code original}, received on 10.12.2026 within its period. */
    private long requested(GrantDecision original, Submitted application, String reasons) {
        decisions.received(original.id(), LocalDate.parse("2026-12-10"), LocalDate.parse("2026-12-24"));
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-12-10T09:00:00Z").toInstant()));
        return rectifications.fileByApplicant(original.id(), reasons, null, application.applicant().email());
    }

    /** The body's answer of 17.12.2026, recorded by its secretary and issued as a decision on 18.12.2026 at 12.00. */
    private GrantDecision answered(long requestId, String outcome, String amount, String reasons) {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-12-18T10:00:00Z").toInstant()));
        rectifications.recordBodyDecision(requestId, outcome, amount, reasons, "2026-12-17", "aino.virtanen");
        return decisions.find(rectifications.issueAnswer(requestId)).orElseThrow();
    }

    private long round() {
        OffsetDateTime now = OffsetDateTime.now();
        return fixtures.publishedRound(now.minusDays(1), now.plusDays(30), GrantFixtures.POOL);
    }

    private Submitted submitted(long roundId, String amount) {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        long applicationId = fixtures.draft(roundId, applicant, amount);
        return new Submitted(applicationId, submissions.submit(applicationId, applicant.contactId(), null), applicant);
    }

    private void score(Submitted application, String reviewer, List<Criterion> criteria, int[] scores, String justification) {
        long reviewId = reviews.assign(application.applicationId(), reviewer, DECIDED.minusDays(10));
        List<GrantReviewRepository.Score> given = new java.util.ArrayList<>();
        for (int i = 0; i < criteria.size(); i++) {
            given.add(new GrantReviewRepository.Score(criteria.get(i).id(), scores[i], i == 0 ? justification : "Perustelu " + (i + 1)));
        }
        reviews.scored(reviewId, given, new BigDecimal("3.00"), DECIDED.minusDays(8));
    }

    private GrantDecision decision(Submitted application, long roundId, GrantDecision.Basis basis, String asked, String granted,
            String score, String changeReason, String language) {
        long id = decisions.insert(application.applicationId(), roundId, application.caseId(), GrantDecision.Stage.ORIGINAL, basis,
                new BigDecimal(asked), new BigDecimal(granted), score == null ? null : new BigDecimal(score), changeReason, language,
                "helena.hamalainen", DECIDED);
        return decisions.find(id).orElseThrow();
    }

    private void approved(long roundId, String actor, OffsetDateTime at) {
        jdbc.sql("insert into grant_allocation_event (round_id, kind, actor, at) values (?, 'APPROVED', ?, ?)")
                .params(roundId, actor, at).update();
    }

    private String portalMy() {
        return silta.baseUrl() + "/portal/my";
    }

    private static void noTokenNorRawKey(String text, Submitted application) {
        assertThat(text).doesNotContain("??", "token", application.opened().token(), "#{", "grants.decision");
    }

    /** The PDF's text with every run of white space (line breaks, no-break spaces) as one space. */
    private static String text(byte[] pdf) throws IOException {
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replace('\u00a0', ' ').replaceAll("\\s+", " ");
        }
    }
}
