package fi.silta.grants;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseStaffSection;
import fi.silta.security.Roles;
import fi.silta.web.Section;

/**
 * The reviews and scores of a grant application on its staff page: for those who handle the
 * whole case, never for reviewers (no one sees another's scores).
 */
@Component
class GrantCaseSection implements CaseStaffSection {

    private final GrantReviewsView reviews;

    GrantCaseSection(GrantReviewsView reviews) {
        this.reviews = reviews;
    }

    @Override
    public List<Section> staffCase(CaseFile caseFile, Authentication staff, Locale locale) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION || !overseesCases(staff)) {
            return List.of();
        }
        List<GrantReviewsView.ReviewView> all = reviews.of(caseFile);
        return all.isEmpty() ? List.of() : List.of(new Section("grants/case-reviews", Map.of("reviews", all)));
    }

    private static boolean overseesCases(Authentication staff) {
        return Roles.caseOverseers().stream()
                .anyMatch(role -> staff.getAuthorities().stream().anyMatch(a -> role.authority().equals(a.getAuthority())));
    }
}
