package fi.silta.demo;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.SiltaProperties;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.OrganisationService;
import fi.silta.organisations.OrganisationService.NewContact;
import fi.silta.organisations.OrganisationService.NewOrganisation;
import fi.silta.organisations.OrganisationType;
import fi.silta.security.Roles;

/**
 * Demo users for every role and a handful of organisations of Pohjois-Pohjanmaa (fictional,
 * with valid business ids). Only when {@code silta.demo.enabled}; never in production.
 */
@Component
public class DemoData {

    public record DemoUser(String id, String firstName, String lastName, Roles role) {
    }

    public static final List<DemoUser> USERS = List.of(
            new DemoUser("aino.virtanen", "Aino", "Virtanen", Roles.COORDINATOR),
            new DemoUser("mikko.korhonen", "Mikko", "Korhonen", Roles.REVIEWER),
            new DemoUser("liisa.nieminen", "Liisa", "Nieminen", Roles.REVIEWER),
            new DemoUser("jussi.makinen", "Jussi", "Mäkinen", Roles.REVIEWER),
            new DemoUser("helena.hamalainen", "Helena", "Hämäläinen", Roles.DECISION_MAKER),
            new DemoUser("timo.laine", "Timo", "Laine", Roles.HYTE_COORDINATOR),
            new DemoUser("sanna.heikkinen", "Sanna", "Heikkinen", Roles.LIAISON),
            new DemoUser("pekka.koskinen", "Pekka", "Koskinen", Roles.MANAGER),
            new DemoUser("ilkka.jarvinen", "Ilkka", "Järvinen", Roles.ADMINISTRATOR));

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private final IdentityService identityService;
    private final OrganisationService organisationService;
    private final OrganisationRepository organisations;
    private final String password;

    public DemoData(IdentityService identityService, OrganisationService organisationService,
            OrganisationRepository organisations, SiltaProperties properties) {
        this.identityService = identityService;
        this.organisationService = organisationService;
        this.organisations = organisations;
        this.password = properties.demo().password();
    }

    @Transactional
    public void load() {
        for (DemoUser demo : USERS) {
            if (identityService.createUserQuery().userId(demo.id()).count() == 0) {
                User user = identityService.newUser(demo.id());
                user.setFirstName(demo.firstName());
                user.setLastName(demo.lastName());
                user.setEmail(demo.id() + "@pohde.example");
                user.setPassword(password);
                identityService.saveUser(user);
                identityService.createMembership(demo.id(), demo.role().groupId());
            }
        }
        if (organisations.count() > 0) {
            return;
        }
        organisation("Oulun Seudun Omaishoitajat ry", "2145876-6", OrganisationType.REGISTERED_ASSOCIATION, "201.455",
                List.of("564", "244", "425"), new NewContact("Maija Salo", "maija.salo@omaishoitajat.example", null, "fi"));
        organisation("Raahen Mielenterveysyhdistys ry", "2987650-8", OrganisationType.REGISTERED_ASSOCIATION, "155.902",
                List.of("678"), new NewContact("Kari Lehto", "kari.lehto@raahenmty.example", null, "fi"));
        organisation("Kuusamon Nuorisotyön Tuki ry", "3012457-3", OrganisationType.REGISTERED_ASSOCIATION, "223.118",
                List.of("305"), new NewContact("Emma Pohjola", "emma.pohjola@kuusamonnuoret.example", null, "fi"));
        organisation("Pohjois-Pohjanmaan Ruoka-apuverkosto ry", "2456318-2", OrganisationType.REGISTERED_ASSOCIATION, "219.774",
                List.of("564", "678", "977"), new NewContact("Anna Lindqvist", "anna.lindqvist@ruoka-apu.example", null, "sv"));
        organisation("Koillismaan Hyvinvointisäätiö sr", "1598742-6", OrganisationType.FOUNDATION, null,
                List.of("305", "832"), new NewContact("Olli Kemppainen", "olli.kemppainen@koillissaatio.example", null, "fi"));
        organisation("Haukiputaan kyläkerho", null, OrganisationType.UNREGISTERED_GROUP, null,
                List.of("564"), new NewContact("Sirkka Jokela", "sirkka.jokela@kylakerho.example", null, "fi"));
        log.info("Demo data loaded: {} users, {} organisations", USERS.size(), organisations.count());
    }

    private void organisation(String name, String businessId, OrganisationType type, String associationNumber,
            List<String> municipalities, NewContact contact) {
        long id = organisationService.register(new NewOrganisation(name, businessId, type, associationNumber, municipalities));
        long contactId = organisationService.addContact(id, contact);
        organisationService.markVerified(contactId, "demo");
    }
}
