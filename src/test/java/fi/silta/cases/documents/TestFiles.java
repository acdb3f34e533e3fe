package fi.silta.cases.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small real files of each type, made here so every byte of them is visible in the tests. */
final class TestFiles {

    static final String ODT_MIMETYPE = "application/vnd.oasis.opendocument.text";
    static final String CONTENT_TYPES_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";

    private TestFiles() {
    }

    /** A minimal valid one-page PDF (with a correct cross-reference table). */
    static byte[] pdf() {
        String[] objects = {
                "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
                "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n",
                "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n" };
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        StringBuilder xref = new StringBuilder("xref\n0 4\n0000000000 65535 f \n");
        for (String object : objects) {
            xref.append(String.format("%010d 00000 n \n", pdf.length()));
            pdf.append(object);
        }
        int startxref = pdf.length();
        pdf.append(xref).append("trailer << /Size 4 /Root 1 0 R >>\nstartxref\n").append(startxref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A PDF of about this many bytes (a comment pads it). */
    static byte[] pdfOfSize(int size) {
        byte[] pdf = pdf();
        byte[] out = new byte[size];
        System.arraycopy(pdf, 0, out, 0, Math.min(pdf.length, size));
        for (int i = pdf.length; i < size; i++) {
            out[i] = (byte) (i % 64 == 0 ? '\n' : i % 64 == 1 ? '%' : 'x');
        }
        return out;
    }

    static byte[] odt() {
        return odtWithMimetype(ODT_MIMETYPE);
    }

    /** An ODF package as LibreOffice writes it: "mimetype" first and stored, then the rest. */
    static byte[] odtWithMimetype(String mimetype) {
        return zip(out -> {
            stored(out, "mimetype", mimetype.getBytes(StandardCharsets.US_ASCII));
            deflated(out, "META-INF/manifest.xml", "<manifest:manifest/>");
            deflated(out, "content.xml", "<office:document-content/>");
        });
    }

    static byte[] docx() {
        return zip(out -> {
            deflated(out, "[Content_Types].xml", CONTENT_TYPES_XML);
            deflated(out, "_rels/.rels", "<Relationships/>");
            deflated(out, "word/document.xml", "<w:document/>");
        });
    }

    static byte[] xlsx() {
        return zip(out -> {
            deflated(out, "[Content_Types].xml", CONTENT_TYPES_XML);
            deflated(out, "_rels/.rels", "<Relationships/>");
            deflated(out, "xl/workbook.xml", "<workbook/>");
            deflated(out, "xl/worksheets/sheet1.xml", "<worksheet/>");
        });
    }

    /** A ZIP of these entries, in this order. */
    static byte[] zip(Map<String, String> entries) {
        return zip(out -> entries.forEach((name, text) -> deflated(out, name, text)));
    }

    /** A DOCX with this many more (empty) entries. */
    static byte[] docxWithEntries(int extra) {
        return zip(out -> {
            deflated(out, "[Content_Types].xml", CONTENT_TYPES_XML);
            deflated(out, "word/document.xml", "<w:document/>");
            for (int i = 0; i < extra; i++) {
                deflated(out, "word/media/image" + i + ".png", "");
            }
        });
    }

    /** A DOCX with one more entry that inflates to this many zero bytes: a zip bomb if anyone read it. */
    static byte[] docxWithBomb(long inflatedBytes) {
        return zip(out -> {
            deflated(out, "[Content_Types].xml", CONTENT_TYPES_XML);
            deflated(out, "word/document.xml", "<w:document/>");
            try {
                out.putNextEntry(new ZipEntry("word/media/bomb.bin"));
                byte[] zeros = new byte[1 << 20];
                for (long written = 0; written < inflatedBytes; written += zeros.length) {
                    out.write(zeros, 0, (int) Math.min(zeros.length, inflatedBytes - written));
                }
                out.closeEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** An ODT whose "mimetype" entry goes on and on after the right value (deflated). */
    static byte[] odtWithHugeMimetype(int inflatedBytes) {
        return zip(out -> {
            byte[] value = new byte[inflatedBytes];
            java.util.Arrays.fill(value, (byte) ' ');
            byte[] mt = ODT_MIMETYPE.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(mt, 0, value, 0, mt.length);
            try {
                out.putNextEntry(new ZipEntry("mimetype"));
                out.write(value);
                out.closeEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            deflated(out, "content.xml", "<office:document-content/>");
        });
    }

    /** The start of a Windows executable ("MZ", then the DOS stub). */
    static byte[] exe() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, exe, 78, stub.length);
        return exe;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static Map<String, String> entries(String... namesAndTexts) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            map.put(namesAndTexts[i], namesAndTexts[i + 1]);
        }
        return map;
    }

    interface ZipWriter {
        void write(ZipOutputStream out) throws IOException;
    }

    private static byte[] zip(ZipWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void deflated(ZipOutputStream out, String name, String text) {
        try {
            out.putNextEntry(new ZipEntry(name));
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stored(ZipOutputStream out, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        out.write(content);
        out.closeEntry();
    }
}
