package fi.silta.grants;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.calls.Calls;
import fi.silta.cases.CaseFileService;
import fi.silta.cases.CaseFileService.OpenedCase;
import fi.silta.cases.CaseKind;
import fi.silta.organisations.Contact;
import fi.silta.organisations.Organisation;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.web.Formats;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;

/**
 * Submitting and withdrawing an application. The deadline is checked against the instant the
 * server receives the request, not against the round's closing timer.
 */
@Service
public class GrantSubmissions {

    private final GrantApplicationRepository applications;
    private final GrantRoundRepository rounds;
    private final OrganisationRepository organisations;
    private final CaseFileService cases;
    private final RuntimeService runtimeService;
    private final Calls calls;

    public GrantSubmissions(GrantApplicationRepository applications, GrantRoundRepository rounds,
            OrganisationRepository organisations, CaseFileService cases, RuntimeService runtimeService, Calls calls) {
        this.applications = applications;
        this.rounds = rounds;
        this.organisations = organisations;
        this.cases = cases;
        this.runtimeService = runtimeService;
        this.calls = calls;
    }

    /**
     * Submits a draft: records it as the organisation's answer to the round ({@link
     * fi.silta.calls.AlreadyAnswered} when the round takes one and the organisation has one), opens
     * its case ({@code AV-2026-0001}) and starts {@code grantApplication}.
     */
    @Transactional
    public OpenedCase submit(long applicationId, long contactId, String submissionKey) {
        OffsetDateTime received = calls.received();
        GrantApplication application = applications.find(applicationId).orElseThrow();
        GrantRound round = rounds.find(application.roundId()).orElseThrow();
        if (application.status() != GrantApplication.Status.DRAFT) {
            throw InvalidInput.of("application", "grants.submit.notDraft");
        }
        calls.requireOpen(round, received, "application", "grants.submit.closed");
        Organisation organisation = organisations.find(application.organisationId()).orElseThrow();
        Contact contact = organisations.contact(contactId).orElseThrow();
        long answerId = calls.answer(round, null, organisation.id(), contact.email(), contact.name(), received);
        OpenedCase opened = cases.open(CaseKind.GRANT_APPLICATION, organisation.id(), contact.id(), contact.email(),
                contact.language(), submissionKey, processVariables(application, round, organisation, contact));
        applications.submitted(applicationId, opened.caseFile().id(), received);
        calls.attachCase(answerId, opened.caseFile().id());
        return opened;
    }

    /**
     * The variables {@code grantApplication} starts with (the case adds its own, such as
     * {@code caseReference}); the benchmark's bare engine side starts the model with the same.
     */
    public static Map<String, Object> processVariables(GrantApplication application, GrantRound round, Organisation organisation,
            Contact contact) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("applicationId", application.id());
        variables.put("roundId", round.id());
        variables.put("organisationId", organisation.id());
        variables.put("organisationName", organisation.name());
        variables.put("contactName", contact.name());
        variables.put("contactEmail", contact.email());
        variables.put("contactLanguage", contact.language());
        variables.put("amountRequested", application.amount() == null ? null : application.amount().toPlainString());
        // the receipt mail names the round, in the contact's language
        variables.put("roundName", round.name(Locales.of(contact.language())));
        // what every coordinator's task form shows, in Finnish and as people read it (Tasklist cannot format)
        variables.put("roundNameFi", round.nameFi());
        variables.put("amountRequestedText", new Formats(Locales.FINNISH).money(application.amount()));
        return variables;
    }

    /** Withdraws a submitted application before the deadline. */
    @Transactional
    public void withdraw(String caseReference) {
        OffsetDateTime received = calls.received();
        var caseFile = cases.byReference(caseReference).orElseThrow();
        GrantApplication application = applications.findByCase(caseFile.id()).orElseThrow();
        GrantRound round = rounds.find(application.roundId()).orElseThrow();
        calls.requireOpen(round, received, "application", "grants.withdraw.closed");
        calls.withdraw(caseFile.id(), received);
        if (runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseReference).count() > 0) {
            runtimeService.createMessageCorrelation("ApplicationWithdrawn").processInstanceBusinessKey(caseReference).correlate();
        } else {
            // already scored (its process has ended) while the call is still open: it waits for no step
            applications.setStatus(application.id(), GrantApplication.Status.WITHDRAWN, received);
        }
    }
}
