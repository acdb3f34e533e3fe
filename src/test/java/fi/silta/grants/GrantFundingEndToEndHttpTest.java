package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.prowidesoftware.swift.model.mx.MxPain00100103;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.support.EngineJobs;
import fi.silta.support.GrantDecisionFixtures;
import fi.silta.support.GrantFixtures;
import fi.silta.support.Mails;
import fi.silta.support.Multipart;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * From a delivered grant decision to an accepted final report, over HTTP where a person acts: two organisations'
 * applications granted in rounds paying 60/40 (an interim report before the second instalment), decisions mailed,
 * the rectification period passed (its timer executed). Organisation 1's verified contact confirms the bank account
 * on the status page (an invalid IBAN refused first, nothing stored) and changes it once (mailed to every verified
 * contact); a coordinator creates a batch on the payments page (the account is then frozen), is refused when approving
 * it herself over /engine-rest and a second coordinator approves; the pain.001 and
 * CSV downloaded and read back (Prowide); the interim report sent on the status page and accepted; the second
 * instalment batched and approved the other way round; the final report with outcomes, more asked (mailed), a new
 * version, accepted: the funding DONE. Organisation 2 declines its grant on the status page before any payment: its
 * payments cancelled, never in a batch. The managers' outcome figures and the grants dashboard show organisation
 * 1's accepted figures; every mail is read from GreenMail and the tables are counted at the end.
 */
