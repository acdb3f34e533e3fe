package fi.silta.grants;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fi.silta.organisations.OrganisationType;

/** The inputs {@code grantEligibility} saw for an application and its answer, at each evaluation (table {@code grant_eligibility_check}). */
@Repository
public class GrantEligibilityChecks {

    public record Check(OffsetDateTime checkedAt, EligibilityInput input, EligibilityResult result) {
    }

    private final JdbcClient jdbc;

    public GrantEligibilityChecks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(long applicationId, OffsetDateTime at, EligibilityInput input, EligibilityResult result) {
        jdbc.sql("insert into grant_eligibility_check (application_id, checked_at, organisation_type, acts_in_county, amount_requested, "
                        + "max_amount, other_applications, multiple_allowed, overdue_report, eligible, reasons) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(applicationId, at, input.organisationType().name(), input.actsInCounty(), input.amountRequested(),
                        input.maxAmount(), input.otherApplicationsInRound(), input.multipleApplicationsAllowed(),
                        input.overdueUseOfFundsReport(), result.eligible(), String.join(",", result.reasons()))
                .update();
    }

    /** The latest evaluation for the application, if it has been evaluated since checks are recorded. */
    public Optional<Check> latest(long applicationId) {
        return jdbc.sql("select * from grant_eligibility_check where application_id = ? order by checked_at desc, id desc")
                .param(applicationId)
                .query((rs, n) -> new Check(rs.getObject("checked_at", OffsetDateTime.class),
                        new EligibilityInput(OrganisationType.valueOf(rs.getString("organisation_type")), rs.getBoolean("acts_in_county"),
                                rs.getObject("amount_requested", BigDecimal.class), rs.getObject("max_amount", BigDecimal.class),
                                rs.getInt("other_applications"), rs.getBoolean("multiple_allowed"), rs.getBoolean("overdue_report")),
                        EligibilityResult.of(rs.getString("reasons").isBlank() ? List.of()
                                : Arrays.asList(rs.getString("reasons").split(",")))))
                .list().stream().findFirst();
    }
}
