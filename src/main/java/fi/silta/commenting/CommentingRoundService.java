package fi.silta.commenting;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.calls.Calls;
import fi.silta.cases.CaseNumbers;
import fi.silta.cases.Deadlines;
import fi.silta.commenting.CommentingRound.Question;
import fi.silta.commenting.CommentingRound.Status;
import fi.silta.portal.forms.TaskFormInput;
import fi.silta.notifications.MailOutbox;
import fi.silta.organisations.Contact;
import fi.silta.organisations.Municipality;
import fi.silta.organisations.Organisation;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.OrganisationType;
import fi.silta.organisations.ReferenceData;
import fi.silta.organisations.Verification;
import fi.silta.security.Roles;
import fi.silta.security.StaffDirectory;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;
import fi.silta.web.TextRules;
import fi.silta.SiltaProperties;

/**
 * A commenting round from its start form to its published summary: what the coordinator enters
 * (checked, every error at once, nothing stored when any is wrong), publishing, reminders to the
 * invited organisations that have not answered, closing at the deadline or early with a reason,
 * extending the deadline (every invited organisation told, the timers moved by the model), the
 * county's responses and the publication.
 */
@Service
public class CommentingRoundService {

    public static final String PROCESS_KEY = "planCommentingRound";
    static final String REFERENCE_PREFIX = "LAUSUNTO";
    static final int TITLE_MAX = 300;
    static final int TEXT_MAX = 4000;
    static final int QUESTION_MAX = 1000;
    static final int QUESTIONS_MAX = 30;
    static final int LINKS_MAX = 10;
    static final int RESPONSE_MAX = 10000;
    static final int REASON_MAX = 2000;
    /** Messages the model waits for while the round is open. */
    static final String CLOSED_EARLY = "CommentingRoundClosedEarly";
    static final String DEADLINE_EXTENDED = "CommentingDeadlineExtended";
    static final String SUMMARY_PUBLISHED = "CommentingSummaryPublished";
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

    /** The start form: the title in Finnish (Swedish when given) and the deadline. */
    public record Draft(String titleFi, String titleSv, OffsetDateTime closesAt) {
    }

    /** The configuration task's choices, checked. */
    public record Configuration(String descriptionFi, String descriptionSv, List<String> links, List<Question> questions,
            List<Long> invitedOrganisations, boolean invitationOnly, List<InfoSession> infoSessions, List<Integer> reminderDays,
            String contactPerson, String decisionMaker, OffsetDateTime closesAt) {
    }

    private final CommentingRoundRepository rounds;
    private final CaseNumbers numbers;
    private final OrganisationRepository organisations;
    private final ReferenceData referenceData;
    private final StaffDirectory staff;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final MailOutbox outbox;
    private final Calls calls;
    private final fi.silta.cases.documents.DocumentService documents;
    private final Clock clock;
    private final String baseUrl;

    public CommentingRoundService(CommentingRoundRepository rounds, CaseNumbers numbers, OrganisationRepository organisations,
            ReferenceData referenceData, StaffDirectory staff, RuntimeService runtimeService, TaskService taskService, MailOutbox outbox,
            Calls calls, Clock clock, SiltaProperties properties, fi.silta.cases.documents.DocumentService documents) {
        this.documents = documents;
        this.rounds = rounds;
        this.numbers = numbers;
        this.organisations = organisations;
        this.referenceData = referenceData;
        this.staff = staff;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.outbox = outbox;
        this.calls = calls;
        this.clock = clock;
        this.baseUrl = properties.baseUrl();
    }

