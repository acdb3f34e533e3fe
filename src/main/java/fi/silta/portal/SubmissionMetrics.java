package fi.silta.portal;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The portal's figures of {@code /actuator/prometheus}, counted by {@link PortalSubmissions} on this
 * node: {@code silta_submissions_total{procedure}} the submissions that opened a case (a repeat of
 * the same post, which leads to the first one's receipt, is not counted again), by the case's
 * procedure (its process key: {@code grantApplication}, {@code planComment},
 * {@code organisationContactVerification}); {@code silta_submissions_refused_total{reason}} the
 * submissions sent back: {@code invalid} (the form's errors), {@code not_allowed} (not a verified
 * contact of the organisation), {@code rules} (the procedure's own rules), {@code already_answered}
 * (the organisation's one answer was already given).
 */
@Component
public class SubmissionMetrics {

    enum Refusal {
        INVALID, NOT_ALLOWED, RULES, ALREADY_ANSWERED
    }

    private final Map<CaseKind, Counter> accepted = new EnumMap<>(CaseKind.class);
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

    public SubmissionMetrics(MeterRegistry registry) {
        for (CaseKind kind : CaseKind.values()) {
            accepted.put(kind, Counter.builder("silta.submissions").description("Portal submissions that opened a case, on this node")
                    .tag("procedure", kind.processKey()).register(registry));
        }
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, Counter.builder("silta.submissions.refused")
                    .description("Portal submissions sent back with errors or refused, on this node")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    void accepted(CaseKind kind) {
        accepted.get(kind).increment();
    }

    void refused(Refusal reason) {
        refused.get(reason).increment();
    }
}
