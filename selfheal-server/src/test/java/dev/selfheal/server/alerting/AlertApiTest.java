package dev.selfheal.server.alerting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert, silence and ingest endpoints of a real daemon (SQLite, loopback), with a WireMock webhook receiver. */
class AlertApiTest {

    private static final String HMAC = "webhook-hmac-secret-77";

    @TempDir
    Path dir;
    private final WireMockServer receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private Daemon daemon;
    private Http http;

    @BeforeEach
    void start() {
        receiver.start();
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
        Config config = new ConfigLoader(Map.of("HOOK_KEY", HMAC)).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                alerting:
                  receivers:
                    - { name: hook, type: webhook, url: "http://127.0.0.1:%d/hook", hmac-key: "${HOOK_KEY}" }
                  route: { receiver: hook, group-wait: 200ms, group-interval: 1s }
                """.formatted(dir, receiver.port())), "test.yaml");
        daemon = Daemon.start(config, new CheckFactory());
        http = new Http(daemon.baseUri());
    }

    @AfterEach
    void stop() {
        daemon.stop();
        receiver.stop();
    }

    private static String payload(String status, String component, String alertname, String severity) {
        return """
                {"version": "4", "groupKey": "{}:{alertname=\\"%s\\"}", "status": "%s", "receiver": "selfheal",
                 "groupLabels": {}, "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://am", "truncatedAlerts": 0,
                 "alerts": [{"status": "%s", "labels": {"alertname": "%s", "component": "%s", "severity": "%s"},
                             "annotations": {"summary": "%s is failing"}, "startsAt": "%s", "endsAt": "0001-01-01T00:00:00Z",
                             "generatorURL": "http://prom", "fingerprint": "abc"}]}
                """.formatted(alertname, status, status, alertname, component, severity, component, Instant.now());
    }

    @Test
    void bad_ingest_payloads_are_refused_with_the_field_named() {
        assertThat(http.post("/api/v1/alertmanager", "{not json").status()).isEqualTo(400);
        Http.Response noVersion = http.post("/api/v1/alertmanager", "{\"alerts\": []}");
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.json().path("detail").asText()).startsWith("version: expected \"4\"");
        Http.Response badStatus = http.post("/api/v1/alertmanager", payload("burning", "db", "DbDown", "critical"));
        assertThat(badStatus.json().path("detail").asText()).isEqualTo("alerts[0].status: expected \"firing\" or \"resolved\", got \"burning\"");
        Http.Response noComponent = http.post("/api/v1/alertmanager",
                "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"X\"}}]}");
        assertThat(noComponent.json().path("detail").asText()).isEqualTo(
                "alerts[0].labels: needs component, service, job or instance to name the component");
        Http.Response badTime = http.post("/api/v1/alertmanager",
                "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"job\":\"x\",\"alertname\":\"X\"},\"startsAt\":\"yesterday\"}]}");
        assertThat(badTime.json().path("detail").asText()).isEqualTo("alerts[0].startsAt: expected an RFC 3339 time, got \"yesterday\"");
        assertThat(daemon.alerting().incidents().unresolved()).isEmpty();
    }

    @Test
    void an_ingested_alert_opens_an_incident_raises_an_alert_that_is_sent_acknowledged_and_resolved_by_hand() {
        // When Alertmanager posts a firing alert
        Http.Response r = http.post("/api/v1/alertmanager", payload("firing", "db-1", "DatabaseDown", "critical"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("firing").asInt()).isEqualTo(1);
        // Then an incident is open and its alert is listed, then sent to the webhook (signed)
        // (the healing loop takes reported problems from a queue: wait for the incident and its alert)
        var incident = await().atMost(Duration.ofSeconds(20)).until(() -> daemon.alerting().incidents().unresolvedFor("db-1"),
                java.util.Optional::isPresent).orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/alerts").json().path("alerts").size() == 1);
        assertThat(incident.problems().get(0).type().name()).isEqualTo("database_down");
        JsonNode alert = http.get("/api/alerts").json().path("alerts").get(0);
        assertThat(alert.path("incident_id").asText()).isEqualTo(incident.id());
        assertThat(alert.path("severity").asText()).isEqualTo("critical");
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.findAll(postRequestedFor(anyUrl())).isEmpty());
        assertThat(receiver.findAll(postRequestedFor(anyUrl())).get(0).getHeader("X-Selfheal-Signature")).startsWith("sha256=");
        String id = alert.path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/alerts/" + id).json().path("alert").path("status").asText().equals("sent"));
        // When someone acknowledges it, then resolves it
        assertThat(http.post("/api/alerts/" + id + "/ack", "{\"by\": \"alice\"}").json().path("acknowledged_by").asText()).isEqualTo("alice");
        assertThat(http.get("/api/alerts?state=acknowledged").json().path("alerts")).hasSize(1);
        Http.Response resolved = http.post("/api/alerts/" + id + "/resolve", "{\"by\": \"alice\"}");
        assertThat(resolved.json().path("status").asText()).isEqualTo("resolved");
        // Then the incident is resolved too, the decisions tell the story, and a second resolve is a conflict
        assertThat(daemon.alerting().incidents().get(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RESOLVED);
        JsonNode decisions = http.get("/api/alerts/" + id).json().path("decisions");
        assertThat(decisions.findValuesAsText("outcome")).contains("sent", "acknowledged", "resolved_notice");
        assertThat(http.post("/api/alerts/" + id + "/resolve", "").status()).isEqualTo(409);
        assertThat(http.post("/api/alerts/al-unknown/ack", "").status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.findAll(postRequestedFor(anyUrl())).stream()
                .anyMatch(x -> x.getBodyAsString().contains("\"kind\":\"resolved\"")));
        assertThat(http.get("/api/config").body()).doesNotContain(HMAC);
    }

    @Test
    void silences_are_created_listed_applied_and_expired_through_the_api() {
        Http.Response bad = http.post("/api/silences", "{\"matchers\": [\"component\"], \"duration\": \"1h\", \"created_by\": \"a\", \"comment\": \"c\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("detail").asText()).startsWith("matchers[0]: matcher 'component' has no operator");
        assertThat(http.post("/api/silences", "{\"matchers\": [\"component=db-2\"], \"duration\": \"1h\", \"comment\": \"c\"}")
                .json().path("detail").asText()).contains("created_by");
        Http.Response created = http.post("/api/silences",
                "{\"matchers\": [\"component=db-2\"], \"duration\": \"1h\", \"created_by\": \"bob\", \"comment\": \"migration\"}");
        assertThat(created.status()).isEqualTo(201);
        String silence = created.json().path("id").asText();
        assertThat(http.get("/api/silences").json().path("silences").findValuesAsText("id")).containsExactly(silence);

        http.post("/api/v1/alertmanager", payload("firing", "db-2", "DatabaseDown", "critical"));
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/alerts?state=silenced").json().path("alerts").size() == 1);
        JsonNode held = http.get("/api/alerts?state=silenced").json().path("alerts").get(0);
        assertThat(held.path("held_reason").asText()).isEqualTo("silenced");
        assertThat(held.path("held_detail").asText()).contains(silence).contains("bob").contains("migration");

        assertThat(http.delete("/api/silences/" + silence).json().path("state").asText()).isEqualTo("expired");
        assertThat(http.delete("/api/silences/" + silence).status()).isEqualTo(404);
        assertThat(http.get("/api/alerts?state=silenced").json().path("alerts")).isEmpty();
        assertThat(http.get("/api/alerts?state=burning").status()).isEqualTo(400);
    }

    @Test
    void an_ingested_alerts_labels_are_kept_so_a_silence_on_team_matches_it_and_a_bad_label_name_is_refused() {
        // Given a silence on a label that only Alertmanager's alerts carry
        Http.Response created = http.post("/api/silences",
                "{\"matchers\": [\"team=payments\"], \"duration\": \"1h\", \"created_by\": \"carol\", \"comment\": \"payments drill\"}");
        assertThat(created.status()).isEqualTo(201);

        // When Alertmanager posts an alert labelled team=payments
        http.post("/api/v1/alertmanager", "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":"
                + "{\"alertname\":\"LedgerLag\",\"job\":\"ledger\",\"severity\":\"critical\",\"team\":\"payments\"}}]}");

        // Then its alert keeps the label and the silence holds it
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/alerts?state=silenced").json().path("alerts").size() == 1);
        JsonNode held = http.get("/api/alerts?state=silenced").json().path("alerts").get(0);
        assertThat(held.path("component").asText()).isEqualTo("ledger");
        assertThat(held.path("held_detail").asText()).contains("payments drill");

        // And a label name Prometheus would refuse is a 400 naming it
        Http.Response bad = http.post("/api/v1/alertmanager", "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":"
                + "{\"job\":\"x\",\"alertname\":\"X\",\"bad-name\":\"1\"}}]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("detail").asText()).startsWith("alerts[0].labels: label name \"bad-name\" must match");
    }

    @Test
    void a_receivers_guard_is_listed_with_the_breakers_and_forcing_it_open_stops_its_calls_until_reset() {
        // Given the daemon's receiver "hook": its guard is listed next to the integrations
        JsonNode hook = breaker("notify-hook");
        assertThat(hook.path("kind").asText()).isEqualTo("notification");
        assertThat(hook.path("state").asText()).isEqualTo("CLOSED");
        assertThat(hook.path("health_check").isNull()).isTrue();

        // When an operator forces it open through the API
        Http.Response forced = http.post("/api/breakers/notify-hook/force-open", "");
        assertThat(forced.status()).isEqualTo(200);
        assertThat(forced.json().path("state").asText()).isEqualTo("FORCED_OPEN");

        // Then an alert routed to it is not posted: its delivery fails, and the decisions say so
        http.post("/api/v1/alertmanager", payload("firing", "db-3", "DatabaseDown", "critical"));
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/alerts").json().path("alerts").size() == 1);
        String id = http.get("/api/alerts").json().path("alerts").get(0).path("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/alerts/" + id).json().path("decisions")
                .findValuesAsText("detail").stream().anyMatch(d -> d.startsWith("every receiver failed: hook")));
        assertThat(receiver.findAll(postRequestedFor(anyUrl()))).isEmpty();
        assertThat(breaker("notify-hook").path("breaker").path("not_permitted_calls").asLong()).isPositive();

        // When it is reset, the next alert reaches the receiver
        Http.Response reset = http.post("/api/breakers/notify-hook/reset", "");
        assertThat(reset.json().path("state").asText()).isEqualTo("CLOSED");
        http.post("/api/v1/alertmanager", payload("firing", "db-4", "DatabaseDown", "critical"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.findAll(postRequestedFor(anyUrl())).isEmpty());
        assertThat(http.post("/api/breakers/notify-nobody/reset", "").status()).isEqualTo(404);
    }

    private JsonNode breaker(String name) {
        for (JsonNode b : http.get("/api/breakers").json().path("breakers")) {
            if (b.path("name").asText().equals(name)) {
                return b;
            }
        }
        throw new AssertionError("no breaker " + name + " in " + http.get("/api/breakers").body());
    }
}
