package fi.silta.cases.documents;

import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.web.InvalidInput;

/**
 * The documents of a case: attachments from the portal (later also generated documents), kept in the database
 * with their SHA-256. Takes a case id and checks no token: the callers (portal with the case's token, staff pages)
 * decide who may reach a case. Storing checks {@link DocumentRules} first and stores nothing when any file breaks
 * one ({@link InvalidInput}, one error per file with its field key).
 */
@Service
public class DocumentService {

    private static final String COLUMNS = "id, case_id, field_key, file_name, content_type, size_bytes, sha256, created_at, uploaded_by";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final DocumentRules rules;

    public DocumentService(JdbcClient jdbc, Clock clock, DocumentsProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rules = new DocumentRules(properties);
    }

    /** Stores one file (checked first); joins the caller's transaction. */
    @Transactional
    public Document store(long caseId, String fieldKey, String originalFileName, String declaredContentType, byte[] content,
            String uploadedBy) {
        return storeAll(caseId, List.of(Upload.of(fieldKey, originalFileName, declaredContentType, content)), uploadedBy).get(0);
    }

    /** Stores one file read from a stream the caller owns (read up to max-size + 1 bytes, not closed). */
    @Transactional
    public Document store(long caseId, String fieldKey, String originalFileName, String declaredContentType,
            InputStream content, long size, String uploadedBy) {
        return storeAll(caseId, List.of(Upload.of(fieldKey, originalFileName, declaredContentType, content, size)), uploadedBy)
                .get(0);
    }

    /**
     * Stores the files of one submission in one transaction (the caller's, if any): every file is checked before
     * anything is written, and a failure while writing rolls back the ones before it. All or none.
     */
    @Transactional
    public List<Document> storeAll(long caseId, List<Upload> uploads, String uploadedBy) {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        List<Document> stored = new ArrayList<>(uploads.size());
        for (DocumentRules.Accepted file : rules.check(uploads)) {
            long id = insert("document", "case_id", caseId, file, uploadedBy, now);
            stored.add(new Document(id, caseId, file.fieldKey(), file.fileName(), file.type().contentType(), file.content().length,
                    file.sha256(), now, uploadedBy));
        }
        return stored;
    }

    /** The documents of a case, oldest first, without content. */
    @Transactional(readOnly = true)
    public List<Document> list(long caseId) {
        return jdbc.sql("select " + COLUMNS + " from document where case_id = ? order by created_at, id").param(caseId)
                .query(DocumentService::document).list();
    }

    /** A document of this case; a document of another case is not found. */
    @Transactional(readOnly = true)
    public Optional<Document> find(long caseId, long documentId) {
        return jdbc.sql("select " + COLUMNS + " from document where id = ? and case_id = ?").params(documentId, caseId)
                .query(DocumentService::document).optional();
    }

    /**
     * The content of a document of this case. Its SHA-256 is checked: a document whose content no longer matches
     * its checksum is not served ({@link IllegalStateException}).
     */
    @Transactional(readOnly = true)
    public Optional<byte[]> content(long caseId, long documentId) {
        return jdbc.sql("select content, sha256 from document where id = ? and case_id = ?").params(documentId, caseId)
                .query((rs, row) -> checked(rs, "document " + documentId + " of case " + caseId)).optional();
    }

    private static byte[] checked(ResultSet rs, String what) throws SQLException {
        byte[] content = rs.getBytes("content");
        if (!DocumentRules.sha256(content).equals(rs.getString("sha256"))) {
            throw new IllegalStateException(what + ": content does not match its SHA-256");
        }
        return content;
    }

    /**
     * A published document of a call (a commenting round's draft plan, a negotiation's background material):
     * {@code slot} names the document, each upload to it a new version; the newest is the one shown.
     */
    public record CallDocument(long id, String slot, int version, String title, String fileName, String contentType, long size,
            OffsetDateTime createdAt, String uploadedBy) {
    }

    /** Stores a new version of a call's document (checked as a case's documents are); joins the caller's transaction. */
    @Transactional
    public CallDocument storeCallDocument(String callKind, long callId, String slot, String title, Upload upload, String uploadedBy) {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        DocumentRules.Accepted file = rules.check(List.of(upload)).get(0);
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from call_document where call_kind = ? and call_id = ? and slot = ?")
                .params(callKind, callId, slot).query(Integer.class).single();
        var key = new GeneratedKeyHolder();
        byte[] content = file.content();
        jdbc.sql("insert into call_document (call_kind, call_id, slot, version, title, file_name, content_type, size_bytes, sha256, "
                        + "content, uploaded_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(callKind, callId, slot, version, title, file.fileName(), file.type().contentType(), (long) content.length,
                        file.sha256(), (SqlTypeValue) (ps, index, sqlType, typeName) -> ps.setBytes(index, content), uploadedBy, now)
                .update(key, "id");
        return new CallDocument(key.getKey().longValue(), slot, version, title, file.fileName(), file.type().contentType(),
                content.length, now, uploadedBy);
    }

