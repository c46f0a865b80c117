package dev.selfheal.server.config;

import dev.selfheal.redaction.Redaction;
import dev.selfheal.server.config.AlertingConfig.ChannelSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every secret value in the config (passwords, tokens, keys, secret-named headers and
 * environment variables, the secrets inside URLs), so that the daemon can mask them in text it
 * did not write itself: an error message from a driver, a check's output ({@link SecretMasker}).
 * The dump ({@link ConfigDump}) hides secrets where they stand; this finds their values.
 */
final class ConfigSecrets {

    private ConfigSecrets() { }

    static Set<String> of(Config config) {
        Set<String> secrets = new LinkedHashSet<>();
        config.store().password().ifPresent(p -> secrets.add(p.reveal()));
        secrets.addAll(Redaction.secretsIn(config.store().url()));
        for (CheckConfig c : config.checks()) {
            switch (c.spec()) {
                case CheckSpec.Http h -> {
                    secrets.addAll(Redaction.secretsIn(h.url().toString()));
                    secretNamed(h.headers(), secrets);
                }
                case CheckSpec.Jdbc j -> {
                    j.password().ifPresent(p -> secrets.add(p.reveal()));
                    secrets.addAll(Redaction.secretsIn(j.url()));
                }
                case CheckSpec.Command cmd -> secretNamed(cmd.environment(), secrets);
                default -> { }
            }
        }
        config.services().forEach(s -> secretNamed(s.env(), secrets));
        List<HealingConfig.CustomAction> actions = new ArrayList<>(config.healing().customActions());
        config.healing().scaler().ifPresent(s -> {
            s.command().ifPresent(actions::add);
            s.http().ifPresent(actions::add);
        });
        for (HealingConfig.CustomAction a : actions) {
            switch (a) {
                case HealingConfig.CommandAction c -> secretNamed(c.env(), secrets);
                case HealingConfig.HttpAction h -> secretNamed(h.headers(), secrets);
            }
        }
        config.security().tokens().forEach(t -> secrets.add(t.sha256Hex()));
        receivers(config.alerting(), secrets);
        secrets.removeIf(s -> s.length() < 4); // masking "ab" everywhere would garble every message
        return secrets;
    }

    /** The values of secret-named entries; of "Bearer abc", the credential alone too. */
    private static void secretNamed(Map<String, String> values, Set<String> secrets) {
        values.forEach((k, v) -> {
            if (Redaction.isSecretName(k)) {
                secrets.add(v);
                int space = v.indexOf(' ');
                if (space > 0) {
                    secrets.add(v.substring(space + 1).strip());
                }
            }
        });
    }

    private static void receivers(AlertingConfig a, Set<String> out) {
        for (AlertingConfig.ReceiverConfig r : a.receivers()) {
            switch (r.channel()) {
                case ChannelSpec.SlackWebhook s -> {
                    out.add(s.url().reveal());
                    String path = URI.create(s.url().reveal()).getPath();
                    if (path != null && path.length() > 1) {
                        out.add(path);
                        String last = path.substring(path.lastIndexOf('/') + 1);
                        if (last.length() >= 8) {
                            out.add(last); // the token part of https://hooks.slack.com/services/T/B/<token>
                        }
                    }
                }
                case ChannelSpec.Slack s -> out.add(s.token().reveal());
                case ChannelSpec.PagerDuty p -> out.add(p.routingKey().reveal());
                case ChannelSpec.Webhook w -> w.hmacKey().ifPresent(k -> out.add(k.reveal()));
                case ChannelSpec.Email e -> e.password().ifPresent(p -> out.add(p.reveal()));
                default -> { }
            }
        }
    }
}
