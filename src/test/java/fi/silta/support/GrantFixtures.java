package fi.silta.support;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import fi.silta.grants.Criterion;
import fi.silta.grants.GrantApplicationRepository;
import fi.silta.grants.GrantRound;
import fi.silta.grants.GrantRoundRepository;
import fi.silta.organisations.OrganisationService;
import fi.silta.organisations.OrganisationService.NewContact;
import fi.silta.organisations.OrganisationService.NewOrganisation;
import fi.silta.organisations.OrganisationType;

/** Published rounds, organisations and draft applications for grant tests. */
@Component
public class GrantFixtures {

    public record Applicant(long organisationId, long contactId, String email) {
    }

    /** Criteria 40/30/30 % and the demo reviewers. */
    public static final List<String> POOL = List.of("jussi.makinen", "liisa.nieminen", "mikko.korhonen");

    private final GrantRoundRepository rounds;
    private final GrantApplicationRepository applications;
    private final OrganisationService organisations;

    public GrantFixtures(GrantRoundRepository rounds, GrantApplicationRepository applications, OrganisationService organisations) {
        this.rounds = rounds;
        this.applications = applications;
        this.organisations = organisations;
    }

    /** A published round open from {@code opens} to {@code closes}, 2 reviewers per application, max 10 000 €. */
    public long publishedRound(OffsetDateTime opens, OffsetDateTime closes, List<String> pool) {
        long id = rounds.insert(null, "Järjestöavustukset 2026", "Organisationsunderstöd 2026", "Yleisavustukset", null,
                new BigDecimal("100000.00"), new BigDecimal("10000.00"), opens, closes, opens.minusDays(1));
        rounds.configure(id, "aino.virtanen", 2, "helena.hamalainen", new BigDecimal("1.00"), new BigDecimal("2.50"), false,
                false, null);
        rounds.replaceCriteria(id, List.of(
                new Criterion(0, id, 1, "Vaikuttavuus", "Verkan", new BigDecimal("40")),
                new Criterion(0, id, 2, "Kohderyhmän tarve", "Målgruppens behov", new BigDecimal("30")),
                new Criterion(0, id, 3, "Toteutettavuus", "Genomförbarhet", new BigDecimal("30"))));
        rounds.replaceReviewers(id, pool);
        rounds.setStatus(id, GrantRound.Status.PUBLISHED);
        return id;
    }

    /** A new organisation with a contact the county has verified (who may act for it). */
    public Applicant applicant(OrganisationType type) {
        Applicant applicant = unverifiedApplicant(type);
        organisations.markVerified(applicant.contactId(), "aino.virtanen");
        return applicant;
    }

    /** A new organisation with a contact whose verification is still pending. */
    public Applicant unverifiedApplicant(OrganisationType type) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long organisationId = organisations.register(new NewOrganisation("Avustusyhdistys " + suffix,
                type == OrganisationType.UNREGISTERED_GROUP ? null : TestBusinessIds.unique(), type, null, List.of("564")));
        String email = "hakija-" + suffix + "@test.example";
        long contactId = organisations.addContact(organisationId, new NewContact("Hanna Hakija", email, null, "fi"));
        return new Applicant(organisationId, contactId, email);
    }

    /** A new organisation with {@code email} (already a contact elsewhere) as its contact, verified or not. */
    public Applicant anotherOrganisationOf(String email, boolean verified) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long organisationId = organisations.register(new NewOrganisation("Toinen yhdistys " + suffix, TestBusinessIds.unique(),
                OrganisationType.REGISTERED_ASSOCIATION, null, List.of("564")));
        long contactId = organisations.addContact(organisationId, new NewContact("Hanna Hakija", email, null, "fi"));
        if (verified) {
            organisations.markVerified(contactId, "aino.virtanen");
        }
        return new Applicant(organisationId, contactId, email);
    }

    /** Another verified contact of the applicant's organisation. */
    public Applicant colleague(Applicant of, String name) {
        String email = "kollega-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        long contactId = organisations.addContact(of.organisationId(), new NewContact(name, email, null, "fi"));
        organisations.markVerified(contactId, "aino.virtanen");
        return new Applicant(of.organisationId(), contactId, email);
    }

    /** The portal's grant application form as a browser posts it, with the key and CSRF token of {@code page}. */
    public static Multipart applicationForm(String page, String activity, String amount, List<String[]> lines) {
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("name=\"submissionKey\" value=\"([^\"]+)\"").matcher(page);
        if (!key.find()) {
            throw new AssertionError("no submission key in " + page);
        }
        Multipart form = new Multipart().field("_csrf", StaffClient.csrf(page)).field("submissionKey", key.group(1))
                .field("activity", activity).field("targetGroup", "Omaishoitajat").field("targetGroups", "carers").field("goals", "Jaksaminen")
                .field("municipalities", "564").field("boardMembers", "Pekka Puheenjohtaja").field("amount", amount);
        for (int i = 0; i < lines.size(); i++) {
            form.field("budgetLines[" + i + "].description", lines.get(i)[0]).field("budgetLines[" + i + "].amount", lines.get(i)[1]);
        }
        return form;
    }

    public long draft(long roundId, Applicant applicant, String amount) {
        return applications.insert(roundId, applicant.organisationId(), applicant.email(), "Vertaistukiryhmät omaishoitajille",
                "Omaishoitajat Oulussa", "Jaksaminen ja yhteisö", new BigDecimal(amount), "564", "Pekka Puheenjohtaja, Sari Sihteeri",
                OffsetDateTime.now());
    }
}
