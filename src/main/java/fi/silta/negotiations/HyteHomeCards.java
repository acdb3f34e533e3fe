package fi.silta.negotiations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import fi.silta.security.Roles;
import fi.silta.web.StaffHomeCards;

/** The hyte cycles on the staff home, for those who may open {@code /staff/hyte}; the current year's cycle with its progress. */
@Component
class HyteHomeCards implements StaffHomeCards {

    static final List<Roles> READERS = List.of(Roles.HYTE_COORDINATOR, Roles.LIAISON, Roles.DECISION_MAKER, Roles.MANAGER,
            Roles.ADMINISTRATOR);

    private final HyteCycles cycles;
    private final MessageSource messages;

    HyteHomeCards(HyteCycles cycles, MessageSource messages) {
        this.cycles = cycles;
        this.messages = messages;
    }

    @Override
    public int order() {
        return 25;
    }

    @Override
    public Optional<Group> cards(Authentication user, Locale locale) {
        if (!Roles.anyOf(user, READERS)) {
            return Optional.empty();
        }
        List<Card> cards = new ArrayList<>();
        cards.add(new Card(messages.getMessage("hyte.cycle.home.cycles", null, locale), "/staff/hyte", null, null));
        cycles.all().stream().filter(HyteCycle::open).findFirst().ifPresent(open -> {
            var negotiations = cycles.negotiations(open);
            long done = negotiations.stream().filter(HyteNegotiationRow::done).count();
            cards.add(new Card(messages.getMessage("hyte.cycle.home.current", new Object[] {String.valueOf(open.year())}, locale),
                    "/staff/hyte/" + open.year(), null, // the home's count reads "tasks": the progress is said in the hint
                    messages.getMessage("hyte.cycle.staff.doneOfTotal", null, locale) + ": " + done + " / " + negotiations.size()));
        });
        return Optional.of(new Group("hyte", messages.getMessage("hyte.cycle.home.heading", null, locale),
                messages.getMessage("hyte.cycle.home.intro", null, locale), cards));
    }
}
