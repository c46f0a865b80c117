package dev.selfheal.server.api;

import dev.selfheal.health.ComponentHealth;
import dev.selfheal.health.GroupHealth;
import dev.selfheal.health.HealthReport;
import dev.selfheal.health.history.StatusTransition;
import dev.selfheal.health.history.StoredResult;
import dev.selfheal.server.config.SecretMasker;
import dev.selfheal.status.HealthCheckResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API's response bodies, built from the engine's records. Statuses are the engine's
 * ({@code HEALTHY}, {@code DEGRADED}, {@code UNHEALTHY}, {@code UNKNOWN}), policies as in the
 * config file ({@code worst}, {@code majority}); every message and
 * detail passes through the {@link SecretMasker}.
 */
final class Views {

    private Views() { }

    record Health(String status, Instant timestamp, List<Group> groups) { }

    record Group(String name, String policy, String status, String message, List<Component> components) { }

    /** {@code last_check} is null until the component was first checked. */
    record Component(String name, String group, String status, String message, Instant since, Result lastCheck) { }

    record Result(Instant timestamp, double latencyMs, String status, String message, Map<String, Object> details) { }

    record Transition(Instant at, String from, String to, String reason) { }

    record History(String component, String group, List<Transition> transitions, List<Result> results) { }

    record RunResult(String check, String group, Result result) { }

    record Error(String error, String detail) { }

    /** Timestamps go out with millisecond precision, as the stores keep them: the same instant reads the same everywhere. */
    static Instant ms(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    static Health health(HealthReport report, SecretMasker masker) {
        return new Health(status(report.status()), ms(report.timestamp()),
                report.groups().stream().map(g -> group(g, masker)).toList());
    }

    static Group group(GroupHealth g, SecretMasker masker) {
        return new Group(g.name(), g.policy().name().toLowerCase(Locale.ROOT), status(g.status()), g.message(),
                g.components().stream().map(c -> component(c, masker)).toList());
    }

    static Component component(ComponentHealth c, SecretMasker masker) {
        return new Component(c.name(), c.group(), status(c.status()), masker.mask(c.message()), ms(c.since()),
                c.lastResult().map(r -> result(r, masker)).orElse(null));
    }

    static Result result(HealthCheckResult r, SecretMasker masker) {
        return new Result(ms(r.timestamp()), r.latency().toNanos() / 10_000 / 100.0, status(r.status()),
                masker.mask(r.message()), masker.mask(r.details()));
    }

    static Transition transition(StatusTransition t, SecretMasker masker) {
        return new Transition(ms(t.at()), status(t.from()), status(t.to()), masker.mask(t.reason()));
    }

    static History history(String component, String group, List<StatusTransition> transitions, List<StoredResult> results,
                           SecretMasker masker) {
        return new History(component, group, transitions.stream().map(t -> transition(t, masker)).toList(),
                results.stream().map(r -> result(r.result(), masker)).toList());
    }

    static String status(dev.selfheal.status.HealthStatus status) {
        return status.name();
    }
}
