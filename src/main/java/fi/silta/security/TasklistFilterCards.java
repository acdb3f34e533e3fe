package fi.silta.security;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import fi.silta.web.StaffHomeCards;

/**
 * The staff home's first group: the Tasklist filters the signed-in user may read, each with its count
 * as Tasklist counts it (the engine's authentication is the user's with their groups while the filters
 * are listed and counted, so {@code ${currentUser()}}, {@code ${currentUserGroups()}} and the
 * authorizations on filters and tasks are theirs), each linking to Tasklist with that filter selected.
 * One count query per filter: the home stays cheap however much history there is.
 */
@Component
public class TasklistFilterCards implements StaffHomeCards {

    /** Tasklist with a filter selected (Tasklist keeps the filter in the hash's query: {@code #/?filter=<id>}). */
    static final String TASKLIST = "/camunda/app/tasklist/default/";

    /** A filter the user reads and its count ({@code null} when its query cannot be run: the filter is still listed). */
    public record FilterCount(String id, String key, String name, int priority, Long count) {
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TasklistFilterCards.class);
    private final FilterService filterService;
    private final IdentityService identityService;
    private final MessageSource messages;

    public TasklistFilterCards(FilterService filterService, IdentityService identityService, MessageSource messages) {
        this.filterService = filterService;
        this.identityService = identityService;
        this.messages = messages;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<Group> cards(Authentication user, Locale locale) {
        if (!Roles.anyOf(user, Roles.tasklistUsers())) {
            return Optional.empty();
        }
        List<Card> cards = new java.util.ArrayList<>();
        for (FilterCount filter : counts(user.getName(), locale)) {
            cards.add(new Card(filter.name(), TASKLIST + "#/?filter=" + filter.id(), filter.count(), null));
        }
        cards.add(new Card(text("staff.home.tasklist.open", locale), TASKLIST, null, null));
        return Optional.of(new Group("tasks", text("staff.home.tasks", locale), text("staff.home.tasks.intro", locale), cards));
    }

    /**
     * The filters {@code userId} may read, in Tasklist's order (priority, then name), each with the number
     * of tasks Tasklist would list under it for that user now; names from the bundles in the reader's language.
     */
    public List<FilterCount> counts(String userId, Locale locale) {
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(org.camunda.bpm.engine.identity.Group::getId).toList();
        identityService.setAuthentication(userId, groups);
        try {
            return filterService.createTaskFilterQuery().list().stream()
                    .map(f -> new FilterCount(f.getId(), key(f), name(f, locale), priority(f), count(f)))
                    .sorted(Comparator.comparingInt(FilterCount::priority).thenComparing(FilterCount::name))
                    .toList();
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** The filter's count; a filter whose query fails (one made in Tasklist with a bad expression) must not take the home down. */
    private Long count(Filter filter) {
        try {
            return filterService.count(filter.getId());
        } catch (org.camunda.bpm.engine.ProcessEngineException e) {
            log.warn("Tasklist filter {} ({}) could not be counted: {}", filter.getId(), filter.getName(), e.getMessage());
            return null;
        }
    }

    private static String key(Filter filter) {
        Map<String, Object> properties = filter.getProperties();
        Object key = properties == null ? null : properties.get(TasklistFilters.KEY);
        return key == null ? null : key.toString();
    }

    private String name(Filter filter, Locale locale) {
        String key = key(filter);
        return key == null ? filter.getName() : messages.getMessage("filter." + key + ".name", null, filter.getName(), locale);
    }

    private static int priority(Filter filter) {
        Object priority = filter.getProperties() == null ? null : filter.getProperties().get("priority");
        return priority instanceof Number n ? n.intValue() : 0;
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
