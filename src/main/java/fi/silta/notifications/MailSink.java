package fi.silta.notifications;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import fi.silta.SiltaProperties;

/** The demo run's local SMTP server (GreenMail); its mails are shown at /staff/mailbox. */
@Component
@ConditionalOnProperty(name = "silta.mail-sink.enabled", havingValue = "true")
public class MailSink implements AutoCloseable {

    public record ReceivedMail(String to, String subject, String sentAt, String body) {
    }

    private final GreenMail greenMail;

    public MailSink(SiltaProperties properties) {
        greenMail = new GreenMail(new ServerSetup(properties.mailSink().port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    public List<ReceivedMail> received() {
        MimeMessage[] messages = greenMail.getReceivedMessages();
        List<ReceivedMail> mails = new java.util.ArrayList<>(Arrays.stream(messages).map(MailSink::toReceived).toList());
        java.util.Collections.reverse(mails);
        return mails;
    }

    private static ReceivedMail toReceived(MimeMessage message) {
        try {
            return new ReceivedMail(String.join(", ", Arrays.stream(message.getAllRecipients()).map(Object::toString).toList()),
                    message.getSubject(), String.valueOf(message.getSentDate()),
                    message.getContent() instanceof String text ? text : GreenMailUtil.getBody(message));
        } catch (Exception e) {
            return new ReceivedMail("?", "?", "?", e.getMessage());
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
