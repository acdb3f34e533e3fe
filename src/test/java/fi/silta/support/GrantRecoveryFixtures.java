package fi.silta.support;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.grants.GrantApplicationRepository;

/**
 * A granted application with a funding whose first instalment is paid, for recovery tests: a real round, application,
 * case and delivered decision ({@link GrantDecisionFixtures}), then {@code grant_funding} and a {@code PAID}
 * {@code grant_payment} by SQL (the funding's own process, helper A's, is not needed for a recovery).
 */
@Component
public class GrantRecoveryFixtures {

    /** What a recovery test needs: the delivered decision and the funding with {@code paid} euros paid. */
    public record Funded(GrantDecisionFixtures.Delivered delivered, long fundingId, BigDecimal paid) {

        public String reference() {
            return delivered.caseReference();
        }

        public String email() {
            return delivered.applicant().email();
        }
    }

    private final GrantDecisionFixtures decisions;
    private final GrantApplicationRepository applications;
    private final JdbcClient jdbc;

    public GrantRecoveryFixtures(GrantDecisionFixtures decisions, GrantApplicationRepository applications, JdbcClient jdbc) {
        this.decisions = decisions;
        this.applications = applications;
        this.jdbc = jdbc;
    }

    /** Granted 6 000 € of 8 000 € asked, the funding REPORTING, 6 000 € paid in one instalment. */
    public Funded funded() {
        return funded("6000.00", "6000.00");
    }

    /** Granted {@code granted}, {@code paid} of it paid (zero: the instalment is still DUE). */
    public Funded funded(String granted, String paid) {
        GrantDecisionFixtures.Delivered delivered = decisions.decidedAndDelivered("8000.00", granted);
        long fundingId = fundingOf(delivered, granted);
        BigDecimal amount = new BigDecimal(paid);
        OffsetDateTime now = OffsetDateTime.now();
        boolean anything = amount.signum() > 0;
        jdbc.sql("insert into grant_payment (funding_id, instalment, amount, status, iban, holder, reference, paid_at, created_at) "
                + "values (?, 1, ?, ?, 'FI2112345600000785', 'Avustusyhdistys', '1232', ?, ?)")
                .params(fundingId, anything ? amount : new BigDecimal(granted), anything ? "PAID" : "DUE", anything ? now : null, now).update();
        return new Funded(delivered, fundingId, amount);
    }

    /** A delivered decision with no funding at all. */
    public GrantDecisionFixtures.Delivered unfunded() {
        return decisions.decidedAndDelivered("8000.00", "6000.00");
    }

    private long fundingOf(GrantDecisionFixtures.Delivered delivered, String granted) {
        var application = applications.find(delivered.applicationId()).orElseThrow();
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into grant_funding (application_id, case_id, round_id, organisation_id, amount_granted, report_due, "
                + "first_instalment_percent, status, created_at) values (?, ?, ?, ?, ?, ?, 100, 'REPORTING', ?)")
                .params(delivered.applicationId(), application.caseId(), delivered.roundId(), delivered.applicant().organisationId(),
                        new BigDecimal(granted), LocalDate.now().plusMonths(11), OffsetDateTime.now())
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** The organisation's contact no longer consents to electronic notice: decisions go by letter. */
    public void noElectronicNotice(Funded funded) {
        jdbc.sql("update organisation_contact set electronic_notice_consent = false where id = ?")
                .param(funded.delivered().applicant().contactId()).update();
    }
}
