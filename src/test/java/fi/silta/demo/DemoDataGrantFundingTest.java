package fi.silta.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fi.silta.cases.CaseRepository;
import fi.silta.grants.GrantBatches;
import fi.silta.grants.GrantFunding;
import fi.silta.grants.GrantFundingService;
import fi.silta.grants.GrantFundings;
import fi.silta.grants.GrantPayment;
import fi.silta.grants.GrantReport;
import fi.silta.grants.GrantReports;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.SiltaIntegrationTest;

/**
 * The demo's part 2b ({@link DemoGrantFunding}, off in the tests' profile, switched on here): in one transaction, as
 * DemoData runs it at the first start, three grants of three organisations reach the bank account task, a due
 * instalment, and a paid instalment (an approved batch with its two files) with the use-of-funds report awaited; a
 * second call changes nothing. What it made is stopped and ended afterwards, so that no demo payment stays due for
 * the other tests' batches.
 */
@SiltaIntegrationTest
class DemoDataGrantFundingTest {

    @Autowired DemoGrantFunding demo;
    @Autowired GrantFixtures grantFixtures;
    @Autowired GrantFundings fundings;
    @Autowired GrantFundingService fundingService;
    @Autowired GrantBatches batches;
    @Autowired GrantReports reports;
    @Autowired CaseRepository cases;
    @Autowired RuntimeService runtime;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void threeGrantsAtTheBankAccountTheDuePaymentAndTheAwaitedReportOnce() {
        List<GrantFixtures.Applicant> applicants = List.of(grantFixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION),
                grantFixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION),
                grantFixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION));
        ReflectionTestUtils.setField(demo, "enabled", true);
        try {
            long started = System.nanoTime();
            load(applicants);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the demo start stays fast").isLessThan(Duration.ofSeconds(30));
            GrantFunding awaiting = only(applicants.get(0));
            GrantFunding due = only(applicants.get(1));
            GrantFunding reporting = only(applicants.get(2));

            assertThat(runtime.getActiveActivityIds(awaiting.processInstanceId())).containsExactly("Task_ConfirmBankAccount");
            assertThat(fundingService.account(awaiting.organisationId())).isEmpty();

            assertThat(fundingService.account(due.organisationId())).isPresent();
            assertThat(fundingService.payments(due)).singleElement().satisfies(p -> {
                assertThat(p.status()).isEqualTo(GrantPayment.Status.DUE);
                assertThat(p.iban()).isEqualTo("FI4950009420028730");
            });
            assertThat(batches.due()).anySatisfy(p -> assertThat(p.fundingId()).isEqualTo(due.id()));

            GrantPayment paid = fundingService.payments(reporting).get(0);
            assertThat(paid.status()).isEqualTo(GrantPayment.Status.PAID);
            GrantBatches.Batch batch = batches.find(jdbc.sql("select batch_id from grant_payment where id = ?").param(paid.id())
                    .query(Long.class).single()).orElseThrow();
            assertThat(batch.status()).isEqualTo(GrantBatches.Status.APPROVED);
            assertThat(batch.createdBy()).isEqualTo("aino.virtanen");
            assertThat(batch.approvedBy()).isEqualTo("emilia.lahtinen");
            assertThat(jdbc.sql("select count(*) from call_document where call_kind = ? and call_id = ?")
                    .params(GrantBatches.CALL_KIND, batch.id()).query(Long.class).single()).as("pain.001 and CSV").isEqualTo(2);
            assertThat(reports.of(reporting.id(), GrantReport.Kind.FINAL)).hasValueSatisfying(
                    r -> assertThat(r.status()).isEqualTo(GrantReport.Status.AWAITED));
            String report = runtime.createProcessInstanceQuery().superProcessInstanceId(reporting.processInstanceId()).singleResult()
                    .getId();
            assertThat(runtime.getActiveActivityIds(report)).contains("Task_SubmitReport");

            // a second call does nothing
            load(applicants);
            for (GrantFixtures.Applicant applicant : applicants) {
                assertThat(fundings.ofOrganisation(applicant.organisationId())).hasSize(1);
            }

            // no demo payment stays due for the other tests' batches; the rest ended
            fundingService.stop(cases.find(due.caseId()).orElseThrow(), "testi ohi", "aino.virtanen");
            for (GrantFunding funding : List.of(awaiting, due, reporting)) {
                if (runtime.createProcessInstanceQuery().processInstanceId(funding.processInstanceId()).count() > 0) {
                    runtime.deleteProcessInstance(funding.processInstanceId(), "test over", true, true);
                }
            }
        } finally {
            ReflectionTestUtils.setField(demo, "enabled", false);
        }
    }

    private void load(List<GrantFixtures.Applicant> applicants) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> demo.load(applicants.get(0).contactId(),
                applicants.get(1).contactId(), applicants.get(2).contactId()));
    }

    private GrantFunding only(GrantFixtures.Applicant applicant) {
        List<GrantFunding> of = fundings.ofOrganisation(applicant.organisationId());
        assertThat(of).hasSize(1);
        return of.get(0);
    }
}
