package fi.silta.negotiations;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Helpers of the hyte cycle tests: a year no cycle of the county has yet, the start form's values, a verified contact. */
@Component
class HyteCycleFixtures {

    static final String HYTE_COORDINATOR = "timo.laine";
    static final String LIAISON = "sanna.heikkinen";

    private final JdbcClient jdbc;
    private final FormService formService;
    private final RepositoryService repositoryService;
    private final IdentityService identityService;

    HyteCycleFixtures(JdbcClient jdbc, FormService formService, RepositoryService repositoryService, IdentityService identityService) {
        this.jdbc = jdbc;
        this.formService = formService;
        this.repositoryService = repositoryService;
        this.identityService = identityService;
    }

    /**
     * A year no cycle exists for (in any county, so that a test of another county's context sharing the database does
     * not collide either), with the engine's clock set to 4 January of that year at 12.00 Helsinki time.
     */
    synchronized int freshYear() {
        int year = HyteTestYears.next(jdbc);
        ClockUtil.setCurrentTime(Date.from(Instant.parse(year + "-01-04T10:00:00Z")));
        return year;
    }

    static Map<String, Object> startForm(int year) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("year", year);
        variables.put("themes", "Yksinäisyyden vähentäminen\nLasten ja nuorten liikunta");
        variables.put("windowStart", year + "-03-01");
        variables.put("windowEnd", year + "-11-30");
        variables.put("backgroundDeadline", year + "-02-15T16:00");
        variables.put("inputDeadline", year + "-02-22T16:00");
        variables.put("grouping", "perMunicipality");
        return variables;
    }

    ProcessInstance start(Map<String, Object> variables) {
        return startAs(HYTE_COORDINATOR, null, variables);
    }

    ProcessInstance startAs(String user, String businessKey, Map<String, Object> variables) {
        String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(HyteCycles.PROCESS_KEY)
                .latestVersion().singleResult().getId();
        identityService.setAuthentication(user, List.of("hyteCoordinators"));
        try {
            return businessKey == null ? formService.submitStartForm(definitionId, variables)
                    : formService.submitStartForm(definitionId, businessKey, variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** A verified contact of an organisation (as a coordinator's verification leaves it). */
    String verifiedContact(long organisationId) {
        String email = "hyte-" + UUID.randomUUID().toString().substring(0, 8) + "@kunta.example";
        jdbc.sql("insert into organisation_contact (organisation_id, name, email, language, verification, verified_at, verified_by, "
                        + "created_at) values (?, ?, ?, 'fi', 'VERIFIED', ?, 'timo.laine', ?)")
                .params(organisationId, "Kunnan yhteyshenkilö", email, OffsetDateTime.now(), OffsetDateTime.now()).update();
        return email;
    }
}
