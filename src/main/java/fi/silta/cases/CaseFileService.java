package fi.silta.cases;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.web.Locales;

/**
 * Opens cases and finds them by their private status link. A case is opened with its process
 * in one transaction: both exist or neither.
 */
@Service
public class CaseFileService {

    /**
     * A new case and the clear-text token of the submitter's status link (shown once, on the
     * receipt page; a mail gets a token of its own when it is sent, see {@link StatusLinkMails}).
     */
    public record OpenedCase(CaseFile caseFile, String token) {
        /** The status link within Silta, for its own pages. */
        public String statusPath() {
            return CaseFileService.statusPath(caseFile.reference(), token);
        }
    }

    private final CaseRepository cases;
    private final StatusLinks links;
    private final RuntimeService runtimeService;
    private final Clock clock;

    public CaseFileService(CaseRepository cases, StatusLinks links, RuntimeService runtimeService, Clock clock) {
        this.cases = cases;
        this.links = links;
        this.runtimeService = runtimeService;
        this.clock = clock;
    }

    /**
     * Opens a case and starts its process with the reference as business key. The variables
     * get {@code caseReference}; no token ever becomes a variable (every role with history READ
     * could read it).
     */
    @Transactional
    public OpenedCase open(CaseKind kind, Long organisationId, Long contactId, String contactEmail, String language,
            String submissionKey, Map<String, Object> variables) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int year = ZonedDateTime.now(clock.withZone(Locales.HELSINKI)).getYear();
        String reference = "%s-%d-%04d".formatted(kind.prefix(), year, cases.nextNumber(kind.prefix(), year));
        long id = cases.insert(reference, kind, organisationId, contactId, contactEmail, language, submissionKey, now);
        String token = links.mint(id, null);
        var all = new java.util.HashMap<String, Object>(variables);
        all.put("caseReference", reference);
        String processInstanceId = runtimeService.startProcessInstanceByKey(kind.processKey(), reference, all).getId();
        cases.setProcessInstance(id, processInstanceId);
        return new OpenedCase(cases.find(id).orElseThrow(), token);
    }

    public Optional<CaseFile> byReference(String reference) {
        return cases.findByReference(reference);
    }

    /** The case of a status link; empty when the reference or token is wrong or revoked (no difference shown). */
    public Optional<CaseFile> byStatusLink(String reference, String token) {
        return links.resolve(reference, token);
    }

    static String statusPath(String reference, String token) {
        return "/portal/cases/" + reference + "?token=" + token;
    }
}
