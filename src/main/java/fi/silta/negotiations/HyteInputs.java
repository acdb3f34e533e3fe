package fi.silta.negotiations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.SiltaProperties;
import fi.silta.calls.Calls;
import fi.silta.cases.documents.Document;
import fi.silta.cases.documents.DocumentService;
import fi.silta.cases.documents.Upload;
import fi.silta.notifications.MailOutbox;
import fi.silta.organisations.Contact;
import fi.silta.organisations.Organisation;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.Verification;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;
import fi.silta.web.Moment;

/**
 * NGO input to the hyte negotiations (issue 15 item 4): a call per cycle ({@link HyteInputCall}); a verified
 * contact of an organisation that is not a municipality gives its organisation's input to one negotiation of
 * the cycle, a text per theme with optional attachments (documents of the negotiation's case), and edits it
 * until the cycle's input deadline, the instant the server received the request deciding. One input per
 * organisation per negotiation ({@code call_answer}, scope = the negotiation's id: {@link fi.silta.calls.AlreadyAnswered}
 * also when two arrive at the same instant). Each save mails a receipt through the outbox.
 * {@link #forNegotiation} is what the staff case page, the agenda and the yearly summary read.
 */
@Service
public class HyteInputs {

    /** The field of errors about the input as a whole. */
    public static final String FIELD = "submission";
    /** The attachments' field (and the documents' {@code field_key} on the negotiation's case). */
    public static final String ATTACHMENTS = "attachments";
    /** The most characters of the text on one theme. */
    public static final int TEXT_MAX = 10000;
    static final String RECEIPT = "hyte-input-receipt";

    /** A negotiation of a cycle as the input pages show it: its case and the municipalities it is with. */
    public record Negotiation(long id, long cycleId, long caseId, String caseReference, String title, String status,
            List<String> municipalities) {
    }

    /** What a save did: the input as it now stands, and whether it was the organisation's first (not an edit). */
    public record Saved(HyteInput input, boolean first, String caseReference) {
    }

    private static final String CYCLE_COLUMNS = "id, county_code, cycle_year, themes, created_at, input_deadline, status, closed_at";
    private static final String INPUT_COLUMNS = "i.id, i.cycle_id, i.negotiation_id, i.organisation_id, o.name organisation_name, "
            + "i.created_by_name, i.created_by_email, i.created_at, i.updated_by_name, i.updated_at, i.version";

    private final JdbcClient jdbc;
    private final Calls calls;
    private final OrganisationRepository organisations;
    private final DocumentService documents;
    private final MailOutbox outbox;
    private final SiltaProperties properties;
    private final org.springframework.context.MessageSource messages;

    public HyteInputs(JdbcClient jdbc, Calls calls, OrganisationRepository organisations, DocumentService documents,
            MailOutbox outbox, SiltaProperties properties, org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.jdbc = jdbc;
        this.calls = calls;
        this.organisations = organisations;
        this.documents = documents;
        this.outbox = outbox;
        this.properties = properties;
    }

    // ---------------------------------------------------------------- reading

    /** The inputs to a negotiation as they stand, by organisation name: texts per theme and documents. */
    @Transactional(readOnly = true)
    public List<HyteInput> forNegotiation(long negotiationId) {
        List<Row> rows = jdbc.sql("select " + INPUT_COLUMNS + " from hyte_input i join organisation o on o.id = i.organisation_id "
                        + "where i.negotiation_id = ? order by lower(o.name), i.id")
                .param(negotiationId).query(HyteInputs::row).list();
        return complete(rows);
    }

    /** The organisation's input to the negotiation, if it has given one. */
    @Transactional(readOnly = true)
    public Optional<HyteInput> of(long negotiationId, long organisationId) {
        return complete(jdbc.sql("select " + INPUT_COLUMNS + " from hyte_input i join organisation o on o.id = i.organisation_id "
                        + "where i.negotiation_id = ? and i.organisation_id = ?")
                .params(negotiationId, organisationId).query(HyteInputs::row).list()).stream().findFirst();
    }

    /** The number of inputs given to each negotiation of a cycle (negotiation id → count). */
    public Map<Long, Integer> counts(long cycleId) {
        Map<Long, Integer> counts = new HashMap<>();
        jdbc.sql("select negotiation_id, count(*) n from hyte_input where cycle_id = ? group by negotiation_id").param(cycleId)
                .query((rs, row) -> counts.put(rs.getLong("negotiation_id"), rs.getInt("n"))).list();
        return counts;
    }

    /** An organisation's input as "my cases" lists it: what it is to, and when it was last saved. */
    public record Given(long inputId, int year, long negotiationId, String negotiationTitle, long organisationId,
            String organisationName, OffsetDateTime updatedAt) {
    }

