package fi.silta.grants;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseAccessRule;
import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseVisibility;
import fi.silta.security.Roles;

/**
 * Who sees a grant application: those who follow whole cases (coordinators, decision makers,
 * managers, administrators) all of it; a reviewer only while assigned to it and not disqualified
 * on it (hallintolaki 28 §), and before answering the disqualification question only the
 * applicant's name and board; no one else.
 */
@Component
class GrantCaseAccessRule implements CaseAccessRule {

    private final GrantReviewRepository reviews;

    GrantCaseAccessRule(GrantReviewRepository reviews) {
        this.reviews = reviews;
    }

    @Override
    public CaseKind kind() {
        return CaseKind.GRANT_APPLICATION;
    }

    @Override
    public CaseVisibility visibility(CaseFile caseFile, StaffMember staff) {
        if (staff.inAny(Roles.caseOverseers())) {
            return CaseVisibility.FULL;
        }
        if (!staff.in(Roles.REVIEWER)) {
            return CaseVisibility.NONE;
        }
        return reviews.standing(caseFile.id(), staff.userId()).map(standing -> switch (standing.status()) {
            case "DISQUALIFIED" -> CaseVisibility.NONE;
            default -> standing.declared() ? CaseVisibility.FULL : CaseVisibility.SUMMARY;
        }).orElse(CaseVisibility.NONE);
    }
}
