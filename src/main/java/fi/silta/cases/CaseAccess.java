package fi.silta.cases;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may see a case in the portal: whoever holds its private status link; the contact who
 * opened it; and a verified contact of the same organisation. An unverified contact sees only
 * their own cases. Anything else is "not found", with no difference shown.
 */
@Component
public class CaseAccess {

    private final CaseRepository cases;
    private final CaseFileService caseFiles;
    private final CaseParties parties;

    public CaseAccess(CaseRepository cases, CaseFileService caseFiles, CaseParties parties) {
        this.cases = cases;
        this.caseFiles = caseFiles;
        this.parties = parties;
    }

    public Optional<CaseFile> resolve(String reference, String token, Authentication contact) {
        if (token != null && !token.isBlank()) {
            return caseFiles.byStatusLink(reference, token);
        }
        String email = contact == null || !contact.isAuthenticated() ? null : contact.getName();
        if (email == null) {
            return Optional.empty();
        }
        return cases.findByReference(reference).filter(c -> email.equals(c.contactEmail()) || isVerifiedMember(email, c));
    }

    /** A verified contact of the case's organisation. */
    public boolean isVerifiedMember(String email, CaseFile caseFile) {
        return parties.isVerifiedMember(email, caseFile);
    }
}
