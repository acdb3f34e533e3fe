package fi.silta.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

/** The SMTP server of the tests (port 3925 unless -Dsilta.test.smtp-port, as in application-test.yaml). */
public final class TestMail {

    /** Another port with -Dsilta.test.smtp-port when two test runs share a machine. */
    public static final int PORT = Integer.getInteger("silta.test.smtp-port", 3925);

    static final long STARTUP_MILLIS = 30_000;

    private TestMail() {
    }

    public static GreenMailExtension extension() {
        // a loaded machine (parallel builds) may need more than GreenMail's default 2 s to open the port
        ServerSetup smtp = new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        smtp.setServerStartupTimeout(STARTUP_MILLIS);
        return new GreenMailExtension(smtp);
    }
}
