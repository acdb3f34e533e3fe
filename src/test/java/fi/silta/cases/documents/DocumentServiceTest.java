package fi.silta.cases.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

import fi.silta.support.SiltaIntegrationTest;
import fi.silta.web.InvalidInput;

/** Documents in the real database (H2, or PostgreSQL with SPRING_DATASOURCE_URL): bytes, checksums, all or none. */
@SiltaIntegrationTest
class DocumentServiceTest {

    static final String PDF = "application/pdf";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Autowired DocumentService documents;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

    Instant now = Instant.parse("2026-11-23T08:15:30.123Z");
    long caseId;
    long otherCaseId;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(now));
        caseId = newCase();
        otherCaseId = newCase();
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    @Test
    void aStoredDocumentComesBackWithItsBytesChecksumAndCanonicalType() throws Exception {
        // every byte value, behind a PDF header: binary content must survive bytea / varbinary unchanged
        byte[] content = TestFiles.concat(TestFiles.pdf(), allByteValues());
        Document stored = documents.store(caseId, "plan", "C:\\temp\\Toimintasuunnitelma 2027 – hyväksytty.pdf",
                "application/x-pdf", content, "aino@example.org");

        assertThat(stored.caseId()).isEqualTo(caseId);
        assertThat(stored.fieldKey()).isEqualTo("plan");
        assertThat(stored.fileName()).isEqualTo("Toimintasuunnitelma 2027 – hyväksytty.pdf");
        assertThat(stored.contentType()).isEqualTo(PDF);
        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(stored.createdAt().toInstant()).isEqualTo(now);
        assertThat(stored.uploadedBy()).isEqualTo("aino@example.org");

        Document found = documents.find(caseId, stored.id()).orElseThrow();
        assertThat(found.createdAt().toInstant()).isEqualTo(stored.createdAt().toInstant());
        assertThat(found).usingRecursiveComparison().ignoringFields("createdAt").isEqualTo(stored);
        assertThat(documents.content(caseId, stored.id())).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content));
        assertThat(documents.list(caseId)).extracting(Document::id).containsExactly(stored.id());
    }

    @Test
    void aDocumentOfAnotherCaseIsNotFound() {
        Document stored = documents.store(caseId, "plan", "suunnitelma.pdf", PDF, TestFiles.pdf(), null);
        assertThat(documents.find(otherCaseId, stored.id())).isEmpty();
        assertThat(documents.content(otherCaseId, stored.id())).isEmpty();
        assertThat(documents.list(otherCaseId)).isEmpty();
        assertThat(documents.find(caseId, Long.MAX_VALUE)).isEmpty();
        assertThat(documents.content(caseId, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void theFilesOfOneSubmissionAreStoredTogetherAndListedInOrder() {
        List<Document> stored = documents.storeAll(caseId, List.of(
                Upload.of("plan", "suunnitelma.docx", DOCX, TestFiles.docx()),
                Upload.of("budget", "talousarvio.xlsx", XLSX, TestFiles.xlsx()),
                Upload.of("statutes", "säännöt.odt", "application/octet-stream", TestFiles.odt())), "aino@example.org");
        assertThat(documents.list(caseId)).extracting(Document::id, Document::fieldKey, Document::fileName, Document::contentType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(stored.get(0).id(), "plan", "suunnitelma.docx", DOCX),
                        org.assertj.core.groups.Tuple.tuple(stored.get(1).id(), "budget", "talousarvio.xlsx", XLSX),
                        org.assertj.core.groups.Tuple.tuple(stored.get(2).id(), "statutes", "säännöt.odt",
                                "application/vnd.oasis.opendocument.text"));
        assertThat(documents.content(caseId, stored.get(2).id())).hasValueSatisfying(b -> assertThat(b).isEqualTo(TestFiles.odt()));
    }

    @Test
    void aBadThirdFileLeavesNoFirstTwo() {
        assertThatThrownBy(() -> documents.storeAll(caseId, List.of(
                Upload.of("plan", "suunnitelma.docx", DOCX, TestFiles.docx()),
                Upload.of("budget", "talousarvio.xlsx", XLSX, TestFiles.xlsx()),
                Upload.of("statutes", "säännöt.pdf", PDF, TestFiles.exe())), "aino@example.org"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("statutes");
                    assertThat(error.messageKey()).isEqualTo("document.content");
                }));
        assertThat(documents.list(caseId)).isEmpty();
    }

    @Test
    void aDatabaseFailureAtTheThirdFileRollsBackTheFirstTwo() {
        // the rules pass; the third row breaks a column limit (field_key is varchar(100)) when it is written
        assertThatThrownBy(() -> documents.storeAll(caseId, List.of(
                Upload.of("plan", "suunnitelma.pdf", PDF, TestFiles.pdf()),
                Upload.of("budget", "talousarvio.xlsx", XLSX, TestFiles.xlsx()),
                Upload.of("x".repeat(101), "säännöt.pdf", PDF, TestFiles.pdf())), null))
                .isInstanceOf(DataAccessException.class);
        assertThat(documents.list(caseId)).isEmpty();
    }

    @Test
    void documentsJoinTheCallersTransaction() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            documents.store(caseId, "plan", "suunnitelma.pdf", PDF, TestFiles.pdf(), null);
            throw new IllegalStateException("the submission failed after its documents");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(documents.list(caseId)).isEmpty();
    }

    @Test
    void aFileCanComeAsAStream() {
        byte[] content = TestFiles.docx();
        Document stored = documents.store(caseId, "plan", "suunnitelma.docx", DOCX, new ByteArrayInputStream(content),
                content.length, "aino@example.org");
        assertThat(documents.content(caseId, stored.id())).hasValueSatisfying(b -> assertThat(b).isEqualTo(content));
    }

    @Test
    void aDocumentWhoseContentNoLongerMatchesItsChecksumIsNotServed() {
        Document stored = documents.store(caseId, "plan", "suunnitelma.pdf", PDF, TestFiles.pdf(), null);
        jdbc.sql("update document set sha256 = ? where id = ?").params("0".repeat(64), stored.id()).update();
        assertThatThrownBy(() -> documents.content(caseId, stored.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SHA-256");
    }

    @Test
    void aTenMegabyteFileIsAcceptedByDefault() {
        byte[] content = TestFiles.pdfOfSize(10 * 1024 * 1024);
        Document stored = documents.store(caseId, "plan", "iso.pdf", PDF, content, null);
        assertThat(documents.content(caseId, stored.id())).hasValueSatisfying(b -> assertThat(b).isEqualTo(content));
        assertThatThrownBy(() -> documents.store(caseId, "plan", "liian-iso.pdf", PDF, TestFiles.pdfOfSize(10 * 1024 * 1024 + 1), null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting(InvalidInput.FieldError::messageKey)
                        .containsExactly("document.tooBig"));
        assertThat(documents.list(caseId)).hasSize(1);
    }

    /** A case row as V2 defines it: a unique reference and token hash for each test. */
    private long newCase() {
        String unique = UUID.randomUUID().toString().replace("-", "");
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into case_file (reference, kind, contact_email, language, token_hash, created_at) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params("DT-" + unique.substring(0, 12), "TEST", "docs@test.example", "fi", unique + unique,
                        OffsetDateTime.now())
                .update(key, "id");
        return key.getKey().longValue();
    }

    private static byte[] allByteValues() {
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
