package fi.silta.cases.documents;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.springframework.core.io.InputStreamSource;
import org.springframework.util.StreamUtils;
import org.springframework.web.multipart.MultipartFile;

/**
 * One file of a submission, as the browser sent it; nothing of it is trusted until {@link DocumentService} has
 * checked it.
 *
 * @param fieldKey            the form field, also the field of any {@link fi.silta.web.InvalidInput} error
 * @param originalFileName    the name the browser sent (may hold a path)
 * @param declaredContentType the browser's content type, null or {@code application/octet-stream} when unknown
 * @param size                the declared size in bytes, negative when unknown: a file declared too big is
 *                            refused without reading it; the bytes actually read decide in the end
 * @param content             the bytes; read once, at most {@code silta.documents.max-size} + 1 of them
 */
public record Upload(String fieldKey, String originalFileName, String declaredContentType, long size,
        InputStreamSource content) {

    public static Upload of(String fieldKey, String originalFileName, String declaredContentType, byte[] content) {
        byte[] bytes = content == null ? new byte[0] : content;
        return new Upload(fieldKey, originalFileName, declaredContentType, bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    /** A stream the caller owns: it is read, not closed. */
    public static Upload of(String fieldKey, String originalFileName, String declaredContentType, InputStream content,
            long size) {
        return new Upload(fieldKey, originalFileName, declaredContentType, size, () -> StreamUtils.nonClosing(content));
    }

    /** A file of a multipart request (the portal's form). */
    public static Upload of(String fieldKey, MultipartFile file) {
        return new Upload(fieldKey, file.getOriginalFilename(), file.getContentType(), file.getSize(), file);
    }
}
