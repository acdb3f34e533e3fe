package fi.silta.negotiations;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fi.silta.cases.CaseFileService;
import fi.silta.cases.CaseKind;
import fi.silta.organisations.Organisation;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.OrganisationService;

/**
 * A hyte negotiation as H2's cycle opens one (test stand-in for it): a hyte_cycle row of a year of its own, the
 * case opened with {@code CaseFileService.open(HYTE_NEGOTIATION, municipality, …)} and its hyte_negotiation and
 * hyte_negotiation_municipality rows in the same transaction, and a verified contact of the municipality.
 */
@Component
public class HyteTestNegotiations {

    public record TestNegotiation(long negotiationId, long cycleId, int year, String cycleKey, String caseReference,
            String processInstanceId, long municipalityId, String municipalityName, long contactId, String contactEmail) {
    }

    private final JdbcClient jdbc;
    private final CaseFileService cases;
    private final OrganisationRepository organisations;
    private final OrganisationService organisationService;
    private final TransactionTemplate transactions;

    public HyteTestNegotiations(JdbcClient jdbc, CaseFileService cases, OrganisationRepository organisations,
            OrganisationService organisationService, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.organisations = organisations;
        this.organisationService = organisationService;
        this.transactions = transactions;
    }

    /** Another municipality (and a verified contact of it) into the negotiation's group, at the next position; its contact's address. */
    public String addMunicipality(TestNegotiation negotiation) {
        List<Organisation> others = organisations.municipalitiesOf("19").stream().filter(o -> o.id() != negotiation.municipalityId()).toList();
        Organisation municipality = others.get(ThreadLocalRandom.current().nextInt(others.size()));
        String email = "kunta-" + UUID.randomUUID().toString().substring(0, 8) + "@kunta.example";
        long contactId = organisationService.addContact(municipality.id(),
                new OrganisationService.NewContact("Kalle Kunta", email, null, "sv"));
        organisationService.markVerified(contactId, "timo.laine");
        jdbc.sql("insert into hyte_negotiation_municipality (negotiation_id, organisation_id, position) values (?, ?, "
                        + "(select max(position) + 1 from hyte_negotiation_municipality where negotiation_id = ?))")
                .params(negotiation.negotiationId(), municipality.id(), negotiation.negotiationId()).update();
        return email;
    }

    /** A negotiation of a new cycle (window and background deadline as given) with one municipality of county 19. */
    public TestNegotiation open(LocalDate windowStart, LocalDate windowEnd, OffsetDateTime backgroundDeadline) {
        int year = HyteTestYears.next(jdbc);
        String key = "HYTE-" + year + "-" + UUID.randomUUID().toString().substring(0, 6);
        List<Organisation> municipalities = organisations.municipalitiesOf("19");
        Organisation municipality = municipalities.get(ThreadLocalRandom.current().nextInt(municipalities.size()));
        String email = "kunta-" + UUID.randomUUID().toString().substring(0, 8) + "@kunta.example";
        long contactId = organisationService.addContact(municipality.id(),
                new OrganisationService.NewContact("Kaisa Kunta", email, null, "fi"));
        organisationService.markVerified(contactId, "timo.laine");
        return transactions.execute(status -> {
            var cycleKey = new org.springframework.jdbc.support.GeneratedKeyHolder();
            jdbc.sql("insert into hyte_cycle (county_code, cycle_year, business_key, themes, window_start, window_end, "
                            + "background_deadline, input_deadline, status, created_by, created_at) "
                            + "values ('19', ?, ?, 'Liikunta', ?, ?, ?, ?, 'OPEN', 'timo.laine', ?)")
                    .params(year, key, windowStart, windowEnd, backgroundDeadline, backgroundDeadline, OffsetDateTime.now())
                    .update(cycleKey, "id");
            long cycleId = cycleKey.getKey().longValue();
            var opened = cases.open(CaseKind.HYTE_NEGOTIATION, municipality.id(), contactId, email, "fi", null,
                    Map.of("negotiationTitle", municipality.name()));
            var negotiationKey = new org.springframework.jdbc.support.GeneratedKeyHolder();
            jdbc.sql("insert into hyte_negotiation (cycle_id, case_id, title, status, created_at) values (?, ?, ?, 'OPEN', ?)")
                    .params(cycleId, opened.caseFile().id(), municipality.name(), OffsetDateTime.now()).update(negotiationKey, "id");
            long negotiationId = negotiationKey.getKey().longValue();
            jdbc.sql("insert into hyte_negotiation_municipality (negotiation_id, organisation_id, position) values (?, ?, 0)")
                    .params(negotiationId, municipality.id()).update();
            return new TestNegotiation(negotiationId, cycleId, year, key, opened.caseFile().reference(),
                    opened.caseFile().processInstanceId(), municipality.id(), municipality.name(), contactId, email);
        });
    }
}
