package fi.silta.portal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseRepository;
import fi.silta.organisations.Contact;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.Verification;

/**
 * Which organisation a signed-in person acts for on a form. A person who is a contact of several
 * organisations chooses on every form that acts for one ({@code organisationId} in the address
 * and in the form); with one contact record there is nothing to choose.
 */
@Component
public class OrganisationChoice {

    /** An organisation the person is a contact of, with the state of their verification. */
    public record Choice(long organisationId, String organisationName, boolean verified) {
    }

    /**
     * The person's choice on a form page: {@code contact} null while they must still choose (or are
     * no one's contact); {@code pendingCase} the reference of their verification case while it is pending.
     */
    public record Chosen(Contact contact, String organisationName, List<Choice> choices, String pendingCase) {
        public boolean mustChoose() {
            return contact == null && !choices.isEmpty();
        }

        public boolean verified() {
            return contact != null && contact.verification() == Verification.VERIFIED;
        }
    }

    private final OrganisationRepository organisations;
    private final CaseRepository cases;

    public OrganisationChoice(OrganisationRepository organisations, CaseRepository cases) {
        this.organisations = organisations;
        this.cases = cases;
    }

    /** The organisations {@code email} is a contact of (rejected contacts left out). */
    public List<Choice> choices(String email) {
        return choices(contacts(email));
    }

    /** The person's contact records, rejected ones left out. */
    private List<Contact> contacts(String email) {
        return organisations.contactsByEmail(email).stream().filter(c -> c.verification() != Verification.REJECTED).toList();
    }

    private List<Choice> choices(List<Contact> contacts) {
        Map<Long, String> names = organisations.names(contacts.stream().map(Contact::organisationId).toList());
        return contacts.stream().map(c -> new Choice(c.organisationId(), names.get(c.organisationId()),
                c.verification() == Verification.VERIFIED)).toList();
    }

    /** What {@code email} chose ({@code organisationId}, null when not given): only one of their own organisations. */
    public Chosen chosen(String email, Long organisationId) {
        List<Contact> contacts = contacts(email);
        List<Choice> choices = choices(contacts);
        Optional<Choice> choice = organisationId != null
                ? choices.stream().filter(c -> c.organisationId() == organisationId).findFirst()
                : choices.size() == 1 ? Optional.of(choices.get(0)) : Optional.empty();
        if (choice.isEmpty()) {
            return new Chosen(null, null, choices, null);
        }
        long chosenId = choice.get().organisationId();
        Contact contact = contacts.stream().filter(c -> c.organisationId() == chosenId).findFirst().orElseThrow();
        String pending = contact.verification() == Verification.VERIFIED ? null
                : cases.byContactEmail(email).stream()
                        .filter(c -> c.kind() == CaseKind.CONTACT_REGISTRATION && Long.valueOf(contact.id()).equals(c.contactId()))
                        .map(CaseFile::reference).findFirst().orElse(null);
        return new Chosen(contact, choice.get().organisationName(), choices, pending);
    }
}