    /** The inputs of these organisations, newest cycle first. */
    public List<Given> ofOrganisations(java.util.Collection<Long> organisationIds) {
        if (organisationIds.isEmpty()) {
            return List.of();
        }
        String ids = organisationIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        return jdbc.sql("select i.id, c.cycle_year, n.id negotiation_id, n.title, i.organisation_id, o.name, i.updated_at from hyte_input i "
                        + "join hyte_negotiation n on n.id = i.negotiation_id join hyte_cycle c on c.id = i.cycle_id "
                        + "join organisation o on o.id = i.organisation_id where i.organisation_id in (" + ids + ") "
                        + "order by c.cycle_year desc, n.title, o.name")
                .query((rs, row) -> new Given(rs.getLong("id"), rs.getInt("cycle_year"), rs.getLong("negotiation_id"), rs.getString("title"),
                        rs.getLong("organisation_id"), rs.getString("name"), rs.getObject("updated_at", OffsetDateTime.class)))
                .list();
    }

    /** The input call of the served county's cycle of {@code year}. */
    public Optional<HyteInputCall> cycle(int year) {
        return jdbc.sql("select " + CYCLE_COLUMNS + " from hyte_cycle where county_code = ? and cycle_year = ?")
                .params(properties.countyCode(), year).query(this::call).optional();
    }

    /** The input calls of the served county that are open now (for the portal's front page), newest first. */
    public List<HyteInputCall> openNow() {
        return jdbc.sql("select " + CYCLE_COLUMNS + " from hyte_cycle where county_code = ? and input_deadline is not null "
                        + "order by cycle_year desc")
                .param(properties.countyCode()).query(this::call).list().stream().filter(calls::isOpenNow).toList();
    }

    /** The negotiations of a cycle, by title, each with its municipalities (first the case's own). */
    public List<Negotiation> negotiations(long cycleId) {
        return withMunicipalities(jdbc.sql("select n.id, n.cycle_id, n.case_id, c.reference, n.title, n.status from hyte_negotiation n "
                        + "join case_file c on c.id = n.case_id where n.cycle_id = ? order by n.title, n.id")
                .param(cycleId).query(HyteInputs::negotiation).list());
    }

    /** One negotiation of a cycle; empty when it is of another cycle. */
    public Optional<Negotiation> negotiation(long cycleId, long negotiationId) {
        return withMunicipalities(jdbc.sql("select n.id, n.cycle_id, n.case_id, c.reference, n.title, n.status from hyte_negotiation n "
                        + "join case_file c on c.id = n.case_id where n.cycle_id = ? and n.id = ?")
                .params(cycleId, negotiationId).query(HyteInputs::negotiation).list()).stream().findFirst();
    }

    /** The negotiation of a case (for the staff case page). */
    public Optional<Negotiation> negotiationOfCase(long caseId) {
        return withMunicipalities(jdbc.sql("select n.id, n.cycle_id, n.case_id, c.reference, n.title, n.status from hyte_negotiation n "
                        + "join case_file c on c.id = n.case_id where n.case_id = ?")
                .param(caseId).query(HyteInputs::negotiation).list()).stream().findFirst();
    }

    /** The year of a cycle. */
    public Optional<HyteInputCall> cycleById(long cycleId) {
        return jdbc.sql("select " + CYCLE_COLUMNS + " from hyte_cycle where id = ?").param(cycleId).query(this::call).optional();
    }

    /**
     * Whether the organisation may give input to the call at {@code at}: null when it may, else the refusal
     * (a municipality; the call not open yet, or closed). The one-input rule is checked when it is stored.
     */
    public InvalidInput mayGive(HyteInputCall call, Organisation organisation, OffsetDateTime at) {
        if (organisation.isMunicipality()) {
            return InvalidInput.of(FIELD, "hyte.input.municipality");
        }
        if (!calls.isOpen(call, at)) {
            if (call.closesAt() != null && !at.isBefore(call.closesAt())) {
                return InvalidInput.of(FIELD, "hyte.input.closed", new Moment(call.closesAt().toInstant()));
            }
            return InvalidInput.of(FIELD, call.published() ? "hyte.input.notOpen" : "hyte.input.cycleClosed");
        }
        return null;
    }

    /** The input a post with this submission key saved (first or newest save), if it belongs to the organisation. */
    public Optional<Long> savedWithKey(String submissionKey, long organisationId) {
        if (submissionKey == null) {
            return Optional.empty();
        }
        return jdbc.sql("select id from hyte_input where (submission_key = ? or last_submission_key = ?) and organisation_id = ?")
                .params(submissionKey, submissionKey, organisationId).query(Long.class).optional();
    }

    // ---------------------------------------------------------------- saving

