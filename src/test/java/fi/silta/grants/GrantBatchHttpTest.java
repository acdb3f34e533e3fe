package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.prowidesoftware.swift.model.mx.MxPain00100103;

import fi.silta.notifications.OutboxDrainer;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * The coordinators' payment page over HTTP: who reaches it (coordinators; reviewers, decision makers, managers and
 * an organisation's signed-in contact do not), the payments due with masked IBANs, a batch created and a payment
 * taken out of it, the creator's approval over /engine-rest refused and a second coordinator's accepted, the two
 * files downloaded and parsed, and a batch of a payment already paid refused with a clear message.
 */
@SiltaIntegrationTest
class GrantBatchHttpTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    private static final String PAGE = "/staff/grants/payments";
    private static final Pattern FILE = Pattern.compile("/staff/grants/payments/batches/(\\d+)/files/(\\d+)");

    @LocalServerPort int port;
    @Autowired GrantBatchFixtures fixtures;
    @Autowired GrantFixtures grantFixtures;
    @Autowired GrantBatches batches;
    @Autowired TaskService taskService;
    @Autowired OutboxDrainer drainer;
    @Autowired JdbcClient jdbc;

    @Test
    void coordinatorsCreateAndApproveABatchAndDownloadItsFiles() throws Exception {
        List<GrantBatchFixtures.DuePayment> due = fixtures.due("500.00", "700.00", "900.00");
        StaffClient aino = StaffClient.signedIn(port, "aino.virtanen", "silta-demo");
        StaffClient emilia = StaffClient.signedIn(port, "emilia.lahtinen", "silta-demo");

        HttpResponse<String> page = aino.get(PAGE);
        assertThat(page.statusCode()).isEqualTo(200);
        for (var payment : due) {
            String iban = payment.iban();
            assertThat(page.body()).contains(payment.caseReference(), GrantBankAccount.masked(iban))
                    .doesNotContain(iban);
        }
        assertThat(page.body()).contains("Avustusten maksut", "name=\"paymentId\"", "value=\"" + due.get(0).paymentId() + "\"");
        assertThat(aino.get("/staff").body()).contains("href=\"/staff/grants/payments\"");
        for (String other : List.of("mikko.korhonen", "helena.hamalainen", "pekka.koskinen")) {
            StaffClient client = StaffClient.signedIn(port, other, "silta-demo");
            assertThat(client.get(PAGE).statusCode()).as(other).isEqualTo(403);
            assertThat(client.get("/staff").body()).doesNotContain("href=\"/staff/grants/payments\"");
        }
        StaffClient reviewer = StaffClient.signedIn(port, "mikko.korhonen", "silta-demo");
        long before = jdbc.sql("select count(*) from grant_payment_batch").query(Long.class).single();
        assertThat(reviewer.postWithCsrfOf("/staff", PAGE + "/batches", "paymentId=" + due.get(0).paymentId()).statusCode())
                .isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from grant_payment_batch").query(Long.class).single()).isEqualTo(before);
        // an organisation's contact signed in to the portal: the staff page is not theirs
        GrantFixtures.Applicant applicant = grantFixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        StaffClient ngo = PortalSignIn.signedIn(port, greenMail, drainer, applicant.email());
        HttpResponse<String> ngoPage = ngo.get(PAGE);
        assertThat(ngoPage.statusCode()).isNotEqualTo(200);
        assertThat(ngoPage.body()).doesNotContain(due.get(0).caseReference());

        // Aino creates a batch of the three, then takes the third out
        String chosen = due.stream().map(p -> "paymentId=" + p.paymentId()).collect(Collectors.joining("&"));
        HttpResponse<String> created = aino.postWithCsrfOf(PAGE, PAGE + "/batches", chosen);
        assertThat(created.statusCode()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains(PAGE + "#batch-");
        long batchId = Long.parseLong(location.substring(location.indexOf("#batch-") + 7));
        assertThat(aino.get(PAGE).body()).contains("Maksuerä luotu", "MAKSU-" + batchId, "Odottaa hyväksyntää", "2\u00a0100,00\u00a0€");
        HttpResponse<String> removed = aino.postWithCsrfOf(PAGE, PAGE + "/batches/" + batchId + "/remove",
                "paymentId=" + due.get(2).paymentId());
        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(aino.get(PAGE).body()).contains("Maksu otettiin pois erästä", "1\u00a0200,00\u00a0€", "otti maksun pois");
        assertThat(status(due.get(2).paymentId())).isEqualTo("DUE");

        // Aino may not approve her own batch; Emilia may
        String task = taskService.createTaskQuery().processInstanceBusinessKey("MAKSU-" + batchId).singleResult().getId();
        HttpResponse<String> own = new StaffClient(port).engineRest("POST", "/task/" + task + "/submit-form", "aino.virtanen",
                "silta-demo", "{\"variables\": {\"batchDecision\": {\"value\": \"approve\"}}}");
        assertThat(own.statusCode()).isNotEqualTo(204);
        assertThat(own.body()).contains("Loit tämän maksuerän tai muutit sitä");
        assertThat(status(due.get(0).paymentId())).isEqualTo("IN_BATCH");
        HttpResponse<String> approved = new StaffClient(port).engineRest("POST", "/task/" + task + "/submit-form", "emilia.lahtinen",
                "silta-demo", "{\"variables\": {\"batchDecision\": {\"value\": \"approve\"}}}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
        assertThat(status(due.get(0).paymentId())).isEqualTo("PAID");
        assertThat(status(due.get(1).paymentId())).isEqualTo("PAID");

        // the files, from the page's links
        String after = emilia.get(PAGE).body();
        assertThat(after).contains("Hyväksytty, maksettu", "Emilia Lahtinen");
        List<Long> files = new ArrayList<>();
        Matcher m = FILE.matcher(after);
        while (m.find()) {
            if (Long.parseLong(m.group(1)) == batchId) {
                files.add(Long.parseLong(m.group(2)));
            }
        }
        assertThat(files).hasSize(2);
        String xml = null;
        String csv = null;
        for (long file : files) {
            HttpResponse<byte[]> download = aino.getBytes(PAGE + "/batches/" + batchId + "/files/" + file);
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
            String type = download.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("application/xml")) {
                xml = new String(download.body(), StandardCharsets.UTF_8);
            } else {
                assertThat(type).startsWith("text/csv");
                csv = new String(download.body(), StandardCharsets.UTF_8);
            }
            assertThat(reviewer.getBytes(PAGE + "/batches/" + batchId + "/files/" + file).statusCode()).isEqualTo(403);
        }
        assertThat(aino.getBytes(PAGE + "/batches/" + (batchId + 100000) + "/files/" + files.get(0)).statusCode()).isEqualTo(404);
        var info = MxPain00100103.parse(xml).getCstmrCdtTrfInitn().getPmtInf().get(0);
        assertThat(info.getCdtTrfTxInf()).extracting(t -> t.getCdtrAcct().getId().getIBAN())
                .containsExactlyInAnyOrder(due.get(0).iban(), due.get(1).iban());
        List<CSVRecord> records = CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').get()
                .parse(new StringReader(csv.substring(1))).getRecords();
        assertThat(records.subList(1, records.size())).extracting(r -> r.get(5))
                .containsExactlyInAnyOrder(due.get(0).iban(), due.get(1).iban());

        // a paid payment cannot go into another batch: refused, with the reason on the page
        HttpResponse<String> again = emilia.postWithCsrfOf(PAGE, PAGE + "/batches", "paymentId=" + due.get(0).paymentId());
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(emilia.get(PAGE).body()).contains("ei ole enää maksettavana");
        HttpResponse<String> none = emilia.postWithCsrfOf(PAGE, PAGE + "/batches", "");
        assertThat(none.statusCode()).isEqualTo(302);
        assertThat(emilia.get(PAGE).body()).contains("Valitse vähintään yksi maksu.");
        assertThat(emilia.get(PAGE + "?lang=sv").body()).contains("Utbetalning av understöd", "Betalningsposter");
        // a decided batch cannot be changed
        emilia.postWithCsrfOf(PAGE, PAGE + "/batches/" + batchId + "/remove", "paymentId=" + due.get(0).paymentId());
        assertThat(status(due.get(0).paymentId())).isEqualTo("PAID");
        jdbc.sql("update grant_payment set status = 'CANCELLED' where id = ?").param(due.get(2).paymentId()).update();
    }

    private String status(long paymentId) {
        return jdbc.sql("select status from grant_payment where id = ?").param(paymentId).query(String.class).single();
    }
}
