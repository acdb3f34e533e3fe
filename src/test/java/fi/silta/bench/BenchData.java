package fi.silta.bench;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeTokenService;

import fi.silta.grants.Criterion;
import fi.silta.grants.GrantApplication;
import fi.silta.grants.GrantApplicationRepository;
import fi.silta.grants.GrantRound;
import fi.silta.grants.GrantRoundRepository;
import fi.silta.grants.GrantSubmissions;
import fi.silta.organisations.BusinessId;
import fi.silta.organisations.Contact;
import fi.silta.organisations.Organisation;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.OrganisationService;
import fi.silta.organisations.OrganisationService.NewContact;
import fi.silta.organisations.OrganisationService.NewOrganisation;
import fi.silta.organisations.OrganisationType;

/**
 * What the benchmark prepares before it measures, through Silta's own services and repositories
 * (main code only, like the grant tests' fixtures but not shared with them): a published round
 * open now, applicants (an organisation and its contact), draft applications, and one-time
 * sign-in tokens from the portal's own token store.
 */
final class BenchData {

    /** An organisation and its contact, who applies (engine side) or signs in to the portal (HTTP side). */
    record Applicant(long organisationId, long contactId, String email) {
    }

    private final GrantRoundRepository rounds;
    private final GrantApplicationRepository applications;
    private final OrganisationService organisationService;
    private final OrganisationRepository organisations;
    private final OneTimeTokenService portalTokens;
    private final Clock clock;
    final BusinessIds businessIds;

    BenchData(ApplicationContext context) {
        this.rounds = context.getBean(GrantRoundRepository.class);
        this.applications = context.getBean(GrantApplicationRepository.class);
        this.organisationService = context.getBean(OrganisationService.class);
        this.organisations = context.getBean(OrganisationRepository.class);
        this.portalTokens = context.getBean(OneTimeTokenService.class);
        this.clock = context.getBean(Clock.class);
        this.businessIds = new BusinessIds(context.getBean(OrganisationRepository.class));
    }

    /** A published round open from yesterday for four weeks: criteria 40/30/30 %, 2 reviewers, max 10 000 €. */
    long publishedRound() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime opens = now.minusDays(1);
        long id = rounds.insert(null, "Benchmark-avustukset", "Benchmark-understöd", "Suorituskykymittaus", null,
                new BigDecimal("100000000.00"), new BigDecimal("10000.00"), opens, now.plusDays(28), now);
        rounds.configure(id, "aino.virtanen", 2, "helena.hamalainen", new BigDecimal("1.00"), new BigDecimal("2.50"), false,
                false, null);
        rounds.replaceCriteria(id, List.of(
                new Criterion(0, id, 1, "Vaikuttavuus", "Verkan", new BigDecimal("40")),
                new Criterion(0, id, 2, "Kohderyhmän tarve", "Målgruppens behov", new BigDecimal("30")),
                new Criterion(0, id, 3, "Toteutettavuus", "Genomförbarhet", new BigDecimal("30"))));
        rounds.replaceReviewers(id, List.of("jussi.makinen", "liisa.nieminen", "mikko.korhonen"));
        rounds.setStatus(id, GrantRound.Status.PUBLISHED);
        return id;
    }

    /** A registered association of Oulu with one verified contact, Finnish. */
    Applicant applicant(String email) {
        long organisationId = organisationService.register(new NewOrganisation("Benchmark-hakija " + email,
                businessIds.nextUnused(), OrganisationType.REGISTERED_ASSOCIATION, null, List.of("564")));
        long contactId = organisationService.addContact(organisationId, new NewContact("Hanna Hakija", email, null, "fi"));
        organisationService.markVerified(contactId, "aino.virtanen");
        return new Applicant(organisationId, contactId, email);
    }

    /** A draft application of 5 000 € to the round (under the maximum: eligible). */
    long draft(long roundId, Applicant applicant) {
        return applications.insert(roundId, applicant.organisationId(), applicant.email(), "Vertaistukiryhmät omaishoitajille",
                "Omaishoitajat Oulussa", "Jaksaminen ja yhteisö", new BigDecimal("5000.00"), "564",
                "Pekka Puheenjohtaja, Sari Sihteeri", OffsetDateTime.now(clock));
    }

    /**
     * The variables {@code GrantSubmissions.submit} starts {@code grantApplication} with (through
     * {@code CaseFileService.open}) for this draft and applicant, {@code caseReference} the given
     * business key: what the benchmark's bare engine side passes to {@code RuntimeService} itself.
     */
    Map<String, Object> processVariables(long applicationId, Applicant applicant, String businessKey) {
        GrantApplication application = applications.find(applicationId).orElseThrow();
        Organisation organisation = organisations.find(applicant.organisationId()).orElseThrow();
        Contact contact = organisations.contact(applicant.contactId()).orElseThrow();
        Map<String, Object> variables = new HashMap<>(GrantSubmissions.processVariables(application,
                rounds.find(application.roundId()).orElseThrow(), organisation, contact));
        variables.put("caseReference", businessKey);
        return variables;
    }

    /**
     * A one-time sign-in token for the address, from the portal's own token store (Spring Security's
     * JdbcOneTimeTokenService), as the mailed link carries it. Only the mail is skipped: the client
     * still signs in over HTTP with it, and the per-client link limit does not apply.
     */
    /** A new applicant of its own organisation, signed in to the portal on {@code port} over HTTP. */
    record SignedIn(Applicant applicant, PortalClient client) {
    }

    SignedIn signedIn(String email, int port) {
        Applicant applicant = applicant(email);
        PortalClient client = new PortalClient(PortalClient.sharedHttp(), "http://localhost:" + port, email);
        client.signIn(signInToken(email));
        return new SignedIn(applicant, client);
    }

    String signInToken(String email) {
        return portalTokens.generate(new GenerateOneTimeTokenRequest(email, Duration.ofMinutes(30))).getTokenValue();
    }

    /** Valid business ids (Y-tunnus) in a sequence from a random start, so that runs on one database rarely meet. */
    static final class BusinessIds {

        private final AtomicInteger next = new AtomicInteger(1_000_000 + ThreadLocalRandom.current().nextInt(8_000_000));
        private final OrganisationRepository organisations;

        BusinessIds(OrganisationRepository organisations) {
            this.organisations = organisations;
        }

        /** The next id of the sequence (a form may name an organisation Silta already knows). */
        String next() {
            while (true) {
                String digits = Integer.toString(next.getAndIncrement());
                int check = BusinessId.checkDigit(digits);
                if (check >= 0) {
                    return digits + "-" + check;
                }
            }
        }

        /** The next id no organisation has yet (registering a known one is refused). */
        String nextUnused() {
            while (true) {
                String id = next();
                if (organisations.findByBusinessId(id).isEmpty()) {
                    return id;
                }
            }
        }
    }
}
