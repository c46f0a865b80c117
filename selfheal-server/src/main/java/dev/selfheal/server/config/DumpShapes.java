package dev.selfheal.server.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.util.StdConverter;
import dev.selfheal.alerting.rules.MaintenanceWindow;
import dev.selfheal.escalation.EscalationPolicy;
import dev.selfheal.escalation.OnCallSchedule;
import dev.selfheal.resilience.Fallback;
import dev.selfheal.resilience.GuardConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the config's Java shape and the file's shape differ, what Jackson is told, as mix-ins
 * (so the config records carry no Jackson annotation and core knows nothing of Jackson) and, for
 * the few parts the file nests differently from the code (a guard's bulkhead, healing's
 * verification, performance's resources), the records of {@link DumpViews}. Everything not
 * named here is written as Jackson writes a record: every component, in order, in kebab-case.
 * Secrets are hidden by type ({@link Secret}) or by the redacting serializers of {@link ConfigDump}.
 */
final class DumpShapes {

    private DumpShapes() { }

    // ---- top level, server, store, health

    @JsonPropertyOrder({"server", "store", "health", "checks", "services", "healing", "integrations", "security", "alerting",
            "performance"})
    @JsonIgnoreProperties({"cluster"})
    interface ConfigShape { }

    @JsonPropertyOrder({"port", "bind"})
    interface ServerShape { }

    interface StoreShape {
        @JsonSerialize(using = ConfigDump.RedactedUrl.class)
        String url();
    }

    @JsonPropertyOrder({"name", "type", "group", "interval", "timeout", "failure-threshold", "success-threshold"})
    interface CheckOrderedShape {
        @JsonProperty("type")
        String type();

        @JsonUnwrapped
        CheckSpec spec();

        @JsonIgnore
        CheckConfig.Location location();
    }


    @JsonPropertyOrder({"url", "method", "headers", "expected-status", "body-contains", "degraded-after"})
    interface HttpShape {
        @JsonSerialize(using = ConfigDump.RedactedMap.class)
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> headers();

        @JsonIgnore
        int expectedStatusMin();

        @JsonIgnore
        int expectedStatusMax();

        @JsonProperty("expected-status")
        String expectedStatus();
    }

    interface JdbcShape {
        @JsonSerialize(using = ConfigDump.RedactedUrl.class)
        String url();
    }

    interface CommandShape {
        @JsonProperty("env")
        @JsonSerialize(using = ConfigDump.RedactedMap.class)
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> environment();

        @JsonProperty("working-dir")
        Optional<java.nio.file.Path> workingDirectory();

        @JsonSerialize(converter = DumpViews.Sorted.class)
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Set<Integer> degradedExitCodes();
    }

    // ---- services and healing

    interface ServiceShape {
        @JsonSerialize(using = ConfigDump.RedactedMap.class)
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> env();

        /** A service without a process check shows {@code check: false}, as the file says it. */
        @JsonSerialize(converter = OrFalse.class)
        @JsonInclude(JsonInclude.Include.ALWAYS)
        Optional<ServiceConfig.ProcessCheck> check();

        @JsonIgnore
        CheckConfig.Location location();
    }

    @JsonPropertyOrder({"name", "type"})
    interface CustomActionShape {
        @JsonProperty("type")
        String type();
    }

    @JsonPropertyOrder({"name", "type", "url", "method", "headers", "body", "timeout"})
    interface HttpActionShape {
        @JsonSerialize(using = ConfigDump.RedactedMap.class)
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> headers();

        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        String body();
    }

    interface CommandActionShape {
        @JsonSerialize(using = ConfigDump.RedactedMap.class)
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> env();
    }

    /** The scaler is the action it calls, without the name and type a custom action has. */
    interface ScalerShape {
        @JsonUnwrapped
        @JsonIgnoreProperties({"name", "type"})
        Optional<HealingConfig.CommandAction> command();

        @JsonUnwrapped
        @JsonIgnoreProperties({"name", "type"})
        Optional<HealingConfig.HttpAction> http();
    }

    @JsonPropertyOrder({"hold-down", "host-resources", "pin"})
    interface DegradationShape { }

    @JsonSerialize(converter = DumpViews.HealingShown.Of.class)
    interface HealingShape { }

    // ---- integrations: every guard the daemon builds

    interface IntegrationsShape {
        @JsonProperty("defaults")
        boolean defaultIntegrations();

        @JsonIgnore
        Set<String> listed();

        @JsonAnyGetter
        Map<String, GuardConfig> guards();
    }

    @JsonSerialize(converter = DumpViews.GuardShown.Of.class)
    interface GuardShape { }

    interface RetryBudgetShape {
        @JsonProperty("ratio")
        double retryRatio();
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Fallback.None.class, name = "none"),
            @JsonSubTypes.Type(value = Fallback.LastGoodValue.class, name = "last_good_value"),
            @JsonSubTypes.Type(value = Fallback.Degrade.class, name = "degrade"),
            @JsonSubTypes.Type(value = Fallback.Outbox.class, name = "outbox")})
    interface FallbackShape { }

    // ---- security

    interface TokenShape {
        @JsonProperty("token-sha256")
        @JsonSerialize(using = ConfigDump.Masked.class)
        String sha256Hex();
    }

    interface RoleShape {
        @JsonValue
        String label();
    }

    // ---- alerting: settings, receivers and the route; maintenance, schedules and policies by name

    @JsonPropertyOrder({"settings", "receivers", "route", "dependencies", "maintenance", "schedules", "escalation-policies"})
    @JsonIgnoreProperties({"delivery", "severity", "people", "default-policy"})
    interface AlertingShape {
        @JsonUnwrapped
        dev.selfheal.alerting.AlertingSettings settings();

        @JsonSerialize(contentConverter = MaintenanceLine.class)
        List<MaintenanceWindow> maintenance();

        @JsonSerialize(contentConverter = ScheduleName.class)
        List<OnCallSchedule> schedules();

        @JsonProperty("escalation-policies")
        @JsonSerialize(contentConverter = PolicyName.class)
        List<EscalationPolicy> policies();
    }

    @JsonIgnoreProperties({"reevaluate-every"})
    interface AlertingSettingsShape { }

    @JsonPropertyOrder({"name", "channel", "fallback"})
    @JsonIgnoreProperties({"rate-per-minute"})
    interface ReceiverShape {
        @JsonUnwrapped
        AlertingConfig.ChannelSpec channel();
    }

    @JsonPropertyOrder({"type"})
    interface ChannelShape {
        @JsonProperty("type")
        String type();
    }

    @JsonIgnoreProperties({"api"})
    interface SlackShape { }

    @JsonIgnoreProperties({"url"})
    interface PagerDutyShape { }

    @JsonIgnoreProperties({"headers"})
    interface WebhookShape { }

    @JsonPropertyOrder({"type", "host", "port", "username", "password", "to"})
    @JsonIgnoreProperties({"start-tls", "from", "trust-hosts"})
    interface EmailShape { }

    @JsonPropertyOrder({"match", "receiver", "continue", "routes"})
    @JsonIgnoreProperties({"name", "group-by", "group-wait", "group-interval", "repeat-interval", "escalation-policy"})
    interface RouteShape {
        @JsonProperty("match")
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @JsonSerialize(contentUsing = ToStringSerializer.class)
        List<Object> matchers();

        @JsonProperty("continue")
        @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        boolean continueMatching();

        @JsonProperty("routes")
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<dev.selfheal.alerting.routing.Route> children();
    }

    static final class MaintenanceLine extends StdConverter<MaintenanceWindow, String> {
        @Override
        public String convert(MaintenanceWindow w) {
            return w.name() + ": " + w.schedule() + " for " + Durations.format(w.duration()) + " " + w.zone();
        }
    }

    static final class ScheduleName extends StdConverter<OnCallSchedule, String> {
        @Override
        public String convert(OnCallSchedule s) {
            return s.name();
        }
    }

    static final class PolicyName extends StdConverter<EscalationPolicy, String> {
        @Override
        public String convert(EscalationPolicy p) {
            return p.name();
        }
    }

    // ---- performance: read back by PerformanceConfigReader, it gives the same PerformanceConfig

    @JsonSerialize(converter = DumpViews.PerformanceShown.Of.class)
    interface PerformanceShape { }

    interface ResourceShape {
        @JsonProperty("limit-bytes")
        java.util.OptionalLong limit();

        /** An http-json resource's keys sit beside its kind, as in the config. */
        @com.fasterxml.jackson.annotation.JsonUnwrapped
        Optional<PredictionConfig.Endpoint> endpoint();
    }

    interface KeyedShape {
        @JsonValue
        String key();
    }

    @JsonSerialize(converter = DumpViews.ThresholdLimits.class)
    interface ThresholdsShape { }

    static final class OrFalse extends StdConverter<Optional<?>, Object> {
        @Override
        public Object convert(Optional<?> value) {
            return value.<Object>map(v -> v).orElse(false);
        }
    }
}