    /** Reads the start form. */
    public Draft draft(Map<String, ?> input) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        TaskFormInput in = new TaskFormInput(input, errors);
        String titleFi = in.text("titleFi", true, TITLE_MAX);
        String titleSv = in.text("titleSv", false, TITLE_MAX);
        OffsetDateTime closesAt = in.dateTime("closesAt");
        if (closesAt != null && !closesAt.isAfter(now())) {
            errors.add("closesAt", "commenting.round.closesInPast");
        }
        errors.throwIfAny();
        return new Draft(titleFi, titleSv, closesAt);
    }

    /** Stores a new round being configured, referenced {@code LAUSUNTO-<year>-<n>} by the deadline's year. */
    @Transactional
    public CommentingRound create(String processInstanceId, Draft draft) {
        int year = draft.closesAt().atZoneSameInstant(Locales.HELSINKI).getYear();
        String reference = REFERENCE_PREFIX + "-" + year + "-" + numbers.next(REFERENCE_PREFIX, year);
        long id = rounds.insert(reference, processInstanceId, draft.titleFi(), draft.titleSv(), draft.closesAt(), now());
        return rounds.find(id).orElseThrow();
    }

    /**
     * Reads the configuration task: descriptions, links (one per line, web addresses), questions
     * (at least one; open text or a scale of 1–5), the invited organisations and saved groups, whether
     * organisations not invited may answer, info sessions (before the deadline; a place or an online
     * address), reminder days and the decision maker who approves the synthesis.
     */
    public Configuration configuration(CommentingRound round, Map<String, ?> input) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        TaskFormInput in = new TaskFormInput(input, errors);
        String descriptionFi = in.text("descriptionFi", true, TEXT_MAX);
        String descriptionSv = in.text("descriptionSv", false, TEXT_MAX);
        List<String> links = new ArrayList<>();
        String linkText = in.text("links", false, TEXT_MAX);
        if (linkText != null) {
            for (String line : linkText.split("\\R")) {
                String link = line.strip();
                if (link.isEmpty()) {
                    continue;
                }
                if (!URL.matcher(link.substring(link.lastIndexOf(' ') + 1)).matches()) {
                    errors.add("links", "commenting.round.link.invalid", link);
                } else {
                    links.add(link);
                }
            }
            if (links.size() > LINKS_MAX) {
                errors.add("links", "commenting.round.links.tooMany", LINKS_MAX);
            }
        }
        List<Question> questions = new ArrayList<>();
        List<Map<String, ?>> questionRows = in.rows("questions");
        for (Map<String, ?> row : questionRows) {
            String textFi = in.text("questions", row.get("textFi"), false, QUESTION_MAX);
            String textSv = in.text("questions", row.get("textSv"), false, QUESTION_MAX);
            boolean scale = row.get("scale") instanceof Boolean b ? b : row.get("scale") != null && "true".equals(row.get("scale").toString());
            if (textFi == null) {
                if (textSv != null || scale) {
                    errors.add("questions", "commenting.round.question.noFinnish", questions.size() + 1);
                }
                continue;
            }
            questions.add(new Question("q" + (questions.size() + 1), textFi, textSv, scale));
        }
        if (questions.isEmpty()) {
            errors.add("questions", "commenting.round.questions.none");
        } else if (questions.size() > QUESTIONS_MAX) {
            errors.add("questions", "commenting.round.questions.tooMany", QUESTIONS_MAX);
        }
        Set<Long> invited = new LinkedHashSet<>();
        for (String id : in.strings("invitedOrganisations")) {
            if (!id.matches("\\d{1,18}") || organisations.find(Long.parseLong(id)).isEmpty()) {
                errors.add("invitedOrganisations", "commenting.round.organisation.unknown", id);
            } else {
                invited.add(Long.parseLong(id));
            }
        }
        List<String> municipalities = referenceData.servedMunicipalities(Locales.FINNISH).stream().map(Municipality::code).toList();
        for (String group : in.strings("invitedGroups")) {
            OrganisationType type = groupType(group);
            if (type == null) {
                errors.add("invitedGroups", "commenting.round.group.unknown", group);
            } else {
                organisations.actingIn(type, municipalities).forEach(o -> invited.add(o.id()));
            }
        }
        boolean invitationOnly = !in.bool("openToAll");
        if (invited.isEmpty() && invitationOnly) {
            errors.add("invitedOrganisations", "commenting.round.invited.none");
        }
        // the deadline may be moved here (e.g. it passed while the round was being prepared)
        OffsetDateTime closesAt = round.closesAt();
        Object moved = input.get("newClosesAt");
        if (moved != null && !moved.toString().isBlank()) {
            OffsetDateTime changed = in.dateTime("newClosesAt");
            if (changed != null && !changed.isAfter(now())) {
                errors.add("newClosesAt", "commenting.round.closesInPast");
            } else if (changed != null) {
                closesAt = changed;
            }
        }
        List<InfoSession> sessions = new ArrayList<>();
        for (Map<String, ?> row : in.rows("infoSessions")) {
            InvalidInput.Collector rowErrors = new InvalidInput.Collector();
            TaskFormInput rowIn = new TaskFormInput(row, rowErrors);
            OffsetDateTime startsAt = rowIn.dateTime("startsAt");
            Integer minutes = row.get("durationMinutes") == null || row.get("durationMinutes").toString().isBlank() ? Integer.valueOf(60)
                    : rowIn.integer("durationMinutes", "commenting.round.session.duration");
            if (minutes != null && (minutes < 15 || minutes > 480)) {
                rowErrors.add("durationMinutes", "commenting.round.session.duration");
            }
            String place = rowIn.text("place", false, 300);
            String online = rowIn.text("onlineUrl", false, 1000);
            if (online != null && !URL.matcher(online).matches()) {
                rowErrors.add("onlineUrl", "commenting.round.link.invalid", online);
            }
            if (place == null && online == null) {
                rowErrors.add("place", "commenting.round.session.where");
            }
            if (startsAt != null && !startsAt.isBefore(closesAt)) {
                rowErrors.add("startsAt", "commenting.round.session.afterDeadline");
            }
            if (startsAt != null && !startsAt.isAfter(now())) {
                rowErrors.add("startsAt", "commenting.round.session.inPast");
            }
            if (rowErrors.isEmpty()) {
                sessions.add(new InfoSession(0, round.id(), startsAt, startsAt.plusMinutes(minutes), place, online));
            } else {
                rowErrors.errors().forEach(e -> errors.add("infoSessions", e.messageKey(), e.args()));
            }
        }
        List<Integer> reminderDays = new ArrayList<>();
        String daysText = in.text("reminderDays", false, 40);
        if (daysText != null) {
            TreeSet<Integer> days = new TreeSet<>(Comparator.reverseOrder());
            for (String part : daysText.split("[,; ]+")) {
                if (part.matches("\\d{1,2}") && Integer.parseInt(part) >= 1 && Integer.parseInt(part) <= 60) {
                    days.add(Integer.parseInt(part));
                } else if (!part.isBlank()) {
                    errors.add("reminderDays", "commenting.round.reminderDays.invalid", part);
                }
            }
            reminderDays.addAll(days);
        }
        // the draft is what the round is about: it is on the portal the moment this task completes
        if (documents.callDocuments(CommentingRound.CALL_KIND, round.id()).stream()
                .noneMatch(d -> !CommentingRoundView.FINAL_PLAN.equals(d.slot()))) {
            errors.add("documents", "commenting.round.documents.none");
        }
        String contact = in.text("contactPerson", true, 100);
        if (contact != null && !staff.isMember(contact, Roles.COORDINATOR.groupId())) {
            errors.add("contactPerson", "grants.round.notInGroup", contact);
        }
        String decisionMaker = in.text("decisionMaker", true, 100);
        if (decisionMaker != null && !staff.isMember(decisionMaker, Roles.DECISION_MAKER.groupId())) {
            errors.add("decisionMaker", "grants.round.notInGroup", decisionMaker);
        }
        errors.throwIfAny();
        return new Configuration(descriptionFi, descriptionSv, links, questions, List.copyOf(invited), invitationOnly, sessions,
                reminderDays, contact, decisionMaker, closesAt);
    }

    /** The saved groups offered on the configuration form: every organisation of a type acting in the county. */
    static OrganisationType groupType(String group) {
        try {
            return OrganisationType.valueOf(group);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Transactional
    public void configure(long roundId, Configuration c) {
        rounds.configure(roundId, c.descriptionFi(), c.descriptionSv(), c.links(), c.questions(), c.invitationOnly(), c.reminderDays(),
                c.contactPerson(), c.decisionMaker());
        rounds.replaceInvitations(roundId, c.invitedOrganisations());
        rounds.replaceInfoSessions(roundId, c.infoSessions());
        rounds.setClosesAt(roundId, c.closesAt());
    }

    /** On the portal from now until the deadline; refused when the deadline passed while it was being configured. */
    @Transactional
    public void publish(long roundId) {
        CommentingRound round = rounds.lock(roundId).orElseThrow();
        if (!round.closesAt().isAfter(now())) {
            throw InvalidInput.of("newClosesAt", "commenting.round.passedWhilePrepared");
        }
        rounds.setStatus(roundId, Status.OPEN, now());
    }

    /**
     * When the reminder timer fires next: the next reminder point (N days before the deadline) still
     * ahead; when none is, a day after the deadline (the deadline's timer always fires first).
     */
    public String nextReminderAt(long roundId) {
        CommentingRound round = rounds.find(roundId).orElseThrow();
        ZonedDateTime deadline = round.closesAt().atZoneSameInstant(Locales.HELSINKI);
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(Locales.HELSINKI));
        return round.reminderDays().stream().map(days -> reminderPoint(round.closesAt(), days)).filter(at -> at.isAfter(now))
                .min(Comparator.naturalOrder()).map(Deadlines::iso).orElse(Deadlines.iso(deadline.plusDays(1)));
    }

    /**
     * N days before the deadline at the same Helsinki wall-clock time (across a clock change too): the
     * one definition of a reminder point for the timer and for the reminders it sends.
     */
    static ZonedDateTime reminderPoint(OffsetDateTime deadline, int days) {
        return deadline.atZoneSameInstant(Locales.HELSINKI).minusDays(days);
    }

    /**
     * Sends the reminder that is due: of the reminder points at or before now the latest one (points
     * that passed before it, e.g. before the round was published, are not mailed as well), to every
     * verified contact of an invited organisation that has not answered, in the contact's language;
     * once per organisation and point. Returns how many organisations were reminded.
     */
    @Transactional
    public int sendDueReminders(long roundId) {
        CommentingRound round = rounds.lock(roundId).orElseThrow();
        OffsetDateTime now = now();
        if (round.status() != Status.OPEN || !now.isBefore(round.closesAt())) {
            return 0;
        }
        var due = round.reminderDays().stream().filter(days -> !reminderPoint(round.closesAt(), days).toOffsetDateTime().isAfter(now))
                .min(Comparator.naturalOrder());
        if (due.isEmpty()) {
            return 0;
        }
        int days = due.get();
        int reminded = 0;
        for (long organisationId : rounds.invitedOrganisations(roundId)) {
            if (calls.activeAnswer(CommentingRound.CALL_KIND, roundId, null, organisationId).isPresent()
                    || !rounds.reminderSent(roundId, days, organisationId, now)) {
                continue;
            }
            reminded += mailOrganisation(round, organisationId, "commenting-reminder", Map.of("daysBefore", days)) > 0 ? 1 : 0;
        }
        return reminded;
    }

    /** The deadline (or the coordinator) has closed the round; an answer being stored is waited for. */
    @Transactional
    public void close(long roundId) {
        // waits for answers being stored (they hold the row), so the count that follows has them all
        rounds.lock(roundId).orElseThrow();
        rounds.setStatus(roundId, Status.CLOSED, now());
    }

    /** Closes an open round before its deadline; the reason is kept and shown on the portal page. */
    @Transactional
    public void closeEarly(long roundId, String reason, String userId) {
        CommentingRound round = rounds.lock(roundId).orElseThrow();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String text = reason == null ? "" : reason.strip();
        if (round.status() != Status.OPEN || !now().isBefore(round.closesAt())) {
            errors.add("reason", "commenting.round.notOpen");
        } else if (text.isEmpty()) {
            errors.add("reason", "validation.required");
        } else if (text.length() > REASON_MAX) {
            errors.add("reason", "grants.round.tooLong", REASON_MAX);
        } else if (problem(text) != null) {
            errors.add("reason", problem(text));
        }
        errors.throwIfAny();
        rounds.closedEarly(roundId, text);
        rounds.event(roundId, "CLOSED_EARLY", text, userId, now());
        // the invited organisations still expected to answer are told, with the reason
        for (long organisationId : rounds.invitedOrganisations(roundId)) {
            if (calls.activeAnswer(CommentingRound.CALL_KIND, roundId, null, organisationId).isEmpty()) {
                mailOrganisation(round, organisationId, "commenting-closed", Map.of("reason", text));
            }
        }
        runtimeService.createMessageCorrelation(CLOSED_EARLY).processInstanceId(round.processInstanceId()).correlate();
    }

    /**
     * Moves the deadline of an open round later (before the old one has passed): the model's timers
     * are set again from it, and every verified contact of the invited organisations is told.
     */
    @Transactional
    public void extend(long roundId, OffsetDateTime newDeadline, String userId) {
        CommentingRound round = rounds.lock(roundId).orElseThrow();
        if (round.status() != Status.OPEN || !now().isBefore(round.closesAt())) {
            throw InvalidInput.of("closesAt", "commenting.round.notOpen");
        }
        if (newDeadline == null || !newDeadline.isAfter(round.closesAt())) {
            throw InvalidInput.of("closesAt", "commenting.round.extend.notLater");
        }
        OffsetDateTime helsinki = newDeadline.atZoneSameInstant(Locales.HELSINKI).toOffsetDateTime();
        rounds.setClosesAt(roundId, helsinki);
        // a reminder point the new deadline moves ahead is a new point: reminded once more when it comes
        for (int days : round.reminderDays()) {
            if (reminderPoint(helsinki, days).toOffsetDateTime().isAfter(now())) {
                rounds.forgetReminders(roundId, days);
            }
        }
        rounds.event(roundId, "DEADLINE_EXTENDED", Deadlines.iso(round.closesAt().atZoneSameInstant(Locales.HELSINKI)) + " → "
                + Deadlines.iso(helsinki.atZoneSameInstant(Locales.HELSINKI)), userId, now());
        CommentingRound extended = rounds.find(roundId).orElseThrow();
        for (long organisationId : rounds.invitedOrganisations(roundId)) {
            mailOrganisation(extended, organisationId, "commenting-extended", Map.of());
        }
        runtimeService.createMessageCorrelation(DEADLINE_EXTENDED).processInstanceId(round.processInstanceId())
                .setVariable("closesAt", Deadlines.iso(helsinki.atZoneSameInstant(Locales.HELSINKI))).correlate();
    }

    /**
     * Saves the responses typed on the round's staff page while the synthesis is being written
     * ({@code Task_WriteSynthesis} open): per question ({@link CommentResponse#THEME}) or per answer;
     * an empty text removes one. Keys: {@code q1} or {@code q1.<answerId>}.
     */
    @Transactional
    public void saveResponses(long roundId, Map<String, String> finnish, Map<String, String> swedish, String userId) {
        CommentingRound round = rounds.lock(roundId).orElseThrow();
        if (round.status() != Status.CLOSED || !synthesisOpen(round)) {
            throw InvalidInput.of("responses", "commenting.synthesis.notOpen");
        }
        Set<Long> answerIds = new java.util.HashSet<>(rounds.answers(roundId).stream().map(CommentAnswer::id).toList());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        List<CommentResponse> save = new ArrayList<>();
        List<String[]> remove = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(finnish.keySet());
        keys.addAll(swedish.keySet());
        for (String key : keys) {
            String[] parts = key.split("\\.", 2);
            Question question = round.question(parts[0]);
            long answerId = parts.length == 1 ? CommentResponse.THEME : parts[1].matches("\\d{1,18}") ? Long.parseLong(parts[1]) : -1;
            if (question == null || (answerId != CommentResponse.THEME && !answerIds.contains(answerId))) {
                errors.add("responses", "commenting.synthesis.unknown", key);
                continue;
            }
            String fi = strip(finnish.get(key));
            String sv = strip(swedish.get(key));
            if ((fi != null && fi.length() > RESPONSE_MAX) || (sv != null && sv.length() > RESPONSE_MAX)) {
                errors.add("response." + key, "grants.round.tooLong", RESPONSE_MAX);
            } else if (problem(fi) != null || problem(sv) != null) {
                errors.add("response." + key, problem(fi) != null ? problem(fi) : problem(sv));
            } else if (fi == null && sv != null) {
                errors.add("response." + key, "commenting.synthesis.noFinnish");
            } else if (fi == null) {
                remove.add(new String[] {parts[0], String.valueOf(answerId)});
            } else {
                save.add(new CommentResponse(roundId, parts[0], answerId, fi, sv, userId, now()));
            }
        }
        errors.throwIfAny();
        save.forEach(rounds::saveResponse);
        remove.forEach(r -> rounds.deleteResponse(roundId, r[0], Long.parseLong(r[1])));
    }

    /**
     * The synthesis is complete when every question someone answered has a response: for its theme,
     * or for each answer that commented on it. Refused naming the first question without one. Takes
     * the round's row lock: responses being saved are waited for (and saving after it finds the task done).
     */
    @Transactional
    public void requireSynthesisComplete(long roundId) {
        CommentingRound round = rounds.lock(roundId).orElseThrow();
        List<CommentAnswer> answers = rounds.answers(roundId);
        List<CommentResponse> responses = rounds.responses(roundId);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        for (Question question : round.questions()) {
            List<CommentAnswer> commented = answers.stream().filter(a -> !fi.silta.engine.Variables.blank(a.answers().get(question.key()))).toList();
            if (commented.isEmpty()) {
                continue;
            }
            boolean theme = responses.stream().anyMatch(r -> r.questionKey().equals(question.key()) && r.answerId() == CommentResponse.THEME);
            boolean each = commented.stream().allMatch(a -> responses.stream()
                    .anyMatch(r -> r.questionKey().equals(question.key()) && r.answerId() == a.id()));
            if (!theme && !each) {
                String without = commented.stream().filter(a -> responses.stream()
                        .noneMatch(r -> r.questionKey().equals(question.key()) && r.answerId() == a.id()))
                        .map(a -> a.organisationName() + " (" + a.caseReference() + ")").collect(java.util.stream.Collectors.joining(", "));
                errors.add("responses", "commenting.synthesis.missing", question.textFi(), without);
            }
        }
        errors.throwIfAny();
    }

    /** The decision maker's answer on the synthesis, kept in the round's history. */
    @Transactional
    public void recordReview(long roundId, boolean approved, String comments, String userId) {
        rounds.event(roundId, approved ? "SYNTHESIS_APPROVED" : "SYNTHESIS_RETURNED", comments, userId, now());
    }

    /** Publishes the summary: on the portal, and every answer's process mails it to the organisation. */
    @Transactional
    public void publishSummary(long roundId) {
        rounds.setStatus(roundId, Status.PUBLISHED, now());
        for (CommentAnswer answer : rounds.answers(roundId)) {
            runtimeService.createMessageCorrelation(SUMMARY_PUBLISHED).processInstanceBusinessKey(answer.caseReference()).correlateAll();
        }
    }

    /** Whether the coordinator's synthesis task is open (responses can be written). */
    public boolean synthesisOpen(CommentingRound round) {
        return round.processInstanceId() != null && taskService.createTaskQuery().processInstanceId(round.processInstanceId())
                .taskDefinitionKey("Task_WriteSynthesis").count() > 0;
    }

    /** Mails every verified contact of an organisation, each in their language; how many mails were queued. */
    private int mailOrganisation(CommentingRound round, long organisationId, String template, Map<String, Object> extra) {
        Organisation organisation = organisations.find(organisationId).orElse(null);
        if (organisation == null) {
            return 0;
        }
        int sent = 0;
        for (Contact contact : organisations.contacts(organisationId)) {
            if (contact.verification() != Verification.VERIFIED) {
                continue;
            }
            Map<String, Object> model = new HashMap<>(extra);
            model.put("contactName", contact.name());
            model.put("organisationName", organisation.name());
            model.put("roundTitle", round.title(Locales.of(contact.language())));
            model.put("closesAt", Deadlines.iso(round.closesAt().atZoneSameInstant(Locales.HELSINKI)));
            model.put("roundUrl", baseUrl + "/portal/commenting/" + round.id());
            outbox.enqueue(template, contact.email(), contact.language(), model, round.reference());
            sent++;
        }
        return sent;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static String strip(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** What is wrong with a text typed on the staff page (a NUL or other control character), else null. */
    private static String problem(String text) {
        return text == null ? null : TextRules.problem(text, true);
    }
}
