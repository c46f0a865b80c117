package dev.selfheal.alerting.rules;

import dev.selfheal.alerting.AlertSeverity;
import dev.selfheal.alerting.Matcher;
import dev.selfheal.alerting.Urgency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** When an alert's labels match, set its severity and/or urgency. The first matching rule that sets a field wins. */
public record SeverityRule(List<Matcher> matchers, Optional<AlertSeverity> severity, Optional<Urgency> urgency) {

    public SeverityRule {
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(urgency, "urgency");
        if (severity.isEmpty() && urgency.isEmpty()) {
            throw new IllegalArgumentException("a severity rule must set severity, urgency or both");
        }
    }
}
