package fi.silta.commenting;

import java.util.List;

import org.springframework.stereotype.Component;

import fi.silta.security.Roles;
import fi.silta.security.TasklistFilters;

/**
 * The Tasklist filter "Lausuntokierrokset" for coordinators (and the decision maker's approval):
 * the tasks of commenting rounds of the user's own groups (names from {@code filter.commentingRounds.*}).
 */
@Component
class CommentingFilter {

    static final String KEY = "commentingRounds";

    CommentingFilter(TasklistFilters filters) {
        filters.add(new TasklistFilters.Definition(KEY, 30, List.of(Roles.COORDINATOR, Roles.DECISION_MAKER),
                ts -> TasklistFilters.ownGroups(ts.createTaskQuery().processDefinitionKey(CommentingRoundService.PROCESS_KEY))));
    }
}
