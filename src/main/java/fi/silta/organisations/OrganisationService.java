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

    /** The refusal of an organisation of a type no one registers (a municipality). */
    public static final String NOT_REGISTRABLE = "organisation.type.notRegistrable";
    /** The field of a refusal about the organisation as a whole (a staff page's error summary). */
    public static final String WHOLE = "organisation";

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

    private final org.springframework.context.ApplicationEventPublisher events;

    public OrganisationService(OrganisationRepository organisations, ReferenceData referenceData, Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
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
        } else if (!org.type().registrable()) {
            // municipalities come from the reference data (MunicipalityOrganisations), never from a form
            errors.add("organisationType", NOT_REGISTRABLE);
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

    /**
     * A hyte coordinator adds a contact of a municipality directly: verified at once, with who added and
     * verified it and when. Refused for any organisation that is not a municipality (an NGO's contacts
     * register and are verified in their own case), and for an address the municipality already has.
     */
    @Transactional
    public long addVerifiedMunicipalityContact(long organisationId, NewContact contact, String by) {
        Organisation organisation = organisations.find(organisationId)
                .orElseThrow(() -> new IllegalArgumentException("no organisation " + organisationId));
        if (!organisation.isMunicipality()) {
            throw InvalidInput.of(WHOLE, "organisation.contact.add.notMunicipality");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (contact.name() == null || contact.name().isBlank()) {
            errors.add("contactName", "validation.required");
        } else if (fi.silta.web.TextRules.problem(contact.name(), false) != null) {
            errors.add("contactName", fi.silta.web.TextRules.problem(contact.name(), false));
        } else if (contact.name().strip().length() > 200) {
            errors.add("contactName", "form.maxLength", 200);
        }
        String email = normaliseEmail(contact.email());
        if (contact.email() == null || contact.email().isBlank()) {
            errors.add("email", "validation.required");
        } else if (email == null) {
            errors.add("email", EmailAddresses.problem(contact.email()));
        } else if (organisations.contactByEmail(organisationId, email).isPresent()) {
            errors.add("email", "validation.email.taken");
        }
        if (contact.phone() != null && fi.silta.web.TextRules.problem(contact.phone(), false) != null) {
            errors.add("phone", fi.silta.web.TextRules.problem(contact.phone(), false));
        } else if (contact.phone() != null && contact.phone().strip().length() > 40) {
            errors.add("phone", "form.maxLength", 40);
        }
        errors.throwIfAny();
        String language = Locales.of(contact.language()).getLanguage();
        long contactId = organisations.insertVerifiedContact(organisationId, contact.name().strip(), email,
                blankToNull(contact.phone()), language, by, now());
        events.publishEvent(new ContactVerified(organisationId, contactId));
        return contactId;
    }

    /** Sets whether a municipality gets its documents in Swedish too; refused for any other organisation. */
    @Transactional
    public void setBilingual(long organisationId, boolean bilingual, String by) {
        if (organisations.setBilingual(organisationId, bilingual, by, now()) != 1) {
            throw InvalidInput.of(WHOLE, "organisation.bilingual.notMunicipality");
        }
    }

    @Transactional
    public void markVerified(long contactId, String by) {
        setVerification(contactId, Verification.VERIFIED, by);
        organisations.contact(contactId).ifPresent(c -> events.publishEvent(new ContactVerified(c.organisationId(), contactId)));
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