    /** Every version of a call's documents: by slot in the order first uploaded, newest version first within a slot. */
    @Transactional(readOnly = true)
    public List<CallDocument> callDocuments(String callKind, long callId) {
        return jdbc.sql("select d.id, d.slot, d.version, d.title, d.file_name, d.content_type, d.size_bytes, d.created_at, d.uploaded_by "
                        + "from call_document d where d.call_kind = ? and d.call_id = ? order by (select min(f.id) from call_document f "
                        + "where f.call_kind = d.call_kind and f.call_id = d.call_id and f.slot = d.slot), d.version desc")
                .params(callKind, callId)
                .query((rs, row) -> new CallDocument(rs.getLong("id"), rs.getString("slot"), rs.getInt("version"), rs.getString("title"),
                        rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getString("uploaded_by")))
                .list();
    }

    /** The content of a call's document, its SHA-256 checked; a document of another call is not found. */
    @Transactional(readOnly = true)
    public Optional<byte[]> callDocumentContent(String callKind, long callId, long documentId) {
        return jdbc.sql("select content, sha256 from call_document where id = ? and call_kind = ? and call_id = ?")
                .params(documentId, callKind, callId).query((rs, row) -> checked(rs, "call document " + documentId)).optional();
    }

    /** A file kept with a draft: what the person sees and may remove before sending. */
    public record DraftFile(long id, String fieldKey, String fileName, long size) {
    }

    /**
     * Keeps the files chosen on a draft ({@code owner}, e.g. {@code grant-application:123}), checked as a
     * case's documents are (all or none); joins the caller's transaction.
     */
    @Transactional
    public List<DraftFile> storeDraft(String owner, List<Upload> uploads, String uploadedBy) {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        List<DraftFile> stored = new ArrayList<>(uploads.size());
        for (DocumentRules.Accepted file : rules.check(uploads)) {
            long id = insert("draft_document", "owner", owner, file, uploadedBy, now);
            stored.add(new DraftFile(id, file.fieldKey(), file.fileName(), file.content().length));
        }
        return stored;
    }

    /** One checked file into {@code table} (document or draft_document, the same columns but whose it is); its id. */
    private long insert(String table, String ownerColumn, Object owner, DocumentRules.Accepted file, String uploadedBy,
            OffsetDateTime now) {
        var key = new GeneratedKeyHolder();
        byte[] content = file.content();
        jdbc.sql("insert into " + table + " (" + ownerColumn + ", field_key, file_name, content_type, size_bytes, sha256, content, "
                        + "uploaded_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(owner, file.fieldKey(), file.fileName(), file.type().contentType(), (long) content.length, file.sha256(),
                        (SqlTypeValue) (ps, index, sqlType, typeName) -> ps.setBytes(index, content), uploadedBy, now)
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** The files kept with a draft, oldest first. */
    @Transactional(readOnly = true)
    public List<DraftFile> draftFiles(String owner) {
        return jdbc.sql("select id, field_key, file_name, size_bytes from draft_document where owner = ? order by created_at, id")
                .param(owner).query((rs, row) -> new DraftFile(rs.getLong("id"), rs.getString("field_key"),
                        rs.getString("file_name"), rs.getLong("size_bytes"))).list();
    }

    /** Removes one file of the draft; false when the draft holds no such file. */
    @Transactional
    public boolean removeDraftFile(String owner, long fileId) {
        return jdbc.sql("delete from draft_document where id = ? and owner = ?").params(fileId, owner).update() == 1;
    }

    /**
     * Makes the draft's files the case's documents, as they were checked when kept (in the caller's
     * transaction: the draft is sent with them, or nothing is).
     */
    @Transactional
    public int adoptDraft(String owner, long caseId) {
        int moved = jdbc.sql("insert into document (case_id, field_key, file_name, content_type, size_bytes, sha256, content, "
                + "uploaded_by, created_at) select ?, field_key, file_name, content_type, size_bytes, sha256, content, uploaded_by, "
                + "created_at from draft_document where owner = ? order by id").params(caseId, owner).update();
        jdbc.sql("delete from draft_document where owner = ?").param(owner).update();
        return moved;
    }

    private static Document document(ResultSet rs, int row) throws SQLException {
        return new Document(rs.getLong("id"), rs.getLong("case_id"), rs.getString("field_key"), rs.getString("file_name"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getString("uploaded_by"));
    }
}
