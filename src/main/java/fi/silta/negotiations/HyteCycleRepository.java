package fi.silta.negotiations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The tables of the hyte cycles: {@code hyte_cycle}, {@code hyte_negotiation}, {@code hyte_negotiation_municipality}. */
@Repository
public class HyteCycleRepository {

    private static final String CYCLE = "select id, county_code, cycle_year, business_key, themes, window_start, window_end, "
            + "background_deadline, input_deadline, status, closed_reason, closed_by, closed_at, process_instance_id, created_by, "
            + "created_at, group_statement, group_statement_by, group_statement_at from hyte_cycle";
    private static final String NEGOTIATION = "select n.id, n.cycle_id, n.case_id, c.reference, n.title, n.status, n.created_at, "
            + "n.done_at from hyte_negotiation n join case_file c on c.id = n.case_id";

    private final JdbcClient jdbc;

    public HyteCycleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String countyCode, int year, String themes, LocalDate windowStart, LocalDate windowEnd, OffsetDateTime backgroundDeadline,
            OffsetDateTime inputDeadline, String processInstanceId, String createdBy, OffsetDateTime now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into hyte_cycle (county_code, cycle_year, business_key, themes, window_start, window_end, background_deadline, "
                        + "input_deadline, status, process_instance_id, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(countyCode, year, HyteCycle.businessKey(year), themes, windowStart, windowEnd, backgroundDeadline, inputDeadline,
                        HyteCycle.Status.OPEN.name(), processInstanceId, createdBy, now)
                .update(key, "id");
        return key.getKey().longValue();
    }

    public Optional<HyteCycle> find(long id) {
        return jdbc.sql(CYCLE + " where id = ?").param(id).query(HyteCycleRepository::cycle).optional();
    }

    public Optional<HyteCycle> byYear(String countyCode, int year) {
        return jdbc.sql(CYCLE + " where county_code = ? and cycle_year = ?").params(countyCode, year).query(HyteCycleRepository::cycle)
                .optional();
    }

    public Optional<HyteCycle> byBusinessKey(String countyCode, String businessKey) {
        return jdbc.sql(CYCLE + " where county_code = ? and business_key = ?").params(countyCode, businessKey)
                .query(HyteCycleRepository::cycle).optional();
    }

    /** The county's cycles, newest year first. */
    public List<HyteCycle> all(String countyCode) {
        return jdbc.sql(CYCLE + " where county_code = ? order by cycle_year desc").param(countyCode).query(HyteCycleRepository::cycle).list();
    }

    /** Locks the cycle's row until the transaction ends (closing early and a negotiation's end take turns). */
    void lock(long cycleId) {
        jdbc.sql("select id from hyte_cycle where id = ? for update").param(cycleId).query(Long.class).optional();
    }

    void setStatus(long cycleId, HyteCycle.Status status) {
        jdbc.sql("update hyte_cycle set status = ? where id = ?").params(status.name(), cycleId).update();
    }

    int closeEarly(long cycleId, String reason, String by, OffsetDateTime at) {
        return jdbc.sql("update hyte_cycle set status = ?, closed_reason = ?, closed_by = ?, closed_at = ? where id = ? and status = ?")
                .params(HyteCycle.Status.CLOSED_EARLY.name(), reason, by, at, cycleId, HyteCycle.Status.OPEN.name()).update();
    }

    /** A municipality of the reference data (any county) by its code or its Finnish or Swedish name, in any case. */
    Optional<fi.silta.organisations.Municipality> municipalityByName(String name) {
        return jdbc.sql("select code, name_fi, name_sv, county_code, population from municipality where code = ? or lower(name_fi) = ? "
                        + "or lower(name_sv) = ? order by code").params(name, name.toLowerCase(java.util.Locale.ROOT),
                        name.toLowerCase(java.util.Locale.ROOT))
                .query(fi.silta.engine.RecordRows.of(fi.silta.organisations.Municipality.class)).list().stream().findFirst();
    }

    void setGroups(long cycleId, String groups) {
        jdbc.sql("update hyte_cycle set negotiation_groups = ? where id = ?").params(groups, cycleId).update();
    }

    String groups(long cycleId) {
        return jdbc.sql("select negotiation_groups from hyte_cycle where id = ?").param(cycleId).query(String.class).optional().orElse("");
    }

    void saveStatement(long cycleId, String statement, String by, OffsetDateTime at) {
        jdbc.sql("update hyte_cycle set group_statement = ?, group_statement_by = ?, group_statement_at = ? where id = ?")
                .params(statement, by, at, cycleId).update();
    }

    long insertNegotiation(long cycleId, long caseId, String title, List<Long> municipalities, OffsetDateTime now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into hyte_negotiation (cycle_id, case_id, title, status, created_at) values (?, ?, ?, ?, ?)")
                .params(cycleId, caseId, title, HyteNegotiationRow.OPEN, now).update(key, "id");
        long id = key.getKey().longValue();
        for (int i = 0; i < municipalities.size(); i++) {
            jdbc.sql("insert into hyte_negotiation_municipality (negotiation_id, organisation_id, position) values (?, ?, ?)")
                    .params(id, municipalities.get(i), i).update();
        }
        return id;
    }

    /** Marks a negotiation done (whatever step it stood at: the negotiation's model writes its steps); false when it was done already. */
    boolean markDone(long negotiationId, OffsetDateTime at) {
        return jdbc.sql("update hyte_negotiation set status = ?, done_at = ? where id = ? and status <> ?")
                .params(HyteNegotiationRow.DONE, at, negotiationId, HyteNegotiationRow.DONE).update() == 1;
    }

    /** The cycle's negotiations not yet done (at any of their steps). */
    public int openNegotiations(long cycleId) {
        return jdbc.sql("select count(*) from hyte_negotiation where cycle_id = ? and status <> ?").params(cycleId, HyteNegotiationRow.DONE)
                .query(Integer.class).single();
    }

    public int negotiationCount(long cycleId) {
        return jdbc.sql("select count(*) from hyte_negotiation where cycle_id = ?").param(cycleId).query(Integer.class).single();
    }

    /** The cycle's negotiations in the order they were opened, with their municipalities (two queries in all). */
    public List<HyteNegotiationRow> negotiations(long cycleId) {
        List<Object[]> rows = jdbc.sql(NEGOTIATION + " where n.cycle_id = ? order by n.id").param(cycleId)
                .query((rs, row) -> negotiationColumns(rs)).list();
        Map<Long, List<Long>> members = new HashMap<>();
        jdbc.sql("select m.negotiation_id, m.organisation_id from hyte_negotiation_municipality m join hyte_negotiation n "
                        + "on n.id = m.negotiation_id where n.cycle_id = ? order by m.negotiation_id, m.position").param(cycleId)
                .query((RowCallbackHandler) rs -> members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)));
        return rows.stream().map(r -> negotiation(r, members.getOrDefault((Long) r[0], List.of()))).toList();
    }

    /** The negotiation of a case, if the case is one. */
    public Optional<HyteNegotiationRow> negotiationOfCase(long caseId) {
        return jdbc.sql(NEGOTIATION + " where n.case_id = ?").param(caseId).query((rs, row) -> negotiationColumns(rs)).optional()
                .map(r -> negotiation(r, municipalities((Long) r[0])));
    }

    public Optional<HyteNegotiationRow> negotiationByReference(String caseReference) {
        return jdbc.sql(NEGOTIATION + " where c.reference = ?").param(caseReference).query((rs, row) -> negotiationColumns(rs)).optional()
                .map(r -> negotiation(r, municipalities((Long) r[0])));
    }

    public List<Long> municipalities(long negotiationId) {
        return jdbc.sql("select organisation_id from hyte_negotiation_municipality where negotiation_id = ? order by position")
                .param(negotiationId).query(Long.class).list();
    }

    /** The ids of the negotiation cases an organisation takes part in (as the case's organisation or as a group member). */
    public List<Long> casesWithMunicipality(long organisationId) {
        return jdbc.sql("select n.case_id from hyte_negotiation n join hyte_negotiation_municipality m on m.negotiation_id = n.id "
                + "where m.organisation_id = ? order by n.case_id").param(organisationId).query(Long.class).list();
    }

    private static Object[] negotiationColumns(ResultSet rs) throws SQLException {
        return new Object[] {rs.getLong("id"), rs.getLong("cycle_id"), rs.getLong("case_id"), rs.getString("reference"),
                rs.getString("title"), rs.getString("status"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("done_at", OffsetDateTime.class)};
    }

    private static HyteNegotiationRow negotiation(Object[] r, List<Long> municipalities) {
        return new HyteNegotiationRow((Long) r[0], (Long) r[1], (Long) r[2], (String) r[3], (String) r[4], (String) r[5],
                (OffsetDateTime) r[6], (OffsetDateTime) r[7], List.copyOf(municipalities));
    }

    private static HyteCycle cycle(ResultSet rs, int row) throws SQLException {
        return new HyteCycle(rs.getLong("id"), rs.getString("county_code"), rs.getInt("cycle_year"), rs.getString("business_key"),
                rs.getString("themes"), rs.getObject("window_start", LocalDate.class), rs.getObject("window_end", LocalDate.class),
                rs.getObject("background_deadline", OffsetDateTime.class), rs.getObject("input_deadline", OffsetDateTime.class),
                HyteCycle.Status.valueOf(rs.getString("status")), rs.getString("closed_reason"), rs.getString("closed_by"),
                rs.getObject("closed_at", OffsetDateTime.class), rs.getString("process_instance_id"), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getString("group_statement"), rs.getString("group_statement_by"),
                rs.getObject("group_statement_at", OffsetDateTime.class));
    }
}
