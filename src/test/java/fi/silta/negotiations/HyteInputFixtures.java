package fi.silta.negotiations;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import fi.silta.cases.CaseFileService;
import fi.silta.cases.CaseKind;

/**
 * A hyte cycle with negotiations for the NGO input tests, written straight into {@code hyte_cycle},
 * {@code hyte_negotiation} and {@code hyte_negotiation_municipality}, each negotiation's case opened with
 * {@link CaseFileService#open} as the cycle does (until H2's {@code HyteCycles} creates them: then use it here).
 * Years come from {@link HyteTestYears}, so that tests sharing one database never meet the same cycle.
 */
final class HyteInputFixtures {

    record Cycle(long id, int year) {
    }

    private final JdbcClient jdbc;
    private final CaseFileService cases;
    private final String countyCode;

    HyteInputFixtures(JdbcClient jdbc, CaseFileService cases, String countyCode) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.countyCode = countyCode;
    }

    /** A running cycle whose NGO input closes at {@code inputDeadline}; themes one per line. */
    Cycle cycle(List<String> themes, OffsetDateTime createdAt, OffsetDateTime inputDeadline) {
        int year = HyteTestYears.next(jdbc);
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into hyte_cycle (county_code, cycle_year, business_key, themes, window_start, window_end, "
                        + "background_deadline, input_deadline, status, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(countyCode, year, "HYTE-" + year, String.join("\n", themes), java.time.LocalDate.of(2027, 4, 1),
                        java.time.LocalDate.of(2027, 5, 31), inputDeadline.minusDays(7), inputDeadline, HyteCycle.Status.OPEN.name(), "timo.laine", createdAt)
                .update(key, "id");
        return new Cycle(key.getKey().longValue(), year);
    }

    /** A negotiation of the cycle with these municipality organisations (the first is the case's). */
    long negotiation(Cycle cycle, String title, List<Long> municipalityOrganisationIds, OffsetDateTime at) {
        long caseId = cases.open(CaseKind.HYTE_NEGOTIATION, municipalityOrganisationIds.get(0), null, "hyte@pohde.example", "fi", null,
                Map.of("cycleBusinessKey", "HYTE-" + cycle.year())).caseFile().id();
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into hyte_negotiation (cycle_id, case_id, title, status, created_at) values (?, ?, ?, ?, ?)")
                .params(cycle.id(), caseId, title, "OPEN", at).update(key, "id");
        long id = key.getKey().longValue();
        for (int i = 0; i < municipalityOrganisationIds.size(); i++) {
            jdbc.sql("insert into hyte_negotiation_municipality (negotiation_id, organisation_id, position) values (?, ?, ?)")
                    .params(id, municipalityOrganisationIds.get(i), i).update();
        }
        return id;
    }

    void close(Cycle cycle, OffsetDateTime at) {
        jdbc.sql("update hyte_cycle set status = 'CLOSED_EARLY', closed_reason = 'testi', closed_by = 'timo.laine', closed_at = ? where id = ?")
                .params(at, cycle.id()).update();
    }
}
