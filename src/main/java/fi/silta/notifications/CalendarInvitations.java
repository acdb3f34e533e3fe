package fi.silta.notifications;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Component;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import fi.silta.web.Locales;

/**
 * The one calendar builder: an {@link Invitation} as an iTIP {@code .ics} (RFC 5545/5546) with
 * {@code METHOD:REQUEST} or {@code METHOD:CANCEL}, its stable UID and SEQUENCE, the ORGANIZER and
 * ATTENDEEs, and times in Europe/Helsinki with the zone's VTIMEZONE, ready to go into a mail as
 * {@code text/calendar; method=…} (built with ical4j).
 */
@Component
public class CalendarInvitations {

    /** Whether the invitation asks people to come or calls the meeting off. */
    public enum Kind {
        REQUEST(Method.VALUE_REQUEST, Status.VALUE_CONFIRMED),
        CANCEL(Method.VALUE_CANCEL, Status.VALUE_CANCELLED),
        /** An event anyone may add to their calendar (a download from a public page): no attendees, no replies. */
        PUBLISH(Method.VALUE_PUBLISH, Status.VALUE_CONFIRMED);

        private final String method;
        private final String status;

        Kind(String method, String status) {
            this.method = method;
            this.status = status;
        }

        /** The MIME type of the calendar part: the method in it, as iTIP over mail (RFC 6047) requires. */
        public String contentType() {
            return "text/calendar; method=" + method + "; charset=UTF-8";
        }
    }

    private static final String PRODUCT = "-//Silta//Silta//FI";
    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();
    private final Clock clock;

    public CalendarInvitations(Clock clock) {
        this.clock = clock;
    }

    /** The invitation as an attachment {@code NAME.ics}, its MIME type naming the method. */
    public MailAttachment attachment(Invitation invitation, Kind kind, String fileName) {
        return new MailAttachment(fileName.endsWith(".ics") ? fileName : fileName + ".ics", kind.contentType(),
                ics(invitation, kind).getBytes(StandardCharsets.UTF_8));
    }

    /** The invitation's iCalendar text. */
    public String ics(Invitation invitation, Kind kind) {
        if (kind != Kind.PUBLISH && invitation.attendees().isEmpty()) {
            throw new IllegalArgumentException("an invitation needs at least one attendee (RFC 5546)");
        }
        VTimeZone helsinki = zones.getTimeZone(Locales.HELSINKI.getId()).getVTimeZone();
        VEvent event = new VEvent(local(invitation.start()), local(invitation.end()), invitation.summary());
        event.add(new Uid(invitation.uid()));
        event.add(new Sequence(invitation.sequence()));
        event.replace(new DtStamp(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS)));
        event.add(new Status(kind.status));
        if (invitation.description() != null && !invitation.description().isBlank()) {
            event.add(new Description(invitation.description()));
        }
        if (invitation.location() != null && !invitation.location().isBlank()) {
            event.add(new Location(invitation.location()));
        }
        Organizer organizer = new Organizer(mailto(invitation.organizer().email()));
        if (invitation.organizer().name() != null) {
            organizer.add(new Cn(invitation.organizer().name()));
        }
        event.add(organizer);
        for (Invitation.Person person : invitation.attendees()) {
            Attendee attendee = new Attendee(mailto(person.email()));
            attendee.add(Role.REQ_PARTICIPANT);
            if (kind == Kind.REQUEST) {
                // a cancellation asks nothing of anyone (RFC 5546 3.2.5): no participation status, no reply
                attendee.add(PartStat.NEEDS_ACTION);
                attendee.add(Rsvp.TRUE);
            }
            if (person.name() != null) {
                attendee.add(new Cn(person.name()));
            }
            event.add(attendee);
        }
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new Method(kind.method));
        calendar.add(helsinki);
        calendar.add(event);
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(true).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static ZonedDateTime local(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).atZone(Locales.HELSINKI);
    }

    private static URI mailto(String email) {
        return URI.create("mailto:" + email.strip());
    }
}
