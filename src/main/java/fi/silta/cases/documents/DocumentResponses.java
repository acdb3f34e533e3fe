package fi.silta.cases.documents;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Serves a document as a download. The caller has already decided that the reader may see the case (its token,
 * or a staff sign-in) and found the document with {@link DocumentService#find} and {@link DocumentService#content}.
 */
public final class DocumentResponses {

    private DocumentResponses() {
    }

    /**
     * The content as an attachment: {@code Content-Disposition: attachment} with the UTF-8 name, the canonical
     * {@code Content-Type}, {@code X-Content-Type-Options: nosniff} and {@code Cache-Control: private, no-store}
     * (a shared computer keeps no copy).
     */
    public static ResponseEntity<byte[]> download(Document document, byte[] content) {
        return download(document.fileName(), document.contentType(), content);
    }

    /** As {@link #download(Document, byte[])}, for any stored file (a call's document, a generated report). */
    public static ResponseEntity<byte[]> download(String fileName, String contentType, byte[] content) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, FileNames.contentDisposition(fileName))
                .contentType(MediaType.parseMediaType(contentType))
                .contentLength(content.length)
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(content);
    }
}
