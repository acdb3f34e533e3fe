package fi.silta.negotiations;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the memo needs of a negotiation: found from its case reference (the process's business key, never a
 * variable a form could plant), its cycle's year and county, and its municipalities (first = the case's).
 */
@Component
public class HyteMemoNegotiations {

    public record Negotiation(long id, long caseId, String reference, String title, long cycleId, int year, String countyCode) {
    }

    public record Municipality(long organisationId, String name, boolean bilingual, int position) {
    }

    private final JdbcClient jdbc;

    public HyteMemoNegotiations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Negotiation> byReference(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select n.id, n.case_id, c.reference, n.title, n.cycle_id, y.cycle_year, y.county_code
                from hyte_negotiation n join case_file c on c.id = n.case_id join hyte_cycle y on y.id = n.cycle_id
                where c.reference = ?""").param(reference)
                .query((rs, i) -> new Negotiation(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getInt(6),
                        rs.getString(7))).optional();
    }

    public Optional<Negotiation> byId(long negotiationId) {
        return jdbc.sql("select c.reference from hyte_negotiation n join case_file c on c.id = n.case_id where n.id = ?")
                .param(negotiationId).query(String.class).optional().flatMap(this::byReference);
    }

    public List<Municipality> municipalities(long negotiationId) {
        return jdbc.sql("""
                select o.id, o.name, o.bilingual, m.position from hyte_negotiation_municipality m join organisation o on o.id = m.organisation_id
                where m.negotiation_id = ? order by m.position""").param(negotiationId)
                .query((rs, i) -> new Municipality(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4))).list();
    }

    /** Whether a municipality of the negotiation is bilingual (its memo is published in Swedish too). */
    public boolean bilingual(long negotiationId) {
        return municipalities(negotiationId).stream().anyMatch(Municipality::bilingual);
    }

    /**
     * The municipality of this negotiation that {@code email} is a verified contact of (the first by position);
     * empty for anyone else.
     */
    public Optional<Long> verifiedMunicipalityOf(long negotiationId, String email) {
        if (email == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select m.organisation_id from hyte_negotiation_municipality m join organisation_contact c on c.organisation_id = m.organisation_id
                where m.negotiation_id = ? and lower(c.email) = lower(?) and c.verification = 'VERIFIED' order by m.position""")
                .params(negotiationId, email).query(Long.class).list().stream().findFirst();
    }

    /** Whether {@code email} is a verified contact of the organisation. */
    public boolean verifiedContactOf(long organisationId, String email) {
        return email != null && jdbc.sql("""
                select count(*) from organisation_contact where organisation_id = ? and lower(email) = lower(?) and verification = 'VERIFIED'""")
                .params(organisationId, email).query(Integer.class).single() > 0;
    }

    /** The verified contacts of an organisation: e-mail and language. */
    public List<String[]> verifiedContacts(long organisationId) {
        return jdbc.sql("select email, language from organisation_contact where organisation_id = ? and verification = 'VERIFIED' order by id")
                .param(organisationId).query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    }

    public record Choice(long id, String name) {
    }

    /** Organisations (not municipalities) acting in a municipality of the negotiation: owners a measure may name. */
    public List<Choice> organisationChoices(long negotiationId) {
        return jdbc.sql("""
                select distinct o.id, o.name from organisation o join organisation_municipality om on om.organisation_id = o.id
                where o.org_type <> 'MUNICIPALITY' and om.municipality_code in (
                    select mo.municipality_code from organisation mo join hyte_negotiation_municipality m on m.organisation_id = mo.id
                    where m.negotiation_id = ? and mo.municipality_code is not null)
                order by o.name, o.id""").param(negotiationId).query((rs, i) -> new Choice(rs.getLong(1), rs.getString(2))).list();
    }

    /** Whether the organisation exists and is not a municipality. */
    public boolean isOrganisation(long organisationId) {
        return jdbc.sql("select count(*) from organisation where id = ? and org_type <> 'MUNICIPALITY'").param(organisationId)
                .query(Integer.class).single() > 0;
    }

    /** Organisations a memo's measure may name as owner: any registered organisation (by id), its name. */
    public Optional<String> organisationName(long organisationId) {
        return jdbc.sql("select name from organisation where id = ?").param(organisationId).query(String.class).optional();
    }
}
