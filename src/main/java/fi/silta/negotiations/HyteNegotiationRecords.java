package fi.silta.negotiations;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fi.silta.engine.RecordRows;

/**
 * A negotiation as the hyteNegotiation model reads it: always from the hyte_negotiation row of the case (the
 * process's business key is the case reference) and its cycle's hyte_cycle row, never from process variables.
 */
@Repository
public class HyteNegotiationRecords {

    /** One negotiation with what its model needs of its case and cycle. */
    public record Negotiation(long id, long cycleId, long caseId, String caseReference, String title, String cycleBusinessKey,
            LocalDate windowStart, LocalDate windowEnd, OffsetDateTime backgroundDeadline, String caseLanguage, int cycleYear) {
    }

    /** A verified contact of one of the negotiation's municipalities. */
    public record MunicipalityContact(long organisationId, String organisationName, String name, String email, String language) {
    }

    private static final String SELECT = "select n.id, n.cycle_id, n.case_id, c.reference as case_reference, n.title, "
            + "y.business_key as cycle_business_key, y.window_start, y.window_end, y.background_deadline, c.language as case_language, "
            + "y.cycle_year from hyte_negotiation n join case_file c on c.id = n.case_id join hyte_cycle y on y.id = n.cycle_id ";

    private final JdbcClient jdbc;

    public HyteNegotiationRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Negotiation> byCaseReference(String reference) {
        return jdbc.sql(SELECT + "where c.reference = ?").param(reference).query(RecordRows.of(Negotiation.class)).optional();
    }

    public Optional<Negotiation> find(long negotiationId) {
        return jdbc.sql(SELECT + "where n.id = ?").param(negotiationId).query(RecordRows.of(Negotiation.class)).optional();
    }

    /** The negotiation of a case reference, or an error: the model runs only for cases H2's cycle opened with their row. */
    public Negotiation require(String reference) {
        return byCaseReference(reference)
                .orElseThrow(() -> new IllegalStateException("case " + reference + " has no hyte_negotiation row"));
    }

    /** The verified contacts of every municipality of the negotiation, the case's own municipality first. */
    public List<MunicipalityContact> verifiedContacts(long negotiationId) {
        return jdbc.sql("select o.id as organisation_id, o.name as organisation_name, k.name, k.email, k.language "
                        + "from hyte_negotiation_municipality m join organisation o on o.id = m.organisation_id "
                        + "join organisation_contact k on k.organisation_id = o.id "
                        + "where m.negotiation_id = ? and k.verification = 'VERIFIED' order by m.position, k.name, k.email")
                .param(negotiationId).query(RecordRows.of(MunicipalityContact.class)).list();
    }

    /** The names of the negotiation's municipalities in order. */
    public List<String> municipalityNames(long negotiationId) {
        return jdbc.sql("select o.name from hyte_negotiation_municipality m join organisation o on o.id = m.organisation_id "
                        + "where m.negotiation_id = ? order by m.position")
                .param(negotiationId).query(String.class).list();
    }

    public void setStatus(long negotiationId, String status) {
        jdbc.sql("update hyte_negotiation set status = ? where id = ?").params(status, negotiationId).update();
    }
}
