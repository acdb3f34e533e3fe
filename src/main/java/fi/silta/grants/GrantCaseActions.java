package fi.silta.grants;

import java.util.List;

import org.springframework.stereotype.Component;

import fi.silta.calls.Calls;
import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.portal.CaseActions;

/** A submitted grant application may be withdrawn until the call closes, also once it has been scored. */
@Component
class GrantCaseActions implements CaseActions {

    private final GrantApplicationRepository applications;
    private final GrantRoundRepository rounds;
    private final GrantSubmissions submissions;
    private final Calls calls;

    GrantCaseActions(GrantApplicationRepository applications, GrantRoundRepository rounds, GrantSubmissions submissions,
            Calls calls) {
        this.applications = applications;
        this.rounds = rounds;
        this.submissions = submissions;
        this.calls = calls;
    }

    static final Action WITHDRAW = new Action("withdraw", "grants.withdraw", "grants.withdrawn");

    @Override
    public List<Action> available(CaseFile caseFile) {
        return canWithdraw(caseFile) ? List.of(WITHDRAW) : List.of();
    }

    private boolean canWithdraw(CaseFile caseFile) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION) {
            return false;
        }
        return applications.findByCase(caseFile.id())
                .filter(a -> a.status() == GrantApplication.Status.SUBMITTED || a.status() == GrantApplication.Status.IN_REVIEW
                        || a.status() == GrantApplication.Status.SCORED)
                .flatMap(a -> rounds.find(a.roundId())).map(calls::isOpenNow).orElse(false);
    }

    @Override
    public void perform(CaseFile caseFile, String name) {
        if (WITHDRAW.name().equals(name)) {
            submissions.withdraw(caseFile.reference());
        }
    }
}
