package fi.silta.portal;

import java.util.List;

import fi.silta.cases.CaseFile;

/**
 * What an outsider may still do with a case beyond its tasks, added by each procedure in its own
 * words (e.g. withdraw an application). Each action is a button on the status page that posts to
 * {@code /portal/cases/{reference}/{name}}.
 */
public interface CaseActions {

    /**
     * An action open now: its name in the address, the bundle key of its button and of the notice
     * shown after it was done.
     */
    record Action(String name, String labelKey, String doneKey) {
    }

    /** The actions open for this case now (none for a case of another procedure). */
    List<Action> available(CaseFile caseFile);

    /** Does the action; called only for an action {@link #available} offers at this moment. */
    void perform(CaseFile caseFile, String name);
}