    /**
     * Saves the organisation's input to the negotiation, received now: a new input ({@code inputId} null), or a new
     * version of its input ({@code inputId} and the {@code version} the form showed). Refused, with nothing changed,
     * for a contact who is not verified, a municipality, after the deadline (or before the call opened), with no text,
     * for an edit of a version someone has changed meanwhile; {@link fi.silta.calls.AlreadyAnswered} for a second input.
     *
     * @param texts the text per theme number (1 = the cycle's first theme); blank ones are left out
     */
    @Transactional
    public Saved save(long negotiationId, Contact contact, Long inputId, Integer version, Map<Integer, String> texts,
            List<Upload> uploads, String submissionKey) {
        OffsetDateTime received = calls.received();
        if (contact.verification() != Verification.VERIFIED) {
            throw InvalidInput.of(FIELD, "portal.act.notVerified");
        }
        Negotiation negotiation = jdbc.sql("select cycle_id from hyte_negotiation where id = ?").param(negotiationId).query(Long.class)
                .optional().flatMap(cycleId -> negotiation(cycleId, negotiationId))
                .orElseThrow(() -> InvalidInput.of(FIELD, "hyte.input.noNegotiation"));
        HyteInputCall call = cycleById(negotiation.cycleId()).orElseThrow();
        Organisation organisation = organisations.find(contact.organisationId()).orElseThrow();
        InvalidInput refused = mayGive(call, organisation, received);
        if (refused != null) {
            throw refused;
        }
        Map<Integer, String> given = new LinkedHashMap<>();
        for (int no = 1; no <= call.themes().size(); no++) {
            String text = texts.get(no);
            if (text != null && !text.isBlank()) {
                given.put(no, text.strip());
            }
        }
        if (given.isEmpty()) {
            throw InvalidInput.of(FIELD, "hyte.input.empty");
        }
        long id;
        int newVersion;
        boolean first = inputId == null;
        if (first) {
            long answerId = calls.answer(call, HyteInputCall.scope(negotiationId), organisation.id(), contact.email(), contact.name(),
                    received);
            var key = new GeneratedKeyHolder();
            jdbc.sql("insert into hyte_input (call_answer_id, cycle_id, negotiation_id, organisation_id, submission_key, "
                            + "last_submission_key, created_by_email, created_by_name, created_at, updated_by_email, updated_by_name, "
                            + "updated_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")
                    .params(answerId, call.cycleId(), negotiationId, organisation.id(), submissionKey, submissionKey, contact.email(),
                            contact.name(), received, contact.email(), contact.name(), received)
                    .update(key, "id");
            id = key.getKey().longValue();
            newVersion = 1;
        } else {
            // the input's row is held until the new version is stored: two edits at once are one after the other
            Integer current = jdbc.sql("select version from hyte_input where id = ? and negotiation_id = ? and organisation_id = ? for update")
                    .params(inputId, negotiationId, organisation.id()).query(Integer.class).optional()
                    .orElseThrow(() -> InvalidInput.of(FIELD, "hyte.input.noInput"));
            if (version == null || current.intValue() != version.intValue()) {
                HyteInput now = of(negotiationId, organisation.id()).orElseThrow();
                throw InvalidInput.of(FIELD, "hyte.input.changedMeanwhile", now.updatedByName(), new Moment(now.updatedAt().toInstant()));
            }
            id = inputId;
            newVersion = current + 1;
            jdbc.sql("update hyte_input set version = ?, updated_by_email = ?, updated_by_name = ?, updated_at = ?, "
                            + "last_submission_key = ? where id = ?")
                    .params(newVersion, contact.email(), contact.name(), received, submissionKey, id).update();
        }
        for (Map.Entry<Integer, String> text : given.entrySet()) {
            jdbc.sql("insert into hyte_input_text (input_id, version, theme_no, theme, text) values (?, ?, ?, ?, ?)")
                    .params(id, newVersion, text.getKey(), call.themes().get(text.getKey() - 1), text.getValue()).update();
        }
        for (Document document : documents.storeAll(negotiation.caseId(), uploads, contact.email())) {
            jdbc.sql("insert into hyte_input_document (input_id, document_id, version) values (?, ?, ?)")
                    .params(id, document.id(), newVersion).update();
        }
        HyteInput input = of(negotiationId, organisation.id()).orElseThrow();
        receipt(call, negotiation, input, contact, first);
        return new Saved(input, first, negotiation.caseReference());
    }

    private void receipt(HyteInputCall call, Negotiation negotiation, HyteInput input, Contact contact, boolean first) {
        Map<String, Object> model = new HashMap<>();
        model.put("contactName", contact.name());
        model.put("organisationName", input.organisationName());
        model.put("negotiationTitle", negotiation.title());
        model.put("municipalities", String.join(", ", negotiation.municipalities()));
        model.put("year", String.valueOf(call.year()));
        model.put("first", first);
        model.put("savedAt", input.updatedAt());
        model.put("deadline", call.closesAt());
        model.put("themes", input.texts().stream().map(HyteInput.ThemeText::theme).toList());
        model.put("files", input.documents().stream().map(Document::fileName).toList());
        model.put("inputUrl", properties.baseUrl() + "/hyte/" + call.year() + "/input/" + negotiation.id() + "/answer?organisationId="
                + input.organisationId());
        outbox.enqueue(RECEIPT, contact.email(), Locales.of(contact.language()).getLanguage(), model, negotiation.caseReference());
    }

