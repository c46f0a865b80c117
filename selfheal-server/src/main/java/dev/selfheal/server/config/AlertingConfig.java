package dev.selfheal.server.config;

import dev.selfheal.alerting.AlertingSettings;
import dev.selfheal.alerting.rules.MaintenanceWindow;
import dev.selfheal.alerting.rules.SeverityRules;
import dev.selfheal.alerting.routing.Dispatcher;
import dev.selfheal.alerting.routing.Route;
import dev.selfheal.escalation.EscalationPolicy;
import dev.selfheal.escalation.OnCallSchedule;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code alerting:} section: the pipeline's settings, receivers, the route tree,
 * dependencies, maintenance windows, severity rules, on-call schedules and escalation
 * policies. Without the section, everything goes to one {@code log} receiver. Secrets
 * (webhook URLs of Slack, tokens, routing keys, HMAC keys, SMTP passwords) are {@link Secret}s.
 */
public record AlertingConfig(AlertingSettings settings, Dispatcher.Settings delivery, List<ReceiverConfig> receivers, Route route,
                             Map<String, List<String>> dependencies, List<MaintenanceWindow> maintenance, SeverityRules severity,
                             List<OnCallSchedule> schedules, Map<String, String> people, List<EscalationPolicy> policies,
                             Optional<String> defaultPolicy) {

    public AlertingConfig {
        receivers = List.copyOf(receivers);
        dependencies = Map.copyOf(dependencies);
        maintenance = List.copyOf(maintenance);
        schedules = List.copyOf(schedules);
        people = Map.copyOf(people);
        policies = List.copyOf(policies);
    }

    /** No {@code alerting:} section: every alert to the log. */
    public static AlertingConfig defaults() {
        return new AlertingConfig(AlertingSettings.DEFAULT, Dispatcher.Settings.DEFAULT,
                List.of(new ReceiverConfig("log", new ChannelSpec.Log(), 0, Optional.empty())),
                Route.to("root", "log"), Map.of(), List.of(), SeverityRules.DEFAULT, List.of(), Map.of(), List.of(), Optional.empty());
    }

    /** A named receiver: its channel, rate limit and fallback. */
    public record ReceiverConfig(String name, ChannelSpec channel, int ratePerMinute, Optional<String> fallback) { }

    /** What each channel type needs. */
    public sealed interface ChannelSpec {
        String type();

        record SlackWebhook(Secret url) implements ChannelSpec {
            public String type() {
                return "slack-webhook";
            }
        }

        record Slack(URI api, Secret token, String channel) implements ChannelSpec {
            public String type() {
                return "slack";
            }
        }

        record PagerDuty(URI url, Secret routingKey) implements ChannelSpec {
            public String type() {
                return "pagerduty";
            }
        }

        record Webhook(URI url, Optional<Secret> hmacKey, Map<String, String> headers) implements ChannelSpec {
            public String type() {
                return "webhook";
            }
        }

        record Email(String host, int port, boolean startTls, Optional<String> username, Optional<Secret> password, String from,
                     List<String> to, List<String> trustHosts) implements ChannelSpec {
            public String type() {
                return "email";
            }
        }

        record Alertmanager(URI url) implements ChannelSpec {
            public String type() {
                return "alertmanager";
            }
        }

        record Log() implements ChannelSpec {
            public String type() {
                return "log";
            }
        }
    }

    public static final List<String> CHANNEL_TYPES = List.of("slack-webhook", "slack", "pagerduty", "webhook", "email", "alertmanager", "log");
}
