package fi.silta.grants;

import java.util.List;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseKind;
import fi.silta.security.Roles;
import fi.silta.security.TasklistFilters;

/**
 * The Tasklist filter of the grant procedure for coordinators: "Avustushaut", the tasks of grant
 * rounds and grant applications of the coordinator's own groups, never an applicant's (names from {@code filter.grantRounds.*} in the bundles).
 */
@Component
class GrantRoundFilter {

    static final String KEY = "grantRounds";

    GrantRoundFilter(TasklistFilters filters) {
        filters.add(new TasklistFilters.Definition(KEY, 20, List.of(Roles.COORDINATOR),
                ts -> TasklistFilters.ownGroups(ts.createTaskQuery().processDefinitionKeyIn(GrantRoundService.PROCESS_KEY,
                        CaseKind.GRANT_APPLICATION.processKey()))));
    }
}
