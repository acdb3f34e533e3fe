package fi.silta.grants;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fi.silta.engine.RecordRows;
import fi.silta.organisations.Municipality;
import fi.silta.organisations.OrganisationType;
import fi.silta.web.Locales;

/**
 * The decisions of decided rounds as open data (issue 12): what the portal's page
 * {@code /avustuspaatokset/{roundId}} shows and its CSV and JSON hold. Only rounds whose status is
 * {@link GrantRound.Status#DECIDED} are read, in every query here, so nothing of a round still in
 * allocation or waiting for its decision comes out of this class. One row per application: its latest
 * decision (a decision on a request for rectification replaces the round's own).
 *
 * <p>No personal data: an unregistered group ({@link OrganisationType#UNREGISTERED_GROUP}), whose members
 * may be private persons, is named by its kind and municipality, never by its name (also where its
 * purpose text repeats the name), and has no business id; no contact person, e-mail or board member is
 * read at all.
 */
@Repository
public class GrantOpenData {

    /** The column names of the CSV and the keys of the JSON, in this order: stable, documented in the README. */
    public static final List<String> COLUMNS = List.of("organisation", "business_id", "organisation_kind", "municipality", "purpose",
            "amount_granted", "outcome", "round_id", "round_name_fi", "round_name_sv", "decision_date");

    private static final String DECIDED = GrantRound.Status.DECIDED.name();
    private final JdbcClient jdbc;
    private final MessageSource messages;

