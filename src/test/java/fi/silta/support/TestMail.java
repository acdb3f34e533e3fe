package fi.silta.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

/** The SMTP server of the tests (port 3925 unless -Dsilta.test.smtp-port, as in application-test.yaml). */
public final class TestMail {

    /** Another port with -Dsilta.test.smtp-port when two test runs share a machine. */
    public static final int PORT = Integer.getInteger("silta.test.smtp-port", 3925);

    private TestMail() {
    }

    public static GreenMailExtension extension() {
        return new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }
}
