package fi.silta.grants;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;

/**
 * Payments that are due, for the batch tests: each a real application submitted to its own round (its case
 * opened, {@code grantApplication} started and left waiting), and then, as the funding's process (helper A's) would
 * leave them, a {@code grant_funding} row and an instalment {@code DUE} with a confirmed account (a valid Finnish
 * IBAN made here). The tests own their rows and compare with them only.
 */
@Component
public class GrantBatchFixtures {

    /** One due payment as the fixture made it. */
    public record DuePayment(long paymentId, long fundingId, long caseId, String caseReference, String organisationName,
            String iban, String holder, BigDecimal amount, int instalment) {
    }

    private final GrantFixtures fixtures;
    private final GrantApplicationRepository applications;
    private final GrantSubmissions submissions;
    private final JdbcClient jdbc;

    public GrantBatchFixtures(GrantFixtures fixtures, GrantApplicationRepository applications, GrantSubmissions submissions,
            JdbcClient jdbc) {
        this.fixtures = fixtures;
        this.applications = applications;
        this.submissions = submissions;
        this.jdbc = jdbc;
    }

    /** Due payments of these amounts, each of its own organisation and case, in one round. */
    public List<DuePayment> due(String... amounts) {
        OffsetDateTime now = OffsetDateTime.now();
        long round = fixtures.publishedRound(now.minusDays(30), now.plusDays(29), GrantFixtures.POOL);
        return java.util.Arrays.stream(amounts).map(amount -> due(round, amount)).toList();
    }

    private DuePayment due(long round, String amount) {
        OffsetDateTime now = OffsetDateTime.now();
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        long application = fixtures.draft(round, applicant, amount);
        applications.replaceBudgetLines(application, List.of(new BudgetLine("Palkkiot", new BigDecimal(amount))));
        applications.replaceAreas(application, List.of("564"), List.of("youth"));
        var opened = submissions.submit(application, applicant.contactId(), null);
        long caseId = opened.caseFile().id();
        String organisationName = jdbc.sql("select name from organisation where id = ?").param(applicant.organisationId())
                .query(String.class).single();
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into grant_funding (application_id, case_id, round_id, organisation_id, amount_granted, report_due, "
                + "first_instalment_percent, status, created_at) values (?, ?, ?, ?, ?, ?, 100, 'PAYING', ?)")
                .params(application, caseId, round, applicant.organisationId(), new BigDecimal(amount), LocalDate.now().plusYears(1), now)
                .update(key, "id");
        long funding = key.getKey().longValue();
        String iban = finnishIban();
        String holder = organisationName + " ry";
        var paymentKey = new GeneratedKeyHolder();
        jdbc.sql("insert into grant_payment (funding_id, instalment, amount, status, iban, holder, due_since, created_at) "
                + "values (?, 1, ?, 'DUE', ?, ?, ?, ?)").params(funding, new BigDecimal(amount), iban, holder, now, now)
                .update(paymentKey, "id");
        return new DuePayment(paymentKey.getKey().longValue(), funding, caseId, opened.caseFile().reference(), organisationName, iban,
                holder, new BigDecimal(amount), 1);
    }

    /** A random Finnish IBAN with correct check digits (ISO 13616, mod 97). */
    public static String finnishIban() {
        StringBuilder bban = new StringBuilder("1");
        for (int i = 0; i < 13; i++) {
            bban.append(ThreadLocalRandom.current().nextInt(10));
        }
        // F = 15, I = 18; the check digits 00 at the end
        int remainder = new BigInteger(bban + "151800").mod(BigInteger.valueOf(97)).intValue();
        return "FI" + String.format("%02d", 98 - remainder) + bban;
    }

    public static boolean validIban(String iban) {
        String moved = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : moved.toCharArray()) {
            digits.append(Character.isLetter(c) ? String.valueOf(c - 'A' + 10) : String.valueOf(c));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
