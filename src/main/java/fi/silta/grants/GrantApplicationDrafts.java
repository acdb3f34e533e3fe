package fi.silta.grants;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.calls.Calls;
import fi.silta.cases.CaseFileService.OpenedCase;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.documents.DocumentService;
import fi.silta.cases.documents.Upload;
import fi.silta.organisations.Contact;
import fi.silta.web.InvalidInput;
import fi.silta.web.Money;
import fi.silta.web.SubmissionCommits;

/**
 * An application in the portal: a draft kept as typed until the deadline, then submitted
 * exactly once with its budget and attachments, all in one transaction.
 */
@Service
public class GrantApplicationDrafts {

    /** The checked values of the grant-application form. */
    public record Application(String activity, String targetGroup, List<String> targetGroups, String goals,
            List<String> municipalities, String boardMembers, BigDecimal amount, List<BudgetLine> budgetLines) {

        public Application {
            targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
            municipalities = municipalities == null ? List.of() : List.copyOf(municipalities);
        }
    }

    private final GrantApplicationRepository applications;
    private final GrantRoundRepository rounds;
    private final GrantSubmissions submissions;
    private final DocumentService documents;
    private final CaseRepository cases;
    private final Calls calls;

    public GrantApplicationDrafts(GrantApplicationRepository applications, GrantRoundRepository rounds,
            GrantSubmissions submissions, DocumentService documents, CaseRepository cases, Calls calls) {
        this.applications = applications;
        this.rounds = rounds;
        this.submissions = submissions;
        this.documents = documents;
        this.cases = cases;
        this.calls = calls;
    }

    public Optional<GrantApplication> draft(long roundId, Contact contact) {
        return applications.findDraft(roundId, contact.organisationId(), contact.email());
    }

    public Optional<String> draftValues(long applicationId) {
        return applications.draftValues(applicationId);
    }

    /** Keeps what was typed, as typed, and the files chosen (checked as a case's documents); only while the call is open. */
    @Transactional
    public void saveDraft(long roundId, Contact contact, String draftValues, List<Upload> files) {
        requireOpen(roundId);
        OffsetDateTime now = calls.received();
        long id = draft(roundId, contact).map(d -> {
            applications.updateDraft(d.id(), draftValues, now);
            return d.id();
        }).orElseGet(() -> applications.insertDraft(roundId, contact.organisationId(), contact.email(), draftValues, now));
        documents.storeDraft(owner(id), files, contact.email());
        SubmissionCommits.watch("");
    }

    /** The files kept with the organisation's draft for this round. */
    public List<DocumentService.DraftFile> draftFiles(long roundId, Contact contact) {
        return draft(roundId, contact).map(d -> documents.draftFiles(owner(d.id()))).orElse(List.of());
    }

    /** Removes a file from the organisation's draft; false when its draft holds no such file. */
    @Transactional
    public boolean removeDraftFile(long roundId, Contact contact, long fileId) {
        boolean removed = draft(roundId, contact).map(d -> documents.removeDraftFile(owner(d.id()), fileId)).orElse(false);
        if (removed) {
            SubmissionCommits.watch("");
        }
        return removed;
    }

    private static String owner(long applicationId) {
        return "grant-application:" + applicationId;
    }

    /**
     * Checks the amount against the call's maximum and the budget lines, then submits: the
     * application, its budget, its case, its process and its attachments, or nothing.
     */
    @Transactional
    public OpenedCase submit(long roundId, Contact contact, Application application, List<Upload> attachments, String submissionKey) {
        GrantRound round = requireOpen(roundId);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        GrantRules.checkAmount("amount", application.amount(), errors);
        if (application.amount() != null && application.amount().compareTo(round.maxAmount()) > 0) {
            errors.add("amount", "grants.amount.overMaximum", new Money(round.maxAmount()));
        }
        BigDecimal sum = application.budgetLines().stream().map(BudgetLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (application.amount() != null && sum.compareTo(application.amount()) != 0) {
            errors.add("budgetLines", "grants.budget.sum", new Money(sum), new Money(application.amount()));
        }
        errors.throwIfAny();
        OffsetDateTime now = calls.received();
        long id = draft(roundId, contact).map(GrantApplication::id)
                .orElseGet(() -> applications.insertDraft(roundId, contact.organisationId(), contact.email(), null, now));
        applications.fill(id, application.activity(), application.targetGroup(), application.goals(), application.amount(),
                String.join(",", application.municipalities()), application.boardMembers(), now);
        applications.replaceBudgetLines(id, application.budgetLines());
        applications.replaceAreas(id, application.municipalities(), application.targetGroups());
        OpenedCase opened = submissions.submit(id, contact.id(), submissionKey);
        documents.storeAll(opened.caseFile().id(), attachments, contact.email());
        documents.adoptDraft(owner(id), opened.caseFile().id());
        return opened;
    }

    GrantRound requireOpen(long roundId) {
        GrantRound round = rounds.find(roundId).orElseThrow(() -> InvalidInput.of("application", "grants.submit.closed"));
        calls.requireOpen(round, calls.received(), "application", "grants.submit.closed");
        return round;
    }

}
