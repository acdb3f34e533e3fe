package fi.silta.security;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Staff members as the identity service knows them (Camunda's tables now, LDAP later): who is in a
 * group, and a person's name. Used to fill choices in Tasklist forms, to check them on the server
 * and to name a contact person on the portal.
 * <p>
 * Reads without the current user's authorizations: a coordinator completing a task has no READ on
 * users, yet the choices of that task are other staff members. Only ids, names and e-mail
 * addresses are read; nothing is changed.
 */
@Component
public class StaffDirectory {

    /** A staff member: user id, display name ("Aino Virtanen", the id when no name is given) and e-mail. */
    public record StaffMember(String id, String name, String email) {
    }

    private final IdentityService identityService;

    public StaffDirectory(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** The members of a group, by last and first name. */
    public List<StaffMember> members(String groupId) {
        return unrestricted(() -> identityService.createUserQuery().memberOfGroup(groupId)
                .orderByUserLastName().asc().orderByUserFirstName().asc().orderByUserId().asc().list())
                .stream().map(StaffDirectory::member).toList();
    }

    public boolean isMember(String userId, String groupId) {
        if (userId == null || userId.isBlank()) {
            return false;
        }
        return unrestricted(() -> identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count()) > 0;
    }

    public Optional<StaffMember> find(String userId) {
        if (userId == null || userId.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(unrestricted(() -> identityService.createUserQuery().userId(userId).singleResult()))
                .map(StaffDirectory::member);
    }

    private static StaffMember member(User user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return new StaffMember(user.getId(), name.isEmpty() ? user.getId() : name, user.getEmail());
    }

    /** Runs a query of the identity service as the system, then restores the current user. */
    private <T> T unrestricted(Supplier<T> query) {
        Authentication current = identityService.getCurrentAuthentication();
        if (current == null) {
            return query.get();
        }
        identityService.clearAuthentication();
        try {
            return query.get();
        } finally {
            identityService.setAuthentication(current);
        }
    }
}
