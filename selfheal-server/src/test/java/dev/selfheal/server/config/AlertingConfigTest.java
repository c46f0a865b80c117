package dev.selfheal.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertingConfigTest {

    private static final Map<String, String> ENV = Map.of("PD_KEY", "pd-routing-key-secret", "SLACK_HOOK",
            "https://hooks.slack.com/services/T0/B0/hook-secret-xyz", "SMTP_PASSWORD", "smtp-pass-secret");

    static final String FULL = """
            server: { port: 0 }
            alerting:
              healing-grace: 90s
              flap-threshold: 4
              flap-window: 15m
              severity:
                problem-types: { high_cpu_usage: critical }
                business-hours: { days: mon-fri, from: "08:00", to: "17:00", zone: Europe/Berlin }
                rules:
                  - match: ["env=staging"]
                    severity: info
                    urgency: low
              dependencies:
                worker: [queue, database]
              maintenance:
                - name: nightly-batch
                  schedule: "0 2 * * *"
                  duration: 1h
                  zone: Europe/Berlin
                  match: ["component=~batch-.*"]
              receivers:
                - { name: pager, type: pagerduty, routing-key: "${PD_KEY}", fallback: ops-mail }
                - { name: chat, type: slack-webhook, url: "${SLACK_HOOK}", rate-per-minute: 30 }
                - name: ops-mail
                  type: email
                  host: smtp.example.org
                  username: alerts
                  password: "${SMTP_PASSWORD}"
                  from: selfheal@example.org
                  to: [ops@example.org]
                - { name: alice-phone, type: webhook, url: "https://example.org/page/alice", hmac-key: "hmac-secret-1" }
                - { name: log, type: log }
              route:
                receiver: chat
                group-by: [component]
                group-wait: 10s
                escalation: standard
                routes:
                  - match: ["severity=~critical|emergency"]
                    receiver: pager
                    continue: true
              schedules:
                - name: primary
                  rotation: weekly
                  participants: [alice]
                  handoff: "09:00"
                  handoff-day: monday
                  zone: Europe/Berlin
                  start: 2026-01-05
              people: { alice: alice-phone }
              escalation-policies:
                - name: standard
                  repeats: 2
                  levels:
                    - { after: 5m, notify-on-call: primary }
                    - { after: 15m, action: emergency-recovery }
                    - { after: 30m, action: emergency-shutdown }
              default-escalation: standard
            """;

    @Test
    void a_full_alerting_section_is_read_into_the_pipelines_parts() {
        Config config = new ConfigLoader(ENV).parse(new StringReader(FULL), "selfheal.yaml");
        AlertingConfig a = config.alerting();
        assertThat(a.settings().healingGrace()).isEqualTo(Duration.ofSeconds(90));
        assertThat(a.settings().flapThreshold()).isEqualTo(4);
        assertThat(a.receivers()).extracting(AlertingConfig.ReceiverConfig::name).containsExactly("pager", "chat", "ops-mail",
                "alice-phone", "log");
        assertThat(a.receivers().get(0).fallback()).contains("ops-mail");
        assertThat(a.route().children()).singleElement().satisfies(r -> assertThat(r.continueMatching()).isTrue());
        assertThat(a.route().groupWait()).contains(Duration.ofSeconds(10));
        assertThat(a.dependencies()).containsEntry("worker", java.util.List.of("queue", "database"));
        assertThat(a.maintenance()).singleElement().satisfies(w -> assertThat(w.zone().getId()).isEqualTo("Europe/Berlin"));
        assertThat(a.policies()).singleElement().satisfies(p -> {
            assertThat(p.repeats()).isEqualTo(2);
            assertThat(p.levels()).extracting(l -> l.action().describe()).containsExactly("notify_on_call:primary",
                    "emergency_recovery", "emergency_shutdown");
        });
        assertThat(a.defaultPolicy()).contains("standard");
    }

    @Test
    void secrets_of_receivers_never_show_in_the_dump_or_in_to_string_and_are_masked_everywhere() {
        Config config = new ConfigLoader(ENV).parse(new StringReader(FULL), "selfheal.yaml");
        String dump = ConfigDump.yaml(config);
        for (String secret : new String[] {"pd-routing-key-secret", "hook-secret-xyz", "smtp-pass-secret", "hmac-secret-1"}) {
            assertThat(dump).doesNotContain(secret);
            assertThat(config.toString()).doesNotContain(secret);
            assertThat(SecretMasker.of(config).mask("error: " + secret)).isEqualTo("error: ***");
        }
        assertThat(dump).contains("routing-key: '***'").contains("receiver: chat");
    }

    @Test
    void without_an_alerting_section_alerts_go_to_the_log() {
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("server: { port: 0 }\n"), "selfheal.yaml");
        assertThat(config.alerting().receivers()).singleElement().satisfies(r -> assertThat(r.channel().type()).isEqualTo("log"));
        assertThat(config.alerting().route().receiver()).contains("log");
    }

    @Test
    void mistakes_are_all_reported_with_their_key_path_and_line() {
        String yaml = """
                alerting:
                  receivers:
                    - { name: pager, type: pagerduti, routing-key: x }
                    - { name: chat, type: slack-webhook }
                    - { name: hook, type: webhook, url: "ftp://x", fallback: nowhere }
                  route:
                    receiver: missing
                    routes:
                      - match: ["severity"]
                        receiver: chat
                  maintenance:
                    - { name: w, schedule: "0 25 * * *", duration: 1h, zone: Mars/Olympus }
                  escalation-policies:
                    - name: p
                      levels:
                        - { after: 5m, notify-on-call: nobody }
                  flap-treshold: 3
                """;
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse(new StringReader(yaml), "selfheal.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerting.receivers[0].type (line 3")
                .hasMessageContaining("unknown receiver type 'pagerduti' (did you mean 'pagerduty'?)")
                .hasMessageContaining("alerting.receivers[1].url")
                .hasMessageContaining("is required")
                .hasMessageContaining("alerting.receivers[2].url (line 5")
                .hasMessageContaining("must be an http:// or https:// URL")
                .hasMessageContaining("falls back to 'nowhere', which is not a receiver")
                .hasMessageContaining("alerting.route.receiver (line 7")
                .hasMessageContaining("no receiver named 'missing'")
                .hasMessageContaining("alerting.route.routes[0].match")
                .hasMessageContaining("has no operator")
                .hasMessageContaining("alerting.maintenance[0].schedule (line 12")
                .hasMessageContaining("hour must be within 0-23, got 25")
                .hasMessageContaining("unknown time zone 'Mars/Olympus'")
                .hasMessageContaining("alerting.escalation-policies[0].levels[0].notify-on-call")
                .hasMessageContaining("no schedule named 'nobody'")
                .hasMessageContaining("unknown key 'flap-treshold'; did you mean 'flap-threshold'?");
    }

    @Test
    void silence_reminders_go_to_a_configured_receiver_and_an_unknown_one_is_named_with_its_key_path() {
        String yaml = """
                alerting:
                  reminder-receiver: %s
                  receivers:
                    - { name: chat, type: log }
                    - { name: ops, type: log }
                  route: { receiver: chat }
                """;
        Config config = new ConfigLoader(Map.of()).parse(new StringReader(yaml.formatted("ops")), "selfheal.yaml");
        assertThat(config.alerting().settings().reminderReceiver()).contains("ops");
        assertThat(ConfigDump.yaml(config)).contains("reminder-receiver: ops");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse(new StringReader(yaml.formatted("opps")), "selfheal.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerting.reminder-receiver (line 2")
                .hasMessageContaining("no receiver named 'opps'; receivers: chat, ops");
    }
}
