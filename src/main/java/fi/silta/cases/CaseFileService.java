package fi.silta.cases;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.SiltaProperties;
import fi.silta.web.Locales;

/**
 * Opens cases and finds them by their private status link. A case is opened with its process
 * in one transaction: both exist or neither.
 */
@Service
public class CaseFileService {

    /** A new case and the clear-text token of its status link (shown once, mailed once). */
    public record OpenedCase(CaseFile caseFile, String token, String statusUrl) {
        /** The status link within Silta, for its own pages (mails carry the absolute {@link #statusUrl}). */
        public String statusPath() {
            return CaseFileService.statusPath(caseFile.reference(), token);
        }
    }

    private final CaseRepository cases;
    private final RuntimeService runtimeService;
    private final Clock clock;
    private final String baseUrl;

    public CaseFileService(CaseRepository cases, RuntimeService runtimeService, Clock clock, SiltaProperties properties) {
        this.cases = cases;
        this.runtimeService = runtimeService;
        this.clock = clock;
        this.baseUrl = properties.baseUrl();
    }

    /**
     * Opens a case and starts its process with the reference as business key. The variables
     * get {@code caseReference} and {@code statusUrl}.
     */
    @Transactional
    public OpenedCase open(CaseKind kind, Long organisationId, Long contactId, String contactEmail, String language,
            String submissionKey, Map<String, Object> variables) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int year = ZonedDateTime.now(clock.withZone(Locales.HELSINKI)).getYear();
        String reference = "%s-%d-%04d".formatted(kind.prefix(), year, cases.nextNumber(kind.prefix(), year));
        String token = StatusTokens.newToken();
        long id = cases.insert(reference, kind, organisationId, contactId, contactEmail, language, StatusTokens.hash(token),
                submissionKey, now);
        String statusUrl = statusUrl(reference, token);
        var all = new java.util.HashMap<String, Object>(variables);
        all.put("caseReference", reference);
        all.put("statusUrl", statusUrl);
        String processInstanceId = runtimeService.startProcessInstanceByKey(kind.processKey(), reference, all).getId();
        cases.setProcessInstance(id, processInstanceId);
        return new OpenedCase(cases.find(id).orElseThrow(), token, statusUrl);
    }

    public Optional<CaseFile> byReference(String reference) {
        return cases.findByReference(reference);
    }

    /** The case of a status link; empty when the reference or token is wrong (no difference shown). */
    public Optional<CaseFile> byStatusLink(String reference, String token) {
        if (reference == null || token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return cases.findByReferenceAndTokenHash(reference, StatusTokens.hash(token));
    }

    public String statusUrl(String reference, String token) {
        return baseUrl + statusPath(reference, token);
    }

    static String statusPath(String reference, String token) {
        return "/portal/cases/" + reference + "?token=" + token;
    }
}
