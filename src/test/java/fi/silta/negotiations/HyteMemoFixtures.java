package fi.silta.negotiations;

import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.SiltaProperties;
import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseFileService;
import fi.silta.cases.CaseKind;
import fi.silta.organisations.Organisation;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.OrganisationService;
import fi.silta.organisations.OrganisationService.NewContact;

/**
 * A hyte negotiation for the memo's tests: a cycle of its own (a year no other test uses), the case opened with
 * CaseFileService (HYTE_NEGOTIATION), the negotiation and its municipalities, a verified contact per municipality,
 * and in place of the placeholder hyteNegotiation the test model hyteMemoHarness (the memo part as H3's model calls it).
 */
@Component
class HyteMemoFixtures {

    record Fixture(CaseFile caseFile, long negotiationId, int year, List<Organisation> municipalities, List<String> contacts,
            org.camunda.bpm.engine.runtime.ProcessInstance processInstance, String token) {
        String processInstanceId() {
            return processInstance.getId();
        }

        String reference() {
            return caseFile.reference();
        }
    }

    private final CaseFileService cases;
    private final OrganisationRepository organisations;
    private final OrganisationService organisationService;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final JdbcClient jdbc;
    private final String countyCode;

    HyteMemoFixtures(CaseFileService cases, OrganisationRepository organisations, OrganisationService organisationService, RuntimeService runtime,
            RepositoryService repository, JdbcClient jdbc, SiltaProperties properties) {
        this.cases = cases;
        this.organisations = organisations;
        this.organisationService = organisationService;
        this.runtime = runtime;
        this.repository = repository;
        this.jdbc = jdbc;
        this.countyCode = properties.countyCode();
    }

    /** Municipalities {@code indexes} of the county (by name), the first one bilingual or not. */
    Fixture negotiation(boolean bilingual, int... indexes) {
        repository.createDeployment().name("hyte-memo-harness").enableDuplicateFiltering(false)
                .addClasspathResource("hyte/hyteMemoHarness.bpmn").deploy();
        List<Organisation> all = organisations.municipalitiesOf(countyCode);
        List<Organisation> chosen = java.util.Arrays.stream(indexes).mapToObj(all::get).toList();
        jdbc.sql("update organisation set bilingual = ? where id = ?").params(bilingual, chosen.get(0).id()).update();
        List<String> contacts = new java.util.ArrayList<>();
        for (Organisation m : chosen) {
            String email = "kunta-" + UUID.randomUUID().toString().substring(0, 8) + "@kunta.example";
            long contactId = organisationService.addContact(m.id(), new NewContact("Kunnan Yhteyshenkilö", email, null, "fi"));
            organisationService.markVerified(contactId, "timo.laine");
            contacts.add(email);
        }
        int year = HyteTestYears.next(jdbc);
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.sql("""
                insert into hyte_cycle (county_code, cycle_year, business_key, themes, window_start, window_end, status, created_by, created_at)
                values (?, ?, ?, 'Lasten ja nuorten hyvinvointi', ?, ?, 'OPEN', 'timo.laine', ?)""")
                .params(countyCode, year, "HYTE-" + year, LocalDate.of(2027, 2, 1), LocalDate.of(2027, 5, 31), now).update();
        long cycleId = jdbc.sql("select id from hyte_cycle where business_key = ?").param("HYTE-" + year).query(Long.class).single();
        CaseFileService.OpenedCase opened = cases.open(CaseKind.HYTE_NEGOTIATION, chosen.get(0).id(), null, contacts.get(0), "fi", null, Map.of());
        CaseFile caseFile = opened.caseFile();
        jdbc.sql("insert into hyte_negotiation (cycle_id, case_id, title, status, created_at) values (?, ?, ?, 'OPEN', ?)")
                .params(cycleId, caseFile.id(), "Hyte-neuvottelu " + chosen.get(0).name(), now).update();
        long negotiationId = jdbc.sql("select id from hyte_negotiation where case_id = ?").param(caseFile.id()).query(Long.class).single();
        int position = 0;
        for (Organisation m : chosen) {
            jdbc.sql("insert into hyte_negotiation_municipality (negotiation_id, organisation_id, position) values (?, ?, ?)")
                    .params(negotiationId, m.id(), position++).update();
        }
        // the memo part as H3's model will call it, in the case's own process instance
        runtime.deleteProcessInstance(caseFile.processInstanceId(), "replaced by the memo test model");
        var instance = runtime.startProcessInstanceByKey("hyteMemoHarness", caseFile.reference(),
                Map.of("caseReference", caseFile.reference()));
        jdbc.sql("update case_file set process_instance_id = ? where id = ?").params(instance.getId(), caseFile.id()).update();
        return new Fixture(cases.byReference(caseFile.reference()).orElseThrow(), negotiationId, year, chosen, contacts, instance, opened.token());
    }

    /** A verified contact of a fresh organisation acting in the first municipality of the fixture (an NGO owner). */
    long organisationActingIn(Fixture fixture, String email) {
        long id = organisationService.register(new OrganisationService.NewOrganisation("Hyte-yhdistys " + UUID.randomUUID().toString().substring(0, 6),
                null, fi.silta.organisations.OrganisationType.UNREGISTERED_GROUP, null, List.of(fixture.municipalities().get(0).municipalityCode())));
        long contact = organisationService.addContact(id, new NewContact("Yhdistyksen Yhteyshenkilö", email, null, "fi"));
        organisationService.markVerified(contact, "timo.laine");
        return id;
    }
}
