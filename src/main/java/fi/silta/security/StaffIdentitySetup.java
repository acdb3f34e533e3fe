package fi.silta.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Arrays;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import fi.silta.web.Locales;

/**
 * Creates the staff groups and their Camunda authorizations, and keeps them as declared here
 * on every start: each role sees and does its own work and no more.
 */
@Component
public class StaffIdentitySetup {

    public static final String ALL = Authorization.ANY;
    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final MessageSource messages;

    public StaffIdentitySetup(IdentityService identityService, AuthorizationService authorizationService,
            MessageSource messages) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.messages = messages;
    }

    /** The process definitions of hyte negotiation cases (their instances carry a case's content). */
    static final java.util.List<String> HYTE_CASE_PROCESSES = java.util.List.of("hyteNegotiation", "hyteMeasureFollowUp", "hyteMeasureReview");

    public void apply() {
        for (Roles role : Roles.values()) {
            ensureGroup(role.groupId(), "role." + role.name(),
                    role == Roles.ADMINISTRATOR ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
        }
        // the scraping account's group: no authorization at all (one added in Admin is taken away again)
        ensureGroup(Roles.MONITORING, "role.MONITORING", Groups.GROUP_TYPE_SYSTEM);
        for (Authorization held : authorizationService.createAuthorizationQuery().groupIdIn(Roles.MONITORING).list()) {
            authorizationService.deleteAuthorization(held.getId());
        }
        for (Roles role : Roles.taskRoles()) {
            grant(role, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(role, Resources.PROCESS_DEFINITION, ALL, ProcessDefinitionPermissions.READ);
        }
        // coordinators run the procedures: they follow every case in Cockpit (read only) and start rounds
        grant(Roles.COORDINATOR, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Roles.COORDINATOR, Resources.PROCESS_DEFINITION, ALL, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE,
                ProcessDefinitionPermissions.READ_TASK);
        // coordinators start grant rounds and commenting rounds; every other procedure starts from Silta's own code (a portal submission
        // opens its case and process together), never from Tasklist or /engine-rest with variables of one's choosing
        grant(Roles.COORDINATOR, Resources.PROCESS_DEFINITION, "grantRound", ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(Roles.COORDINATOR, Resources.PROCESS_DEFINITION, "planCommentingRound", ProcessDefinitionPermissions.CREATE_INSTANCE);
        // (instances are read through their definitions' READ_INSTANCE above, so that a procedure's definition can be kept from them)
        grant(Roles.COORDINATOR, Resources.PROCESS_INSTANCE, ALL, ProcessInstancePermissions.CREATE);
        // hyte negotiations are no NGO coordinator's need-to-know (negotiations.HyteCaseAccessRule): neither Cockpit nor the
        // engine API shows their instances, variables, history or tasks to them
        for (String key : HYTE_CASE_PROCESSES) {
            revoke(Roles.COORDINATOR, Resources.PROCESS_DEFINITION, key, ProcessDefinitionPermissions.READ_HISTORY,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                    ProcessDefinitionPermissions.READ_HISTORY_VARIABLE, ProcessDefinitionPermissions.READ_TASK);
        }
        // hyte coordinators start the year's hyte negotiation cycle from Tasklist (its negotiations are opened by the model)
        grant(Roles.HYTE_COORDINATOR, Resources.PROCESS_DEFINITION, "hyteNegotiationCycle", ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(Roles.HYTE_COORDINATOR, Resources.PROCESS_INSTANCE, ALL, ProcessInstancePermissions.CREATE);
        grant(Roles.COORDINATOR, Resources.DECISION_DEFINITION, ALL, Permissions.READ, Permissions.READ_HISTORY);
        grant(Roles.COORDINATOR, Resources.DEPLOYMENT, ALL, Permissions.READ);
        // managers watch: Cockpit, everything readable, nothing changeable
        grant(Roles.MANAGER, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Roles.MANAGER, Resources.PROCESS_DEFINITION, ALL, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE,
                ProcessDefinitionPermissions.READ_TASK);
        grant(Roles.MANAGER, Resources.PROCESS_INSTANCE, ALL, ProcessInstancePermissions.READ);
        grant(Roles.MANAGER, Resources.DECISION_DEFINITION, ALL, Permissions.READ, Permissions.READ_HISTORY);
        grant(Roles.MANAGER, Resources.DECISION_REQUIREMENTS_DEFINITION, ALL, Permissions.READ);
        grant(Roles.MANAGER, Resources.DEPLOYMENT, ALL, Permissions.READ);
        grant(Roles.MANAGER, Resources.TASK, ALL, Permissions.READ);
        // administrators: everything, Admin included
        for (Resources resource : Resources.values()) {
            grant(Roles.ADMINISTRATOR, resource, ALL, Permissions.ALL);
        }
    }

    private void ensureGroup(String groupId, String nameKey, String type) {
        String name = messages.getMessage(nameKey, null, Locales.FINNISH);
        Group group = identityService.createGroupQuery().groupId(groupId).singleResult();
        if (group == null) {
            group = identityService.newGroup(groupId);
        } else if (name.equals(group.getName())) {
            return;
        }
        group.setName(name);
        group.setType(type);
        identityService.saveGroup(group);
    }

    /** Takes these permissions on the resource away from the group, over a grant on every resource of the type. */
    void revoke(Roles role, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_REVOKE).groupIdIn(role.groupId())
                .resourceType(resource).resourceId(resourceId).singleResult();
        if (existing != null && Arrays.stream(permissions).allMatch(existing::isPermissionRevoked)) {
            return;
        }
        Authorization authorization = existing;
        if (authorization == null) {
            authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
            authorization.setGroupId(role.groupId());
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        for (Permission permission : permissions) {
            authorization.removePermission(permission);
        }
        authorizationService.saveAuthorization(authorization);
    }

    /** Grants the group exactly these permissions on the resource (others are taken away). */
    void grant(Roles role, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = authorizationService.createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT).groupIdIn(role.groupId())
                .resourceType(resource).resourceId(resourceId).singleResult();
        if (authorization == null) {
            authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(role.groupId());
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        } else if (samePermissions(authorization, resource, permissions)) {
            return;
        }
        authorization.setPermissions(permissions);
        authorizationService.saveAuthorization(authorization);
    }

    private static boolean samePermissions(Authorization authorization, Resource resource, Permission[] wanted) {
        Set<String> held = new java.util.TreeSet<>();
        for (Permission p : authorization.getPermissions(
                ResourceTypeUtil.getPermissionsByResourceType(resource.resourceType()))) {
            held.add(p.getName());
        }
        Set<String> want = new java.util.TreeSet<>();
        Arrays.stream(wanted).map(Permission::getName).forEach(want::add);
        return held.equals(want) || (want.contains("ALL") && authorization.isEveryPermissionGranted());
    }

}
