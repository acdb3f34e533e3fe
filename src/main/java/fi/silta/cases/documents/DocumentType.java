package fi.silta.cases.documents;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The file types Silta recognises by their content ({@link DocumentTypeDetector}), each with its extension, the
 * canonical content type that is stored and served, and the content types a browser may declare for it.
 */
public enum DocumentType {

    PDF("pdf", "application/pdf", "application/x-pdf"),
    ODT("odt", "application/vnd.oasis.opendocument.text"),
    DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /** What a browser declares when it does not know the type: no opinion, the content decides. */
    public static final String UNKNOWN_CONTENT_TYPE = "application/octet-stream";

    private final String extension;
    private final String contentType;
    private final Set<String> declaredTypes;

    DocumentType(String extension, String contentType, String... aliases) {
        this.extension = extension;
        this.contentType = contentType;
        this.declaredTypes = Set.of(concat(contentType, aliases));
    }

    public String extension() {
        return extension;
    }

    /** The canonical content type: stored and served whatever the browser declared. */
    public String contentType() {
        return contentType;
    }

    /**
     * Whether a browser's declared content type agrees with this type: no type (null, blank,
     * {@code application/octet-stream}) agrees with every type; parameters ({@code ;charset=...}) and case are
     * ignored.
     */
    public boolean agreesWithDeclared(String declared) {
        if (declared == null) {
            return true;
        }
        String bare = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return bare.isEmpty() || bare.equals(UNKNOWN_CONTENT_TYPE) || declaredTypes.contains(bare);
    }

    public static Optional<DocumentType> byExtension(String extension) {
        if (extension == null) {
            return Optional.empty();
        }
        String ext = extension.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.extension.equals(ext)).findFirst();
    }

    static String knownExtensions() {
        return String.join(", ", Arrays.stream(values()).map(DocumentType::extension).toList());
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
