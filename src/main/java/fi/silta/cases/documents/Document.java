package fi.silta.cases.documents;

import java.time.OffsetDateTime;

/**
 * A document of a case, without its content ({@link DocumentService#content}).
 *
 * @param fieldKey    the form field it was uploaded in (null for a generated document)
 * @param fileName    cleaned name, with the extension of its type ({@link FileNames})
 * @param contentType canonical type of what the content really is ({@link DocumentType#contentType()})
 * @param size        bytes
 * @param sha256      SHA-256 of the content, lower-case hex
 * @param uploadedBy  who stored it (the portal user's e-mail, a staff user id, ...), may be null
 */
public record Document(long id, long caseId, String fieldKey, String fileName, String contentType, long size,
        String sha256, OffsetDateTime createdAt, String uploadedBy) {
}
