package fi.silta.negotiations;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.SiltaProperties;
import fi.silta.engine.RecordRows;
import fi.silta.notifications.CalendarInvitations;
import fi.silta.notifications.Invitation;
import fi.silta.notifications.MailOutbox;
import fi.silta.portal.forms.HelsinkiTime;
import fi.silta.web.InvalidInput;
import fi.silta.web.TextRules;
import fi.silta.web.Locales;

/**
 * The meeting of a hyte negotiation ({@code hyte_meeting}, {@code hyte_meeting_participant}): scheduled in
 * Task_ScheduleMeeting, moved or cancelled from the staff case page (messages {@value #MOVED} and
 * {@value #CANCELLED} to the case's process), and every participant's mail with its {@code .ics}
 * ({@link CalendarInvitations}: METHOD:REQUEST with SEQUENCE 0, an update with the same UID and a higher
 * SEQUENCE, METHOD:CANCEL). Refused input (outside the cycle's window, in the past, ending before it starts,
 * a bad address) changes nothing and says why in fi/sv/en.
 */
@Service
public class HyteMeetings {

    public static final String MOVED = "HyteMeetingMoved";
    /** The meeting place's length (hyte_meeting.place). */
    static final int PLACE_MAX = 500;
    public static final String CANCELLED = "HyteMeetingCancelled";

    public enum Status { SCHEDULED, CANCELLED }

    public enum Side { COUNTY, MUNICIPALITY, ORGANISATION }

    public record Participant(Side side, String name, String email) {
    }

    public record Meeting(long id, long negotiationId, String uid, int sequenceNo, OffsetDateTime startsAt, OffsetDateTime endsAt,
            String place, String onlineLink, Status status, String organizerName, String organizerEmail, String createdBy,
            OffsetDateTime createdAt, String updatedBy, OffsetDateTime updatedAt) {
    }

    /** A meeting with its participants (for the staff page and H2's yearly summary). */
    public record MeetingView(Meeting meeting, List<Participant> participants) {

        public long id() {
            return meeting.id();
        }

        public OffsetDateTime startsAt() {
            return meeting.startsAt();
        }

        public OffsetDateTime endsAt() {
            return meeting.endsAt();
        }

        public String place() {
            return meeting.place();
        }

        public String onlineUrl() {
            return meeting.onlineLink();
        }
    }

    /** What the coordinator typed: times as Helsinki wall-clock text, participants one per line. */
    public record MeetingInput(String start, String end, String place, String onlineLink, String countyParticipants,
            String municipalityParticipants, String organisationParticipants) {
    }

