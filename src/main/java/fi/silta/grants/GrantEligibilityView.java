package fi.silta.grants;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import fi.silta.web.Formats;

/**
 * The eligibility check of an application as people read it: the inputs the decision table saw,
 * its answer and its reasons, in the reader's language (the staff case page) or in Finnish (a
 * Tasklist variable).
 */
@Component
public class GrantEligibilityView {

    public record Row(String label, String value) {
    }

    public record View(String checkedAt, boolean eligible, List<Row> inputs, List<String> reasons) {
    }

    private final GrantEligibilityChecks checks;
    private final MessageSource messages;

    public GrantEligibilityView(GrantEligibilityChecks checks, MessageSource messages) {
        this.checks = checks;
        this.messages = messages;
    }

    public Optional<View> of(long applicationId, Locale locale) {
        Formats formats = new Formats(locale);
        return checks.latest(applicationId).map(check -> {
            EligibilityInput in = check.input();
            List<Row> inputs = List.of(
                    row("organisationType", text("organisationType." + in.organisationType().name(), locale), locale),
                    row("actsInCounty", yesNo(in.actsInCounty(), locale), locale),
                    row("amountRequested", formats.money(in.amountRequested()), locale),
                    row("maxAmount", formats.money(in.maxAmount()), locale),
                    row("otherApplications", String.valueOf(in.otherApplicationsInRound()), locale),
                    row("multipleAllowed", yesNo(in.multipleApplicationsAllowed(), locale), locale),
                    row("overdueReport", yesNo(in.overdueUseOfFundsReport(), locale), locale));
            List<String> reasons = check.result().reasons().stream()
                    .map(code -> messages.getMessage(GrantEligibility.reasonMessageKey(code), null, code, locale)).toList();
            return new View(formats.dateTime(check.checkedAt()), check.result().eligible(), inputs, reasons);
        });
    }

    /** The inputs as lines "label: value", for a Tasklist form (Finnish). */
    public String inputsText(long applicationId, Locale locale) {
        return of(applicationId, locale).map(view -> view.inputs().stream().map(r -> r.label() + ": " + r.value())
                .collect(Collectors.joining("\n"))).orElse("");
    }

    private Row row(String input, String value, Locale locale) {
        return new Row(text("grants.eligibility.input." + input, locale), value);
    }

    private String yesNo(boolean value, Locale locale) {
        return text(value ? "grants.eligibility.yes" : "grants.eligibility.no", locale);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
