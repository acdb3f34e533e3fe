package fi.silta.cases.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import fi.silta.web.InvalidInput;

/** The rules of an upload, with a small size limit (512 KB). */
class DocumentRulesTest {

    static final String PDF = "application/pdf";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String ODT = "application/vnd.oasis.opendocument.text";
    static final String UNKNOWN = "application/octet-stream";

    DocumentRules rules = new DocumentRules(properties(List.of("pdf", "odt", "docx", "xlsx")));

    static DocumentsProperties properties(List<String> types) {
        return new DocumentsProperties(DataSize.ofKilobytes(512), types, 1000);
    }

    @Test
    void eachAllowedTypeIsAcceptedWithItsCanonicalContentTypeAndChecksum() throws Exception {
        List<DocumentRules.Accepted> accepted = rules.check(List.of(
                Upload.of("a", "hakemus.pdf", PDF, TestFiles.pdf()),
                Upload.of("b", "kuvaus.odt", ODT, TestFiles.odt()),
                Upload.of("c", "talousarvio.docx", DOCX, TestFiles.docx()),
                Upload.of("d", "budjetti.xlsx", XLSX, TestFiles.xlsx())));
        assertThat(accepted).extracting(DocumentRules.Accepted::fieldKey, DocumentRules.Accepted::fileName,
                DocumentRules.Accepted::type).containsExactly(
                        tuple("a", "hakemus.pdf", DocumentType.PDF),
                        tuple("b", "kuvaus.odt", DocumentType.ODT),
                        tuple("c", "talousarvio.docx", DocumentType.DOCX),
                        tuple("d", "budjetti.xlsx", DocumentType.XLSX));
        assertThat(accepted.get(0).sha256())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TestFiles.pdf())))
                .hasSize(64);
        assertThat(accepted.get(0).content()).isEqualTo(TestFiles.pdf());
    }

    @Test
    void theBrowsersTypeMayBeUnknownOrAnAliasButTheStoredTypeIsCanonical() {
        for (String declared : new String[] { null, "", UNKNOWN, "application/x-pdf", "Application/PDF; charset=binary" }) {
            assertThat(rules.check(List.of(Upload.of("f", "liite.PDF", declared, TestFiles.pdf())))).singleElement()
                    .satisfies(a -> {
                        assertThat(a.type().contentType()).isEqualTo(PDF);
                        assertThat(a.fileName()).isEqualTo("liite.pdf");
                    });
        }
    }

    @Test
    void aDocxThatIsReallyAPdfIsRefused() {
        assertRefused(Upload.of("f", "liite.docx", DOCX, TestFiles.pdf()), "document.content");
        assertRefused(Upload.of("f", "liite.docx", UNKNOWN, TestFiles.pdf()), "document.content");
    }

    @Test
    void aPdfThatIsReallyAZipIsRefused() {
        assertRefused(Upload.of("f", "liite.pdf", PDF, TestFiles.docx()), "document.content");
        assertRefused(Upload.of("f", "liite.pdf", PDF, TestFiles.zip(TestFiles.entries("a.txt", "a"))), "document.content");
    }

    @Test
    void anExecutableRenamedPdfIsRefused() {
        assertRefused(Upload.of("f", "lasku.pdf", PDF, TestFiles.exe()), "document.content");
        assertRefused(Upload.of("f", "lasku.pdf", UNKNOWN, TestFiles.exe()), "document.content");
    }

    @Test
    void anOfficeTypeAnswersOnlyToItsOwnExtension() {
        assertRefused(Upload.of("f", "taulukko.docx", UNKNOWN, TestFiles.xlsx()), "document.content");
        assertRefused(Upload.of("f", "teksti.odt", UNKNOWN, TestFiles.docx()), "document.content");
        assertRefused(Upload.of("f", "teksti.xlsx", UNKNOWN, TestFiles.odt()), "document.content");
    }

    @Test
    void theBrowsersTypeMustNotContradict() {
        assertRefused(Upload.of("f", "liite.pdf", "image/png", TestFiles.pdf()), "document.content");
        assertRefused(Upload.of("f", "liite.docx", PDF, TestFiles.docx()), "document.content");
        assertRefused(Upload.of("f", "liite.xlsx", DOCX, TestFiles.xlsx()), "document.content");
    }

    @Test
    void otherTypesAndNamesWithoutExtensionAreRefusedWithTheAllowedTypes() {
        for (String name : new String[] { "ohjelma.exe", "kuva.png", "vanha.doc", "liite", "", null, "pdf" }) {
            assertThatThrownBy(() -> rules.check(List.of(Upload.of("f", name, UNKNOWN, TestFiles.pdf()))))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).singleElement().satisfies(error -> {
                        assertThat(error.messageKey()).isEqualTo("document.type");
                        assertThat(error.args()).containsExactly("PDF, ODT, DOCX, XLSX");
                    }));
        }
    }

    @Test
    void onlyTheConfiguredTypesAreAllowed() {
        DocumentRules pdfOnly = new DocumentRules(properties(List.of(" PDF ")));
        assertThat(pdfOnly.check(List.of(Upload.of("f", "a.pdf", PDF, TestFiles.pdf())))).hasSize(1);
        assertThatThrownBy(() -> pdfOnly.check(List.of(Upload.of("f", "a.docx", DOCX, TestFiles.docx()))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertThat(error.args()).containsExactly("PDF")));
        assertThatThrownBy(() -> properties(List.of("pdf", "exe"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exe");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertRefused(Upload.of("f", "tyhja.pdf", PDF, new byte[0]), "document.empty");
        assertRefused(Upload.of("f", "tyhja.pdf", PDF, (byte[]) null), "document.empty");
        assertRefused(Upload.of("f", "tyhja.pdf", PDF, new ByteArrayInputStream(new byte[0]), -1), "document.empty");
    }

    @Test
    void aFileOverTheLimitIsRefusedWithTheLimit() {
        int limit = 512 * 1024;
        assertThat(rules.check(List.of(Upload.of("f", "iso.pdf", PDF, TestFiles.pdfOfSize(limit))))).hasSize(1);
        assertThatThrownBy(() -> rules.check(List.of(Upload.of("f", "iso.pdf", PDF, TestFiles.pdfOfSize(limit + 1)))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).singleElement().satisfies(error -> {
                    assertThat(error.messageKey()).isEqualTo("document.tooBig");
                    assertThat((BigDecimal) error.args()[0]).isEqualByComparingTo("0.5");
                }));
        assertThat(new DocumentRules(new DocumentsProperties(DataSize.ofMegabytes(10), List.of("pdf"), 1000))
                .maxSizeInMegabytes()).hasToString("10");
    }

    @Test
    void aStreamIsNeverReadPastTheLimit() {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return read.getAndIncrement() < 5 ? "%PDF-".charAt((int) read.get() - 1) : 'x';
            }
        };
        // size unknown: read up to the limit + 1, then refused
        assertRefused(Upload.of("f", "iso.pdf", PDF, endless, -1), "document.tooBig");
        assertThat(read.get()).isEqualTo(512 * 1024 + 1);
        // declared too big: not read at all
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read");
            }
        };
        assertRefused(Upload.of("f", "iso.pdf", PDF, untouchable, 600 * 1024), "document.tooBig");
        // a refused type is not read either
        assertRefused(Upload.of("f", "ohjelma.exe", UNKNOWN, untouchable, 10), "document.type");
    }

    @Test
    void everyBadFileIsReportedAtOnceUnderItsOwnField() {
        assertThatThrownBy(() -> rules.check(List.of(
                Upload.of("budget", "budjetti.xlsx", XLSX, TestFiles.xlsx()),
                Upload.of("plan", "suunnitelma.exe", UNKNOWN, TestFiles.exe()),
                Upload.of("statutes", "säännöt.pdf", PDF, new byte[0]),
                Upload.of("minutes", "pöytäkirja.docx", DOCX, TestFiles.pdf()))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                        .extracting(InvalidInput.FieldError::field, InvalidInput.FieldError::messageKey)
                        .containsExactly(tuple("plan", "document.type"), tuple("statutes", "document.empty"),
                                tuple("minutes", "document.content")));
    }

    private void assertRefused(Upload upload, String messageKey) {
        assertThatThrownBy(() -> rules.check(List.of(upload)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo(upload.fieldKey());
                    assertThat(error.messageKey()).isEqualTo(messageKey);
                }));
    }
}
