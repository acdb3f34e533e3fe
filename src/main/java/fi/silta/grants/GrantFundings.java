package fi.silta.grants;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.web.InvalidInput;

/** The granted applications' money after the decision ({@code grant_funding}, {@code grant_funding_line}). */
@Repository
public class GrantFundings {

    static final String COLUMNS = "id, application_id, case_id, round_id, organisation_id, amount_granted, report_due, "
            + "interim_report_due, first_instalment_percent, status, process_instance_id, terms_version";

    /** The process that carries a granted application from its decision to the accepted report. */
    public static final String PROCESS_KEY = "grantFunding";

    private final JdbcClient jdbc;
    private final RuntimeService runtime;
    private final Clock clock;

    public GrantFundings(JdbcClient jdbc, @Lazy RuntimeService runtime, Clock clock) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.clock = clock;
    }

    /**
     * The end of an application's decision part ({@code grantApplication}): when the decision in force (the newest:
     * a rectification's over the round's) granted more than 0 €, the funding is stored with the application's budget
     * lines as its terms, the report's due day (the round's, else a year from the decision), and its instalments
     * ({@code PENDING}; split by the round's first-instalment percent, in cents that add up to the amount exactly), and
     * {@code grantFunding} starts with the case's reference as its business key. Nothing when nothing was granted, and
     * nothing the second time (one funding per application).
     */
    @Transactional
    public Optional<GrantFunding> startIfGranted(long applicationId) {
        Optional<GrantFunding> existing = ofApplication(applicationId);
        if (existing.isPresent()) {
            return Optional.empty();
        }
        var decision = jdbc.sql("select d.amount_granted, d.decided_at, a.round_id, a.organisation_id, a.case_id, c.reference, "
                        + "r.first_instalment_percent, r.interim_report_due, r.report_due from grant_decision d "
                        + "join grant_application a on a.id = d.application_id join case_file c on c.id = a.case_id "
                        + "join grant_round r on r.id = a.round_id where d.application_id = ? order by d.id desc")
                .param(applicationId).query((rs, n) -> new Object[] {rs.getBigDecimal(1), rs.getObject(2, OffsetDateTime.class),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getInt(7), rs.getDate(8), rs.getDate(9)})
                .list().stream().findFirst();
        if (decision.isEmpty() || ((BigDecimal) decision.get()[0]).signum() <= 0) {
            return Optional.empty();
        }
        Object[] d = decision.get();
        BigDecimal amount = (BigDecimal) d[0];
        OffsetDateTime decidedAt = (OffsetDateTime) d[1];
        int percent = (Integer) d[6];
        LocalDate interimDue = percent < 100 && d[7] != null ? ((java.sql.Date) d[7]).toLocalDate() : null;
        LocalDate reportDue = d[8] != null ? ((java.sql.Date) d[8]).toLocalDate()
                : (decidedAt == null ? LocalDate.now(clock.withZone(fi.silta.web.Locales.HELSINKI))
                        : decidedAt.atZoneSameInstant(fi.silta.web.Locales.HELSINKI).toLocalDate()).plusYears(1);
        String reference = (String) d[5];
        OffsetDateTime now = OffsetDateTime.now(clock);
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into grant_funding (application_id, case_id, round_id, organisation_id, amount_granted, report_due, "
                        + "interim_report_due, first_instalment_percent, status, terms_version, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)")
                .params(applicationId, d[4], d[2], d[3], amount, reportDue, interimDue, percent,
                        GrantFunding.Status.STARTED.name(), now)
                .update(key, "id");
        long fundingId = key.getKey().longValue();
        replaceLines(fundingId, scaled(jdbc.sql("select description, amount from grant_budget_line where application_id = ? order by position")
                .param(applicationId).query((rs, n) -> new BudgetLine(rs.getString(1), rs.getBigDecimal(2))).list(), amount));
        List<BigDecimal> instalments = instalments(amount, percent);
        for (int i = 0; i < instalments.size(); i++) {
            jdbc.sql("insert into grant_payment (funding_id, instalment, amount, status, reference, created_at) values (?, ?, ?, ?, ?, ?)")
                    .params(fundingId, i + 1, instalments.get(i), "PENDING", reference + "-" + (i + 1), now).update();
        }
        String instanceId = runtime.startProcessInstanceByKey(PROCESS_KEY, reference, Map.of("applicationId", applicationId,
                "fundingId", fundingId, "caseReference", reference, "split", instalments.size() > 1)).getId();
        jdbc.sql("update grant_funding set process_instance_id = ? where id = ?").params(instanceId, fundingId).update();
        return find(fundingId);
    }

    /**
     * The application's budget lines as the terms of a grant of {@code granted}: as they are when they add up to it;
     * when less was granted than asked, each line in proportion (to the cent, the last line taking what rounding
     * left), so that the lines in force always add up to the grant — the organisation may then shift money between
     * them with a change request.
     */
    static List<BudgetLine> scaled(List<BudgetLine> lines, BigDecimal granted) {
        BigDecimal total = lines.stream().map(BudgetLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (lines.isEmpty() || total.signum() <= 0 || total.compareTo(granted) == 0) {
            return lines;
        }
        List<BudgetLine> scaled = new java.util.ArrayList<>();
        BigDecimal left = granted.setScale(2, RoundingMode.HALF_UP);
        for (int i = 0; i < lines.size(); i++) {
            BigDecimal amount = i == lines.size() - 1 ? left
                    : lines.get(i).amount().multiply(granted).divide(total, 2, RoundingMode.HALF_UP).min(left);
            left = left.subtract(amount);
            scaled.add(new BudgetLine(lines.get(i).description(), amount));
        }
        return scaled;
    }

    /** The amount in one instalment (100 %) or two: the first {@code percent} of it in cents, the second the rest. */
    static List<BigDecimal> instalments(BigDecimal amount, int percent) {
        BigDecimal total = amount.setScale(2, RoundingMode.HALF_UP);
        if (percent >= 100 || percent <= 0) {
            return List.of(total);
        }
        BigDecimal first = total.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        return List.of(first, total.subtract(first));
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
