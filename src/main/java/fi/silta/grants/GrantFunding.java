package fi.silta.grants;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A granted application's money after the decision (table {@code grant_funding}): from the end of the
 * rectification period through payment and the use-of-funds report to its end. The terms in force (the
 * budget lines, the report's due date) are what the report is checked against; a granted change request
 * replaces them ({@link GrantFundings#changeTerms}).
 *
 * @param firstInstalmentPercent 100 for one instalment; e.g. 60 for 60/40, the second paid after an accepted
 *        interim report
 * @param interimReportDue the interim report's due day (Helsinki), only for a split
 * @param termsVersion 1 at the start, one more with every granted change
 */
public record GrantFunding(long id, long applicationId, long caseId, long roundId, long organisationId, BigDecimal amountGranted,
        LocalDate reportDue, LocalDate interimReportDue, int firstInstalmentPercent, Status status, String processInstanceId,
        int termsVersion) {

    public enum Status {
        /** started; waits for requests for rectification to settle and for the bank account */
        STARTED,
        /** an instalment is due or being paid */
        PAYING,
        /** a use-of-funds report is awaited or reviewed */
        REPORTING,
        /** the final report is accepted */
        DONE,
        /** the applicant declined the grant on the status page */
        DECLINED,
        /** a coordinator stopped the payment ("do not pay") */
        STOPPED,
        /** recovery (takaisinperintä) is under way */
        RECOVERY;

        /** While the grant period runs: the organisation may still ask for a change. */
        public boolean open() {
            return this == STARTED || this == PAYING || this == REPORTING;
        }
    }

    /** Paid in two instalments, the second after an accepted interim report. */
    public boolean split() {
        return firstInstalmentPercent < 100;
    }
}
