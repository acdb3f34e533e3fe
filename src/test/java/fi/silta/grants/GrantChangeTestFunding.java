package fi.silta.grants;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import fi.silta.support.GrantDecisionFixtures;
import fi.silta.web.Locales;

/**
 * A grant being paid, for the change request's tests (the funding's own process is built elsewhere): a
 * real round, application, case and delivered decision ({@link GrantDecisionFixtures}), then a
 * {@code grant_funding} of 5 000 € in status PAYING with two budget lines in force (3 000 € and 2 000 €)
 * and its report due {@value #DUE_DAYS} days from today.
 */
record GrantChangeTestFunding(GrantDecisionFixtures.Delivered delivered, long fundingId, LocalDate reportDue) {

    static final int DUE_DAYS = 200;

    static GrantChangeTestFunding create(GrantDecisionFixtures decisions, JdbcClient jdbc, boolean electronicNotice) {
        GrantDecisionFixtures.Delivered delivered = decisions.decidedAndDelivered("6000", "5000");
        jdbc.sql("update organisation_contact set electronic_notice_consent = ? where id = ?")
                .params(electronicNotice, delivered.applicant().contactId()).update();
        long caseId = jdbc.sql("select id from case_file where reference = ?").param(delivered.caseReference()).query(Long.class).single();
        LocalDate due = LocalDate.now(Locales.HELSINKI).plusDays(DUE_DAYS);
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into grant_funding (application_id, case_id, round_id, organisation_id, amount_granted, report_due, "
                        + "first_instalment_percent, status, created_at) values (?, ?, ?, ?, ?, ?, 100, 'PAYING', ?)")
                .params(delivered.applicationId(), caseId, delivered.roundId(), delivered.applicant().organisationId(),
                        new BigDecimal("5000.00"), due, OffsetDateTime.now())
                .update(key, "id");
        long fundingId = key.getKey().longValue();
        jdbc.sql("insert into grant_funding_line (funding_id, position, description, amount) values (?, 0, 'Ohjaajien palkkiot', 3000.00)")
                .param(fundingId).update();
        jdbc.sql("insert into grant_funding_line (funding_id, position, description, amount) values (?, 1, 'Tilavuokrat', 2000.00)")
                .param(fundingId).update();
        return new GrantChangeTestFunding(delivered, fundingId, due);
    }

    String reference() {
        return delivered.caseReference();
    }

    String email() {
        return delivered.applicant().email();
    }
}
