package fi.silta.grants;

import java.util.List;

import org.springframework.stereotype.Component;

import fi.silta.security.Roles;
import fi.silta.security.TasklistFilters;

/**
 * The Tasklist filter of the use-of-funds reports for coordinators: "Käyttöselvitykset", the reviews and the overdue
 * reports of the coordinator's own groups, never the organisation's own task (names from {@code filter.grantReports.*}).
 */
@Component
class GrantReportFilter {

    static final String KEY = "grantReports";
    static final String PROCESS_KEY = "grantUseOfFundsReport";

    GrantReportFilter(TasklistFilters filters) {
        filters.add(new TasklistFilters.Definition(KEY, 21, List.of(Roles.COORDINATOR),
                ts -> TasklistFilters.ownGroups(ts.createTaskQuery().processDefinitionKey(PROCESS_KEY))));
    }
}
