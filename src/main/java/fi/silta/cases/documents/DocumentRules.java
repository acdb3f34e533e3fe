package fi.silta.cases.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import fi.silta.web.InvalidInput;

/**
 * The rules an upload must meet before it is stored (no database here): an allowed type by its name, not empty,
 * not too big, and its name, the browser's content type and its actual content agree. Every broken rule of every
 * file is reported at once, one error per file, with the file's field key.
 */
public class DocumentRules {

    /** An upload that met every rule: what will be stored. */
    public record Accepted(String fieldKey, String fileName, DocumentType type, byte[] content, String sha256) {
    }

    public static final String EMPTY = "document.empty";
    public static final String TOO_BIG = "document.tooBig";
    public static final String TYPE = "document.type";
    public static final String CONTENT = "document.content";

    private final DocumentsProperties properties;
    private final DocumentTypeDetector detector;

    public DocumentRules(DocumentsProperties properties) {
        this.properties = properties;
        this.detector = new DocumentTypeDetector(properties.maxZipEntries());
    }

    /** Checks every upload; throws {@link InvalidInput} with an error for each file that breaks a rule. */
    public List<Accepted> check(List<Upload> uploads) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        List<Accepted> accepted = new ArrayList<>(uploads.size());
        for (Upload upload : uploads) {
            check(upload, errors).ifPresent(accepted::add);
        }
        errors.throwIfAny();
        return accepted;
    }

    private Optional<Accepted> check(Upload upload, InvalidInput.Collector errors) {
        String field = upload.fieldKey();
        String cleanName = FileNames.clean(upload.originalFileName());
        Optional<DocumentType> byName = DocumentType.byExtension(FileNames.extension(cleanName))
                .filter(properties.allowed()::contains);
        if (byName.isEmpty()) {
            errors.add(field, TYPE, properties.allowedTypesText());
            return Optional.empty();
        }
        long max = properties.maxSize().toBytes();
        if (upload.size() > max) {
            errors.add(field, TOO_BIG, maxSizeInMegabytes());
            return Optional.empty();
        }
        byte[] content = read(upload, (int) max + 1);
        if (content.length == 0) {
            errors.add(field, EMPTY);
            return Optional.empty();
        }
        if (content.length > max) {
            errors.add(field, TOO_BIG, maxSizeInMegabytes());
            return Optional.empty();
        }
        DocumentType type = byName.get();
        if (!type.agreesWithDeclared(upload.declaredContentType()) || !detector.detect(content).equals(byName)) {
            errors.add(field, CONTENT);
            return Optional.empty();
        }
        return Optional.of(new Accepted(field, FileNames.forStorage(cleanName, type), type, content, sha256(content)));
    }

    /** The limit for the message, in MB (1024 × 1024 bytes): 10, or 0.5 for 512KB. */
    public BigDecimal maxSizeInMegabytes() {
        BigDecimal mb = BigDecimal.valueOf(properties.maxSize().toBytes()).divide(BigDecimal.valueOf(1024 * 1024), 2,
                RoundingMode.HALF_UP);
        if (mb.signum() == 0) {
            return new BigDecimal("0.01");
        }
        mb = mb.stripTrailingZeros();
        return mb.scale() < 0 ? mb.setScale(0) : mb;
    }

    private static byte[] read(Upload upload, int limit) {
        if (upload.content() == null) {
            return new byte[0];
        }
        try (InputStream in = upload.content().getInputStream()) {
            return in.readNBytes(limit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload of " + upload.fieldKey(), e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
