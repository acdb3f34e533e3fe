package fi.silta.grants;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseStaffSection;
import fi.silta.cases.CaseVisibility;
import fi.silta.security.Roles;
import fi.silta.web.Section;

/**
 * A grant application on its staff page: the applicant's board (all a reviewer sees before
 * answering the disqualification question), and the reviews and scores for those who handle the
 * whole case, never for reviewers (no one sees another's scores).
 */
@Component
class GrantCaseSection implements CaseStaffSection {

    private final GrantReviewsView reviews;
    private final GrantApplicationRepository applications;

    GrantCaseSection(GrantReviewsView reviews, GrantApplicationRepository applications) {
        this.reviews = reviews;
        this.applications = applications;
    }

    @Override
    public List<Section> staffCase(CaseFile caseFile, CaseVisibility visibility, Authentication staff, Locale locale) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION) {
            return List.of();
        }
        List<Section> sections = new ArrayList<>();
        applications.findByCase(caseFile.id()).map(GrantApplication::boardMembers).filter(b -> !b.isBlank())
                .ifPresent(board -> sections.add(new Section("grants/case-board", Map.of("board", board))));
        List<GrantReviewsView.ReviewView> all = visibility == CaseVisibility.FULL && overseesCases(staff) ? reviews.of(caseFile)
                : List.of();
        if (!all.isEmpty()) {
            sections.add(new Section("grants/case-reviews", Map.of("reviews", all)));
        }
        return sections;
    }

    private static boolean overseesCases(Authentication staff) {
        return Roles.caseOverseers().stream()
                .anyMatch(role -> staff.getAuthorities().stream().anyMatch(a -> role.authority().equals(a.getAuthority())));
    }
}
