package fi.silta.negotiations;

import java.util.List;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseKind;
import fi.silta.security.Roles;
import fi.silta.security.TasklistFilters;

/**
 * The Tasklist filter "Hyte-neuvottelut" for hyte coordinators (and the liaisons' statement task): the tasks of the
 * cycles and the negotiations of the user's own groups (names from {@code filter.hyteNegotiations.*}).
 */
@Component
class HyteFilter {

    static final String KEY = "hyteNegotiations";

    HyteFilter(TasklistFilters filters) {
        filters.add(new TasklistFilters.Definition(KEY, 40, List.of(Roles.HYTE_COORDINATOR, Roles.LIAISON),
                ts -> TasklistFilters.ownGroups(ts.createTaskQuery()
                        .processDefinitionKeyIn(HyteCycles.PROCESS_KEY, HyteCycles.YEARLY_PROCESS_KEY, CaseKind.HYTE_NEGOTIATION.processKey(),
                                HyteMemoDelegates.FOLLOW_UP_PROCESS, HyteMemoDelegates.REVIEW_PROCESS))));
    }
}
