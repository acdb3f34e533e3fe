package fi.silta.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import fi.silta.web.Locales;

/**
 * Tasklist filters per role, created at start and kept as declared here on every restart.
 * Tasklist shows filter names as stored, so they are stored in Finnish (from the bundle).
 */
@Component
public class TasklistFilters {

    static final String KEY = "siltaFilter";

    /** One filter: its key (for messages and to find it again), who sees it, and its query. */
    public record Definition(String key, int priority, List<Roles> roles, Function<TaskService, TaskQuery> query) {
    }

    private final FilterService filterService;
    private final TaskService taskService;
    private final StaffIdentitySetup identity;
    private final MessageSource messages;
    private final List<Definition> definitions = new ArrayList<>();

    public TasklistFilters(FilterService filterService, TaskService taskService, StaffIdentitySetup identity,
            MessageSource messages) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.identity = identity;
        this.messages = messages;
        List<Roles> everyone = Roles.taskRoles();
        definitions.add(new Definition("mine", -10, everyone,
                ts -> ts.createTaskQuery().taskAssigneeExpression("${currentUser()}")));
        definitions.add(new Definition("group", -5, everyone,
                ts -> ts.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned()));
        definitions.add(new Definition("overdue", 0, everyone,
                ts -> ts.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .includeAssignedTasks().dueBeforeExpression("${now()}")));
        // hyte coordinators verify municipalities' contacts (the filter lists only their own groups' tasks)
        definitions.add(new Definition("contactVerification", 10, List.of(Roles.COORDINATOR, Roles.HYTE_COORDINATOR),
                ts -> ownGroups(ts.createTaskQuery().processDefinitionKey("organisationContactVerification"))));
    }

    /**
     * Narrows a procedure's filter to the tasks of the signed-in user's own groups (assigned or not),
     * so that an outsider's task of the same process (candidate group {@code external}) is never listed.
     */
    public static TaskQuery ownGroups(TaskQuery query) {
        return query.taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks();
    }

    /** Lets a procedure add its own filter (called before start-up completes). */
    public void add(Definition definition) {
        definitions.add(definition);
    }

    public void apply() {
        Map<String, Filter> existing = new LinkedHashMap<>();
        for (Filter filter : filterService.createTaskFilterQuery().list()) {
            Object key = filter.getProperties() == null ? null : filter.getProperties().get(KEY);
            if (key != null) {
                existing.put(key.toString(), filter);
            }
        }
        for (Definition definition : definitions) {
            Filter filter = existing.getOrDefault(definition.key(), filterService.newTaskFilter());
            filter.setName(text("filter." + definition.key() + ".name"));
            filter.setQuery(definition.query().apply(taskService));
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put(KEY, definition.key());
            properties.put("description", text("filter." + definition.key() + ".description"));
            properties.put("priority", definition.priority());
            properties.put("refresh", true);
            properties.put("variables", List.of(
                    Map.of("name", "caseReference", "label", text("filter.variable.caseReference")),
                    Map.of("name", "organisationName", "label", text("filter.variable.organisationName"))));
            filter.setProperties(properties);
            filterService.saveFilter(filter);
            for (Roles role : definition.roles()) {
                identity.grant(role, Resources.FILTER, filter.getId(), Permissions.READ);
            }
        }
    }

    private String text(String key) {
        return messages.getMessage(key, null, Locales.FINNISH);
    }
}
