package fi.silta.grants;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.portal.CaseActions;

/** A submitted grant application may be withdrawn until the call closes. */
@Component
class GrantCaseActions implements CaseActions {

    private final GrantApplicationRepository applications;
    private final GrantRoundRepository rounds;
    private final GrantSubmissions submissions;
    private final Clock clock;

    GrantCaseActions(GrantApplicationRepository applications, GrantRoundRepository rounds, GrantSubmissions submissions,
            Clock clock) {
        this.applications = applications;
        this.rounds = rounds;
        this.submissions = submissions;
        this.clock = clock;
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
                .filter(a -> a.status() == GrantApplication.Status.SUBMITTED || a.status() == GrantApplication.Status.IN_REVIEW)
                .flatMap(a -> rounds.find(a.roundId())).map(r -> r.isOpenAt(OffsetDateTime.now(clock))).orElse(false);
    }

    @Override
    public void perform(CaseFile caseFile, String name) {
        if (WITHDRAW.name().equals(name)) {
            submissions.withdraw(caseFile.reference());
        }
    }
}
