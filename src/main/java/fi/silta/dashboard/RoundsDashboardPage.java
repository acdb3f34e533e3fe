package fi.silta.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;

/**
 * A procedure's dashboard over its rounds (calls): all rounds without a parameter, one round with
 * {@code ?round=<id>} (404 for an id that names none), a select of the rounds on both. Texts are the
 * bundles' {@code dashboard.<key>.*}: {@code choice}, {@code choice.all}, {@code choice.show} and the
 * columns' {@code col.<name>}.
 *
 * @param <R> the procedure's round
 */
public abstract class RoundsDashboardPage<R> implements DashboardPage {

    protected final MessageSource messages;

    protected RoundsDashboardPage(MessageSource messages) {
        this.messages = messages;
    }

    /** Every round, newest first. */
    protected abstract List<R> rounds();

    protected abstract long id(R round);

    /** The round as the select names it: its reference and name. */
    protected abstract String label(R round, Locale locale);

    /** The page of all rounds. */
    protected abstract Dashboard all(List<R> rounds, Dashboard.Choice choice, Locale locale);

    /** The page of one round. */
    protected abstract Dashboard one(R round, List<R> rounds, Dashboard.Choice choice, Locale locale);

    @Override
    public final Optional<Dashboard> dashboard(Map<String, String> parameters, Locale locale) {
        String round = parameters.get("round");
        List<R> rounds = rounds();
        if (round == null || round.isBlank()) {
            return Optional.of(all(rounds, choice(rounds, "", locale), locale));
        }
        if (!round.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        long id = Long.parseLong(round);
        return rounds.stream().filter(r -> id(r) == id).findFirst().map(r -> one(r, rounds, choice(rounds, round, locale), locale));
    }

    private Dashboard.Choice choice(List<R> rounds, String selected, Locale locale) {
        List<Dashboard.Option> options = new ArrayList<>();
        options.add(new Dashboard.Option("", text(locale, "choice.all")));
        rounds.forEach(r -> options.add(new Dashboard.Option(String.valueOf(id(r)), label(r, locale))));
        return new Dashboard.Choice("round", text(locale, "choice"), text(locale, "choice.show"), options, selected);
    }

    protected Figure.Column col(Locale locale, String name, Figure.Kind kind) {
        return new Figure.Column(text(locale, "col." + name), kind);
    }

    protected String text(Locale locale, String key, Object... args) {
        return messages.getMessage("dashboard." + key() + "." + key, args, locale);
    }
}