    // ---------------------------------------------------------------- rows

    private record Row(long id, long cycleId, long negotiationId, long organisationId, String organisationName, String createdByName,
            String createdByEmail, OffsetDateTime createdAt, String updatedByName, OffsetDateTime updatedAt, int version) {
    }

    /** Adds the newest texts and the documents of the inputs: one query each for all of them. */
    private List<HyteInput> complete(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        String ids = rows.stream().map(r -> String.valueOf(r.id())).collect(Collectors.joining(","));
        Map<Long, List<HyteInput.ThemeText>> texts = new HashMap<>();
        jdbc.sql("select t.input_id, t.theme_no, t.theme, t.text from hyte_input_text t join hyte_input i on i.id = t.input_id "
                        + "and i.version = t.version where t.input_id in (" + ids + ") order by t.input_id, t.theme_no")
                .query((rs, row) -> texts.computeIfAbsent(rs.getLong("input_id"), k -> new ArrayList<>())
                        .add(new HyteInput.ThemeText(rs.getInt("theme_no"), rs.getString("theme"), rs.getString("text"))))
                .list();
        Map<Long, List<Document>> files = new HashMap<>();
        jdbc.sql("select l.input_id, d.id, d.case_id, d.field_key, d.file_name, d.content_type, d.size_bytes, d.sha256, d.created_at, "
                        + "d.uploaded_by from hyte_input_document l join document d on d.id = l.document_id where l.input_id in (" + ids
                        + ") order by d.created_at, d.id")
                .query((rs, row) -> files.computeIfAbsent(rs.getLong("input_id"), k -> new ArrayList<>())
                        .add(new Document(rs.getLong("id"), rs.getLong("case_id"), rs.getString("field_key"), rs.getString("file_name"),
                                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                                rs.getObject("created_at", OffsetDateTime.class), rs.getString("uploaded_by"))))
                .list();
        return rows.stream().map(r -> new HyteInput(r.id(), r.cycleId(), r.negotiationId(), r.organisationId(), r.organisationName(),
                r.createdByName(), r.createdByEmail(), r.createdAt(), r.updatedByName(), r.updatedAt(), r.version(),
                texts.getOrDefault(r.id(), List.of()), files.getOrDefault(r.id(), List.of()))).toList();
    }

    private List<Negotiation> withMunicipalities(List<Negotiation> negotiations) {
        if (negotiations.isEmpty()) {
            return negotiations;
        }
        String ids = negotiations.stream().map(n -> String.valueOf(n.id())).collect(Collectors.joining(","));
        Map<Long, List<String>> names = new HashMap<>();
        jdbc.sql("select m.negotiation_id, o.name from hyte_negotiation_municipality m join organisation o on o.id = m.organisation_id "
                        + "where m.negotiation_id in (" + ids + ") order by m.negotiation_id, m.position")
                .query((rs, row) -> names.computeIfAbsent(rs.getLong("negotiation_id"), k -> new ArrayList<>()).add(rs.getString("name")))
                .list();
        return negotiations.stream().map(n -> new Negotiation(n.id(), n.cycleId(), n.caseId(), n.caseReference(), n.title(), n.status(),
                names.getOrDefault(n.id(), List.of()))).toList();
    }

    private static Row row(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("cycle_id"), rs.getLong("negotiation_id"), rs.getLong("organisation_id"),
                rs.getString("organisation_name"), rs.getString("created_by_name"), rs.getString("created_by_email"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getString("updated_by_name"),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getInt("version"));
    }

    private static Negotiation negotiation(ResultSet rs, int row) throws SQLException {
        return new Negotiation(rs.getLong("id"), rs.getLong("cycle_id"), rs.getLong("case_id"), rs.getString("reference"),
                rs.getString("title"), rs.getString("status"), List.of());
    }

    /** A cycle's call; a cycle without themes takes input on the negotiation as a whole (one text). */
    private HyteInputCall call(ResultSet rs, int row) throws SQLException {
        List<String> themes = HyteThemes.parse(rs.getString("themes"));
        if (themes.isEmpty()) {
            themes = List.of(messages.getMessage("hyte.input.general", null, Locales.FINNISH));
        }
        return new HyteInputCall(rs.getLong("id"), rs.getString("county_code"), rs.getInt("cycle_year"), themes, rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("input_deadline", OffsetDateTime.class), rs.getString("status"),
                rs.getObject("closed_at", OffsetDateTime.class));
    }
}
