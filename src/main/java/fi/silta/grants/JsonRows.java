package fi.silta.grants;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Lists of rows as forms submit them (Spin JSON, JSON text or Java lists), read as maps. */
final class JsonRows {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonRows() {
    }

    static List<Map<String, Object>> read(Object value) {
        if (value == null) {
            return List.of();
        }
        try {
            if (value instanceof Collection<?> collection) {
                return MAPPER.convertValue(collection, new TypeReference<>() { });
            }
            // a Spin JSON node prints as its JSON text
            return MAPPER.readValue(value.toString(), new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalArgumentException("not a list of rows: " + value, e);
        }
    }

    static String write(Object rows) {
        try {
            return MAPPER.writeValueAsString(rows);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
