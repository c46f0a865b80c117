package dev.selfheal.server.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.selfheal.alerting.AlertingSettings;
import dev.selfheal.alerting.routing.Route;
import dev.selfheal.health.GroupPolicy;
import dev.selfheal.metrics.MetricKind;
import dev.selfheal.metrics.Thresholds;
import dev.selfheal.redaction.Redaction;
import dev.selfheal.resilience.Fallback;
import dev.selfheal.resilience.GuardConfig;
import dev.selfheal.resilience.budget.RetryBudgetSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The config as plain maps and lists in the file's own shape, with every secret shown as
 * {@code ***}: for {@code check-config --print}, the API and logs. Jackson writes it from the
 * config records themselves: keys in kebab-case, absent options left out, durations as the file
 * writes them ({@code 90s}, {@code 5m}); where the file's shape differs from the records', the
 * mix-ins of {@link DumpShapes} say how. Secrets are hidden by type ({@link Secret}), every URL
 * with its credentials masked, and secret-named headers and environment variables masked
 * ({@link Redaction#map}).
 */
public final class ConfigDump {

    private static final TypeReference<LinkedHashMap<String, Object>> TREE = new TypeReference<>() { };

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .addModule(new Jdk8Module())
            .addModule(new SimpleModule("config-dump")
                    .addSerializer(Duration.class, new DurationText())
                    .addSerializer(Secret.class, ToStringSerializer.instance) // its toString is the mask
                    .addSerializer(URI.class, new RedactedUrl())
                    .addSerializer(Path.class, ToStringSerializer.instance)
                    .addSerializer(Pattern.class, ToStringSerializer.instance)
                    .addSerializer(ZoneId.class, ToStringSerializer.instance)
                    .addSerializer(GroupPolicy.class, new GroupPolicyEntry()))
            .addMixIn(Config.class, DumpShapes.ConfigShape.class)
            .addMixIn(ServerConfig.class, DumpShapes.ServerShape.class)
            .addMixIn(StoreConfig.class, DumpShapes.StoreShape.class)
            .addMixIn(CheckConfig.class, DumpShapes.CheckOrderedShape.class)
            .addMixIn(CheckSpec.Http.class, DumpShapes.HttpShape.class)
            .addMixIn(CheckSpec.Jdbc.class, DumpShapes.JdbcShape.class)
            .addMixIn(CheckSpec.Command.class, DumpShapes.CommandShape.class)
            .addMixIn(ServiceConfig.class, DumpShapes.ServiceShape.class)
            .addMixIn(HealingConfig.class, DumpShapes.HealingShape.class)
            .addMixIn(HealingConfig.CustomAction.class, DumpShapes.CustomActionShape.class)
            .addMixIn(HealingConfig.HttpAction.class, DumpShapes.HttpActionShape.class)
            .addMixIn(HealingConfig.CommandAction.class, DumpShapes.CommandActionShape.class)
            .addMixIn(HealingConfig.Scaler.class, DumpShapes.ScalerShape.class)
            .addMixIn(HealingConfig.Degradation.class, DumpShapes.DegradationShape.class)
            .addMixIn(IntegrationsConfig.class, DumpShapes.IntegrationsShape.class)
            .addMixIn(GuardConfig.class, DumpShapes.GuardShape.class)
            .addMixIn(RetryBudgetSettings.class, DumpShapes.RetryBudgetShape.class)
            .addMixIn(Fallback.class, DumpShapes.FallbackShape.class)
            .addMixIn(SecurityConfig.Token.class, DumpShapes.TokenShape.class)
            .addMixIn(SecurityConfig.Role.class, DumpShapes.RoleShape.class)
            .addMixIn(AlertingConfig.class, DumpShapes.AlertingShape.class)
            .addMixIn(AlertingSettings.class, DumpShapes.AlertingSettingsShape.class)
            .addMixIn(AlertingConfig.ReceiverConfig.class, DumpShapes.ReceiverShape.class)
            .addMixIn(AlertingConfig.ChannelSpec.class, DumpShapes.ChannelShape.class)
            .addMixIn(AlertingConfig.ChannelSpec.Slack.class, DumpShapes.SlackShape.class)
            .addMixIn(AlertingConfig.ChannelSpec.PagerDuty.class, DumpShapes.PagerDutyShape.class)
            .addMixIn(AlertingConfig.ChannelSpec.Webhook.class, DumpShapes.WebhookShape.class)
            .addMixIn(AlertingConfig.ChannelSpec.Email.class, DumpShapes.EmailShape.class)
            .addMixIn(Route.class, DumpShapes.RouteShape.class)
            .addMixIn(PerformanceConfig.class, DumpShapes.PerformanceShape.class)
            .addMixIn(PredictionConfig.ResourceSpec.class, DumpShapes.ResourceShape.class)
            .addMixIn(PredictionConfig.Kind.class, DumpShapes.KeyedShape.class)
            .addMixIn(MetricKind.class, DumpShapes.KeyedShape.class)
            .addMixIn(Thresholds.class, DumpShapes.ThresholdsShape.class)
            .build();

    private ConfigDump() { }

    /** The redacted config as YAML. */
    public static String yaml(Config config) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        return new Yaml(options).dump(tree(config));
    }

    /** The redacted config as nested maps and lists of strings, numbers and booleans. */
    public static Map<String, Object> tree(Config config) {
        return MAPPER.convertValue(config, TREE);
    }

    /**
     * Every secret value in the config, so that the daemon can mask them in text it did not
     * write itself ({@link ConfigSecrets}).
     */
    public static Set<String> secretValues(Config config) {
        return ConfigSecrets.of(config);
    }

    static final class DurationText extends StdSerializer<Duration> {
        DurationText() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Durations.format(value));
        }
    }

    /** A value that is a secret in a plain string (a token's digest): {@code ***}. */
    static final class Masked extends StdSerializer<String> {
        Masked() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Secret.MASK);
        }
    }

    /** A URL (a {@link URI}, or a string: JDBC URLs are not URIs) with its credentials masked. */
    static final class RedactedUrl extends StdSerializer<Object> {
        RedactedUrl() {
            super(Object.class);
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Redaction.url(value.toString()));
        }
    }

    /** Headers or environment variables, the values of secret-named ones masked. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final class RedactedMap extends StdSerializer<Map> {
        RedactedMap() {
            super(Map.class);
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Map value) {
            return value.isEmpty();
        }

        @Override
        public void serialize(Map value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeObject(new LinkedHashMap<>(Redaction.map((Map<String, String>) value)));
        }
    }

    /** A health group's policy, as {@code groups.<name>.policy} spells it. */
    static final class GroupPolicyEntry extends StdSerializer<GroupPolicy> {
        GroupPolicyEntry() {
            super(GroupPolicy.class);
        }

        @Override
        public void serialize(GroupPolicy value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("policy", value.name().toLowerCase(Locale.ROOT));
            gen.writeEndObject();
        }
    }
}
