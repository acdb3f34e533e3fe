package fi.silta.grants;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.silta.web.Locales;

/**
 * The decisions of decided grant rounds on the public portal (issue 12): the list of rounds, a page per
 * round in the reader's language, and the same decisions as open data in CSV and JSON with the columns of
 * {@link GrantOpenData#COLUMNS}. A round that is not decided answers 404 on every address, as one that does
 * not exist. The files do not depend on the reader's language: texts in Finnish, the round's name in both
 * official languages.
 */
@Controller
public class GrantOpenDataController {

    static final String PATH = "/avustuspaatokset";
    /** How long a browser or a proxy may keep a file: a decision on a request for rectification may change a row later. */
    static final Duration CACHE = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final GrantOpenData openData;

    public GrantOpenDataController(GrantOpenData openData) {
        this.openData = openData;
    }

    @GetMapping(PATH)
    String rounds(Model model) {
        model.addAttribute("rounds", openData.decidedRounds());
        return "portal/grant-decisions";
    }

    @GetMapping(PATH + "/{roundId:\\d{1,18}}")
    String round(@PathVariable long roundId, Model model, Locale locale) {
        GrantOpenData.DecidedRound round = decided(roundId);
        List<GrantOpenData.OpenDecision> decisions = openData.decisions(roundId, locale);
        model.addAttribute("round", round);
        model.addAttribute("roundName", round.name(locale));
        model.addAttribute("decisions", decisions);
        model.addAttribute("granted", decisions.stream().filter(GrantOpenData.OpenDecision::granted).count());
        model.addAttribute("total", decisions.stream().map(GrantOpenData.OpenDecision::amountGranted)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        return "portal/grant-decisions-round";
    }

    @GetMapping(PATH + "/{roundId:\\d{1,18}}.csv")
    ResponseEntity<byte[]> csv(@PathVariable long roundId) {
        decided(roundId);
        byte[] body = csv(openData.decisions(roundId, Locales.FINNISH));
        return file(body, new MediaType("text", "csv", StandardCharsets.UTF_8),
                ContentDisposition.attachment().filename("avustuspaatokset-" + roundId + ".csv").build());
    }

    @GetMapping(PATH + "/{roundId:\\d{1,18}}.json")
    ResponseEntity<byte[]> json(@PathVariable long roundId) {
        decided(roundId);
        byte[] body = json(openData.decisions(roundId, Locales.FINNISH));
        return file(body, MediaType.APPLICATION_JSON, ContentDisposition.inline().filename("avustuspaatokset-" + roundId + ".json").build());
    }

    private GrantOpenData.DecidedRound decided(long roundId) {
        return openData.decidedRound(roundId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** A file with its ETag (Spring answers 304 to a request that has it already) and a few minutes' caching. */
    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, ContentDisposition disposition) {
        return ResponseEntity.ok().contentType(type).eTag("\"" + sha256(body) + "\"")
                .cacheControl(CacheControl.maxAge(CACHE).cachePublic())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .body(body);
    }

    /** The decisions as CSV ({@link fi.silta.web.ExcelCsv}); every cell that a spreadsheet would take for a formula gets a leading {@code '}. */
    static byte[] csv(List<GrantOpenData.OpenDecision> decisions) {
        return fi.silta.web.ExcelCsv.write(GrantOpenData.COLUMNS, decisions.stream().map(GrantOpenData.OpenDecision::values).toList());
    }

    /** A cell's text, safe to open in a spreadsheet ({@link fi.silta.web.ExcelCsv#cell}). */
    static String cell(Object value) {
        return fi.silta.web.ExcelCsv.cell(value);
    }

    /** The decisions as a JSON array of objects with the keys of {@link GrantOpenData#COLUMNS}; money a number {@code 1234.50}. */
    static byte[] json(List<GrantOpenData.OpenDecision> decisions) {
        ArrayNode array = JSON.createArrayNode();
        for (GrantOpenData.OpenDecision decision : decisions) {
            ObjectNode row = array.addObject();
            List<Object> values = decision.values();
            for (int i = 0; i < GrantOpenData.COLUMNS.size(); i++) {
                String column = GrantOpenData.COLUMNS.get(i);
                Object value = values.get(i);
                if (value == null) {
                    row.putNull(column);
                } else if ("amount_granted".equals(column)) {
                    row.put(column, decision.amountGranted());
                } else if (value instanceof Long number) {
                    row.put(column, number);
                } else {
                    row.put(column, value.toString());
                }
            }
        }
        try {
            return JSON.writeValueAsBytes(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
