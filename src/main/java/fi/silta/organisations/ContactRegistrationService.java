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
    private final String countyCode;

    public ContactRegistrationService(OrganisationService organisationService, OrganisationRepository organisations,
            ContactVerificationService verification, DocumentService documents, CaseRepository cases,
            fi.silta.SiltaProperties properties) {
        this.countyCode = properties.countyCode();
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
        if (known.isPresent() && known.get().isMunicipality()) {
            // a municipality's contact registers on its own page, choosing the municipality (never through an NGO's business id)
            throw InvalidInput.of("businessId", "registration.municipality.useOwnForm");
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

    /** The typed values of a municipality contact's registration form: the municipality chosen from the county's. */
    public record MunicipalityRegistration(String municipalityOrganisationId, String contactName, String phone, String language,
            boolean electronicNoticeConsent) {
    }

    /**
     * A person registers as a contact of a municipality of the served county, chosen from the county's municipality
     * organisations (never a new organisation); verified by a coordinator or a hyte coordinator in the same
     * {@code organisationContactVerification} case as an NGO's contact. Anything but a municipality of the served
     * county is refused and nothing is stored.
     */
    @Transactional
    public OpenedCase registerMunicipalityContact(String email, MunicipalityRegistration registration, List<Upload> attachments,
            String submissionKey) {
        Organisation municipality = servedMunicipality(registration.municipalityOrganisationId())
                .orElseThrow(() -> InvalidInput.of("municipality", "registration.municipality.unknown"));
        if (organisations.contactByEmail(municipality.id(), email).isPresent()) {
            throw InvalidInput.of("municipality", "registration.municipality.alreadyContact");
        }
        long contactId = organisationService.addContact(municipality.id(),
                new NewContact(registration.contactName(), email, registration.phone(), registration.language(),
                        registration.electronicNoticeConsent()));
        OpenedCase opened = verification.requestVerification(contactId, submissionKey, null);
        documents.storeAll(opened.caseFile().id(), attachments, email);
        return opened;
    }

    /** The municipality organisation of the served county with this id (as posted), if it is one. */
    public Optional<Organisation> servedMunicipality(String organisationId) {
        if (organisationId == null || !organisationId.strip().matches("\\d{1,18}")) {
            return Optional.empty();
        }
        long id = Long.parseLong(organisationId.strip());
        return organisations.municipalitiesOf(countyCode).stream().filter(o -> o.id() == id).findFirst();
    }

    /** The municipalities of the served county, by name, for the registration form's choice. */
    public List<Organisation> servedMunicipalities() {
        return organisations.municipalitiesOf(countyCode);
    }

    private boolean alreadyContactOfOneNamed(String email, String name) {
        String wanted = name == null ? "" : name.strip();
        return organisations.names(organisations.contactsByEmail(email).stream().map(Contact::organisationId).toList())
                .values().stream().anyMatch(known -> known.strip().equalsIgnoreCase(wanted));
    }

}
