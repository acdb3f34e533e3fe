package fi.silta.organisations;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.SiltaProperties;
import fi.silta.engine.RecordRows;

/**
 * Counties and municipalities, from the versioned copy of municipalities.csv (see
 * reference/municipalities.README.md for its source). Loaded, and brought up to date, at start.
 */
@Repository
public class ReferenceData {

    static final String CSV = "reference/municipalities.csv";
    private final JdbcClient jdbc;
    private final String countyCode;
    /** The served county's municipalities by order (name_fi or name_sv), as read after the last load. */
    private final Map<String, List<Municipality>> served = new ConcurrentHashMap<>();

    public ReferenceData(JdbcClient jdbc, SiltaProperties properties) {
        this.jdbc = jdbc;
        this.countyCode = properties.countyCode();
    }

    @Transactional
    public int load() {
        served.clear();
        int rows = 0;
        try (Reader reader = new InputStreamReader(new ClassPathResource(CSV).getInputStream(), StandardCharsets.UTF_8)) {
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
            for (CSVRecord row : format.parse(reader)) {
                upsertCounty(row.get("county_code"), row.get("county_fi"), row.get("county_sv"));
                upsertMunicipality(row.get("municipality_code"), row.get("municipality_fi"), row.get("municipality_sv"),
                        row.get("county_code"), Integer.valueOf(row.get("population")));
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (county(countyCode).isEmpty()) {
            throw new IllegalStateException("silta.county-code " + countyCode + " is not a county of " + CSV);
        }
        served.clear();
        return rows;
    }

    private void upsertCounty(String code, String fi, String sv) {
        int updated = jdbc.sql("update county set name_fi = ?, name_sv = ? where code = ?").params(fi, sv, code).update();
        if (updated == 0) {
            jdbc.sql("insert into county (code, name_fi, name_sv) values (?, ?, ?)").params(code, fi, sv).update();
        }
    }

    private void upsertMunicipality(String code, String fi, String sv, String county, Integer population) {
        int updated = jdbc.sql("update municipality set name_fi = ?, name_sv = ?, county_code = ?, population = ? where code = ?")
                .params(fi, sv, county, population, code).update();
        if (updated == 0) {
            jdbc.sql("insert into municipality (code, name_fi, name_sv, county_code, population) values (?, ?, ?, ?, ?)")
                    .params(code, fi, sv, county, population).update();
        }
    }

    /** The county this Silta serves. */
    public County servedCounty() {
        return county(countyCode).orElseThrow();
    }

    public Optional<County> county(String code) {
        return jdbc.sql("select code, name_fi, name_sv from county where code = ?").param(code)
                .query(RecordRows.of(County.class)).optional();
    }

    /** The municipalities of the served county, by name in the reader's language. */
    public List<Municipality> servedMunicipalities(Locale locale) {
        String order = "sv".equals(locale.getLanguage()) ? "name_sv" : "name_fi";
        // read once per order: the rows change only in load(), from this build's CSV (every form page and
        // submission of the portal shows or checks this list); an empty read (before the first load) is not kept
        List<Municipality> known = served.get(order);
        if (known != null) {
            return known;
        }
        List<Municipality> read = List.copyOf(jdbc.sql("select code, name_fi, name_sv, county_code, population "
                + "from municipality where county_code = ? order by " + order).param(countyCode).query(RecordRows.of(Municipality.class)).list());
        if (!read.isEmpty()) {
            served.put(order, read);
        }
        return read;
    }

    public Optional<Municipality> municipality(String code) {
        return jdbc.sql("select code, name_fi, name_sv, county_code, population from municipality where code = ?")
                .param(code).query(RecordRows.of(Municipality.class)).optional();
    }

    public int municipalityCount() {
        return jdbc.sql("select count(*) from municipality").query(Integer.class).single();
    }
}
