package fi.silta.support;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import fi.silta.organisations.OrganisationService;
import fi.silta.organisations.OrganisationService.NewContact;
import fi.silta.organisations.OrganisationService.NewOrganisation;
import fi.silta.organisations.OrganisationType;

/** Fresh organisations and contacts for tests, unique per call (tests share one database). */
@Component
public class TestOrganisations {

    public record TestContact(long organisationId, long contactId, String organisationName, String email) {
    }

    private final OrganisationService organisations;

    public TestOrganisations(OrganisationService organisations) {
        this.organisations = organisations;
    }

    public TestContact newContact(String language) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "Testikylän kerho " + suffix;
        long organisationId = organisations.register(
                new NewOrganisation(name, null, OrganisationType.UNREGISTERED_GROUP, null, List.of("564")));
        String email = "contact-" + suffix + "@test.example";
        long contactId = organisations.addContact(organisationId, new NewContact("Testi Henkilö", email, null, language));
        return new TestContact(organisationId, contactId, name, email);
    }
}
