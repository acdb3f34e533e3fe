package fi.silta.organisations;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts {@code organisationContactVerification} for a new contact (the portal calls this). */
@Service
public class ContactVerificationService {

    public static final String PROCESS_KEY = "organisationContactVerification";
    private final OrganisationRepository organisations;
    private final RuntimeService runtimeService;

    public ContactVerificationService(OrganisationRepository organisations, RuntimeService runtimeService) {
        this.organisations = organisations;
        this.runtimeService = runtimeService;
    }

    /** Returns the process instance id. */
    @Transactional
    public String requestVerification(long contactId, String businessKey) {
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
        variables.put("associationNumber", organisation.associationNumber());
        return runtimeService.startProcessInstanceByKey(PROCESS_KEY, businessKey, variables).getId();
    }
}
