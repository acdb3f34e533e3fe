package fi.silta.negotiations;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.organisations.Contact;
import fi.silta.organisations.ContactVerified;
import fi.silta.organisations.OrganisationRepository;

/**
 * A municipality's contact verified while its negotiations already wait for the background gets the background's
 * request too (the request went to the contacts verified at the time): in the transaction that verified them.
 */
@Component
class HyteNewContacts {

    static final String REQUEST_MAIL = "hyte-background-requested";

    private final JdbcClient jdbc;
    private final HyteNegotiationRecords negotiations;
    private final HyteNegotiationDelegates delegates;
    private final OrganisationRepository organisations;
    private final RuntimeService runtime;

    HyteNewContacts(JdbcClient jdbc, HyteNegotiationRecords negotiations, HyteNegotiationDelegates delegates,
            OrganisationRepository organisations, @Lazy RuntimeService runtime) {
        this.jdbc = jdbc;
        this.negotiations = negotiations;
        this.delegates = delegates;
        this.organisations = organisations;
        this.runtime = runtime;
    }

    @EventListener
    public void contactVerified(ContactVerified verified) {
        Contact contact = organisations.contact(verified.contactId()).orElse(null);
        if (contact == null || organisations.find(verified.organisationId()).filter(o -> o.isMunicipality()).isEmpty()) {
            return;
        }
        for (String reference : jdbc.sql("select c.reference from hyte_negotiation n join hyte_negotiation_municipality m "
                        + "on m.negotiation_id = n.id join case_file c on c.id = n.case_id where m.organisation_id = ? order by n.id")
                .param(verified.organisationId()).query(String.class).list()) {
            boolean waitsForBackground = runtime.createExecutionQuery().processInstanceBusinessKey(reference)
                    .processDefinitionKey(fi.silta.cases.CaseKind.HYTE_NEGOTIATION.processKey()).activityId("Task_GiveBackground")
                    .count() > 0;
            if (waitsForBackground) {
                HyteNegotiationRecords.Negotiation negotiation = negotiations.require(reference);
                delegates.mail(negotiation, REQUEST_MAIL, negotiations.verifiedContacts(negotiation.id()).stream()
                        .filter(c -> c.organisationId() == verified.organisationId() && c.email().equalsIgnoreCase(contact.email()))
                        .toList());
            }
        }
    }
}