@SiltaIntegrationTest
class GrantFundingEndToEndHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    private static final String PAYMENTS = "/staff/grants/payments";
    /** The account the payments go to, after the change. */
    private static final String IBAN = "FI2112345600000785";
    private static final Pattern FILE = Pattern.compile("/staff/grants/payments/batches/(\\d+)/files/(\\d+)");

    @LocalServerPort int port;
    @Autowired GrantDecisionFixtures decisionFixtures;
    @Autowired GrantFixtures grantFixtures;
    @Autowired GrantRoundRepository rounds;
    @Autowired GrantFundings fundings;
    @Autowired GrantFundingService fundingService;
    @Autowired GrantReports reports;
    @Autowired GrantOutcomeFigures outcomeFigures;
    @Autowired GrantBatchProperties batchProperties;
    @Autowired OutboxDrainer drainer;
    @Autowired EngineJobs jobs;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void reset() {
        ClockUtil.reset();
    }

    @Test
    void fromAGrantDecisionToAnAcceptedFinalReport() throws Exception {
        LocalDate interimDue = LocalDate.now().plusDays(120);
        LocalDate finalDue = LocalDate.now().plusDays(300);

        // two organisations' applications granted and their decisions mailed; the rounds pay 60/40
        GrantDecisionFixtures.Delivered first = decisionFixtures.decidedAndDelivered("5000.00", "4000.00");
        GrantDecisionFixtures.Delivered second = decisionFixtures.decidedAndDelivered("3000.00", "2500.00");
        for (var delivered : List.of(first, second)) {
            rounds.setPaymentTerms(delivered.roundId(), 60, interimDue, finalDue);
        }
        Mails.sendAllDue(drainer);
        GrantFixtures.Applicant ngo = first.applicant();
        GrantFixtures.Applicant colleague = grantFixtures.colleague(ngo, "Kalle Kollega");
        for (var delivered : List.of(first, second)) {
            assertThat(subjects(delivered.applicant().email())).containsExactly("Olemme vastaanottaneet asiasi " + delivered.caseReference(),
                    "Päätös avustushakemukseen " + delivered.caseReference());
        }

        // the rectification period passes: grantFunding starts for each, the grant's terms from its round
        GrantFunding funding1 = passRectificationPeriod(first);
        GrantFunding funding2 = passRectificationPeriod(second);
        assertThat(funding1.amountGranted()).isEqualByComparingTo("4000.00");
        assertThat(funding1.firstInstalmentPercent()).isEqualTo(60);
        assertThat(funding1.interimReportDue()).isEqualTo(interimDue);
        assertThat(funding1.reportDue()).isEqualTo(finalDue);
        assertThat(payments(funding1)).extracting(p -> p.status().name(), p -> p.amount().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PENDING", "2400.00"), org.assertj.core.groups.Tuple.tuple("PENDING", "1600.00"));

        // organisation 2 declines before anything is paid: its payments cancelled
        String status2Path = "/portal/cases/" + second.caseReference();
        StaffClient ngo2 = PortalSignIn.signedIn(port, greenMail, drainer, second.applicant().email());
        String status2 = ngo2.get(status2Path).body();
        assertThat(status2).contains("Luovu avustuksesta");
        HttpResponse<String> declined = ngo2.postForm(status2Path + "/decline-grant", "confirm=yes&_csrf=" + enc(StaffClient.csrf(status2)));
        assertThat(declined.statusCode()).isEqualTo(302);
        assertThat(fundings.find(funding2.id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.DECLINED);
        assertThat(payments(funding2)).extracting(GrantPayment::status)
                .containsExactly(GrantPayment.Status.CANCELLED, GrantPayment.Status.CANCELLED);
        assertThat(ngo2.get(status2Path).body()).contains("Järjestö luopui avustuksesta")
                .doesNotContain("Vaihda tilinumero", "Vahvistan, että järjestö luopuu", "/tasks/", status2Path + "/change-requests\"");

        // organisation 1's contact confirms the bank account on the status page
        String statusPath = "/portal/cases/" + first.caseReference();
        StaffClient portal = PortalSignIn.signedIn(port, greenMail, drainer, ngo.email());
        String status = portal.get(statusPath).body();
        assertThat(status).contains("Avustuksen maksatus", "Tiliä ei ole vielä vahvistettu.");
        String accountTask = find(status, "href=\"(" + statusPath + "/tasks/[^\"]+)\"");
        String accountPage = portal.get(accountTask).body();
        assertThat(accountPage).contains("Tilinumero (IBAN)");
        HttpResponse<String> invalid = portal.postMultipart(accountTask, new Multipart().field("_csrf", StaffClient.csrf(accountPage))
                .field("iban", "FI49 5000 9420 0287 31").field("holder", "Avustusyhdistys ry"));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("ei ole kelvollinen IBAN");
        assertThat(fundingService.account(ngo.organisationId())).isEmpty();
        assertThat(payments(funding1).get(0).status()).isEqualTo(GrantPayment.Status.PENDING);
        HttpResponse<String> valid = portal.postMultipart(accountTask, new Multipart().field("_csrf", StaffClient.csrf(accountPage))
                .field("iban", "FI49 5000 9420 0287 30").field("holder", "Avustusyhdistys ry"));
        assertThat(valid.statusCode()).isEqualTo(302);
        jobs.executeAll(funding1.processInstanceId());
        GrantPayment instalment1 = payments(funding1).get(0);
        assertThat(instalment1.status()).isEqualTo(GrantPayment.Status.DUE);
        assertThat(instalment1.amount()).isEqualByComparingTo("2400.00");
        assertThat(instalment1.iban()).isEqualTo("FI4950009420028730");
        assertThat(fundings.find(funding1.id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.PAYING);
        status = portal.get(statusPath).body();
        assertThat(status).contains("**** **** **** **87 30", "Maksettavana", "Vaihda tilinumero", statusPath + "/change-requests\"");
        assertThat(Mails.to(greenMail, colleague.email())).as("a first account is no change").isEmpty();

        // the account changed before any batch: the due payment follows it, every verified contact is told
        HttpResponse<String> changed = portal.postForm(statusPath + "/bank-account", "iban=" + enc("FI21 1234 5600 0007 85")
                + "&holder=" + enc("Avustusyhdistys ry") + "&_csrf=" + enc(StaffClient.csrf(status)));
        assertThat(changed.statusCode()).isEqualTo(302);
        instalment1 = payments(funding1).get(0);
        assertThat(instalment1.iban()).isEqualTo(IBAN);
        Mails.sendAllDue(drainer);
        for (String email : List.of(ngo.email(), colleague.email())) {
            assertThat(Mails.to(greenMail, email)).filteredOn(m -> m.subject().startsWith("Järjestön tilinumero vaihdettu"))
                    .singleElement().satisfies(m -> assertThat(m.body()).contains("**** **** **** **87 30", "**** **** **** **07 85")
                            .doesNotContain(IBAN));
        }

        // batch 1: Aino creates it, may not approve it herself, Emilia approves
        StaffClient aino = StaffClient.signedIn(port, GrantDecisionFixtures.COORDINATOR, "silta-demo");
        StaffClient emilia = StaffClient.signedIn(port, "emilia.lahtinen", "silta-demo");
        // the declined grant's payments are not on the page and cannot be put into a batch
        assertThat(aino.get(PAYMENTS).body()).doesNotContain(second.caseReference());
        long batchesBefore = jdbc.sql("select count(*) from grant_payment_batch").query(Long.class).single();
        HttpResponse<String> cancelled = aino.postWithCsrfOf(PAYMENTS, PAYMENTS + "/batches", "paymentId=" + payments(funding2).get(0).id());
        assertThat(cancelled.statusCode()).isEqualTo(302);
        assertThat(aino.get(PAYMENTS).body()).contains("ei ole enää maksettavana");
        assertThat(jdbc.sql("select count(*) from grant_payment_batch").query(Long.class).single()).isEqualTo(batchesBefore);
        long batch1 = createBatch(aino, instalment1, first);
        // while the payment is in the batch the account is frozen
        status = portal.get(statusPath).body();
        HttpResponse<String> frozen = portal.postForm(statusPath + "/bank-account", "iban=" + enc("FI49 5000 9420 0287 30")
                + "&holder=" + enc("Avustusyhdistys ry") + "&_csrf=" + enc(StaffClient.csrf(status)));
        assertThat(frozen.statusCode()).isEqualTo(302);
        assertThat(portal.get(statusPath).body()).contains("Tilinumeroa ei voi nyt muuttaa");
        assertThat(fundingService.account(ngo.organisationId())).hasValueSatisfying(a -> assertThat(a.iban()).isEqualTo(IBAN));
        approveAndRead(batch1, aino, "aino.virtanen", emilia, "emilia.lahtinen", instalment1, first, "2400.00");
        assertThat(payments(funding2)).allSatisfy(p -> assertThat(p.batchId()).isNull());

        // the funding moves on to the interim report; used + unused is the amount granted
        jobs.executeAll(funding1.processInstanceId());
        assertThat(payments(funding1).get(1).status()).isEqualTo(GrantPayment.Status.PENDING);
        String interim = reportInstance(funding1);
        assertThat(runtimeService.getVariable(interim, "reportKind")).isEqualTo("INTERIM");
        assertThat(fundings.find(funding1.id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.REPORTING);
        sendReport(portal, statusPath, report("2400,00", "1600,00", "40", "8", "Vertaisryhmät aloittivat."), 302);
        review(interim, "aino.virtanen", "{\"reviewDecision\": {\"value\": \"accept\"}}");
        jobs.executeAll(funding1.processInstanceId());
        GrantPayment instalment2 = payments(funding1).get(1);
        assertThat(instalment2.status()).isEqualTo(GrantPayment.Status.DUE);
        assertThat(instalment2.amount()).isEqualByComparingTo("1600.00");

        // batch 2: Emilia creates it, Aino approves
        long batch2 = createBatch(emilia, instalment2, first);
        approveAndRead(batch2, emilia, "emilia.lahtinen", aino, "aino.virtanen", instalment2, first, "1600.00");
        assertThat(batch2).isNotEqualTo(batch1);

        // the final report: wrong totals refused, then sent with outcomes
        jobs.executeAll(funding1.processInstanceId());
        String finalReport = reportInstance(funding1);
        assertThat(runtimeService.getVariable(finalReport, "reportKind")).isEqualTo("FINAL");
        String taskPage = sendReport(portal, statusPath, report("2500,00", "0,00", "150", "30",
                "Vertaisryhmät kokoontuivat viikoittain."), 422);
        assertThat(taskPage.replace('\u00a0', ' ')).contains("sentilleen myönnetty avustus");
        long finalReportId = reports.ofProcess(finalReport).orElseThrow().id();
        assertThat(reports.versions(finalReportId)).isEmpty();
        sendReport(portal, statusPath, report("3900,00", "100,00", "150", "30", "Vertaisryhmät kokoontuivat viikoittain."), 302);
        review(finalReport, "emilia.lahtinen", "{\"reviewDecision\": {\"value\": \"more\"}, \"reviewRequest\": {\"value\": \"Erittelkää palkkiot.\"}}");
        jobs.executeAll(finalReport);
        Mails.sendAllDue(drainer);
        for (String email : List.of(ngo.email(), colleague.email())) {
            assertThat(Mails.to(greenMail, email)).filteredOn(m -> m.subject().contains("Lisäselvityspyyntö"))
                    .singleElement().satisfies(m -> {
                        assertThat(m.subject()).contains(first.caseReference());
                        assertThat(m.body()).contains("Erittelkää palkkiot.");
                    });
        }
        assertThat(portal.get(statusPath).body()).contains("Erittelkää palkkiot.");
        sendReport(portal, statusPath, report("4000,00", "0,00", "160", "32", "Palkkiot eriteltynä liitteessä."), 302);
        review(finalReport, "emilia.lahtinen", "{\"reviewDecision\": {\"value\": \"accept\"}}");
        jobs.executeAll(funding1.processInstanceId());
        assertThat(reports.versions(finalReportId)).extracting(GrantReport.Version::review).containsExactly("MORE_ASKED", "ACCEPTED");
        assertThat(fundings.find(funding1.id()).orElseThrow().status()).isEqualTo(GrantFunding.Status.DONE);
        assertThat(jdbc.sql("select status from grant_funding where id = ?").param(funding1.id()).query(String.class).single())
                .isEqualTo("DONE");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(funding1.processInstanceId()).count()).isZero();
        // the status page: all paid, the grant over; nothing more to change, decline or report
        assertThat(portal.get(statusPath).body().replace('\u00a0', ' ')).contains("Päättynyt: maksettu ja selvitys hyväksytty",
                "4 000,00 €", "Avustus on maksettu ja sen käyttöselvitys hyväksytty. Asia on päättynyt.").doesNotContain("Vaihda tilinumero", "Vahvistan, että järjestö luopuu", "/tasks/",
                statusPath + "/change-requests\"", "Maksettavana");
        // the coordinator's case page shows the paid instalments and the accepted reports
        assertThat(aino.get("/staff/cases/" + first.caseReference()).body()).contains("Avustuksen maksatus", "Käyttöselvitykset");

        // the managers' figures: organisation 1's accepted final report
        assertThat(outcomeFigures.perOrganisation(first.roundId())).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo(ngo.organisationId());
            assertThat(o.peopleReached()).isEqualTo(160);
            assertThat(o.activitiesHeld()).isEqualTo(32);
            assertThat(o.used()).isEqualByComparingTo("4000.00");
            assertThat(o.unused()).isEqualByComparingTo("0");
        });
        assertThat(outcomeFigures.perOrganisation(second.roundId())).isEmpty();
        String organisationName = jdbc.sql("select name from organisation where id = ?").param(ngo.organisationId())
                .query(String.class).single();
        StaffClient manager = StaffClient.signedIn(port, "pekka.koskinen", "silta-demo");
        HttpResponse<String> dashboard = manager.get("/staff/dashboards/grants?round=" + first.roundId());
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Avustusten tulokset järjestöittäin", organisationName, "4\u00a0000,00");

        // every mail, by recipient and subject: nothing else was sent to the organisations' contacts
        Mails.sendAllDue(drainer);
        String ref1 = first.caseReference();
        String moreAsked = "Lisäselvityspyyntö: Loppuselvitys avustuksesta " + ref1;
        assertThat(subjects(ngo.email())).satisfiesExactly(
                s -> assertThat(s).isEqualTo("Olemme vastaanottaneet asiasi " + ref1),
                s -> assertThat(s).isEqualTo("Päätös avustushakemukseen " + ref1),
                s -> assertThat(s).isEqualTo("Kirjautumislinkki Siltaan"),
                s -> assertThat(s).startsWith("Järjestön tilinumero vaihdettu"),
                s -> assertThat(s).isEqualTo(moreAsked));
        assertThat(subjects(colleague.email())).satisfiesExactly(
                s -> assertThat(s).startsWith("Järjestön tilinumero vaihdettu"),
                s -> assertThat(s).isEqualTo(moreAsked));
        String ref2 = second.caseReference();
        assertThat(subjects(second.applicant().email())).containsExactly("Olemme vastaanottaneet asiasi " + ref2,
                "Päätös avustushakemukseen " + ref2, "Kirjautumislinkki Siltaan");
        assertThat(Mails.attachments(greenMail, ngo.email(), "Päätös avustushakemukseen " + ref1)).singleElement()
                .satisfies(a -> assertThat(a.pdfText()).contains(ref1));

        // the tables agree
        for (GrantPayment p : payments(funding1)) {
            assertThat(p.status()).isEqualTo(GrantPayment.Status.PAID);
            assertThat(p.paidAt()).isNotNull();
        }
        assertThat(payments(funding1)).extracting(GrantPayment::batchId).containsExactly(batch1, batch2);
        assertThat(jdbc.sql("select count(*) from grant_payment where funding_id = ? and status = 'PAID'").param(funding1.id())
                .query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from grant_payment where funding_id = ? and batch_id is not null").param(funding2.id())
                .query(Long.class).single()).isZero();
        for (long batch : List.of(batch1, batch2)) {
            assertThat(jdbc.sql("select status from grant_payment_batch where id = ?").param(batch).query(String.class).single())
                    .isEqualTo("APPROVED");
            assertThat(jdbc.sql("select count(*) from grant_payment where batch_id = ?").param(batch).query(Long.class).single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from call_document where call_kind = 'PAYMENT_BATCH' and call_id = ?").param(batch)
                    .query(Long.class).single()).isEqualTo(2);
        }
        assertThat(jdbc.sql("select count(*) from grant_report where funding_id = ? and status = 'ACCEPTED'").param(funding1.id())
                .query(Long.class).single()).isEqualTo(2);
    }

    /** The rectification timer made due now and executed; the funding's first jobs run to the bank account task. */
    private GrantFunding passRectificationPeriod(GrantDecisionFixtures.Delivered delivered) {
        Job timer = managementService.createJobQuery().processInstanceId(delivered.processInstanceId())
                .activityId("Timer_RectificationPeriodPassed").singleResult();
        assertThat(timer).isNotNull();
        managementService.setJobDuedate(timer.getId(), Date.from(java.time.Instant.now().minusSeconds(60)));
        managementService.executeJob(timer.getId());
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(delivered.processInstanceId()).count()).isZero();
        GrantFunding funding = fundings.ofApplication(delivered.applicationId()).orElseThrow();
        jobs.executeAll(funding.processInstanceId());
        assertThat(runtimeService.getActiveActivityIds(funding.processInstanceId())).contains("Task_ConfirmBankAccount");
        return funding;
    }

    /** A batch of the one payment created by {@code creator} on the payments page, refused to her, approved by {@code approver}. */
    private long createBatch(StaffClient creator, GrantPayment payment, GrantDecisionFixtures.Delivered delivered) {
        String page = creator.get(PAYMENTS).body();
        assertThat(page).contains(delivered.caseReference(), "value=\"" + payment.id() + "\"");
        HttpResponse<String> created = creator.postWithCsrfOf(PAYMENTS, PAYMENTS + "/batches", "paymentId=" + payment.id());
        assertThat(created.statusCode()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        long batchId = Long.parseLong(location.substring(location.indexOf("#batch-") + 7));
        assertThat(status(payment.id())).isEqualTo("IN_BATCH");
        return batchId;
    }

    /** The batch refused to its creator over /engine-rest, approved by the other coordinator; its two files read back. */
    private void approveAndRead(long batchId, StaffClient creator, String creatorId, StaffClient approver, String approverId,
            GrantPayment payment, GrantDecisionFixtures.Delivered delivered, String amount) throws Exception {
        String task = taskService.createTaskQuery().processInstanceBusinessKey("MAKSU-" + batchId).singleResult().getId();
        String approve = "{\"variables\": {\"batchDecision\": {\"value\": \"approve\"}}}";
        HttpResponse<String> own = new StaffClient(port).engineRest("POST", "/task/" + task + "/submit-form", creatorId, "silta-demo", approve);
        assertThat(own.statusCode()).isNotEqualTo(204);
        assertThat(own.body()).contains("Loit tämän maksuerän tai muutit sitä");
        assertThat(status(payment.id())).isEqualTo("IN_BATCH");
        HttpResponse<String> approved = new StaffClient(port).engineRest("POST", "/task/" + task + "/submit-form", approverId, "silta-demo",
                approve);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
        assertThat(status(payment.id())).isEqualTo("PAID");

        // the two files from the page's links, read back
        String after = approver.get(PAYMENTS).body();
        String xml = null;
        String csv = null;
        Matcher m = FILE.matcher(after);
        int files = 0;
        while (m.find()) {
            if (Long.parseLong(m.group(1)) != batchId) {
                continue;
            }
            files++;
            HttpResponse<byte[]> download = creator.getBytes(PAYMENTS + "/batches/" + batchId + "/files/" + m.group(2));
            assertThat(download.statusCode()).isEqualTo(200);
            String type = download.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("application/xml")) {
                xml = new String(download.body(), StandardCharsets.UTF_8);
            } else {
                assertThat(type).startsWith("text/csv");
                csv = new String(download.body(), StandardCharsets.UTF_8);
            }
        }
        assertThat(files).isEqualTo(2);
        LocalDate executionDate = jdbc.sql("select execution_date from grant_payment_batch where id = ?").param(batchId)
                .query(LocalDate.class).single();
        assertThat(executionDate).isAfterOrEqualTo(LocalDate.now());
        var initiation = MxPain00100103.parse(xml).getCstmrCdtTrfInitn();
        assertThat(initiation.getGrpHdr().getNbOfTxs()).isEqualTo("1");
        var info = initiation.getPmtInf().get(0);
        assertThat(info.getDbtrAcct().getId().getIBAN()).isEqualTo(batchProperties.debtorIban());
        assertThat(info.getDbtr().getNm()).isEqualTo(batchProperties.debtorName());
        assertThat(info.getReqdExctnDt()).isEqualTo(executionDate);
        var transfer = info.getCdtTrfTxInf().get(0);
        assertThat(transfer.getCdtr().getNm()).isEqualTo("Avustusyhdistys ry");
        assertThat(transfer.getCdtrAcct().getId().getIBAN()).isEqualTo(IBAN);
        assertThat(transfer.getAmt().getInstdAmt().getValue()).isEqualByComparingTo(amount);
        assertThat(transfer.getAmt().getInstdAmt().getCcy()).isEqualTo("EUR");
        assertThat(transfer.getPmtId().getEndToEndId()).isEqualTo(payment.reference());
        assertThat(transfer.getRmtInf().getUstrd()).containsExactly(payment.reference());
        assertThat(payment.reference()).isEqualTo(delivered.caseReference() + "-" + payment.instalment());

        List<CSVRecord> records = CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').get()
                .parse(new StringReader(csv.substring(1))).getRecords();
        assertThat(records).hasSize(2);
        CSVRecord row = records.get(1);
        assertThat(row.get(1)).isEqualTo(delivered.caseReference());
        assertThat(row.get(4)).isEqualTo("Avustusyhdistys ry");
        assertThat(row.get(5)).isEqualTo(IBAN);
        assertThat(row.get(6)).isEqualTo(amount.replace('.', ','));
        assertThat(row.get(7)).isEqualTo(payment.reference());
    }

    /** The report form on the status page: the one task link there, sent; the page of the answer. */
    private String sendReport(StaffClient portal, String statusPath, Multipart form, int expected) {
        String status = portal.get(statusPath).body();
        String taskLink = find(status, "href=\"(" + statusPath + "/tasks/[^\"]+)\"");
        String taskPage = portal.get(taskLink).body();
        assertThat(taskPage).contains("Ohjaajien palkkiot", "reportLines[0].used");
        HttpResponse<String> sent = portal.postMultipart(taskLink, form.field("_csrf", StaffClient.csrf(taskPage)));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(expected);
        return sent.body();
    }

    /** A report with the fixture's one budget line ("Ohjaajien palkkiot"). */
    private static Multipart report(String used, String unused, String people, String activities, String outcomes) {
        return new Multipart().field("reportLines[0].used", used).field("reportUnused", unused).field("reportPeopleReached", people)
                .field("reportActivitiesHeld", activities).field("reportOutcomes", outcomes);
    }

    private void review(String reportInstance, String user, String variables) {
        jobs.executeAll(reportInstance);
        String task = taskService.createTaskQuery().processInstanceId(reportInstance).taskDefinitionKey("Task_ReviewReport")
                .singleResult().getId();
        HttpResponse<String> done = new StaffClient(port).engineRest("POST", "/task/" + task + "/submit-form", user, "silta-demo",
                "{\"variables\": " + variables + "}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    /** The report instance grantFunding called, its first jobs executed. */
    private String reportInstance(GrantFunding funding) {
        String id = runtimeService.createProcessInstanceQuery().superProcessInstanceId(funding.processInstanceId()).singleResult().getId();
        jobs.executeAll(id);
        assertThat(runtimeService.getActiveActivityIds(id)).contains("Task_SubmitReport");
        return id;
    }

    private List<GrantPayment> payments(GrantFunding funding) {
        return fundingService.payments(funding);
    }

    private String status(long paymentId) {
        return jdbc.sql("select status from grant_payment where id = ?").param(paymentId).query(String.class).single();
    }

    private static List<String> subjects(String email) {
        return Mails.to(greenMail, email).stream().map(Mails.Received::subject).toList();
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String find(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in " + html);
        }
        return m.group(1);
    }
}
