package fi.silta.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Input that breaks a rule: per-field message keys (with arguments) from the message bundles,
 * so each reader gets them in their own language. Thrown before anything is stored.
 */
public class InvalidInput extends RuntimeException {

    public record FieldError(String field, String messageKey, Object... args) {

        /** The arguments as the reader reads them: an amount ({@link Money}) or an instant ({@link Moment}) in their language. */
        public Object[] args(java.util.Locale locale) {
            if (args == null) {
                return null;
            }
            Formats formats = new Formats(locale);
            return java.util.Arrays.stream(args).map(a -> a instanceof Money money ? formats.money(money.euros())
                    : a instanceof Moment moment ? formats.dateTime(moment.at()) : a).toArray();
        }
    }

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.messageKey()).reduce((a, b) -> a + ", " + b).orElse(""));
        this.errors = List.copyOf(errors);
    }

    public static InvalidInput of(String field, String messageKey, Object... args) {
        return new InvalidInput(List.of(new FieldError(field, messageKey, args)));
    }

    public List<FieldError> errors() {
        return Collections.unmodifiableList(errors);
    }

    /** Collects errors; {@link #throwIfAny()} throws them all at once. */
    public static class Collector {
        private final List<FieldError> errors = new ArrayList<>();

        public Collector add(String field, String messageKey, Object... args) {
            errors.add(new FieldError(field, messageKey, args));
            return this;
        }

        public boolean isEmpty() {
            return errors.isEmpty();
        }

        public List<FieldError> errors() {
            return Collections.unmodifiableList(errors);
        }

        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InvalidInput(errors);
            }
        }
    }
}
