package fi.silta.grants;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.web.InvalidInput;

/** The granted applications' money after the decision ({@code grant_funding}, {@code grant_funding_line}). */
@Repository
public class GrantFundings {

    static final String COLUMNS = "id, application_id, case_id, round_id, organisation_id, amount_granted, report_due, "
            + "interim_report_due, first_instalment_percent, status, process_instance_id, terms_version";

    private final JdbcClient jdbc;

    public GrantFundings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<GrantFunding> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from grant_funding where id = ?").param(id).query(GrantFundings::funding).optional();
    }

    public Optional<GrantFunding> ofApplication(long applicationId) {
        return jdbc.sql("select " + COLUMNS + " from grant_funding where application_id = ?").param(applicationId)
                .query(GrantFundings::funding).optional();
    }

    public Optional<GrantFunding> ofCase(long caseId) {
        return jdbc.sql("select " + COLUMNS + " from grant_funding where case_id = ? order by id desc").param(caseId)
                .query(GrantFundings::funding).list().stream().findFirst();
    }

    public List<GrantFunding> ofOrganisation(long organisationId) {
        return jdbc.sql("select " + COLUMNS + " from grant_funding where organisation_id = ? order by id").param(organisationId)
                .query(GrantFundings::funding).list();
    }

    /** The budget lines in force, in their order. */
    public List<BudgetLine> lines(long fundingId) {
        return jdbc.sql("select description, amount from grant_funding_line where funding_id = ? order by position").param(fundingId)
                .query((rs, n) -> new BudgetLine(rs.getString(1), rs.getBigDecimal(2))).list();
    }

    public void status(long fundingId, GrantFunding.Status status) {
        jdbc.sql("update grant_funding set status = ? where id = ?").params(status.name(), fundingId).update();
    }

    /** Holds the funding's row until the transaction ends: changes of one funding one after the other. */
    public GrantFunding lock(long fundingId) {
        return jdbc.sql("select " + COLUMNS + " from grant_funding where id = ? for update").param(fundingId)
                .query(GrantFundings::funding).optional().orElseThrow(() -> new IllegalArgumentException("no funding " + fundingId));
    }

    /**
     * New terms from a granted change request: the budget lines (their total must stay the amount granted —
     * a shift between lines, refused with {@code grants.funding.totalChanged} otherwise) and the report's due day
     * (null keeps it).
     */
    @Transactional
    public void changeTerms(long fundingId, List<BudgetLine> lines, LocalDate reportDue) {
        GrantFunding funding = lock(fundingId);
        if (lines != null && !lines.isEmpty()) {
            BigDecimal total = lines.stream().map(BudgetLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal before = lines(fundingId).stream().map(BudgetLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (total.compareTo(before) != 0) {
                throw InvalidInput.of("budgetLines", "grants.funding.totalChanged", new fi.silta.web.Money(before));
            }
            replaceLines(fundingId, lines);
        }
        jdbc.sql("update grant_funding set report_due = coalesce(?, report_due), terms_version = terms_version + 1 where id = ?")
                .params(reportDue, funding.id()).update();
    }

    /** Writes the budget lines in force anew (at the start: the application's). */
    void replaceLines(long fundingId, List<BudgetLine> lines) {
        jdbc.sql("delete from grant_funding_line where funding_id = ?").param(fundingId).update();
        int position = 0;
        for (BudgetLine line : lines) {
            jdbc.sql("insert into grant_funding_line (funding_id, position, description, amount) values (?, ?, ?, ?)")
                    .params(fundingId, position++, line.description(), line.amount()).update();
        }
    }

    /** The euros paid so far (payments {@code PAID}). */
    public BigDecimal paid(long fundingId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from grant_payment where funding_id = ? and status = 'PAID'")
                .param(fundingId).query(BigDecimal.class).single();
    }

    static GrantFunding funding(ResultSet rs, int row) throws SQLException {
        java.sql.Date interim = rs.getDate("interim_report_due");
        return new GrantFunding(rs.getLong("id"), rs.getLong("application_id"), rs.getLong("case_id"), rs.getLong("round_id"),
                rs.getLong("organisation_id"), rs.getBigDecimal("amount_granted"), rs.getDate("report_due").toLocalDate(),
                interim == null ? null : interim.toLocalDate(), rs.getInt("first_instalment_percent"),
                GrantFunding.Status.valueOf(rs.getString("status")), rs.getString("process_instance_id"), rs.getInt("terms_version"));
    }
}
