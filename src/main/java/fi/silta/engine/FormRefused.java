package fi.silta.engine;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A Tasklist form (or a REST task completion) refused by a listener or delegate: the message is
 * the reader's text in Finnish, Swedish and English. Tasklist shows it; nothing of the submission
 * is kept (the command's transaction rolls back). Made by {@link Refusals}, never by hand.
 */
public class FormRefused extends ProcessEngineException {

    private static final long serialVersionUID = 1L;

    FormRefused(String triLingualMessage) {
        super(triLingualMessage);
    }
}
