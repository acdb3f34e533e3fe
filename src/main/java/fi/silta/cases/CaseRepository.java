package fi.silta.cases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class CaseRepository {

    private static final String COLUMNS = "id, reference, kind, organisation_id, contact_id, contact_email, language, "
            + "process_instance_id, created_at";
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final RowMapper<CaseFile> mapper = this::map;

    public CaseRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    long insert(String reference, CaseKind kind, Long organisationId, Long contactId, String contactEmail, String language,
            String tokenHash, String submissionKey, OffsetDateTime now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into case_file (reference, kind, organisation_id, contact_id, contact_email, language, token_hash, "
                        + "submission_key, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(reference, kind.name(), organisationId, contactId, contactEmail, language, tokenHash, submissionKey, now)
                .update(key, "id");
        return key.getKey().longValue();
    }

    void setProcessInstance(long caseId, String processInstanceId) {
        jdbc.sql("update case_file set process_instance_id = ? where id = ?").params(processInstanceId, caseId).update();
    }

    public Optional<CaseFile> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from case_file where id = ?").param(id).query(mapper).optional();
    }

    public Optional<CaseFile> findByReference(String reference) {
        return jdbc.sql("select " + COLUMNS + " from case_file where reference = ?").param(reference).query(mapper).optional();
    }

    public Optional<CaseFile> findByReferenceAndTokenHash(String reference, String tokenHash) {
        return jdbc.sql("select " + COLUMNS + " from case_file where reference = ? and token_hash = ?")
                .params(reference, tokenHash).query(mapper).optional();
    }

    public Optional<CaseFile> findBySubmissionKey(String submissionKey) {
        return jdbc.sql("select " + COLUMNS + " from case_file where submission_key = ?").param(submissionKey)
                .query(mapper).optional();
    }

    public List<CaseFile> byContactEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from case_file where contact_email = ? order by created_at desc")
                .param(email).query(mapper).list();
    }

    public List<CaseFile> byOrganisation(long organisationId) {
        return jdbc.sql("select " + COLUMNS + " from case_file where organisation_id = ? order by created_at desc")
                .param(organisationId).query(mapper).list();
    }

    public long count() {
        return jdbc.sql("select count(*) from case_file").query(Long.class).single();
    }

    /**
     * The next running number of a prefix in a year; safe under concurrent submissions. The first
     * number of a year inserts the counter; when another submission inserted it meanwhile, this one
     * increments it instead. That insert runs under a savepoint: on PostgreSQL a failed statement
     * aborts the whole transaction (the case and its process with it) unless rolled back to one.
     */
    int nextNumber(String prefix, int year) {
        for (int attempt = 0; attempt < 5; attempt++) {
            int updated = jdbc.sql("update case_reference_counter set last_value = last_value + 1 where prefix = ? and ref_year = ?")
                    .params(prefix, year).update();
            if (updated == 1) {
                return jdbc.sql("select last_value from case_reference_counter where prefix = ? and ref_year = ?")
                        .params(prefix, year).query(Integer.class).single();
            }
            if (insertFirst(prefix, year)) {
                return 1;
            }
            // another submission created the counter first: increment it instead
        }
        throw new IllegalStateException("no case number for " + prefix + "-" + year);
    }

    /** Inserts the year's counter at 1; false when another transaction has inserted it first. */
    private boolean insertFirst(String prefix, int year) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
            try {
                jdbc.sql("insert into case_reference_counter (prefix, ref_year, last_value) values (?, ?, 1)").params(prefix, year)
                        .update();
            } catch (DuplicateKeyException raced) {
                if (savepoint != null) {
                    connection.rollback(savepoint);
                }
                return false;
            }
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("case number counter " + prefix + "-" + year, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private CaseFile map(ResultSet rs, int row) throws SQLException {
        long organisationId = rs.getLong("organisation_id");
        Long organisation = rs.wasNull() ? null : organisationId;
        long contactId = rs.getLong("contact_id");
        Long contact = rs.wasNull() ? null : contactId;
        return new CaseFile(rs.getLong("id"), rs.getString("reference"), CaseKind.valueOf(rs.getString("kind")), organisation,
                contact, rs.getString("contact_email"), rs.getString("language"), rs.getString("process_instance_id"),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
