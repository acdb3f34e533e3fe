package fi.silta.organisations;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseFileService.OpenedCase;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.documents.DocumentService;
import fi.silta.cases.documents.Upload;
import fi.silta.organisations.OrganisationService.NewContact;
import fi.silta.organisations.OrganisationService.NewOrganisation;
import fi.silta.web.InvalidInput;

/**
 * The first thing an NGO does in the portal: a person registers as a contact of an
 * organisation (new to Silta or known by its business id). Organisation, contact, case,
 * attachments and the verification process are written in one transaction: all or nothing.
 */
@Service
public class ContactRegistrationService {

    public static final String ATTACHMENT_FIELD = "authorisation";

    /** The typed values of the contact-registration form. */
    public record Registration(String organisationName, OrganisationType organisationType, String businessId,
            String associationNumber, List<String> municipalities, String contactName, String phone, String language,
            boolean electronicNoticeConsent) {
    }

    private final OrganisationService organisationService;
    private final OrganisationRepository organisations;
    private final ContactVerificationService verification;
    private final DocumentService documents;
    private final CaseRepository cases;

    public ContactRegistrationService(OrganisationService organisationService, OrganisationRepository organisations,
            ContactVerificationService verification, DocumentService documents, CaseRepository cases) {
        this.organisationService = organisationService;
        this.organisations = organisations;
        this.verification = verification;
        this.documents = documents;
        this.cases = cases;
    }

    @Transactional
    public OpenedCase register(String email, Registration registration, List<Upload> attachments, String submissionKey) {
        String businessId = registration.businessId() == null ? null : BusinessId.normalise(registration.businessId());
        Optional<Organisation> known = businessId == null ? Optional.empty() : organisations.findByBusinessId(businessId);
        if (businessId == null && alreadyContactOfOneNamed(email, registration.organisationName())) {
            // a group without a Y-tunnus is known by its name only: the same person registering the same
            // name again (a fresh form page after "we do not know whether it was stored") makes no second one
            throw InvalidInput.of("organisationName", "registration.alreadyContact");
        }
        long organisationId = known.map(Organisation::id).orElseGet(() -> organisationService.register(new NewOrganisation(
                registration.organisationName(), businessId, registration.organisationType(),
                registration.associationNumber(), registration.municipalities())));
        if (organisations.contactByEmail(organisationId, email).isPresent()) {
            throw InvalidInput.of("organisationName", "registration.alreadyContact");
        }
        long contactId = organisationService.addContact(organisationId,
                new NewContact(registration.contactName(), email, registration.phone(), registration.language(),
                        registration.electronicNoticeConsent()));
        // an existing Y-tunnus under another name: the coordinator sees both names
        OpenedCase opened = verification.requestVerification(contactId, submissionKey, registration.organisationName());
        documents.storeAll(opened.caseFile().id(), attachments, email);
        return opened;
    }

    private boolean alreadyContactOfOneNamed(String email, String name) {
        String wanted = name == null ? "" : name.strip();
        return organisations.names(organisations.contactsByEmail(email).stream().map(Contact::organisationId).toList())
                .values().stream().anyMatch(known -> known.strip().equalsIgnoreCase(wanted));
    }

}
