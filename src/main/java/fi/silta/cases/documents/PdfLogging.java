package fi.silta.cases.documents;

import java.util.logging.Level;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;

/**
 * openhtmltopdf's log lines through SLF4J, like every other log line of Silta (levels in
 * {@code application.yaml}, logger names {@code com.openhtmltopdf.<area>}). By default it writes
 * to the console itself, at INFO: a dozen lines for every PDF ("Using fast-mode renderer. Prepare
 * to fly."), which in a run that mails receipts with PDF copies buried everything else.
 */
final class PdfLogging implements XRLogger {

    private PdfLogging() {
    }

    /** Installs the adapter once, before the first document is rendered. */
    static void install() {
        if (!(XRLog.getLoggerImpl() instanceof PdfLogging)) {
            XRLog.setLoggerImpl(new PdfLogging());
        }
    }

    @Override
    public void log(String where, Level level, String message) {
        log(where, level, message, null);
    }

    @Override
    public void log(String where, Level level, String message, Throwable error) {
        Logger logger = LoggerFactory.getLogger(where);
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            logger.error(message, error);
        } else if (value >= Level.WARNING.intValue()) {
            logger.warn(message, error);
        } else if (value >= Level.INFO.intValue()) {
            logger.info(message, error);
        } else if (value >= Level.FINE.intValue()) {
            logger.debug(message, error);
        } else {
            logger.trace(message, error);
        }
    }

    @Override
    public void setLevel(String logger, Level level) {
        // levels are SLF4J's (application.yaml), not openhtmltopdf's
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        // a message is formatted only when its logger would write it
        Logger logger = LoggerFactory.getLogger(diagnostic.getLogMessageId().getWhere());
        int value = diagnostic.getLevel().intValue();
        return value >= Level.SEVERE.intValue() ? logger.isErrorEnabled()
                : value >= Level.WARNING.intValue() ? logger.isWarnEnabled()
                : value >= Level.INFO.intValue() ? logger.isInfoEnabled()
                : value >= Level.FINE.intValue() ? logger.isDebugEnabled() : logger.isTraceEnabled();
    }
}
