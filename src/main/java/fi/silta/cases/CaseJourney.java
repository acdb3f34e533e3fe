package fi.silta.cases;

import java.util.List;
import java.util.Optional;

/**
 * The steps of a case in plain words, as its procedure defines them (received → eligibility →
 * review → decision → …): the status page lists them first, the current one marked, before the
 * technical diagram. A procedure contributes one for its case kinds; the labels are in the bundles
 * as {@code journey.<KIND>.<step>}. "Ended" is the case's own state, not its process instance's: a
 * scored grant application whose instance has ended still waits for its decision.
 */
public interface CaseJourney {

    /** The journey of the case, or empty when the case is not of this procedure's kinds. */
    Optional<Journey> of(CaseFile caseFile, CaseProgress.Progress progress);

    /**
     * The bundle key of the status page's "where it is now" text when the case's own process has handed it on to
     * another (a granted application's payment and report), or empty to take it from the case's own process.
     */
    default Optional<String> nowKey(CaseFile caseFile, CaseProgress.Progress progress) {
        return Optional.empty();
    }

    /**
     * @param steps   the step keys in order
     * @param current the index of the step the case is at now (or where it ended)
     * @param ended   whether the case has really ended (then {@code current} is where it ended)
     */
    record Journey(List<String> steps, int current, boolean ended) {

        public Journey {
            steps = List.copyOf(steps);
            if (current < 0 || current >= steps.size()) {
                throw new IllegalArgumentException("current step " + current + " outside " + steps);
            }
        }

        public static Journey at(List<String> steps, String current, boolean ended) {
            return new Journey(steps, steps.indexOf(current), ended);
        }
    }
}
