package fi.silta.cases.documents;

import static fi.silta.cases.documents.TestFiles.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** What a file really is, whatever its name says. */
class DocumentTypeDetectorTest {

    DocumentTypeDetector detector = new DocumentTypeDetector(1000);

    @Test
    void recognisesEachTypeByItsContent() {
        assertThat(detector.detect(TestFiles.pdf())).contains(DocumentType.PDF);
        assertThat(detector.detect(TestFiles.odt())).contains(DocumentType.ODT);
        assertThat(detector.detect(TestFiles.docx())).contains(DocumentType.DOCX);
        assertThat(detector.detect(TestFiles.xlsx())).contains(DocumentType.XLSX);
    }

    @Test
    void somethingElseIsNoType() {
        assertThat(detector.detect(new byte[0])).isEmpty();
        assertThat(detector.detect(TestFiles.exe())).isEmpty();
        assertThat(detector.detect("%PD".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(detector.detect(" %PDF-1.4".getBytes(StandardCharsets.US_ASCII))).as("must start with %PDF-").isEmpty();
        assertThat(detector.detect("Hei, tässä hakemus".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void aZipIsOnlyAnOfficeDocumentWithTheRightEntries() {
        assertThat(detector.detect(TestFiles.zip(entries("readme.txt", "hello")))).isEmpty();
        assertThat(detector.detect(TestFiles.zip(entries("word/document.xml", "<w:document/>"))))
                .as("no [Content_Types].xml").isEmpty();
        assertThat(detector.detect(TestFiles.zip(entries("[Content_Types].xml", "<Types/>")))).as("no main part").isEmpty();
        assertThat(detector.detect(TestFiles.zip(entries("[Content_Types].xml", "<Types/>", "word/document.xml", "",
                "xl/workbook.xml", "")))).as("both a document and a workbook").isEmpty();
        assertThat(detector.detect(TestFiles.zip(entries("[content_types].XML", "<Types/>", "Word/Document.xml", ""))))
                .as("OPC part names are case-insensitive").contains(DocumentType.DOCX);
    }

    @Test
    void anOdtNeedsItsMimetypeFirstAndExact() {
        assertThat(detector.detect(TestFiles.odtWithMimetype("application/vnd.oasis.opendocument.spreadsheet")))
                .as("an ODS spreadsheet").isEmpty();
        assertThat(detector.detect(TestFiles.odtWithMimetype(TestFiles.ODT_MIMETYPE + "\n"))).isEmpty();
        assertThat(detector.detect(TestFiles.zip(entries("content.xml", "<x/>", "mimetype", TestFiles.ODT_MIMETYPE))))
                .as("mimetype not first").isEmpty();
        assertThat(detector.detect(TestFiles.zip(entries("mimetype", TestFiles.ODT_MIMETYPE, "content.xml", "<x/>"))))
                .as("first and deflated is still an ODT").contains(DocumentType.ODT);
    }

    @Test
    void aZipBehindSomethingElseOrBrokenIsNoType() {
        assertThat(detector.detect(TestFiles.concat(TestFiles.exe(), TestFiles.docx())))
                .as("a self-extracting executable holding a DOCX").isEmpty();
        byte[] docx = TestFiles.docx();
        assertThat(detector.detect(Arrays.copyOf(docx, docx.length - 30))).as("truncated").isEmpty();
        assertThat(detector.detect(new byte[] { 'P', 'K', 3, 4, 0, 0, 0 })).isEmpty();
        byte[] garbage = new byte[4096];
        new java.util.Random(1).nextBytes(garbage);
        garbage[0] = 'P';
        garbage[1] = 'K';
        garbage[2] = 3;
        garbage[3] = 4;
        assertThat(detector.detect(garbage)).isEmpty();
    }

    @Test
    void anArchiveWithTooManyEntriesIsRefused() {
        assertThat(detector.detect(TestFiles.docxWithEntries(990))).contains(DocumentType.DOCX);
        assertThat(detector.detect(TestFiles.docxWithEntries(5000))).isEmpty();
        assertThat(new DocumentTypeDetector(10).detect(TestFiles.docxWithEntries(9))).isEmpty();
    }

    @Test
    void entriesAreNeverInflated() {
        // 256 MB of zeros in about 256 KB (the ratio of a real bomb; only the size differs): never inflated
        byte[] bomb = TestFiles.docxWithBomb(256L << 20);
        assertThat(bomb.length).isLessThan(1 << 20);
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThat(detector.detect(bomb)).contains(DocumentType.DOCX));
    }

    @Test
    void onlyTheNamesOfEntriesAreRead() {
        // the deflated data of an entry replaced by garbage: reading it would fail, reading its name does not
        byte[] docx = TestFiles.docxWithBomb(1 << 20);
        byte[] name = "word/media/bomb.bin".getBytes(StandardCharsets.US_ASCII);
        int local = indexOf(docx, name);
        int data = local + name.length; // no extra field: ZipOutputStream writes none
        Arrays.fill(docx, data, data + 64, (byte) 0xff);
        assertThat(detector.detect(docx)).contains(DocumentType.DOCX);
    }

    @Test
    void anOdtMimetypeIsReadOnlyAFewBytesFar() {
        byte[] odt = TestFiles.odtWithHugeMimetype(64 << 20);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(detector.detect(odt)).isEmpty());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
