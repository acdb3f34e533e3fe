package fi.silta.commenting;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.calls.Calls;
import fi.silta.cases.CaseFileService;
import fi.silta.cases.CaseFileService.OpenedCase;
import fi.silta.cases.CaseKind;
import fi.silta.cases.documents.DocumentService;
import fi.silta.cases.documents.Upload;
import fi.silta.organisations.Contact;
import fi.silta.organisations.Organisation;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;

/**
 * An organisation's answer to a commenting round, in one transaction: in time (the instant the
 * server received it), invited when the round takes invited organisations only, the organisation's
 * one answer ({@link fi.silta.calls.AlreadyAnswered} names the first, also when two arrive at the
 * same instant), its case ({@code LA-2027-0001}) with its attachments and its process. An answer is
 * final: it is not edited or withdrawn (the organisation's statement, as the county received it).
 */
@Service
public class CommentAnswers {

    /** The field of errors about the answer as a whole. */
    static final String FIELD = "submission";

    private final CommentingRoundRepository rounds;
    private final OrganisationRepository organisations;
    private final CaseFileService cases;
    private final DocumentService documents;
    private final Calls calls;

    public CommentAnswers(CommentingRoundRepository rounds, OrganisationRepository organisations, CaseFileService cases,
            DocumentService documents, Calls calls) {
        this.rounds = rounds;
        this.organisations = organisations;
        this.cases = cases;
        this.documents = documents;
        this.calls = calls;
    }

    /**
     * Whether the organisation may answer the round now; null when it may, else the refusal
     * (closed, not invited). The one-answer rule is checked when the answer is stored.
     */
    public InvalidInput mayAnswer(CommentingRound round, long organisationId, OffsetDateTime at) {
        if (!calls.isOpen(round, at)) {
            return InvalidInput.of(FIELD, round.status() == CommentingRound.Status.CONFIGURING ? "commenting.answer.notOpen"
                    : "commenting.answer.closed");
        }
        if (round.invitationOnly() && !rounds.isInvited(round.id(), organisationId)) {
            return InvalidInput.of(FIELD, "commenting.answer.notInvited");
        }
        return null;
    }

    /** Stores the answer (texts and scale values per question key) and opens its case. */
    @Transactional
    public OpenedCase submit(long roundId, Contact contact, Map<String, String> answers, List<Upload> uploads, String submissionKey) {
        OffsetDateTime received = calls.received();
        // the round's row is held until the answer is stored: an early close, an extension or the
        // deadline's closing waits for it (and counts it), or it sees the round closed
        CommentingRound round = rounds.lock(roundId).orElseThrow();
        InvalidInput refused = mayAnswer(round, contact.organisationId(), received);
        if (refused != null) {
            throw refused;
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (CommentingRound.Question question : round.questions()) {
            String value = answers.get(question.key());
            if (value != null && !value.isBlank()) {
                given.put(question.key(), value.strip());
            }
        }
        if (given.isEmpty()) {
            throw InvalidInput.of(FIELD, "commenting.answer.empty");
        }
        Organisation organisation = organisations.find(contact.organisationId()).orElseThrow();
        long answerId = calls.answer(round, null, organisation.id(), contact.email(), contact.name(), received);
        Map<String, Object> variables = new HashMap<>();
        variables.put("roundId", round.id());
        variables.put("roundReference", round.reference());
        variables.put("roundTitle", round.title(Locales.of(contact.language())));
        variables.put("roundTitleFi", round.titleFi());
        variables.put("organisationId", organisation.id());
        variables.put("organisationName", organisation.name());
        variables.put("contactName", contact.name());
        variables.put("contactEmail", contact.email());
        variables.put("contactLanguage", contact.language());
        OpenedCase opened = cases.open(CaseKind.PLAN_COMMENT, organisation.id(), contact.id(), contact.email(), contact.language(),
                submissionKey, variables);
        rounds.insertAnswer(round.id(), opened.caseFile().id(), organisation.id(), given, contact.name(), received);
        documents.storeAll(opened.caseFile().id(), uploads, contact.email());
        calls.attachCase(answerId, opened.caseFile().id());
        return opened;
    }
}
