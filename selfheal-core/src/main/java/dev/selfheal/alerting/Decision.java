package dev.selfheal.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the pipeline did with an alert at one moment: sent (to whom), held (why), or a notice
 * (resolved, acknowledged, escalated) sent. Every decision is kept, so "why was I not paged?"
 * has an answer.
 */
public record Decision(String alertId, String fingerprint, String component, Instant at, Outcome outcome,
                       Optional<HoldReason> reason, String detail, List<String> receivers) {

    public enum Outcome { SENT, HELD, RESOLVED_NOTICE, RESOLVED_QUIETLY, ACKNOWLEDGED, ESCALATED }

    public Decision {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
        receivers = List.copyOf(receivers);
    }

    static Decision held(Alert alert, Instant at, HoldReason reason, String detail) {
        return new Decision(alert.id(), alert.fingerprint(), alert.component(), at, Outcome.HELD, Optional.of(reason),
                detail.isEmpty() ? reason.text() : reason.text() + ": " + detail, List.of());
    }

    static Decision of(Alert alert, Instant at, Outcome outcome, String detail, List<String> receivers) {
        return new Decision(alert.id(), alert.fingerprint(), alert.component(), at, outcome, Optional.empty(), detail, receivers);
    }
}
