package fi.silta.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;

import fi.silta.web.Locales;

/** Invitations parse back: method, stable UID, SEQUENCE, ORGANIZER, attendees, Helsinki times with their VTIMEZONE. */
class CalendarInvitationsTest {

    static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
    final CalendarInvitations invitations = new CalendarInvitations(Clock.fixed(NOW, ZoneOffset.UTC));

    /** 10.3.2027 10.00–12.00 in Helsinki (winter time, +02:00) */
    static Invitation meeting(int sequence) {
        return new Invitation(Invitation.uid("HY-2027-0003", "negotiation-1"), sequence,
                Instant.parse("2027-03-10T08:00:00Z"), Instant.parse("2027-03-10T10:00:00Z"),
                "Hyte-neuvottelu: Åbo Akademis vänner ry", "Esityslista liitteenä; kahvi 2,50 €.", "Oulu, Kirkkokatu 2 (neuvotteluhuone Pöllö)",
                new Invitation.Person("Timo Laine", "timo.laine@pohde.example"),
                List.of(new Invitation.Person("Anna Åström", "anna@abo.example"), new Invitation.Person(null, "toinen@abo.example")));
    }

    @Test
    void requestParsesBackWithEverythingACalendarNeeds() throws Exception {
        Calendar calendar = parse(invitations.ics(meeting(0), CalendarInvitations.Kind.REQUEST));
        assertThat(value(calendar, Property.METHOD)).isEqualTo("REQUEST");
        assertThat(value(calendar, Property.VERSION)).isEqualTo("2.0");
        assertThat(value(calendar, Property.PRODID)).isNotBlank();
        VEvent event = event(calendar);
        assertThat(value(event, Property.UID)).isEqualTo(Invitation.uid("HY-2027-0003", "negotiation-1")).endsWith("@silta");
        assertThat(value(event, Property.SEQUENCE)).isEqualTo("0");
        assertThat(value(event, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(value(event, Property.SUMMARY)).isEqualTo("Hyte-neuvottelu: Åbo Akademis vänner ry");
        assertThat(value(event, Property.DESCRIPTION)).isEqualTo("Esityslista liitteenä; kahvi 2,50 €.");
        assertThat(value(event, Property.LOCATION)).isEqualTo("Oulu, Kirkkokatu 2 (neuvotteluhuone Pöllö)");
        assertThat(value(event, Property.DTSTAMP)).isEqualTo("20261207T080000Z");

        Property organizer = event.getProperty(Property.ORGANIZER).orElseThrow();
        assertThat(organizer.getValue()).isEqualTo("mailto:timo.laine@pohde.example");
        assertThat(organizer.getParameter(Parameter.CN).orElseThrow().getValue()).isEqualTo("Timo Laine");

        List<Property> attendees = event.getProperties(Property.ATTENDEE);
        assertThat(attendees).extracting(Property::getValue).containsExactly("mailto:anna@abo.example", "mailto:toinen@abo.example");
        assertThat(attendees.get(0).getParameter(Parameter.CN).orElseThrow().getValue()).isEqualTo("Anna Åström");
        assertThat(attendees.get(0).getParameter(Parameter.PARTSTAT).orElseThrow().getValue()).isEqualTo("NEEDS-ACTION");
        assertThat(attendees.get(0).getParameter(Parameter.RSVP).orElseThrow().getValue()).isEqualTo("TRUE");
        assertThat(attendees.get(1).getParameter(Parameter.CN)).isEmpty();

        Property start = event.getProperty(Property.DTSTART).orElseThrow();
        assertThat(start.getParameter(Parameter.TZID).orElseThrow().getValue()).isEqualTo("Europe/Helsinki");
        assertThat(start.getValue()).isEqualTo("20270310T100000");
        assertThat(event.getProperty(Property.DTEND).orElseThrow().getValue()).isEqualTo("20270310T120000");
        assertThat(instant(event.getDateTimeStart().getDate())).isEqualTo(Instant.parse("2027-03-10T08:00:00Z"));
        assertThat(instant(event.getDateTimeEnd().getDate())).isEqualTo(Instant.parse("2027-03-10T10:00:00Z"));

        List<VTimeZone> zones = calendar.getComponents("VTIMEZONE");
        assertThat(zones).singleElement().satisfies(zone ->
                assertThat(zone.getProperty(Property.TZID).orElseThrow().getValue()).isEqualTo("Europe/Helsinki"));
    }

    @Test
    void summerTimeIsTheLocalTimeOfTheDay() throws Exception {
        Invitation summer = new Invitation("x@silta", 0, Instant.parse("2027-06-10T07:00:00Z"), Instant.parse("2027-06-10T08:30:00Z"),
                "Kesäkokous", null, null, new Invitation.Person("Timo Laine", "timo.laine@pohde.example"),
                List.of(new Invitation.Person(null, "anna@abo.example")));
        VEvent event = event(parse(invitations.ics(summer, CalendarInvitations.Kind.REQUEST)));
        assertThat(event.getProperty(Property.DTSTART).orElseThrow().getValue()).as("10.00 EEST").isEqualTo("20270610T100000");
        assertThat(event.getProperty(Property.DESCRIPTION)).isEmpty();
        assertThat(event.getProperty(Property.LOCATION)).isEmpty();
    }

    @Test
    void cancellationKeepsTheUidAndRaisesTheSequence() throws Exception {
        Calendar request = parse(invitations.ics(meeting(0), CalendarInvitations.Kind.REQUEST));
        Calendar cancel = parse(invitations.ics(meeting(1), CalendarInvitations.Kind.CANCEL));
        assertThat(value(cancel, Property.METHOD)).isEqualTo("CANCEL");
        assertThat(value(event(cancel), Property.UID)).isEqualTo(value(event(request), Property.UID));
        assertThat(value(event(cancel), Property.SEQUENCE)).isEqualTo("1");
        assertThat(value(event(cancel), Property.STATUS)).isEqualTo("CANCELLED");
        List<Property> attendees = event(cancel).getProperties(Property.ATTENDEE);
        assertThat(attendees).hasSize(2).allSatisfy(attendee -> {
            assertThat(attendee.getParameter(Parameter.RSVP)).isEmpty();
            assertThat(attendee.getParameter(Parameter.PARTSTAT)).isEmpty();
        });
    }

    @Test
    void attachmentNamesTheMethodInItsMimeType() throws Exception {
        MailAttachment request = invitations.attachment(meeting(0), CalendarInvitations.Kind.REQUEST, "neuvottelu");
        assertThat(request.fileName()).isEqualTo("neuvottelu.ics");
        assertThat(request.contentType()).isEqualTo("text/calendar; method=REQUEST; charset=UTF-8");
        assertThat(value(parse(new String(request.content(), StandardCharsets.UTF_8)), Property.METHOD)).isEqualTo("REQUEST");
        assertThat(invitations.attachment(meeting(1), CalendarInvitations.Kind.CANCEL, "neuvottelu.ics").contentType())
                .isEqualTo("text/calendar; method=CANCEL; charset=UTF-8");
    }

    @Test
    void uidIsStableForTheSameMeetingAndDiffersBetweenMeetings() {
        assertThat(Invitation.uid("HY-2027-0003", "negotiation-1")).isEqualTo(Invitation.uid("HY-2027-0003", "negotiation-1"))
                .isNotEqualTo(Invitation.uid("HY-2027-0003", "negotiation-2"))
                .isNotEqualTo(Invitation.uid("HY-2027-0004", "negotiation-1"));
    }

    @Test
    void meetingThatEndsBeforeItStartsHasNoAttendeeOrNoAddressIsRefused() {
        Instant start = Instant.parse("2027-03-10T08:00:00Z");
        Invitation.Person organizer = new Invitation.Person("Timo Laine", "timo.laine@pohde.example");
        List<Invitation.Person> attendees = List.of(new Invitation.Person(null, "anna@abo.example"));
        assertThatThrownBy(() -> new Invitation("x@silta", 0, start, start, "s", null, null, organizer, attendees))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Invitation("x@silta", -1, start, start.plusSeconds(60), "s", null, null, organizer, attendees))
                .isInstanceOf(IllegalArgumentException.class);
        // an invitation or a cancellation names who it is for (RFC 5546); an event published for anyone to add does not
        Invitation nobody = new Invitation("x@silta", 0, start, start.plusSeconds(60), "s", null, null, organizer, List.of());
        assertThatThrownBy(() -> invitations.ics(nobody, CalendarInvitations.Kind.REQUEST)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> invitations.ics(nobody, CalendarInvitations.Kind.CANCEL)).isInstanceOf(IllegalArgumentException.class);
        assertThat(invitations.ics(nobody, CalendarInvitations.Kind.PUBLISH)).contains("METHOD:PUBLISH").doesNotContain("ATTENDEE");
        assertThatThrownBy(() -> new Invitation.Person("Nimi", "ei-osoite")).isInstanceOf(IllegalArgumentException.class);
    }

    static Calendar parse(String ics) throws IOException, ParserException {
        assertThat(ics).contains("\r\n");
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static VEvent event(Calendar calendar) {
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static String value(net.fortuna.ical4j.model.PropertyContainer container, String name) {
        return container.getProperty(name).map(p -> ((Property) p).getValue()).orElseThrow(() -> new AssertionError("no " + name));
    }

    private static Instant instant(Temporal temporal) {
        return temporal instanceof ZonedDateTime zoned ? zoned.withZoneSameInstant(Locales.HELSINKI).toInstant() : Instant.from(temporal);
    }
}
