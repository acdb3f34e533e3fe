package fi.silta.engine;

import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Tasklist form (or a REST task completion) refused by a listener or delegate: the message is
 * the reader's text in Finnish, Swedish and English. Tasklist shows it; nothing of the submission
 * is kept (the command's transaction rolls back). Made by {@link Refusals}, never by hand. It is
 * logged here as one WARN line, without a stack trace (a refusal is the user's input, not a
 * fault); {@link QuietRefusals} keeps the engine and its REST API from logging it again as an
 * error with a stack trace (ENGINE-16004, ENGINE-REST-HTTP500).
 */
public class FormRefused extends ProcessEngineException {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FormRefused.class);

    FormRefused(String triLingualMessage) {
        super(triLingualMessage);
        LOG.warn("Form refused: {}", triLingualMessage.replaceAll("[\\r\\n]+", " | "));
    }

    /** No stack trace: a refusal is the user's input, not a fault. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
