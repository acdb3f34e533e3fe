package fi.silta.notifications;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A meeting Silta invites people to (a hyte negotiation, a hearing), built into an {@code .ics} by
 * {@link CalendarInvitations}. The uid stays the same for every version of one meeting, so a calendar
 * updates or cancels the event it already has; the sequence grows with each change. Summary, description
 * and location are texts the reader sees: the caller takes them from the bundles in the reader's language.
 */
public record Invitation(String uid, int sequence, Instant start, Instant end, String summary, String description,
        String location, Person organizer, List<Person> attendees) {

    /** Someone on the invitation: a display name and an address. */
    public record Person(String name, String email) {

        public Person {
            if (email == null || email.isBlank() || !email.contains("@")) {
                throw new IllegalArgumentException("not a mail address: " + email);
            }
        }
    }

    public Invitation {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(organizer, "organizer");
        attendees = List.copyOf(attendees);
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a meeting must end after it starts: " + start + " – " + end);
        }
    }

    /**
     * The uid of one meeting, the same whenever it is computed from the same scope and key (e.g. a case reference
     * and the meeting's id in it), so that an update or a cancellation reaches the event already in a calendar.
     */
    public static String uid(String scope, String key) {
        String name = Objects.requireNonNull(scope, "scope") + "/" + Objects.requireNonNull(key, "key");
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)) + "@silta";
    }
}
