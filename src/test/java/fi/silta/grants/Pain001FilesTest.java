package fi.silta.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.prowidesoftware.swift.model.mx.MxPain00100103;
import com.prowidesoftware.swift.model.mx.MxPain00100109;

import fi.silta.cases.Deadlines;
import fi.silta.support.SiltaIntegrationTest;

/**
 * An approved batch's pain.001, read back with Prowide ISO 20022, for both versions: the county's debtor account,
 * name and BIC, the requested execution date (a banking day), and per payment the creditor's name and IBAN, the
 * amount in euros, the end-to-end id and remittance information (the payment's reference); the group header's count
 * and control sum; and the CSV stored beside it holds the same payments.
 */
@SiltaIntegrationTest
class Pain001FilesTest {

    @Autowired GrantBatchFixtures fixtures;
    @Autowired GrantBatches batches;
    @Autowired GrantBatchProperties properties;
    @Autowired Deadlines deadlines;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired JdbcClient jdbc;

    /** A transfer as read back from a file or the CSV. */
    record Read(String name, String iban, BigDecimal amount, String endToEnd, String remittance) {
    }

    @ParameterizedTest
    @ValueSource(strings = {Pain001Files.V03, Pain001Files.V09})
    void theFileAndTheCsvHoldTheBatchsPayments(String version) throws Exception {
        List<GrantBatchFixtures.DuePayment> due = fixtures.due("3000.00", "1250.50", "99.99");
        GrantBatches.Batch batch = batches.create(GrantBatchProcessTest.ids(due), "aino.virtanen");
        // the version a batch gets is the configured one when it is created (here set for the test)
        jdbc.sql("update grant_payment_batch set pain_version = ? where id = ?").params(version, batch.id()).update();
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(batch.reference()).singleResult();
        identityService.setAuthentication("emilia.lahtinen", List.of("coordinators"));
        try {
            taskService.complete(task.getId(), Map.of("batchDecision", "approve"));
        } finally {
            identityService.clearAuthentication();
        }
        GrantBatches.Batch approved = batches.find(batch.id()).orElseThrow();
        LocalDate execution = approved.executionDate();
        assertThat(execution).isAfter(LocalDate.now(fi.silta.web.Locales.HELSINKI).minusDays(1));
        assertThat(deadlines.isWorkingDay(execution)).isTrue();

        String xml = new String(file(batch.id(), GrantBatches.PAIN_SLOT), StandardCharsets.UTF_8);
        assertThat(xml).startsWith("<?xml").contains("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:" + version + "\"")
                .doesNotContain("AppHdr");
        assertThat(fileName(batch.id(), GrantBatches.PAIN_SLOT)).isEqualTo(batch.reference() + "-" + version + ".xml");
        List<Read> transfers = new ArrayList<>();
        if (Pain001Files.V03.equals(version)) {
            var initiation = MxPain00100103.parse(xml).getCstmrCdtTrfInitn();
            assertThat(initiation.getGrpHdr().getMsgId()).isEqualTo("SILTA-" + batch.reference());
            assertThat(initiation.getGrpHdr().getNbOfTxs()).isEqualTo("3");
            assertThat(initiation.getGrpHdr().getCtrlSum()).isEqualByComparingTo("4350.49");
            assertThat(initiation.getPmtInf()).hasSize(1);
            var info = initiation.getPmtInf().get(0);
            assertThat(info.getPmtInfId()).isEqualTo(batch.reference() + "-1");
            assertThat(info.getDbtr().getNm()).isEqualTo(properties.debtorName());
            assertThat(info.getDbtrAcct().getId().getIBAN()).isEqualTo(properties.debtorIban());
            assertThat(info.getDbtrAgt().getFinInstnId().getBIC()).isEqualTo(properties.debtorBic());
            assertThat(info.getReqdExctnDt()).isEqualTo(execution);
            info.getCdtTrfTxInf().forEach(t -> {
                assertThat(t.getAmt().getInstdAmt().getCcy()).isEqualTo("EUR");
                transfers.add(new Read(t.getCdtr().getNm(), t.getCdtrAcct().getId().getIBAN(), t.getAmt().getInstdAmt().getValue(),
                        t.getPmtId().getEndToEndId(), t.getRmtInf().getUstrd().get(0)));
            });
        } else {
            var initiation = MxPain00100109.parse(xml).getCstmrCdtTrfInitn();
            assertThat(initiation.getGrpHdr().getMsgId()).isEqualTo("SILTA-" + batch.reference());
            assertThat(initiation.getGrpHdr().getNbOfTxs()).isEqualTo("3");
            assertThat(initiation.getGrpHdr().getCtrlSum()).isEqualByComparingTo("4350.49");
            assertThat(initiation.getPmtInf()).hasSize(1);
            var info = initiation.getPmtInf().get(0);
            assertThat(info.getPmtInfId()).isEqualTo(batch.reference() + "-1");
            assertThat(info.getDbtr().getNm()).isEqualTo(properties.debtorName());
            assertThat(info.getDbtrAcct().getId().getIBAN()).isEqualTo(properties.debtorIban());
            assertThat(info.getDbtrAgt().getFinInstnId().getBICFI()).isEqualTo(properties.debtorBic());
            assertThat(info.getReqdExctnDt().getDt()).isEqualTo(execution);
            info.getCdtTrfTxInf().forEach(t -> {
                assertThat(t.getAmt().getInstdAmt().getCcy()).isEqualTo("EUR");
                transfers.add(new Read(t.getCdtr().getNm(), t.getCdtrAcct().getId().getIBAN(), t.getAmt().getInstdAmt().getValue(),
                        t.getPmtId().getEndToEndId(), t.getRmtInf().getUstrd().get(0)));
            });
        }
        assertThat(GrantBatchFixtures.validIban(properties.debtorIban())).isTrue();
        List<Read> expected = due.stream().map(p -> new Read(p.holder(), p.iban(), p.amount(), p.caseReference() + "-1",
                p.caseReference() + "-1")).sorted(Comparator.comparing(Read::endToEnd)).toList();
        assertThat(sorted(transfers)).usingRecursiveFieldByFieldElementComparatorOnFields("name", "iban", "endToEnd", "remittance")
                .containsExactlyElementsOf(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(sorted(transfers).get(i).amount()).isEqualByComparingTo(expected.get(i).amount());
        }

        // the CSV: the same payments, as Finnish Excel reads them
        String csv = new String(file(batch.id(), GrantBatches.CSV_SLOT), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\ufeff");
        List<CSVRecord> records = new ArrayList<>(CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').get()
                .parse(new StringReader(csv.substring(1))).getRecords());
        assertThat(records.get(0).values()).containsExactly("Maksuerä", "Asiatunnus", "Järjestö", "Erä", "Saaja", "IBAN", "Summa (€)",
                "Viite", "Maksupäivä");
        List<Read> fromCsv = records.subList(1, records.size()).stream().map(r -> {
            assertThat(r.get(0)).isEqualTo(batch.reference());
            assertThat(r.get(8)).isEqualTo(execution.getDayOfMonth() + "." + execution.getMonthValue() + "." + execution.getYear());
            return new Read(r.get(4), r.get(5), new BigDecimal(r.get(6).replace(',', '.')), r.get(7), r.get(7));
        }).toList();
        assertThat(sorted(fromCsv)).usingRecursiveFieldByFieldElementComparatorOnFields("name", "iban", "endToEnd", "remittance")
                .containsExactlyElementsOf(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(sorted(fromCsv).get(i).amount()).isEqualByComparingTo(expected.get(i).amount());
        }
        assertThat(records.subList(1, records.size()).stream().map(r -> r.get(6)).toList()).contains("3000,00", "1250,50", "99,99");
    }

    private static List<Read> sorted(List<Read> reads) {
        return reads.stream().sorted(Comparator.comparing(Read::endToEnd)).toList();
    }

    private byte[] file(long batchId, String slot) {
        return jdbc.sql("select content from call_document where call_kind = ? and call_id = ? and slot = ?")
                .params(GrantBatches.CALL_KIND, batchId, slot).query((rs, n) -> rs.getBytes(1)).single();
    }

    private String fileName(long batchId, String slot) {
        return jdbc.sql("select file_name from call_document where call_kind = ? and call_id = ? and slot = ?")
                .params(GrantBatches.CALL_KIND, batchId, slot).query(String.class).single();
    }
}
