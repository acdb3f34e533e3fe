package fi.silta.grants;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.Deadlines;
import fi.silta.cases.Deadlines.Notice;
import fi.silta.cases.Deadlines.Period;
import fi.silta.cases.NoticePeriods;
import fi.silta.cases.documents.DocumentService;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.portal.forms.TaskFormInput;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;

/**
 * The decision on a change request delivered as the grant decision is: a PDF in the applicant's language
 * stored as the case's document, mailed with it to a contact who consented to electronic notification
 * (a letter sent by a coordinator otherwise), and the day it counts as received (third day from the
 * mail's leaving, seventh from the letter's posting) with the last day of the 14-day period for a
 * request for rectification.
 */
@Service
public class GrantChangeDecisions {

    static final String DOCUMENT_FIELD = "changeDecision";
    static final String MAIL_TEMPLATE = "grant-change-decision";

    private final GrantDecisionNotices notices;
    private final GrantChangeRequests requests;
    private final GrantChangeDecisionDocument document;
    private final GrantFundings fundings;
    private final GrantRoundRepository rounds;
    private final CaseRepository cases;
    private final OrganisationRepository organisations;
    private final DocumentService documents;
    private final NoticePeriods noticePeriods;
    private final Deadlines deadlines;
    private final Clock clock;

    public GrantChangeDecisions(GrantChangeRequests requests, GrantChangeDecisionDocument document, GrantFundings fundings,
            GrantRoundRepository rounds, CaseRepository cases, OrganisationRepository organisations, DocumentService documents, NoticePeriods noticePeriods,
            Deadlines deadlines, Clock clock, GrantDecisionNotices notices) {
        this.notices = notices;
        this.requests = requests;
        this.document = document;
        this.fundings = fundings;
        this.rounds = rounds;
        this.cases = cases;
        this.organisations = organisations;
        this.documents = documents;
        this.noticePeriods = noticePeriods;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** The PDF stored on the case (once); true when it goes by mail (consent to electronic notice), false by letter. */
    @Transactional
    public boolean prepare(String processInstanceId) {
        GrantChangeRequest request = requests.byProcessInstance(processInstanceId).orElseThrow();
        if (request.documentId() == null) {
            byte[] pdf = document.pdf(request);
            long documentId = documents.store(request.caseId(), DOCUMENT_FIELD, document.fileName(request), "application/pdf", pdf,
                    request.decidedBy()).id();
            requests.documentStored(request.id(), documentId);
        }
        return notices.electronic(cases.find(request.caseId()).orElseThrow());
    }

    /** Queues the decision's mail with its PDF to the case's contact. */
    @Transactional
    public long mail(String processInstanceId, String template) {
        GrantChangeRequest request = requests.byProcessInstance(processInstanceId).orElseThrow();
        if (request.outboxMailId() != null) {
            return request.outboxMailId();
        }
        CaseFile caseFile = cases.find(request.caseId()).orElseThrow();
        GrantFunding funding = fundings.find(request.fundingId()).orElseThrow();
        Map<String, Object> details = new HashMap<>();
        details.put("roundName", rounds.find(funding.roundId()).map(r -> r.name(Locales.of(request.language()))).orElse(""));
        details.put("outcome", request.outcome().name());
        long mailId = notices.mail(caseFile, template == null ? MAIL_TEMPLATE : template, request.language(), details,
                document.fileName(request), request.documentId());
        requests.mailed(request.id(), mailId);
        return mailId;
    }

    /** A coordinator posted the decision on {@code sentOn}: not before the decision, not in the future. */
    @Transactional
    public void letterSent(String processInstanceId, String sentOnText) {
        GrantChangeRequest request = requests.byProcessInstance(processInstanceId).orElseThrow();
        LocalDate decided = request.decidedAt().atZoneSameInstant(Locales.HELSINKI).toLocalDate();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        LocalDate sentOn = TaskFormInput.day("letterSentOn", sentOnText, decided, LocalDate.now(clock.withZone(Locales.HELSINKI)), errors,
                "grants.decision.letter.notADate", "grants.decision.letter.date");
        errors.throwIfAny();
        requests.letterSent(request.id(), sentOn);
    }

    /** Once the decision has reached the organisation: its day of receipt and the period's last day (stored); empty while the mail waits. */
    @Transactional
    public Optional<Period> received(String processInstanceId) {
        GrantChangeRequest request = requests.byProcessInstance(processInstanceId).orElseThrow();
        Optional<Period> period;
        if ("LETTER".equals(request.notice()) && request.letterSentOn() != null) {
            period = deadlines.periodFromNotice(Optional.of(request.letterSentOn().atStartOfDay(Locales.HELSINKI).toInstant()),
                    Notice.LETTER, GrantDecisionService.RECTIFICATION_DAYS);
        } else if (request.outboxMailId() != null) {
            period = noticePeriods.fromMail(request.outboxMailId(), true, GrantDecisionService.RECTIFICATION_DAYS);
        } else {
            period = Optional.empty();
        }
        period.ifPresent(p -> requests.received(request.id(), p.receivedOn(), p.lastDay()));
        return period;
    }
}
