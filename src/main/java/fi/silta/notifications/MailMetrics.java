package fi.silta.notifications;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.engine.CachedFigure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The mail figures of {@code /actuator/prometheus}: {@code silta_mail_outbox{status}} the outbox's
 * mails by status now (pending, failed, sent; one count query read at most once per
 * {@code silta.metrics.cache-for}), and the counters of this node's {@link OutboxDrainer}:
 * {@code silta_mails_sent_total} (mails SMTP took), {@code silta_mail_attempts_failed_total}
 * (attempts that failed, to be tried again or not) and {@code silta_mails_failed_total} (mails
 * given up on, now FAILED).
 */
@Component
public class MailMetrics implements MeterBinder {

    private final CachedFigure<Map<OutboxMail.Status, Long>> outbox;

    public MailMetrics(JdbcClient jdbc, @Value("${silta.metrics.cache-for:PT5S}") Duration cacheFor) {
        this.outbox = new CachedFigure<>(cacheFor, Map.of(), () -> {
            Map<OutboxMail.Status, Long> counts = new EnumMap<>(OutboxMail.Status.class);
            jdbc.sql("select status, count(*) as n from mail_outbox group by status")
                    .query((rs, i) -> counts.put(OutboxMail.Status.valueOf(rs.getString("status")), rs.getLong("n"))).list();
            return counts;
        });
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (OutboxMail.Status status : OutboxMail.Status.values()) {
            Gauge.builder("silta.mail.outbox", () -> outbox.get().getOrDefault(status, 0L))
                    .description("Mails in the outbox by status").tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    /** The drainer's counters, registered in {@code registry}. */
    static Counters counters(MeterRegistry registry) {
        return new Counters(
                Counter.builder("silta.mails.sent").description("Mails SMTP took, on this node").register(registry),
                Counter.builder("silta.mail.attempts.failed").description("Failed attempts to send a mail, on this node")
                        .register(registry),
                Counter.builder("silta.mails.failed").description("Mails given up on after the last attempt (FAILED), on this node")
                        .register(registry));
    }

    record Counters(Counter sent, Counter failedAttempts, Counter failed) {
    }
}
