package fi.silta.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class CaseRepository {

    private static final String COLUMNS = "id, reference, kind, organisation_id, contact_id, contact_email, language, "
            + "process_instance_id, created_at";
    private final JdbcClient jdbc;
    private final CaseNumbers numbers;
    private final RowMapper<CaseFile> mapper = this::map;

    public CaseRepository(JdbcClient jdbc, CaseNumbers numbers) {
        this.jdbc = jdbc;
        this.numbers = numbers;
    }

    /** A new case; its status links are in {@link StatusLinks} (the old token_hash column stays empty). */
    long insert(String reference, CaseKind kind, Long organisationId, Long contactId, String contactEmail, String language,
            String submissionKey, OffsetDateTime now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into case_file (reference, kind, organisation_id, contact_id, contact_email, language, "
                        + "submission_key, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(reference, kind.name(), organisationId, contactId, contactEmail, language, submissionKey, now)
                .update(key, "id");
        return key.getKey().longValue();
    }

    public void setProcessInstance(long caseId, String processInstanceId) {
        jdbc.sql("update case_file set process_instance_id = ? where id = ?").params(processInstanceId, caseId).update();
    }

    public Optional<CaseFile> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from case_file where id = ?").param(id).query(mapper).optional();
    }

    public Optional<CaseFile> findByReference(String reference) {
        return jdbc.sql("select " + COLUMNS + " from case_file where reference = ?").param(reference).query(mapper).optional();
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

    /** The next running number of a prefix in a year ({@link CaseNumbers}); safe under concurrent submissions. */
    int nextNumber(String prefix, int year) {
        return numbers.next(prefix, year);
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
