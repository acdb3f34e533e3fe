package fi.silta.organisations;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseFileService;
import fi.silta.cases.CaseFileService.OpenedCase;

/**
 * A new contact's verification is a case ({@code YH-2026-0001}) run by
 * {@code organisationContactVerification}; the portal opens it when a contact registers.
 */
@Service
public class ContactVerificationService {

    public static final String PROCESS_KEY = CaseKind.CONTACT_REGISTRATION.processKey();
    private final OrganisationRepository organisations;
    private final CaseFileService cases;

    public ContactVerificationService(OrganisationRepository organisations, CaseFileService cases) {
        this.organisations = organisations;
        this.cases = cases;
    }

    /** Opens the verification case of a contact; {@code submissionKey} makes a repeated submission harmless. */
    @Transactional
    public OpenedCase requestVerification(long contactId, String submissionKey) {
        return requestVerification(contactId, submissionKey, null);
    }

    /**
     * As above, with the organisation name the person typed: when it differs from the registry's
     * name for the same Y-tunnus, the coordinator's task shows both ({@code typedOrganisationName},
     * {@code typedNameDiffers}).
     */
    @Transactional
    public OpenedCase requestVerification(long contactId, String submissionKey, String typedOrganisationName) {
        Contact contact = organisations.contact(contactId).orElseThrow(() -> new IllegalArgumentException("no contact " + contactId));
        Organisation organisation = organisations.find(contact.organisationId()).orElseThrow();
        Map<String, Object> variables = new HashMap<>();
        variables.put("contactId", contact.id());
        variables.put("contactName", contact.name());
        variables.put("contactEmail", contact.email());
        variables.put("contactLanguage", contact.language());
        variables.put("organisationId", organisation.id());
        variables.put("organisationName", organisation.name());
        variables.put("businessId", organisation.businessId());
        // the mails to a municipality's contact speak of the municipality (only wording: who verifies is read from the case)
        variables.put("municipalityContact", organisation.isMunicipality());
        variables.put("associationNumber", organisation.associationNumber());
        boolean differs = typedOrganisationName != null && !typedOrganisationName.isBlank()
                && !typedOrganisationName.strip().equalsIgnoreCase(organisation.name().strip());
        variables.put("typedNameDiffers", differs);
        variables.put("typedOrganisationName", differs ? typedOrganisationName.strip() : null);
        return cases.open(CaseKind.CONTACT_REGISTRATION, organisation.id(), contact.id(), contact.email(), contact.language(),
                submissionKey, variables);
    }
}
