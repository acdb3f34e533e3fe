package fi.silta.cases;

import java.util.ArrayList;
import java.util.List;
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
    private final List<CaseMemberOrganisations> members;

    public CaseAccess(CaseRepository cases, CaseFileService caseFiles, CaseParties parties, List<CaseMemberOrganisations> members) {
        this.cases = cases;
        this.caseFiles = caseFiles;
        this.parties = parties;
        this.members = members;
    }

    /**
     * The cases an organisation takes part in: its own, and those whose procedure names it a member
     * ({@link CaseMemberOrganisations}, e.g. a grouped hyte negotiation of another municipality).
     */
    public List<CaseFile> casesOfOrganisation(long organisationId) {
        List<CaseFile> all = new ArrayList<>(cases.byOrganisation(organisationId));
        members.stream().flatMap(m -> m.casesWithMember(organisationId).stream()).distinct()
                .filter(id -> all.stream().noneMatch(c -> c.id() == id)).map(cases::find).flatMap(Optional::stream).forEach(all::add);
        return all;
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
