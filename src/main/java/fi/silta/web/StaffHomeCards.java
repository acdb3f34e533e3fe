package fi.silta.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.core.Authentication;

/**
 * A group of links on the staff home that another package contributes (the Tasklist filters with
 * their counts, the dashboards), shown only to those who may open them: the home lists what the
 * signed-in user's role reaches, and the shared home knows nothing of where the links lead.
 */
public interface StaffHomeCards {

    /** Position on the home (lower first). */
    int order();

    /** The user's links under a heading, in the reader's language; empty when the user may open none. */
    Optional<Group> cards(Authentication user, Locale locale);

    record Group(String id, String heading, String intro, List<Card> cards) {

        public Group {
            cards = List.copyOf(cards);
        }
    }

    /** One link; {@code count} (may be null) is shown beside it, {@code hint} (may be null) under it. */
    record Card(String text, String href, Long count, String hint) {
    }
}
