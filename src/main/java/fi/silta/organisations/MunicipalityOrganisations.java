package fi.silta.organisations;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.SiltaProperties;
import fi.silta.engine.RecordRows;

/**
 * Keeps one organisation of type {@link OrganisationType#MUNICIPALITY} per municipality of the served
 * county in step with the reference data (run at every start after {@link ReferenceData#load()}): a new
 * municipality gets its organisation, a renamed one its new name. A municipality that left the county
 * (a merger) keeps its organisation and its cases; it is just no longer offered for new negotiations.
 */
@Service
public class MunicipalityOrganisations {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String countyCode;

    public MunicipalityOrganisations(JdbcClient jdbc, Clock clock, SiltaProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.countyCode = properties.countyCode();
    }

    /** Creates or renames the organisations of the served county's municipalities; returns how many were created. */
    @Transactional
    public int sync() {
        List<Municipality> municipalities = jdbc.sql("select code, name_fi, name_sv, county_code, population from municipality "
                + "where county_code = ? order by code").param(countyCode).query(RecordRows.of(Municipality.class)).list();
        int created = 0;
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Municipality municipality : municipalities) {
            int renamed = jdbc.sql("update organisation set name = ? where municipality_code = ? and org_type = ?")
                    .params(municipality.nameFi(), municipality.code(), OrganisationType.MUNICIPALITY.name()).update();
            if (renamed > 0) {
                continue;
            }
            var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
            jdbc.sql("insert into organisation (name, org_type, municipality_code, bilingual, created_at) values (?, ?, ?, ?, ?)")
                    .params(municipality.nameFi(), OrganisationType.MUNICIPALITY.name(), municipality.code(), false, now)
                    .update(key, "id");
            // the municipality acts in its own area (the registry's lists by municipality find it there)
            jdbc.sql("insert into organisation_municipality (organisation_id, municipality_code) values (?, ?)")
                    .params(key.getKey().longValue(), municipality.code()).update();
            created++;
        }
        return created;
    }
}
