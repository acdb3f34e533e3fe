package fi.silta.organisations;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.web.EmailAddresses;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;

/** The organisation registry: registration with its rules, contacts and their verification. */
@Service
public class OrganisationService {

    /** A practical e-mail check: one @, no spaces, a dot in the domain. */

    public record NewOrganisation(String name, String businessId, OrganisationType type, String associationNumber,
            List<String> municipalityCodes) {
    }

    /**
     * @param electronicNoticeConsent the person consents to decisions being notified by e-mail (13/2003, 19 §);
     *                                without it a decision is sent as a letter (hallintolaki 59 §)
     */
    public record NewContact(String name, String email, String phone, String language, boolean electronicNoticeConsent) {
        public NewContact(String name, String email, String phone, String language) {
            this(name, email, phone, language, false);
        }
    }

    private final OrganisationRepository organisations;
    private final ReferenceData referenceData;
    private final Clock clock;

    public OrganisationService(OrganisationRepository organisations, ReferenceData referenceData, Clock clock) {
        this.organisations = organisations;
        this.referenceData = referenceData;
        this.clock = clock;
    }

    /** Registers an organisation after checking every rule; nothing is stored when any fails. */
    @Transactional
    public long register(NewOrganisation org) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (org.name() == null || org.name().isBlank()) {
            errors.add("name", "validation.required");
        }
        String businessId = org.businessId() == null || org.businessId().isBlank() ? null : BusinessId.normalise(org.businessId());
        if (businessId == null && org.type() != OrganisationType.UNREGISTERED_GROUP) {
            errors.add("businessId", "validation.required");
        } else if (businessId != null && !BusinessId.isValid(businessId)) {
            errors.add("businessId", "validation.businessId");
        } else if (businessId != null && organisations.findByBusinessId(businessId).isPresent()) {
            errors.add("businessId", "validation.businessId.taken");
        }
        if (org.type() == null) {
            errors.add("type", "validation.required");
        }
        for (String code : org.municipalityCodes()) {
            if (referenceData.municipality(code).isEmpty()) {
                errors.add("municipalities", "validation.municipality", code);
            }
        }
        errors.throwIfAny();
        long id = organisations.insert(org.name().strip(), businessId, org.type(),
                blankToNull(org.associationNumber()), now());
        org.municipalityCodes().stream().distinct().forEach(code -> organisations.addMunicipality(id, code));
        return id;
    }

    /** Adds a contact person, unverified. */
    @Transactional
    public long addContact(long organisationId, NewContact contact) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (contact.name() == null || contact.name().isBlank()) {
            errors.add("contactName", "validation.required");
        }
        String email = normaliseEmail(contact.email());
        if (contact.email() == null || contact.email().isBlank()) {
            errors.add("email", "validation.required");
        } else if (email == null) {
            errors.add("email", EmailAddresses.problem(contact.email()));
        } else if (organisations.contactByEmail(organisationId, email).isPresent()) {
            errors.add("email", "validation.email.taken");
        }
        errors.throwIfAny();
        String language = Locales.of(contact.language()).getLanguage();
        return organisations.insertContact(organisationId, contact.name().strip(), email, blankToNull(contact.phone()),
                language, contact.electronicNoticeConsent(), now());
    }

    @Transactional
    public void markVerified(long contactId, String by) {
        setVerification(contactId, Verification.VERIFIED, by);
    }

    @Transactional
    public void markRejected(long contactId, String by) {
        setVerification(contactId, Verification.REJECTED, by);
    }

    private void setVerification(long contactId, Verification verification, String by) {
        if (organisations.setVerification(contactId, verification, by, now()) != 1) {
            throw new IllegalArgumentException("no contact " + contactId);
        }
    }

    /** The address as Silta keeps it ({@link EmailAddresses#normalise}), or null when it is none. */
    public static String normaliseEmail(String email) {
        return EmailAddresses.normalise(email);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
