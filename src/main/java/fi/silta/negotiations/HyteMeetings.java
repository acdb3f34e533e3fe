// CONTRACT STUB — owner H3, replaced on merge
package fi.silta.negotiations;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** H3's meetings of a negotiation; this stub knows none (the cycle's summary then says "no meeting yet"). */
@Service
public class HyteMeetings {

    public record Participant(String name, String email, String side) {
    }

    public record Meeting(long id, OffsetDateTime startsAt, OffsetDateTime endsAt, String place, String onlineUrl,
            List<Participant> participants) {
    }

    /** The negotiation's meeting now scheduled (the last one that was not cancelled), if any. */
    public Optional<Meeting> current(long negotiationId) {
        return Optional.empty();
    }
}
