package fi.silta.engine;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import fi.silta.web.InvalidInput;
import fi.silta.web.TriLingual;

/**
 * The one way a task listener or delegate refuses what a person submitted in Tasklist: a
 * {@link FormRefused} whose message is Finnish, Swedish and English from the bundles.
 */
@Component
public class Refusals {

    private final TriLingual text;

    public Refusals(TriLingual text) {
        this.text = text;
    }

    /** A refusal with one message. */
    public FormRefused refuse(String messageKey, Object... args) {
        return new FormRefused(text.text(messageKey, args));
    }

    /** Every error of refused input, each in the three languages. */
    public FormRefused refuse(InvalidInput invalid) {
        return new FormRefused(text.text(invalid));
    }

    /** Every error after its field's name ({@code fieldKeyPrefix + field} in the bundles). */
    public FormRefused refuse(InvalidInput invalid, String fieldKeyPrefix) {
        return new FormRefused(text.text(invalid, fieldKeyPrefix));
    }

    /** Runs work that checks input; {@link InvalidInput} from it becomes the refusal. */
    public <T> T refusing(Supplier<T> work) {
        try {
            return work.get();
        } catch (InvalidInput invalid) {
            throw refuse(invalid);
        }
    }

    /** As {@link #refusing(Supplier)}, with field names before the errors. */
    public <T> T refusing(String fieldKeyPrefix, Supplier<T> work) {
        try {
            return work.get();
        } catch (InvalidInput invalid) {
            throw refuse(invalid, fieldKeyPrefix);
        }
    }

    /** As {@link #refusing(String, Supplier)} for work that returns nothing. */
    public void refusing(String fieldKeyPrefix, Runnable work) {
        refusing(fieldKeyPrefix, () -> {
            work.run();
            return null;
        });
    }

    public void refusing(Runnable work) {
        refusing(() -> {
            work.run();
            return null;
        });
    }
}
