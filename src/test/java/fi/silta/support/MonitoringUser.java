package fi.silta.support;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

import fi.silta.security.Roles;

/** A person in the Camunda group {@code monitoring} (as an operator would add in Admin): signs in, scrapes, opens nothing else. */
public final class MonitoringUser {

    public static final String ID = "valvoja.testi";
    public static final String PASSWORD = "silta-demo";

    private MonitoringUser() {
    }

    /** Creates the user once; its id. */
    public static String ensure(IdentityService identityService) {
        if (identityService.createUserQuery().userId(ID).count() == 0) {
            User user = identityService.newUser(ID);
            user.setFirstName("Valvoja");
            user.setLastName("Testi");
            user.setEmail(ID + "@pohde.example");
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(ID, Roles.MONITORING);
        }
        return ID;
    }
}
