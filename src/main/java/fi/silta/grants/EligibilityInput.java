package fi.silta.grants;

import java.math.BigDecimal;

import fi.silta.organisations.OrganisationType;

/**
 * What the eligibility decision ({@code grantEligibility}) reads about one application.
 *
 * @param organisationType            the applicant's legal form
 * @param actsInCounty                the organisation acts in the county's municipalities
 * @param amountRequested             the amount applied for, in euros
 * @param maxAmount                   the round's largest grant, in euros (round data, frozen when the call opens)
 * @param otherApplicationsInRound    the organisation's other applications in the same round
 * @param multipleApplicationsAllowed the round lets an organisation apply more than once
 * @param overdueUseOfFundsReport     a use-of-funds report on an earlier grant is overdue
 *                                    ({@link GrantReportService#overdue})
 */
public record EligibilityInput(OrganisationType organisationType, boolean actsInCounty, BigDecimal amountRequested,
        BigDecimal maxAmount, int otherApplicationsInRound, boolean multipleApplicationsAllowed,
        boolean overdueUseOfFundsReport) {
}
