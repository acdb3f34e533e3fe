package fi.silta.cases.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises a file by its content, not by its name or by what the browser says.
 * <ul>
 * <li>PDF: starts with {@code %PDF-}.</li>
 * <li>ODT, DOCX, XLSX: a ZIP that starts with a local file header (so nothing, e.g. an executable, is put in
 * front of it), read with {@link ZipFile} from its central directory (no bigger than the file, which is at most
 * {@code silta.documents.max-size}): only entry names are looked at, never the entries' content, so an entry that
 * inflates to gigabytes costs nothing; an archive with more than {@code maxZipEntries} entries is refused before
 * its names are compared. The one exception is ODT's {@code mimetype} entry, which must come first and of which at
 * most a few dozen bytes are inflated.</li>
 * </ul>
 * ZipFile needs a file: the content (at most {@code silta.documents.max-size}) is written to a private temporary
 * file that is deleted at once.
 */
public final class DocumentTypeDetector {

    private static final Logger log = LoggerFactory.getLogger(DocumentTypeDetector.class);

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZIP_LOCAL_HEADER = { 'P', 'K', 3, 4 };
    private static final String ODT_MIMETYPE_ENTRY = "mimetype";
    private static final byte[] ODT_MIMETYPE = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
    private static final String CONTENT_TYPES = "[content_types].xml";
    private static final String DOCX_MAIN = "word/document.xml";
    private static final String XLSX_MAIN = "xl/workbook.xml";

    private final int maxZipEntries;

    public DocumentTypeDetector(int maxZipEntries) {
        this.maxZipEntries = maxZipEntries;
    }

    /** The type the content really is, or empty when it is none Silta recognises. */
    public Optional<DocumentType> detect(byte[] content) {
        if (startsWith(content, PDF_MAGIC)) {
            return Optional.of(DocumentType.PDF);
        }
        if (startsWith(content, ZIP_LOCAL_HEADER)) {
            return detectZip(content);
        }
        return Optional.empty();
    }

    private Optional<DocumentType> detectZip(byte[] content) {
        Path file;
        try {
            file = Files.createTempFile("silta-document-", ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file to inspect an upload", e);
        }
        try {
            Files.write(file, content);
            // names without the UTF-8 flag as ISO-8859-1: every byte decodes, the names that matter are ASCII
            try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.ISO_8859_1)) {
                return detectZip(zip, content);
            }
        } catch (IOException | RuntimeException e) {
            // a broken or hostile archive is simply not a document of any known type
            log.debug("upload is not a readable ZIP: {}", e.toString());
            return Optional.empty();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("could not delete temporary file {}", file, e);
            }
        }
    }

    private Optional<DocumentType> detectZip(ZipFile zip, byte[] content) throws IOException {
        // too many entries: refused without looking further
        if (zip.size() > maxZipEntries) {
            return Optional.empty();
        }
        Enumeration<? extends ZipEntry> entries = zip.entries();
        if (!entries.hasMoreElements()) {
            return Optional.empty();
        }
        ZipEntry first = entries.nextElement();
        if (first.getName().equals(ODT_MIMETYPE_ENTRY)) {
            return isOdtMimetype(zip, first, content) ? Optional.of(DocumentType.ODT) : Optional.empty();
        }
        // OPC part names are case-insensitive
        Set<String> names = new HashSet<>();
        names.add(first.getName().toLowerCase(Locale.ROOT));
        int count = 1;
        while (entries.hasMoreElements()) {
            if (++count > maxZipEntries) {
                return Optional.empty();
            }
            names.add(entries.nextElement().getName().toLowerCase(Locale.ROOT));
        }
        if (names.contains(CONTENT_TYPES)) {
            boolean word = names.contains(DOCX_MAIN);
            boolean excel = names.contains(XLSX_MAIN);
            if (word && !excel) {
                return Optional.of(DocumentType.DOCX);
            }
            if (excel && !word) {
                return Optional.of(DocumentType.XLSX);
            }
        }
        return Optional.empty();
    }

    /**
     * ODF: {@code mimetype} is the first entry both in the central directory and in the file itself (its name at
     * offset 30 of the first local header), and holds exactly the ODT media type. Read at most a few bytes past
     * that, whatever the entry claims its size is.
     */
    private static boolean isOdtMimetype(ZipFile zip, ZipEntry entry, byte[] content) throws IOException {
        byte[] localName = ODT_MIMETYPE_ENTRY.getBytes(StandardCharsets.US_ASCII);
        if (content.length < 30 + localName.length || !Arrays.equals(content, 30, 30 + localName.length, localName, 0,
                localName.length)) {
            return false;
        }
        if (entry.getSize() > ODT_MIMETYPE.length) {
            return false;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] value = in.readNBytes(ODT_MIMETYPE.length + 1);
            return Arrays.equals(value, ODT_MIMETYPE);
        }
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        return content != null && content.length >= prefix.length
                && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }
}