    public GrantOpenData(JdbcClient jdbc, MessageSource messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    /** A decided round on the list of rounds: its names, when it was decided and how many decisions it made. */
    public record DecidedRound(long id, String nameFi, String nameSv, OffsetDateTime decidedAt, long decisions) {

        public String name(Locale locale) {
            return Locales.pick(locale, nameFi, nameSv);
        }

        /** The Helsinki date of the round's decision (its latest original decision). */
        public LocalDate decisionDate() {
            return decidedAt == null ? null : decidedAt.atZoneSameInstant(Locales.HELSINKI).toLocalDate();
        }
    }

    /**
     * One published decision, the privacy rule applied.
     *
     * @param organisation the organisation's name; for an unregistered group its kind and municipality
     * @param businessId the Y-tunnus, null when there is none (always for an unregistered group)
     * @param organisationKind the organisation's legal form: {@link OrganisationType}'s name
     * @param municipality the names of the organisation's municipalities (the application's when it has none), ", " between
     * @param purpose what the grant is for: the application's activity
     * @param amountGranted euros, two decimals
     * @param outcome {@link GrantDecision.Outcome}'s name
     * @param decisionDate the Helsinki date of the decision
     */
    public record OpenDecision(String organisation, String businessId, OrganisationType organisationKind, String municipality,
            String purpose, BigDecimal amountGranted, GrantDecision.Outcome outcome, long roundId, String roundNameFi,
            String roundNameSv, LocalDate decisionDate) {

        public boolean granted() {
            return outcome != GrantDecision.Outcome.REJECTED;
        }

        /** The values in the order of {@link GrantOpenData#COLUMNS}, as the files hold them (money {@code 1234.50}, ISO dates). */
        public List<Object> values() {
            return Arrays.asList(organisation, businessId, organisationKind.name(), municipality, purpose, amountGranted.toPlainString(),
                    outcome.name(), roundId, roundNameFi, roundNameSv, decisionDate.toString());
        }
    }

    /**
     * The decided rounds whose decisions have been issued, the latest decided first. The approval makes a round
     * DECIDED and the decisions are issued after it (together, {@code GrantDecisionService.issue}): a round in
     * between is not yet published, rather than shown without its decisions.
     */
    public List<DecidedRound> decidedRounds() {
        return jdbc.sql("select r.id, r.name_fi, r.name_sv, max(d.decided_at) as decided_at, count(distinct d.application_id) as decisions "
                        + "from grant_round r join grant_decision d on d.round_id = r.id and d.stage = ? "
                        + "where r.status = ? group by r.id, r.name_fi, r.name_sv")
                .params(GrantDecision.Stage.ORIGINAL.name(), DECIDED).query(RecordRows.of(DecidedRound.class)).list().stream()
                .sorted(Comparator.comparing(DecidedRound::decidedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Comparator.comparingLong(DecidedRound::id).reversed()))
                .toList();
    }

    /** The round if it is decided and its decisions issued; empty for any other round, as for one that does not exist. */
    public Optional<DecidedRound> decidedRound(long roundId) {
        return decidedRounds().stream().filter(r -> r.id() == roundId).findFirst();
    }

    /** A decision of a decided round, with what the open data needs of its application and organisation. */
    record DecisionRow(long decisionId, long applicationId, long organisationId, String organisationName, String businessId,
            String orgType, String activity, String applicationMunicipalities, String outcome, BigDecimal amountGranted,
            OffsetDateTime decidedAt, Integer position, String roundNameFi, String roundNameSv) {
    }

    /**
     * The round's published decisions in the allocation's order, one per application (its latest), texts in
     * {@code locale} (municipality names, and an unregistered group's kind); empty when the round is not decided.
     */
    public List<OpenDecision> decisions(long roundId, Locale locale) {
        List<DecisionRow> rows = jdbc.sql("select d.id as decision_id, d.application_id, a.organisation_id, o.name as organisation_name, "
                        + "o.business_id, o.org_type, a.activity, a.municipalities as application_municipalities, d.outcome, "
                        + "d.amount_granted, d.decided_at, al.position, r.name_fi as round_name_fi, r.name_sv as round_name_sv "
                        + "from grant_decision d join grant_round r on r.id = d.round_id "
                        + "join grant_application a on a.id = d.application_id "
                        + "join organisation o on o.id = a.organisation_id "
                        + "left join grant_allocation al on al.application_id = d.application_id "
                        + "where d.round_id = ? and r.status = ?")
                .params(roundId, DECIDED).query(RecordRows.of(DecisionRow.class)).list();
        // the latest decision of each application: a rectification's replaces the round's own
        Map<Long, DecisionRow> latest = new LinkedHashMap<>();
        for (DecisionRow row : rows) {
            latest.merge(row.applicationId(), row, (a, b) -> later(a, b) ? a : b);
        }
        List<DecisionRow> published = new ArrayList<>(latest.values());
        published.sort(Comparator.comparing(DecisionRow::position, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingLong(DecisionRow::applicationId));
        if (published.isEmpty()) {
            return List.of();
        }
        // after the first query has returned its connection: the organisations' municipalities, then their names
        Map<Long, List<String>> organisationMunicipalities = new HashMap<>();
        jdbc.sql("select organisation_id, municipality_code from organisation_municipality where organisation_id in (:ids) "
                        + "order by organisation_id, municipality_code")
                .param("ids", published.stream().map(DecisionRow::organisationId).distinct().toList())
                .query((RowCallbackHandler) rs -> organisationMunicipalities.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                        .add(rs.getString(2)));
        Map<Long, List<String>> codes = new HashMap<>();
        Set<String> allCodes = new LinkedHashSet<>();
        for (DecisionRow row : published) {
            List<String> own = organisationMunicipalities.getOrDefault(row.organisationId(), List.of());
            List<String> of = own.isEmpty() ? split(row.applicationMunicipalities()) : own;
            codes.put(row.applicationId(), of);
            allCodes.addAll(of);
        }
        Map<String, Municipality> municipalities = new HashMap<>();
        if (!allCodes.isEmpty()) {
            jdbc.sql("select code, name_fi, name_sv, county_code, population from municipality where code in (:codes)")
                    .param("codes", allCodes).query(RecordRows.of(Municipality.class)).list()
                    .forEach(m -> municipalities.put(m.code(), m));
        }
        return published.stream().map(row -> open(row, codes.get(row.applicationId()).stream()
                .map(code -> municipalities.containsKey(code) ? municipalities.get(code).name(locale) : code).toList(), roundId, locale))
                .toList();
    }

    private static boolean later(DecisionRow a, DecisionRow b) {
        int at = a.decidedAt().compareTo(b.decidedAt());
        return at != 0 ? at > 0 : a.decisionId() > b.decisionId();
    }

    private OpenDecision open(DecisionRow row, List<String> municipalityNames, long roundId, Locale locale) {
        OrganisationType type = OrganisationType.valueOf(row.orgType());
        String municipality = String.join(", ", municipalityNames);
        String organisation = row.organisationName();
        String businessId = row.businessId() == null || row.businessId().isBlank() ? null : row.businessId();
        String purpose = row.activity() == null ? "" : row.activity().strip();
        if (type == OrganisationType.UNREGISTERED_GROUP) {
            // its members may be private persons: its kind and municipality instead of its name, nowhere its name
            String kind = messages.getMessage("organisationType." + type.name(), null, locale);
            organisation = municipality.isEmpty() ? kind : messages.getMessage("grants.opendata.group", new Object[] {kind, municipality}, locale);
            purpose = withoutName(purpose, row.organisationName(), organisation);
            businessId = null;
        }
        return new OpenDecision(organisation, businessId, type, municipality, purpose,
                row.amountGranted().setScale(2, RoundingMode.HALF_UP), GrantDecision.Outcome.valueOf(row.outcome()), roundId,
                row.roundNameFi(), row.roundNameSv() == null ? "" : row.roundNameSv(),
                row.decidedAt().atZoneSameInstant(Locales.HELSINKI).toLocalDate());
    }

    /** The text with every occurrence of the name (in any case) replaced. */
    static String withoutName(String text, String name, String replacement) {
        if (name == null || name.isBlank() || text.isEmpty()) {
            return text;
        }
        return Pattern.compile(Pattern.quote(name.strip()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text)
                .replaceAll(java.util.regex.Matcher.quoteReplacement(replacement));
    }

    private static List<String> split(String codes) {
        if (codes == null || codes.isBlank()) {
            return List.of();
        }
        return Arrays.stream(codes.split(",")).map(String::strip).filter(c -> !c.isEmpty()).distinct().toList();
    }
}
