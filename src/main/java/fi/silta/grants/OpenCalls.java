package fi.silta.grants;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import fi.silta.cases.Deadlines;
import fi.silta.web.Formats;
import fi.silta.security.StaffDirectory;
import fi.silta.web.Locales;

/** The published calls as the portal's front page shows them, in the reader's language. */
@Service
public class OpenCalls {

    /** A call: texts ready to show (money, weights and times formatted for the reader). */
    public record OpenCall(long id, String name, String description, String budget, String maxAmount, String opensAt,
            String closesAt, String contactName, String contactEmail, boolean multipleApplications,
            List<Weighted> criteria, String stateGrantConditions) {
    }

    /** A criterion and its weight ("40 %"). */
    public record Weighted(String name, String weight) {
    }

    private final GrantRoundRepository rounds;
    private final StaffDirectory staff;
    private final MessageSource messages;

    public OpenCalls(GrantRoundRepository rounds, StaffDirectory staff, MessageSource messages) {
        this.rounds = rounds;
        this.staff = staff;
        this.messages = messages;
    }

    /** A criterion's weight as the reader writes it ("12,5 %", "12.5%"). */
    static String weightText(BigDecimal weight, MessageSource messages, Locale reader) {
        return messages.getMessage("grants.call.weight", new Object[] {new Formats(reader.getLanguage()).number(weight, 2)}, reader);
    }

    /** The published rounds, the one closing first first. */
    public List<OpenCall> published(Locale locale) {
        Locale reader = Locales.of(locale == null ? null : locale.getLanguage());
        Formats times = new Formats(reader.getLanguage());
        return rounds.published().stream().map(round -> {
            var contact = staff.find(round.contactUserId());
            List<Weighted> criteria = rounds.criteria(round.id()).stream()
                    .map(c -> new Weighted(c.name(reader), weightText(c.weight(), messages, reader)))
                    .toList();
            return new OpenCall(round.id(), round.name(reader), round.description(reader), times.euros(round.budget()),
                    times.euros(round.maxAmount()), times.dateTime(iso(round.opensAt())), times.dateTime(iso(round.closesAt())),
                    contact.map(StaffDirectory.StaffMember::name).orElse(null),
                    contact.map(StaffDirectory.StaffMember::email).orElse(null), round.multipleApplications(), criteria,
                    round.stateGrant() ? round.stateGrantConditions() : null);
        }).toList();
    }

    private static String iso(java.time.OffsetDateTime instant) {
        return Deadlines.iso(instant.atZoneSameInstant(Locales.HELSINKI));
    }
}
