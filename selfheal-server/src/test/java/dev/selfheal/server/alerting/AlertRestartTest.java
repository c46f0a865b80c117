package dev.selfheal.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts, their decisions and silences are kept in the store: a restarted daemon still knows them. */
class AlertRestartTest {

    @TempDir
    Path dir;

    private Daemon start() {
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                alerting:
                  receivers: [ { name: log, type: log } ]
                  route: { receiver: log, group-wait: 1h }
                """.formatted(dir)), "test.yaml");
        return Daemon.start(config, new CheckFactory());
    }

    @Test
    void a_restart_keeps_open_alerts_with_their_decisions_and_the_silences() {
        // Given a daemon with a silence and two alerts from Alertmanager, one silenced
        Daemon first = start();
        Http http = new Http(first.baseUri());
        String silence = http.post("/api/silences", "{\"matchers\": [\"component=db-9\"], \"duration\": \"2h\", \"created_by\": \"bob\","
                + " \"comment\": \"upgrade\"}").json().path("id").asText();
        for (String component : new String[] {"db-9", "api-1"}) {
            http.post("/api/v1/alertmanager", """
                    {"version": "4", "alerts": [{"status": "firing", "labels": {"alertname": "Down", "component": "%s"},
                     "startsAt": "%s"}]}""".formatted(component, Instant.now()));
        }
        // (ingested problems go through the healing loop's queue: wait for both alerts)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> http.get("/api/alerts").json().path("alerts").size() == 2);
        JsonNode before = http.get("/api/alerts").json().path("alerts");
        first.stop();

        // When it starts again on the same database
        Daemon second = start();
        try {
            Http again = new Http(second.baseUri());
            // Then the alerts, their held reasons and decisions, and the silence are all there
            JsonNode after = again.get("/api/alerts").json().path("alerts");
            assertThat(after.findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(before.findValuesAsText("id"));
            // each alert's own component (its labels, kept from the ingest, name one too)
            List<String> silenced = new ArrayList<>();
            again.get("/api/alerts?state=silenced").json().path("alerts").forEach(a -> silenced.add(a.path("component").asText()));
            assertThat(silenced).containsExactly("db-9");
            String id = after.findValuesAsText("id").get(0);
            assertThat(again.get("/api/alerts/" + id).json().path("decisions")).isNotEmpty();
            assertThat(again.get("/api/silences").json().path("silences").findValuesAsText("id")).containsExactly(silence);
        } finally {
            second.stop();
        }
    }

    @Test
    void an_ingested_alerts_labels_are_stored_with_its_incident_and_come_back_after_a_restart() {
        // Given an incident opened by an alert with labels of its own
        Daemon first = start();
        Http http = new Http(first.baseUri());
        http.post("/api/v1/alertmanager", """
                {"version": "4", "alerts": [{"status": "firing", "labels": {"alertname": "Slow", "component": "pay-1", "team": "payments"},
                 "startsAt": "%s"}]}""".formatted(Instant.now()));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> http.get("/api/incidents").json().findValuesAsText("component").contains("pay-1"));
        first.stop();

        // When the daemon starts again on the same database
        Daemon second = start();
        try {
            Http again = new Http(second.baseUri());
            String id = null;
            for (JsonNode i : again.get("/api/incidents").json().path("incidents")) {
                if (i.path("component").asText().equals("pay-1")) {
                    id = i.path("id").asText();
                }
            }
            // Then its problem still carries the alert's labels (it used to come back with none)
            JsonNode labels = again.get("/api/incidents/" + id).json().path("problems").get(0).path("labels");
            assertThat(labels.path("team").asText()).isEqualTo("payments");
            assertThat(labels.path("alertname").asText()).isEqualTo("Slow");
        } finally {
            second.stop();
        }
    }
}
