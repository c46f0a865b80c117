package dev.selfheal.orchestrator;

import dev.selfheal.events.ComponentStatusChanged;
import dev.selfheal.events.EventBus;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemReporter;
import dev.selfheal.incident.Severity;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;

/**
 * The detector for health checks: a component turning UNHEALTHY becomes a problem whose type
 * comes from the {@link ProblemMapping}, with the damper's reason and last result as evidence.
 */
final class StatusProblemDetector implements AutoCloseable {

    private final EventBus.Subscription subscription;

    public StatusProblemDetector(EventBus bus, ProblemMapping mapping, ProblemReporter reporter) {
        this.subscription = bus.subscribe(ComponentStatusChanged.class, e -> {
            if (e.to() == HealthStatus.UNHEALTHY) {
                reporter.report(toProblem(e, mapping));
            }
        });
    }

    static Problem toProblem(ComponentStatusChanged e, ProblemMapping mapping) {
        String last = e.evidence().isEmpty() ? "" : e.evidence().getLast().message();
        String evidence = "%s turned UNHEALTHY: %s%s".formatted(e.component(), e.reason(),
                last.isBlank() ? "" : " (last: " + last + ")");
        Severity severity = e.evidence().stream().map(HealthCheckResult::status).allMatch(s -> s == HealthStatus.UNHEALTHY)
                ? Severity.HIGH : Severity.MEDIUM;
        return new Problem(mapping.typeOf(e.component(), e.group()), e.component(), severity, evidence, "health", e.at());
    }

    @Override
    public void close() {
        subscription.close();
    }
}
