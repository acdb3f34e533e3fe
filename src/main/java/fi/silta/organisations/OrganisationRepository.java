package fi.silta.organisations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class OrganisationRepository {

    private static final String ORG_COLUMNS = "id, name, business_id, org_type, association_number, created_at, municipality_code, bilingual";
    private static final String CONTACT_COLUMNS =
            "id, organisation_id, name, email, phone, language, verification, verified_at, verified_by, "
            + "electronic_notice_consent, notice_consent_at, added_by";
    private final JdbcClient jdbc;
    private final RowMapper<Organisation> organisationMapper = this::organisation;
    private final RowMapper<Contact> contactMapper = this::contact;

    public OrganisationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String name, String businessId, OrganisationType type, String associationNumber, OffsetDateTime now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into organisation (name, business_id, org_type, association_number, created_at) values (?, ?, ?, ?, ?)")
                .params(name, businessId, type.name(), associationNumber, now).update(key, "id");
        return key.getKey().longValue();
    }

    void addMunicipality(long organisationId, String municipalityCode) {
        jdbc.sql("insert into organisation_municipality (organisation_id, municipality_code) values (?, ?)")
                .params(organisationId, municipalityCode).update();
    }

    long insertContact(long organisationId, String name, String email, String phone, String language, boolean electronicNoticeConsent,
            OffsetDateTime now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into organisation_contact (organisation_id, name, email, phone, language, verification, created_at, "
                        + "electronic_notice_consent, notice_consent_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(organisationId, name, email, phone, language, Verification.UNVERIFIED.name(), now,
                        electronicNoticeConsent, electronicNoticeConsent ? now : null)
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** A contact a staff member adds directly, verified at once by them ({@code added_by}, {@code verified_by}, {@code verified_at}). */
    long insertVerifiedContact(long organisationId, String name, String email, String phone, String language, String by,
            OffsetDateTime now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into organisation_contact (organisation_id, name, email, phone, language, verification, verified_at, "
                        + "verified_by, added_by, created_at, electronic_notice_consent) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(organisationId, name, email, phone, language, Verification.VERIFIED.name(), now, by, by, now, false)
                .update(key, "id");
        return key.getKey().longValue();
    }

    int setBilingual(long organisationId, boolean bilingual, String by, OffsetDateTime at) {
        return jdbc.sql("update organisation set bilingual = ?, bilingual_set_by = ?, bilingual_set_at = ? where id = ? "
                        + "and org_type = 'MUNICIPALITY'")
                .params(bilingual, by, at, organisationId).update();
    }

    /** Who last set a municipality's bilingual flag and when (empty when no one has). */
    public Optional<FlagSetting> bilingualSetting(long organisationId) {
        return jdbc.sql("select bilingual_set_by, bilingual_set_at from organisation where id = ? and bilingual_set_by is not null")
                .param(organisationId)
                .query((rs, row) -> new FlagSetting(rs.getString(1), rs.getObject(2, OffsetDateTime.class))).optional();
    }

    /** Who set a flag and when. */
    public record FlagSetting(String by, OffsetDateTime at) {
    }

    int setVerification(long contactId, Verification verification, String by, OffsetDateTime at) {
        return jdbc.sql("update organisation_contact set verification = ?, verified_by = ?, verified_at = ? where id = ?")
                .params(verification.name(), by, at, contactId).update();
    }

    public Optional<Organisation> find(long id) {
        return withMunicipalities(jdbc.sql("select " + ORG_COLUMNS + " from organisation where id = ?").param(id)
                .query(organisationMapper).list()).stream().findFirst();
    }

    public Optional<Organisation> findByBusinessId(String businessId) {
        return withMunicipalities(jdbc.sql("select " + ORG_COLUMNS + " from organisation where business_id = ?")
                .param(businessId).query(organisationMapper).list()).stream().findFirst();
    }

    /** Organisations whose name or business id contains the text (all when blank), by name. */
    public List<Organisation> search(String text, int limit) {
        String like = "%" + (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) + "%";
        return withMunicipalities(jdbc.sql("select " + ORG_COLUMNS + " from organisation where lower(name) like ? "
                        + "or business_id like ? order by name fetch first " + limit + " rows only")
                .params(like, like).query(organisationMapper).list());
    }

    /** The organisations of a type acting in any of the municipalities (a saved group: e.g. every association of the county), by name. */
    public List<Organisation> actingIn(OrganisationType type, java.util.Collection<String> municipalityCodes) {
        if (municipalityCodes.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(municipalityCodes.size(), "?"));
        List<Object> params = new java.util.ArrayList<>();
        params.add(type.name());
        params.addAll(municipalityCodes);
        return withMunicipalities(jdbc.sql("select " + ORG_COLUMNS + " from organisation where org_type = ? and id in (select "
                        + "organisation_id from organisation_municipality where municipality_code in (" + marks + ")) order by name")
                .params(params).query(organisationMapper).list());
    }

    /** The municipality organisations of a county, by name (one per municipality of the reference data). */
    public List<Organisation> municipalitiesOf(String countyCode) {
        return withMunicipalities(jdbc.sql("select " + ORG_COLUMNS + " from organisation where org_type = 'MUNICIPALITY' and "
                        + "municipality_code in (select code from municipality where county_code = ?) order by name")
                .param(countyCode).query(organisationMapper).list());
    }

    /** The organisation of a municipality (by its Statistics Finland code), if the registry has one. */
    public Optional<Organisation> findByMunicipalityCode(String municipalityCode) {
        return withMunicipalities(jdbc.sql("select " + ORG_COLUMNS + " from organisation where municipality_code = ?")
                .param(municipalityCode).query(organisationMapper).list()).stream().findFirst();
    }

    public List<Contact> contacts(long organisationId) {
        return jdbc.sql("select " + CONTACT_COLUMNS + " from organisation_contact where organisation_id = ? order by name")
                .param(organisationId).query(contactMapper).list();
    }

    public Optional<Contact> contact(long contactId) {
        return jdbc.sql("select " + CONTACT_COLUMNS + " from organisation_contact where id = ?")
                .param(contactId).query(contactMapper).optional();
    }

    public Optional<Contact> contactByEmail(long organisationId, String email) {
        return jdbc.sql("select " + CONTACT_COLUMNS + " from organisation_contact where organisation_id = ? and email = ?")
                .params(organisationId, email).query(contactMapper).optional();
    }

    /** The names of these organisations by id (one query; the portal's organisation choice shows only names). */
    public Map<Long, String> names(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> names = new HashMap<>();
        jdbc.sql("select id, name from organisation where id in (:ids)").param("ids", ids)
                .query((RowCallbackHandler) rs -> names.put(rs.getLong(1), rs.getString(2)));
        return names;
    }

    /** Every organisation a person is a contact of. */
    public List<Contact> contactsByEmail(String email) {
        return jdbc.sql("select " + CONTACT_COLUMNS + " from organisation_contact where email = ? order by id")
                .param(email).query(contactMapper).list();
    }

    public long count() {
        return jdbc.sql("select count(*) from organisation").query(Long.class).single();
    }

    /** Organisations people registered (every type but the municipalities, which come from the reference data at each start). */
    public long countRegistered() {
        return jdbc.sql("select count(*) from organisation where org_type <> 'MUNICIPALITY'").query(Long.class).single();
    }

    /**
     * The organisations with their municipality codes, read in one second query for the whole list
     * after the first has returned its connection: a row mapper that queried again would hold two
     * connections at once, and as many such callers as the pool has connections wait for each other.
     */
    private List<Organisation> withMunicipalities(List<Organisation> organisations) {
        if (organisations.isEmpty()) {
            return organisations;
        }
        List<Long> ids = organisations.stream().map(Organisation::id).toList();
        Map<Long, List<String>> codes = new HashMap<>();
        jdbc.sql("select organisation_id, municipality_code from organisation_municipality where organisation_id in (:ids) "
                        + "order by organisation_id, municipality_code")
                .param("ids", ids)
                .query((RowCallbackHandler) rs -> codes.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                        .add(rs.getString(2)));
        return organisations.stream().map(o -> new Organisation(o.id(), o.name(), o.businessId(), o.type(),
                o.associationNumber(), o.createdAt(), List.copyOf(codes.getOrDefault(o.id(), List.of())), o.municipalityCode(),
                o.bilingual())).toList();
    }

    /** One organisation row, its municipalities still empty ({@link #withMunicipalities} adds them). */
    private Organisation organisation(ResultSet rs, int row) throws SQLException {
        return new Organisation(rs.getLong("id"), rs.getString("name"), rs.getString("business_id"),
                OrganisationType.valueOf(rs.getString("org_type")), rs.getString("association_number"),
                rs.getObject("created_at", OffsetDateTime.class), List.of(), rs.getString("municipality_code"),
                rs.getBoolean("bilingual"));
    }

    private Contact contact(ResultSet rs, int row) throws SQLException {
        return new Contact(rs.getLong("id"), rs.getLong("organisation_id"), rs.getString("name"), rs.getString("email"),
                rs.getString("phone"), rs.getString("language"), Verification.valueOf(rs.getString("verification")),
                rs.getObject("verified_at", OffsetDateTime.class), rs.getString("verified_by"),
                rs.getBoolean("electronic_notice_consent"), rs.getObject("notice_consent_at", OffsetDateTime.class),
                rs.getString("added_by"));
    }
}
