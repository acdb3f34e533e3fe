package fi.silta.organisations;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.SiltaProperties;
import fi.silta.notifications.MailOutbox;
import fi.silta.organisations.OrganisationService.NewContact;

/**
 * What a hyte coordinator does for a municipality on its staff page: adds a contact directly (verified at
 * once, recorded who and when, and the person told by mail how to sign in) and sets the bilingual flag.
 * A municipality's contact may also register in the portal, verified in an {@code organisationContactVerification}
 * case as an NGO's contact is.
 */
@Service
public class MunicipalityContacts {

    static final String ADDED_MAIL = "hyte-municipality-contact-added";

    private final OrganisationService organisationService;
    private final OrganisationRepository organisations;
    private final MailOutbox outbox;
    private final SiltaProperties properties;
    private final ReferenceData referenceData;

    public MunicipalityContacts(OrganisationService organisationService, OrganisationRepository organisations, MailOutbox outbox,
            SiltaProperties properties, ReferenceData referenceData) {
        this.referenceData = referenceData;
        this.organisationService = organisationService;
        this.organisations = organisations;
        this.outbox = outbox;
        this.properties = properties;
    }

    /** Adds a verified contact to a municipality (refused for any other organisation) and mails them; returns the contact's id. */
    @Transactional
    public long addContact(long municipalityId, NewContact contact, String by) {
        requireServed(municipalityId, "organisation.contact.add.outsideCounty");
        long contactId = organisationService.addVerifiedMunicipalityContact(municipalityId, contact, by);
        Contact added = organisations.contact(contactId).orElseThrow();
        Organisation municipality = organisations.find(municipalityId).orElseThrow();
        Map<String, Object> model = new HashMap<>();
        model.put("contactName", added.name());
        // the municipality's name in the contact's language (Uleåborg for a Swedish-speaking contact of Oulu)
        model.put("organisationName", referenceData.municipality(municipality.municipalityCode())
                .map(m -> m.name(fi.silta.web.Locales.of(added.language()))).orElse(municipality.name()));
        model.put("baseUrl", properties.baseUrl());
        outbox.enqueue(ADDED_MAIL, added.email(), added.language(), model, null);
        return contactId;
    }

    /** Sets whether the municipality gets its documents in Swedish too (refused for any other organisation). */
    @Transactional
    public void setBilingual(long municipalityId, boolean bilingual, String by) {
        requireServed(municipalityId, "organisation.bilingual.outsideCounty");
        organisationService.setBilingual(municipalityId, bilingual, by);
    }

    /**
     * A municipality outside the served county (one that left it in a merger keeps its organisation) is refused: the
     * county's hyte coordinators act only for their own municipalities. Other organisations are refused by the service.
     */
    private void requireServed(long organisationId, String refusal) {
        boolean outside = organisations.find(organisationId).filter(Organisation::isMunicipality).isPresent()
                && organisations.municipalitiesOf(properties.countyCode()).stream().noneMatch(o -> o.id() == organisationId);
        if (outside) {
            throw fi.silta.web.InvalidInput.of(OrganisationService.WHOLE, refusal);
        }
    }
}
