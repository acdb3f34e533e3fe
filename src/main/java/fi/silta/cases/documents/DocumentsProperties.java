package fi.silta.cases.documents;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Documents of a case ({@code silta.documents.*}).
 *
 * @param maxSize       largest file accepted (and not empty); {@code spring.servlet.multipart.max-file-size} must
 *                      be at least this large, or the container refuses a file before Silta sees it
 * @param allowedTypes  extensions accepted as attachments, each one Silta can recognise by content
 *                      ({@link DocumentType}: pdf, odt, docx, xlsx)
 * @param maxZipEntries an ODT/DOCX/XLSX with more entries than this is refused (zip bombs)
 */
@ConfigurationProperties("silta.documents")
public record DocumentsProperties(
        @DefaultValue("10MB") DataSize maxSize,
        @DefaultValue({ "pdf", "odt", "docx", "xlsx" }) List<String> allowedTypes,
        @DefaultValue("1000") int maxZipEntries) {

    public DocumentsProperties {
        if (maxSize.toBytes() < 1 || maxSize.toBytes() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("silta.documents.max-size must be between 1B and 2GB, was " + maxSize);
        }
        if (allowedTypes.isEmpty()) {
            throw new IllegalArgumentException("silta.documents.allowed-types is empty");
        }
        allowedTypes = allowedTypes.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        for (String type : allowedTypes) {
            if (DocumentType.byExtension(type).isEmpty()) {
                throw new IllegalArgumentException("silta.documents.allowed-types: Silta cannot recognise '" + type
                        + "' by its content; known types are " + DocumentType.knownExtensions());
            }
        }
        if (maxZipEntries < 10) {
            throw new IllegalArgumentException("silta.documents.max-zip-entries must be at least 10");
        }
    }

    /** The allowed types as the portal shows them: {@code PDF, ODT, DOCX, XLSX}. */
    public String allowedTypesText() {
        return String.join(", ", allowedTypes.stream().map(t -> t.toUpperCase(Locale.ROOT)).toList());
    }

    public List<DocumentType> allowed() {
        return allowedTypes.stream().map(t -> DocumentType.byExtension(t).orElseThrow()).toList();
    }
}
