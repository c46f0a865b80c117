package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.time.DurationChecks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code selfheal.*} properties. Where they overlap the daemon's YAML ({@code healing:},
 * {@code store:}), the keys and defaults are the same.
 *
 * @param enabled     Whether the healing loop runs in this application.
 * @param health      How Actuator's health contributors are checked.
 * @param healing     The recovery engine's safety limits and timings.
 * @param store       Where incidents, the recovery journal and learning are kept.
 * @param performance The limits watched on the application's Micrometer meters.
 */
@ConfigurationProperties("selfheal")
public record SelfHealProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue Health health,
        @DefaultValue Healing healing,
        @DefaultValue Store store,
        @DefaultValue Performance performance) {

    /**
     * @param interval         How often each contributor is asked.
     * @param timeout          How long one answer may take before it counts as DOWN.
     * @param failureThreshold Failed answers in a row before a component is unhealthy (damping).
     * @param successThreshold Good answers in a row before it is healthy again.
     * @param exclude          Contributors not turned into checks.
     */
    public record Health(
            @DefaultValue("10s") Duration interval,
            @DefaultValue("5s") Duration timeout,
            @DefaultValue("3") int failureThreshold,
            @DefaultValue("2") int successThreshold,
            @DefaultValue({"selfheal", "ping"}) List<String> exclude) {

        public Health {
            DurationChecks.positive(interval, "selfheal.health.interval");
            DurationChecks.positive(timeout, "selfheal.health.timeout");
            atLeastOne(failureThreshold, "selfheal.health.failure-threshold");
            atLeastOne(successThreshold, "selfheal.health.success-threshold");
            exclude = List.copyOf(exclude);
        }
    }

    /**
     * @param interval           How often the loop re-assesses open incidents.
     * @param mergeWindow        Problems of one component this close together join one incident.
     * @param dryRun             Plan and record, never act.
     * @param allowHighRisk      Run HIGH-risk actions without an approval.
     * @param verificationWindow How long a recovered component must stay healthy.
     * @param verificationPoll   How often verification looks.
     * @param limits             How many actions may run per component and in all.
     * @param degradation        How long a degradation level is held before it may drop.
     * @param restart            Component → name of a {@code SmartLifecycle} bean that {@code restart_service} restarts.
     */
    public record Healing(
            @DefaultValue("10s") Duration interval,
            @DefaultValue("5m") Duration mergeWindow,
            @DefaultValue("false") boolean dryRun,
            @DefaultValue("false") boolean allowHighRisk,
            @DefaultValue("60s") Duration verificationWindow,
            @DefaultValue("5s") Duration verificationPoll,
            @DefaultValue Limits limits,
            @DefaultValue Degradation degradation,
            Map<String, String> restart) {

        public Healing {
            DurationChecks.positive(interval, "selfheal.healing.interval");
            DurationChecks.positive(mergeWindow, "selfheal.healing.merge-window");
            DurationChecks.positive(verificationWindow, "selfheal.healing.verification-window");
            DurationChecks.positive(verificationPoll, "selfheal.healing.verification-poll");
            restart = restart == null ? Map.of() : Map.copyOf(restart);
        }
    }

    /**
     * @param perComponent Actions per component within {@code window}.
     * @param global       Actions in all within {@code window}.
     * @param window       The sliding window of both limits.
     */
    public record Limits(
            @DefaultValue("3") int perComponent,
            @DefaultValue("20") int global,
            @DefaultValue("15m") Duration window) {

        public Limits {
            atLeastOne(perComponent, "selfheal.healing.limits.per-component");
            atLeastOne(global, "selfheal.healing.limits.global");
            DurationChecks.positive(window, "selfheal.healing.limits.window");
        }
    }

    /**
     * @param holdDown How long a level is held before the loop may lower it.
     * @param level    The level {@code enable_degradation} raises the floor to, 1-4.
     * @param holdFor  How long that floor stands.
     */
    public record Degradation(
            @DefaultValue("60s") Duration holdDown,
            @DefaultValue("1") int level,
            @DefaultValue("10m") Duration holdFor) {

        public Degradation {
            DurationChecks.positive(holdDown, "selfheal.healing.degradation.hold-down");
            DurationChecks.positive(holdFor, "selfheal.healing.degradation.hold-for");
            if (level < 1 || level > 4) {
                throw new IllegalArgumentException("selfheal.healing.degradation.level must be 1-4, got " + level);
            }
        }
    }

    /**
     * @param url                      The store's JDBC URL when the application's DataSource is not used.
     * @param username                 User for {@code url}, when the server needs one.
     * @param password                 Password for {@code url}, when the server needs one.
     * @param useApplicationDatasource Keep selfheal's tables in the application's database, in their own schema.
     * @param schema                   That schema in PostgreSQL; in SQLite, where a schema is a file, selfheal uses the file <application file>-<schema>.db beside the application's.
     */
    public record Store(
            @DefaultValue("jdbc:sqlite:data/selfheal.db") String url,
            String username,
            String password,
            @DefaultValue("false") boolean useApplicationDatasource,
            @DefaultValue("selfheal") String schema) {

        public Store {
            if (!schema.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(
                        "selfheal.store.schema must be a plain SQL identifier (letters, digits, _), got '" + schema + "'");
            }
        }

        @Override
        public String toString() {
            return "Store[url=%s, username=%s, password=%s, useApplicationDatasource=%s, schema=%s]".formatted(
                    url, username, password == null ? null : "***", useApplicationDatasource, schema);
        }
    }

    /**
     * @param enabled           Watch the meters at all.
     * @param interval          How often they are read.
     * @param responseTimeP95   P95 of {@code http.server.requests} above which the service is slow.
     * @param errorRate         Share of 5xx answers above which the service is failing, 0..1.
     * @param memory            Share of the heap in use above which memory is high, 0..1.
     * @param anomalyDetection  Also report anomalies in these series, not only crossed limits.
     * @param pool              The limits on the application's Hikari pools (component {@code db}).
     */
    public record Performance(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10s") Duration interval,
            @DefaultValue("500ms") Duration responseTimeP95,
            @DefaultValue("0.05") double errorRate,
            @DefaultValue("0.90") double memory,
            @DefaultValue("true") boolean anomalyDetection,
            @DefaultValue Pool pool) {

        public Performance {
            DurationChecks.positive(interval, "selfheal.performance.interval");
            DurationChecks.positive(responseTimeP95, "selfheal.performance.response-time-p95");
            fraction(errorRate, "selfheal.performance.error-rate");
            fraction(memory, "selfheal.performance.memory");
        }
    }

    /**
     * @param timeouts   Share of connection requests that timed out since the previous reading above which the pool is failing, 0..1.
     * @param pending    Threads waiting for a connection above which the pool is exhausted.
     * @param acquireP95 p95 of the time to get a connection above which the pool is slow (needs a published p95 on hikaricp.connections.acquire).
     */
    public record Pool(
            @DefaultValue("0.05") double timeouts,
            @DefaultValue("5") int pending,
            @DefaultValue("250ms") Duration acquireP95) {

        public Pool {
            fraction(timeouts, "selfheal.performance.pool.timeouts");
            atLeastOne(pending, "selfheal.performance.pool.pending");
            DurationChecks.positive(acquireP95, "selfheal.performance.pool.acquire-p95");
        }
    }

    private static void atLeastOne(int value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, got " + value);
        }
    }

    private static void fraction(double value, String key) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(key + " must be a fraction in (0, 1], got " + value);
        }
    }
}
