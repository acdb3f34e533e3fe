package fi.silta.negotiations;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.MessageSource;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.SiltaProperties;
import fi.silta.cases.CaseFileService;
import fi.silta.cases.CaseKind;
import fi.silta.organisations.Contact;
import fi.silta.organisations.Municipality;
import fi.silta.organisations.Organisation;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.ReferenceData;
import fi.silta.organisations.Verification;
import fi.silta.portal.forms.TaskFormInput;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;
import fi.silta.web.TextRules;

/**
 * The county's yearly hyte negotiation cycle: what the coordinator chooses at the start (checked, every
 * error at once, nothing stored when any is wrong), the negotiations opened as cases (one per municipality,
 * or the groups the coordinator formed), each negotiation's end, closing early with a reason, the NGO
 * cooperation group's statement. Every step reads the cycle from its table by the process's business key,
 * never from variables a task's form could have set.
 */
@Service
public class HyteCycles {

    public static final String PROCESS_KEY = "hyteNegotiationCycle";
    /** The yearly timer's process (in the same model file): its coordinator task starts the cycle by {@value #YEARLY_CONFIGURED}. */
    public static final String YEARLY_PROCESS_KEY = "hyteNegotiationCycleYearly";
    static final String YEARLY_CONFIGURED = "HyteCycleYearlyConfigured";
    /** The start form's fields: all that the yearly task hands on to the cycle it starts. */
    static final java.util.List<String> FORM_FIELDS = java.util.List.of("year", "themes", "windowStart", "windowEnd", "backgroundDeadline",
            "inputDeadline", "grouping", "groups");
    /** Sent by each negotiation (hyteNegotiation) when its memo is approved: correlated to the cycle by business key. */
    public static final String NEGOTIATION_DONE = "HyteNegotiationDone";
    /** Sent when a coordinator closes the cycle before every negotiation is done (the reason is in the table). */
    public static final String CLOSED_EARLY = "HyteCycleClosedEarly";
    static final int THEMES_MAX = 4000;
    static final int REASON_MAX = 2000;
    static final int STATEMENT_MAX = 10000;
    static final int GROUPS_MAX = 4000;

    /** The start form (or the yearly timer's task) checked: the municipalities grouped into negotiations, in order. */
    public record Draft(int year, String themes, LocalDate windowStart, LocalDate windowEnd, OffsetDateTime backgroundDeadline,
            OffsetDateTime inputDeadline, List<List<Organisation>> negotiations) {
    }

    private final HyteCycleRepository cycles;
    private final OrganisationRepository organisations;
    private final ReferenceData referenceData;
    private final CaseFileService caseFiles;
    private final RuntimeService runtimeService;
    private final MessageSource messages;
    private final Clock clock;
    private final String countyCode;

    public HyteCycles(HyteCycleRepository cycles, OrganisationRepository organisations, ReferenceData referenceData,
            CaseFileService caseFiles, RuntimeService runtimeService, MessageSource messages, Clock clock, SiltaProperties properties) {
        this.cycles = cycles;
        this.organisations = organisations;
        this.referenceData = referenceData;
        this.caseFiles = caseFiles;
        this.runtimeService = runtimeService;
        this.messages = messages;
        this.clock = clock;
        this.countyCode = properties.countyCode();
    }

    public String countyCode() {
        return countyCode;
    }

    /** This year in Helsinki. */
    public int currentYear() {
        return ZonedDateTime.now(clock.withZone(Locales.HELSINKI)).getYear();
    }

