package fi.silta.security;

import java.util.List;

/** Staff roles of Silta: each is a Camunda group (see ../shared/domain.md). */
public enum Roles {
    COORDINATOR("coordinators"),
    REVIEWER("reviewers"),
    DECISION_MAKER("decisionMakers"),
    HYTE_COORDINATOR("hyteCoordinators"),
    LIAISON("liaisons"),
    MANAGER("managers"),
    ADMINISTRATOR("camunda-admin");

    /** Candidate group of tasks done by outsiders in the portal; no staff member is in it. */
    public static final String EXTERNAL = "external";

    /**
     * Group of the accounts that scrape {@code /actuator/prometheus} (a Prometheus server): no staff
     * role, so not among {@link #values()}; it reaches no staff page, webapp, task, case or
     * {@code /engine-rest}, and has no Camunda authorization. Administrators may scrape too.
     */
    public static final String MONITORING = "monitoring";

    private final String groupId;

    Roles(String groupId) {
        this.groupId = groupId;
    }

    public String groupId() {
        return groupId;
    }

    /** Roles that work on tasks in Tasklist. */
    public static List<Roles> taskRoles() {
        return List.of(COORDINATOR, REVIEWER, DECISION_MAKER, HYTE_COORDINATOR, LIAISON);
    }

    /** Roles that follow whole cases: every review and score, the ranking of a round. Reviewers are not among them. */
    public static List<Roles> caseOverseers() {
        return List.of(COORDINATOR, DECISION_MAKER, MANAGER, ADMINISTRATOR);
    }

    /** Roles that may open Cockpit (read only, but every case): as the staff header links it. */
    public static List<Roles> cockpitUsers() {
        return List.of(COORDINATOR, MANAGER, ADMINISTRATOR);
    }

    /** Roles that may open Tasklist: those who work on tasks, and administrators. */
    public static List<Roles> tasklistUsers() {
        return List.of(COORDINATOR, REVIEWER, DECISION_MAKER, HYTE_COORDINATOR, LIAISON, ADMINISTRATOR);
    }

    /** Whether the signed-in user holds any of these roles. */
    public static boolean anyOf(org.springframework.security.core.Authentication user, List<Roles> roles) {
        return user != null && user.getAuthorities().stream()
                .anyMatch(a -> roles.stream().anyMatch(r -> r.authority().equals(a.getAuthority())));
    }

    /** Spring Security authority of a group. */
    public String authority() {
        return authority(groupId);
    }

    public static String authority(String groupId) {
        return "GROUP_" + groupId;
    }
}
