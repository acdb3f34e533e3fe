package fi.silta.notifications;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/** The attachments of outbox mails ({@code mail_attachment}), in the order they were given. */
@Component
class MailAttachments {

    private final JdbcClient jdbc;

    MailAttachments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the files of a mail; runs in the transaction that queued it. */
    void store(long outboxId, List<MailAttachment> attachments) {
        int position = 0;
        for (MailAttachment attachment : attachments) {
            byte[] content = attachment.content();
            jdbc.sql("insert into mail_attachment (outbox_id, position, file_name, content_type, size_bytes, sha256, content) "
                            + "values (?, ?, ?, ?, ?, ?, ?)")
                    .params(outboxId, position++, attachment.fileName(), attachment.contentType(), (long) content.length,
                            sha256(content), (SqlTypeValue) (ps, index, sqlType, typeName) -> ps.setBytes(index, content))
                    .update();
        }
    }

    /** The files of a mail as stored; a file whose bytes no longer match their SHA-256 is an error, never sent. */
    List<MailAttachment> of(long outboxId) {
        return jdbc.sql("select file_name, content_type, sha256, content from mail_attachment where outbox_id = ? order by position")
                .param(outboxId)
                .query((rs, row) -> {
                    byte[] content = rs.getBytes("content");
                    if (!sha256(content).equals(rs.getString("sha256"))) {
                        throw new IllegalStateException("attachment " + rs.getString("file_name") + " of mail " + outboxId
                                + " does not match its SHA-256");
                    }
                    return new MailAttachment(rs.getString("file_name"), rs.getString("content_type"), content);
                })
                .list();
    }

    /** The attachments of these mails (one query), by mail id; mails without any are left out. */
    Map<Long, List<MailAttachment.Summary>> summaries(Collection<Long> outboxIds) {
        Map<Long, List<MailAttachment.Summary>> byMail = new LinkedHashMap<>();
        if (outboxIds.isEmpty()) {
            return byMail;
        }
        jdbc.sql("select outbox_id, file_name, content_type, size_bytes from mail_attachment where outbox_id in (:ids) "
                        + "order by outbox_id, position")
                .paramSource(new MapSqlParameterSource("ids", outboxIds))
                .query(rs -> {
                    byMail.computeIfAbsent(rs.getLong("outbox_id"), id -> new ArrayList<>()).add(new MailAttachment.Summary(
                            rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes")));
                });
        return byMail;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
