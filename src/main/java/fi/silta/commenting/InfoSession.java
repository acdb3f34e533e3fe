package fi.silta.commenting;

import java.time.OffsetDateTime;

/** An info session of a commenting round: when (Helsinki time), and where or at which online address. */
public record InfoSession(long id, long roundId, OffsetDateTime startsAt, OffsetDateTime endsAt, String place, String onlineUrl) {
}