    private static final String COLUMNS = "id, negotiation_id, uid, sequence_no, starts_at, ends_at, place, online_link, status, "
            + "organizer_name, organizer_email, created_by, created_at, updated_by, updated_at";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>,;]+@[^@\\s<>,;]+\\.[^@\\s<>,;]+");
    private static final Pattern ANGLE = Pattern.compile("^(.*?)<([^>]*)>\\s*$");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final HyteNegotiationRecords negotiations;
    private final CalendarInvitations calendar;
    private final MailOutbox outbox;
    private final RuntimeService runtime;
    private final MessageSource messages;
    private final SiltaProperties properties;
    private final fi.silta.organisations.OrganisationRepository organisations;

    public HyteMeetings(JdbcClient jdbc, Clock clock, HyteNegotiationRecords negotiations, CalendarInvitations calendar,
            MailOutbox outbox, RuntimeService runtime, MessageSource messages, SiltaProperties properties,
            fi.silta.organisations.OrganisationRepository organisations) {
        this.organisations = organisations;
        this.jdbc = jdbc;
        this.clock = clock;
        this.negotiations = negotiations;
        this.calendar = calendar;
        this.outbox = outbox;
        this.runtime = runtime;
        this.messages = messages;
        this.properties = properties;
    }

    /** The negotiation's meeting that stands (scheduled, possibly moved); empty before scheduling or after a cancellation. */
    public Optional<MeetingView> current(long negotiationId) {
        return jdbc.sql("select " + COLUMNS + " from hyte_meeting where negotiation_id = ? and status = 'SCHEDULED' order by id desc")
                .param(negotiationId).query(RecordRows.of(Meeting.class)).list().stream().findFirst()
                .map(m -> new MeetingView(m, participants(m.id())));
    }

    /** The negotiation's latest meeting, whatever its status. */
    public Optional<Meeting> latest(long negotiationId) {
        return jdbc.sql("select " + COLUMNS + " from hyte_meeting where negotiation_id = ? order by id desc")
                .param(negotiationId).query(RecordRows.of(Meeting.class)).list().stream().findFirst();
    }

    public List<Participant> participants(long meetingId) {
        return jdbc.sql("select side, name, email from hyte_meeting_participant where meeting_id = ? order by position")
                .param(meetingId).query(RecordRows.of(Participant.class)).list();
    }

    /** Validates and stores a new meeting (nothing is stored when refused). Invitations go out from the model's send task. */
    @Transactional
    public Meeting schedule(long negotiationId, MeetingInput input, String organizerName, String organizerEmail, String by) {
        HyteNegotiationRecords.Negotiation negotiation = negotiations.find(negotiationId).orElseThrow();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        OffsetDateTime[] times = times(negotiation, input.start(), input.end(), errors);
        boolean hasPlace = input.place() != null && !input.place().isBlank();
        boolean hasLink = input.onlineLink() != null && !input.onlineLink().isBlank();
        if (!hasPlace && !hasLink) {
            errors.add("meetingPlace", "hyte.meeting.place.required");
        }
        if (hasPlace) {
            // one line of plain text: it goes into the invitations' mail, the .ics LOCATION and the staff page
            String problem = TextRules.problem(input.place(), false);
            if (problem != null) {
                errors.add("meetingPlace", problem);
            } else if (input.place().strip().length() > PLACE_MAX) {
                errors.add("meetingPlace", "form.maxLength", PLACE_MAX);
            }
        }
        if (hasLink && !isWebLink(input.onlineLink().strip())) {
            errors.add("meetingLink", "hyte.meeting.link.invalid");
        }
        List<Participant> people = new ArrayList<>();
        parse(Side.COUNTY, "countyParticipants", input.countyParticipants(), people, errors);
        parse(Side.MUNICIPALITY, "municipalityParticipants", input.municipalityParticipants(), people, errors);
        parse(Side.ORGANISATION, "organisationParticipants", input.organisationParticipants(), people, errors);
        if (people.isEmpty()) {
            errors.add("countyParticipants", "hyte.meeting.participants.required");
        }
        if (organizerEmail == null || !EMAIL.matcher(organizerEmail.strip()).matches()) {
            organizerEmail = properties.mail().from();
        }
        errors.throwIfAny();
        OffsetDateTime now = OffsetDateTime.now(clock);
        var key = new GeneratedKeyHolder();
        String provisional = "new-" + java.util.UUID.randomUUID();
        jdbc.sql("insert into hyte_meeting (negotiation_id, uid, sequence_no, starts_at, ends_at, place, online_link, status, "
                        + "organizer_name, organizer_email, created_by, created_at) values (?, ?, 0, ?, ?, ?, ?, 'SCHEDULED', ?, ?, ?, ?)")
                .params(negotiationId, provisional, times[0], times[1], hasPlace ? input.place().strip() : null,
                        hasLink ? input.onlineLink().strip() : null, organizerName == null ? by : organizerName, organizerEmail.strip(), by, now)
                .update(key, "id");
        long id = key.getKey().longValue();
        jdbc.sql("update hyte_meeting set uid = ? where id = ?").params(Invitation.uid(negotiation.caseReference(), "meeting-" + id), id)
                .update();
        for (int i = 0; i < people.size(); i++) {
            Participant p = people.get(i);
            jdbc.sql("insert into hyte_meeting_participant (meeting_id, position, side, name, email) values (?, ?, ?, ?, ?)")
                    .params(id, i, p.side().name(), p.name(), p.email()).update();
        }
        return find(id);
    }

    /**
     * Moves the standing meeting of the case (staff case page): new times validated as when scheduled, SEQUENCE + 1,
     * then message {@value #MOVED} to the case's process, whose send task mails the update. Refused when the process
     * does not wait for the meeting (nothing changed).
     */
    @Transactional
    public Meeting move(String caseReference, String start, String end, String by) {
        HyteNegotiationRecords.Negotiation negotiation = negotiations.require(caseReference);
        Meeting meeting = current(negotiation.id()).map(MeetingView::meeting)
                .orElseThrow(() -> InvalidInput.of("meeting", "hyte.meeting.none"));
        InvalidInput.Collector errors = new InvalidInput.Collector();
        OffsetDateTime[] times = times(negotiation, start, end, errors);
        errors.throwIfAny();
        jdbc.sql("update hyte_meeting set starts_at = ?, ends_at = ?, sequence_no = sequence_no + 1, updated_by = ?, updated_at = ? "
                        + "where id = ?")
                .params(times[0], times[1], by, OffsetDateTime.now(clock), meeting.id()).update();
        correlate(MOVED, caseReference);
        return find(meeting.id());
    }

    /** Cancels the standing meeting (staff case page): SEQUENCE + 1, CANCELLED, message {@value #CANCELLED} (the model mails METHOD:CANCEL and goes back to scheduling). */
    @Transactional
    public Meeting cancel(String caseReference, String by) {
        HyteNegotiationRecords.Negotiation negotiation = negotiations.require(caseReference);
        Meeting meeting = current(negotiation.id()).map(MeetingView::meeting)
                .orElseThrow(() -> InvalidInput.of("meeting", "hyte.meeting.none"));
        jdbc.sql("update hyte_meeting set status = 'CANCELLED', sequence_no = sequence_no + 1, updated_by = ?, updated_at = ? where id = ?")
                .params(by, OffsetDateTime.now(clock), meeting.id()).update();
        correlate(CANCELLED, caseReference);
        return find(meeting.id());
    }

    /**
     * Mails every participant of the meeting its invitation: {@code REQUEST} for a scheduled or moved meeting,
     * {@code CANCEL} for a cancelled one; each mail carries the {@code .ics} as {@code text/calendar; method=…}. A
     * participant who is a contact in the registry reads it in their own language, anyone else in the case's.
     */
    @Transactional
    public void mailParticipants(Meeting meeting, String template, String caseReference, String language) {
        HyteNegotiationRecords.Negotiation negotiation = negotiations.find(meeting.negotiationId()).orElseThrow();
        CalendarInvitations.Kind kind = meeting.status() == Status.CANCELLED ? CalendarInvitations.Kind.CANCEL
                : CalendarInvitations.Kind.REQUEST;
        List<Participant> people = participants(meeting.id());
        String municipalities = String.join(", ", negotiations.municipalityNames(negotiation.id()));
        String location = location(meeting);
        Map<String, fi.silta.notifications.MailAttachment> byLanguage = new java.util.HashMap<>();
        for (Participant person : people) {
            String reader = organisations.contactsByEmail(person.email()).stream().map(fi.silta.organisations.Contact::language)
                    .findFirst().orElse(language);
            var attachment = byLanguage.computeIfAbsent(reader, l -> {
                Locale locale = Locales.of(l);
                Invitation invitation = new Invitation(meeting.uid(), meeting.sequenceNo(), meeting.startsAt().toInstant(),
                        meeting.endsAt().toInstant(), messages.getMessage("hyte.meeting.ics.summary", new Object[] {municipalities}, locale),
                        messages.getMessage("hyte.meeting.ics.description", new Object[] {caseReference, negotiation.title()}, locale),
                        location, new Invitation.Person(meeting.organizerName(), meeting.organizerEmail()),
                        people.stream().map(p -> new Invitation.Person(p.name(), p.email())).toList());
                return calendar.attachment(invitation, kind, "hyte-neuvottelu");
            });
            outbox.enqueue(template, person.email(), reader, Map.of("caseReference", caseReference, "municipalities", municipalities,
                    "meetingStartsAt", meeting.startsAt(), "meetingEndsAt", meeting.endsAt(), "meetingLocation", location,
                    "contactName", person.name(), "title", negotiation.title()), caseReference, List.of(attachment));
        }
    }

    Meeting find(long id) {
        return jdbc.sql("select " + COLUMNS + " from hyte_meeting where id = ?").param(id).query(RecordRows.of(Meeting.class)).single();
    }

    static String location(Meeting meeting) {
        List<String> parts = new ArrayList<>();
        if (meeting.place() != null) {
            parts.add(meeting.place());
        }
        if (meeting.onlineLink() != null) {
            parts.add(meeting.onlineLink());
        }
        return String.join(" / ", parts);
    }

    private void correlate(String message, String caseReference) {
        try {
            runtime.createMessageCorrelation(message).processInstanceBusinessKey(caseReference).correlateWithResult();
        } catch (MismatchingMessageCorrelationException notWaiting) {
            throw InvalidInput.of("meeting", "hyte.meeting.notWaiting");
        }
    }

    private OffsetDateTime[] times(HyteNegotiationRecords.Negotiation negotiation, String start, String end,
            InvalidInput.Collector errors) {
        OffsetDateTime startsAt = instant("meetingStart", start, errors);
        OffsetDateTime endsAt = instant("meetingEnd", end, errors);
        if (startsAt == null || endsAt == null) {
            return new OffsetDateTime[] {startsAt, endsAt};
        }
        if (!endsAt.isAfter(startsAt)) {
            errors.add("meetingEnd", "hyte.meeting.end.afterStart");
        }
        if (!startsAt.isAfter(OffsetDateTime.now(clock))) {
            errors.add("meetingStart", "hyte.meeting.past");
        }
        LocalDate startDay = startsAt.atZoneSameInstant(Locales.HELSINKI).toLocalDate();
        LocalDate endDay = endsAt.atZoneSameInstant(Locales.HELSINKI).toLocalDate();
        if (startDay.isBefore(negotiation.windowStart()) || endDay.isAfter(negotiation.windowEnd())) {
            errors.add("meetingStart", "hyte.meeting.outsideWindow", HelsinkiTime.show(negotiation.windowStart()),
                    HelsinkiTime.show(negotiation.windowEnd()));
        }
        return new OffsetDateTime[] {startsAt, endsAt};
    }

    private static OffsetDateTime instant(String field, String text, InvalidInput.Collector errors) {
        if (text == null || text.isBlank()) {
            errors.add(field, "hyte.meeting.time.required");
            return null;
        }
        String typed = text.strip();
        try {
            if (typed.matches(".*[+-]\\d{2}:\\d{2}$") || typed.endsWith("Z")) {
                return OffsetDateTime.parse(typed);
            }
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(field, "hyte.meeting.time.format");
            return null;
        }
        HelsinkiTime.Result result = HelsinkiTime.dateTime(typed);
        if (!result.ok()) {
            errors.add(field, "hyte.meeting.time.format");
            return null;
        }
        return (OffsetDateTime) result.value();
    }

    private static boolean isWebLink(String link) {
        try {
            URI uri = URI.create(link);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** One person per line: {@code Name <address>}, {@code Name, address} or an address alone. */
    private static void parse(Side side, String field, String text, List<Participant> into, InvalidInput.Collector errors) {
        if (text == null) {
            return;
        }
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            String name;
            String email;
            Matcher angle = ANGLE.matcher(line);
            if (angle.matches()) {
                name = angle.group(1).strip();
                email = angle.group(2).strip();
            } else if (line.contains(",")) {
                int comma = line.lastIndexOf(',');
                name = line.substring(0, comma).strip();
                email = line.substring(comma + 1).strip();
            } else {
                name = "";
                email = line;
            }
            if (!EMAIL.matcher(email).matches() || name.length() > 300 || email.length() > 320
                    || TextRules.problem(name, false) != null) {
                errors.add(field, "hyte.meeting.participant.invalid", line);
                continue;
            }
            String lower = email.toLowerCase(Locale.ROOT);
            if (into.stream().noneMatch(p -> p.email().equals(lower))) {
                into.add(new Participant(side, name.isEmpty() ? lower : name, lower));
            }
        }
    }
}