    /**
     * Reads the start form: the year (this or next), the themes, the meeting window inside that year
     * (not in the past), the background and NGO input deadlines (ahead, before the window ends) and the
     * grouping: {@code grouping} = {@code perMunicipality} (default) or {@code groups}, with {@code groups}
     * one line per negotiation naming its municipalities (Finnish or Swedish name or Statistics Finland
     * code, separated by commas); the county's other municipalities get a negotiation each. A municipality
     * outside the served county, an unknown one, or one named twice is refused.
     */
    public Draft draft(Map<String, ?> input) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        TaskFormInput in = new TaskFormInput(input, errors);
        int thisYear = currentYear();
        Integer year = in.integer("year", "hyte.cycle.year.invalid", String.valueOf(thisYear), String.valueOf(thisYear + 1));
        if (year != null && (year < thisYear || year > thisYear + 1)) {
            errors.add("year", "hyte.cycle.year.invalid", String.valueOf(thisYear), String.valueOf(thisYear + 1));
            year = null;
        }
        String themes = in.text("themes", true, THEMES_MAX);
        LocalDate today = LocalDate.now(clock.withZone(Locales.HELSINKI));
        LocalDate first = year == null ? today : maxOf(today, LocalDate.of(year, 1, 1));
        LocalDate last = year == null ? today.plusYears(2) : LocalDate.of(year, 12, 31);
        if (last.isBefore(first)) {
            last = first;
        }
        LocalDate windowStart = TaskFormInput.day("windowStart", text(input.get("windowStart")), first, last, errors,
                "hyte.cycle.date.invalid", "hyte.cycle.window.outside");
        LocalDate windowEnd = TaskFormInput.day("windowEnd", text(input.get("windowEnd")), first, last, errors,
                "hyte.cycle.date.invalid", "hyte.cycle.window.outside");
        if (windowStart != null && windowEnd != null && windowEnd.isBefore(windowStart)) {
            errors.add("windowEnd", "hyte.cycle.window.endBeforeStart");
        }
        OffsetDateTime backgroundDeadline = in.dateTime("backgroundDeadline");
        OffsetDateTime inputDeadline = in.dateTime("inputDeadline");
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (var deadline : List.of(Map.entry("backgroundDeadline", Optional.ofNullable(backgroundDeadline)),
                Map.entry("inputDeadline", Optional.ofNullable(inputDeadline)))) {
            deadline.getValue().ifPresent(at -> {
                if (!at.isAfter(now)) {
                    errors.add(deadline.getKey(), "hyte.cycle.deadline.past");
                } else if (windowEnd != null && !at.toLocalDate().isBefore(windowEnd.plusDays(1))) {
                    errors.add(deadline.getKey(), "hyte.cycle.deadline.afterWindow");
                }
            });
        }
        List<List<Organisation>> negotiations = negotiations(input, errors);
        errors.throwIfAny();
        return new Draft(year, themes, windowStart, windowEnd, backgroundDeadline, inputDeadline, negotiations);
    }

    private List<List<Organisation>> negotiations(Map<String, ?> input, InvalidInput.Collector errors) {
        List<Organisation> county = organisations.municipalitiesOf(countyCode);
        if (county.isEmpty()) {
            errors.add("grouping", "hyte.cycle.noMunicipalities");
            return List.of();
        }
        Object grouping = input.get("grouping");
        String groupsText = text(input.get("groups"));
        List<List<Organisation>> groups = new ArrayList<>();
        if ("groups".equals(grouping == null ? null : grouping.toString()) || (grouping == null && !groupsText.isBlank())) {
            if (groupsText.length() > GROUPS_MAX) {
                errors.add("groups", "hyte.cycle.groups.tooLong", GROUPS_MAX);
                return List.of();
            }
            Map<String, Organisation> byCode = county.stream().collect(Collectors.toMap(Organisation::municipalityCode, o -> o));
            Set<Long> named = new LinkedHashSet<>();
            for (String line : groupsText.split("\\R")) {
                List<Organisation> group = new ArrayList<>();
                for (String part : line.split("[,;]")) {
                    String name = part.strip();
                    if (name.isEmpty()) {
                        continue;
                    }
                    Optional<Municipality> municipality = cycles.municipalityByName(name);
                    if (municipality.isEmpty()) {
                        errors.add("groups", "hyte.cycle.municipality.unknown", name);
                    } else if (!countyCode.equals(municipality.get().countyCode()) || !byCode.containsKey(municipality.get().code())) {
                        errors.add("groups", "hyte.cycle.municipality.outsideCounty", name);
                    } else {
                        Organisation organisation = byCode.get(municipality.get().code());
                        if (!named.add(organisation.id())) {
                            errors.add("groups", "hyte.cycle.municipality.twice", name);
                        } else {
                            group.add(organisation);
                        }
                    }
                }
                if (!group.isEmpty()) {
                    groups.add(group);
                }
            }
            if (groups.isEmpty()) {
                errors.add("groups", "hyte.cycle.groups.none");
            }
            county.stream().filter(o -> !named.contains(o.id())).forEach(o -> groups.add(List.of(o)));
        } else if (grouping != null && !"perMunicipality".equals(grouping.toString())) {
            errors.add("grouping", "hyte.cycle.grouping.invalid");
        } else {
            county.forEach(o -> groups.add(List.of(o)));
        }
        return groups;
    }

    /**
     * Stores the cycle (status OPEN) with its grouping; one cycle per county and year, also when two
     * coordinators start the same year at the same instant (the database's unique key decides, the other
     * is refused with a message and nothing stored).
     */
    @Transactional
    public HyteCycle create(String processInstanceId, Draft draft, String userId) {
        if (cycles.byYear(countyCode, draft.year()).isPresent()) {
            throw yearTakenRefusal(draft.year());
        }
        long id;
        try {
            id = cycles.insert(countyCode, draft.year(), draft.themes(), draft.windowStart(), draft.windowEnd(), draft.backgroundDeadline(),
                    draft.inputDeadline(), processInstanceId, userId == null ? "system" : userId, OffsetDateTime.now(clock));
        } catch (DataIntegrityViolationException | ConcurrencyFailureException taken) {
            throw yearTakenRefusal(draft.year());
        }
        cycles.setGroups(id, draft.negotiations().stream()
                .map(g -> g.stream().map(o -> String.valueOf(o.id())).collect(Collectors.joining(","))).collect(Collectors.joining(";")));
        return cycles.find(id).orElseThrow();
    }

    private static InvalidInput yearTakenRefusal(int year) {
        return InvalidInput.of("year", "hyte.cycle.year.taken", String.valueOf(year));
    }

    public Optional<HyteCycle> byBusinessKey(String businessKey) {
        return businessKey == null ? Optional.empty() : cycles.byBusinessKey(countyCode, businessKey);
    }

    public Optional<HyteCycle> byYear(int year) {
        return cycles.byYear(countyCode, year);
    }

    /**
     * The yearly task's choices start the cycle (message start event of hyteNegotiationCycle, which checks and stores
     * them exactly as the start form's); a refusal there fails the task's completion and nothing is stored.
     */
    public void startFromYearlyTask(Map<String, ?> input) {
        Map<String, Object> variables = new LinkedHashMap<>();
        FORM_FIELDS.forEach(field -> {
            if (input.get(field) != null) {
                variables.put(field, input.get(field));
            }
        });
        runtimeService.createMessageCorrelation(YEARLY_CONFIGURED).setVariables(variables).correlateStartMessage();
    }

    /** Whether the cycle of this year has been started already (the yearly timer then starts nothing). */
    public boolean yearTaken(int year) {
        return cycles.byYear(countyCode, year).isPresent();
    }

    /**
     * Opens the cycle's negotiations as cases (HN-year-n, process hyteNegotiation with the case reference as its
     * business key), as grouped at the start: the first municipality of a group is the case's organisation, the
     * others are members (hyte_negotiation_municipality). Done once: a retried job opens nothing twice.
     */
    @Transactional
    public List<HyteNegotiationRow> openNegotiations(HyteCycle cycle) {
        if (cycles.negotiationCount(cycle.id()) > 0) {
            return cycles.negotiations(cycle.id());
        }
        String groups = cycles.groups(cycle.id());
        int position = 0;
        for (String group : groups.split(";")) {
            List<Long> members = java.util.Arrays.stream(group.split(",")).filter(s -> !s.isBlank()).map(Long::valueOf).toList();
            if (members.isEmpty()) {
                continue;
            }
            position++;
            Map<Long, String> names = organisations.names(members);
            String title = messages.getMessage("hyte.cycle.negotiation.title",
                    new Object[] {String.valueOf(cycle.year()), members.stream().map(names::get).collect(Collectors.joining(", "))},
                    Locales.FINNISH);
            Long first = members.get(0);
            String email = organisations.contacts(first).stream().filter(c -> c.verification() == Verification.VERIFIED)
                    .map(Contact::email).findFirst().orElse("");
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("hyteCycleKey", cycle.businessKey());
            variables.put("hyteCycleYear", cycle.year());
            variables.put("negotiationTitle", title);
            var opened = caseFiles.open(CaseKind.HYTE_NEGOTIATION, first, null, email, "fi",
                    cycle.businessKey() + "/" + position, variables);
            cycles.insertNegotiation(cycle.id(), opened.caseFile().id(), title, members, OffsetDateTime.now(clock));
        }
        return cycles.negotiations(cycle.id());
    }

    /** Whether every negotiation of the cycle has told it that it is done. */
    public boolean allDone(String businessKey) {
        HyteCycle cycle = byBusinessKey(businessKey).orElseThrow();
        return cycles.openNegotiations(cycle.id()) == 0;
    }

    /**
     * A negotiation is done (its memo approved): marked in the table, and its cycle woken by
     * {@value #NEGOTIATION_DONE} (which then counts the open ones from the table). A cycle closed early or
     * finished no longer waits: nothing else happens. Called by hyteNegotiation through
     * {@code ${hyteNegotiationDone}} with the case reference as its business key.
     */
    @Transactional
    public boolean negotiationDone(String caseReference) {
        HyteNegotiationRow negotiation = cycles.negotiationByReference(caseReference)
                .orElseThrow(() -> new IllegalStateException("no hyte negotiation " + caseReference));
        HyteCycle cycle = cycles.find(negotiation.cycleId()).orElseThrow();
        cycles.lock(cycle.id());
        if (!cycles.markDone(negotiation.id(), OffsetDateTime.now(clock))) {
            return false;
        }
        // a cycle closed early waits for no message: the negotiation is still marked done, which is what the summary reads
        return !runtimeService.createMessageCorrelation(NEGOTIATION_DONE).processInstanceBusinessKey(cycle.businessKey())
                .setVariable("doneNegotiationId", negotiation.id()).setVariable("doneCaseReference", caseReference)
                .correlateAllWithResult().isEmpty();
    }

    /** A coordinator closes an open cycle before every negotiation is done, with a reason (kept; the summary follows). */
    @Transactional
    public void closeEarly(int year, String reason, String userId) {
        HyteCycle cycle = byYear(year).orElseThrow(() -> InvalidInput.of("reason", "hyte.cycle.notFound", String.valueOf(year)));
        cycles.lock(cycle.id());
        cycle = cycles.find(cycle.id()).orElseThrow();
        String text = reason == null ? "" : reason.strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (!cycle.open()) {
            errors.add("reason", "hyte.cycle.notOpen");
        } else if (text.isEmpty()) {
            errors.add("reason", "validation.required");
        } else if (text.length() > REASON_MAX) {
            errors.add("reason", "hyte.cycle.tooLong", REASON_MAX);
        } else if (TextRules.problem(text, true) != null) {
            errors.add("reason", TextRules.problem(text, true));
        }
        errors.throwIfAny();
        cycles.closeEarly(cycle.id(), text, userId, OffsetDateTime.now(clock));
        try {
            runtimeService.createMessageCorrelation(CLOSED_EARLY).processInstanceBusinessKey(cycle.businessKey()).correlateWithResult();
        } catch (MismatchingMessageCorrelationException notWaiting) {
            // the negotiations are still being opened: nothing is stored (this transaction rolls back)
            throw InvalidInput.of("reason", "hyte.cycle.notYetOpen");
        }
    }

    /** The cycle's negotiations have ended (all done, or closed early): an open cycle becomes COMPLETED. */
    @Transactional
    public void finish(HyteCycle cycle) {
        if (cycle.open()) {
            cycles.setStatus(cycle.id(), HyteCycle.Status.COMPLETED);
        }
    }

    /** The NGO cooperation group's joint statement, from the liaison's task. */
    @Transactional
    public void saveStatement(HyteCycle cycle, Map<String, ?> input, String userId) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String statement = new TaskFormInput(input, errors).text("statement", true, STATEMENT_MAX);
        errors.throwIfAny();
        cycles.saveStatement(cycle.id(), statement, userId, OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS));
    }

    public List<HyteCycle> all() {
        return cycles.all(countyCode);
    }

    public List<HyteNegotiationRow> negotiations(HyteCycle cycle) {
        return cycles.negotiations(cycle.id());
    }

    /** The municipalities of the served county as a person reads them (for the yearly timer's task). */
    public String municipalityList(Locale locale) {
        return referenceData.servedMunicipalities(locale).stream().map(m -> m.name(locale)).collect(Collectors.joining(", "));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static LocalDate maxOf(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
