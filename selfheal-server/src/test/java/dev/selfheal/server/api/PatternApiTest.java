package dev.selfheal.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.patterns.FailureEvent;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.server.testing.FlippableHttpServer;
import dev.selfheal.server.testing.Tokens;
import dev.selfheal.store.jdbc.Database;
import dev.selfheal.store.jdbc.JdbcPatternStore;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/patterns} on a real daemon over a real SQLite file: three weeks of failures
 * already in the pattern database (a nightly backup, a cache that fails after it) come back as a
 * temporal pattern and a suggested edge; a database and the API under it (configured
 * dependency) going down together are one cascade rooted at the database; and after a restart
 * of the daemon on the same file the failures it saw are still counted.
 */
class PatternApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final String viewerToken = Tokens.fresh("vera");
    private final FlippableHttpServer db = new FlippableHttpServer();
    private final FlippableHttpServer api = new FlippableHttpServer();
    private Daemon daemon;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.stop();
        }
        db.close();
        api.close();
    }

    private Config config() {
        return new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                security:
                  tokens:
                    - { name: vera, role: viewer, token-sha256: "%s" }
                checks:
                  - { name: db, type: http, url: "%s", interval: 200ms, timeout: 1s, failure-threshold: 2, success-threshold: 1 }
                  - { name: api, type: http, url: "%s", interval: 200ms, timeout: 1s, failure-threshold: 2, success-threshold: 1 }
                alerting:
                  dependencies: { api: [db] }
                healing:
                  interval: 1s
                  degradation: { host-resources: false }
                  patterns: { cascade-window: 1m, hold: 10s }  # generous: on a loaded machine one check may run late
                """.formatted(dir, Tokens.sha256(viewerToken), db.uri(), api.uri())), "patterns.yaml");
    }

    private void seedThreeWeeksOfNightlyFailures() {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        List<FailureEvent> events = new ArrayList<>();
        for (int day = 21; day >= 1; day--) {
            Instant night = today.minus(Duration.ofDays(day)).plus(Duration.ofHours(2).plusMinutes(day));
            events.add(new FailureEvent("backup", "process_down", night));
            events.add(new FailureEvent("cache", "process_down", night.plusSeconds(40)));
        }
        try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("selfheal.db"))) {
            new JdbcPatternStore(database).append(events);
        }
    }

    @Test
    void storedFailuresBecomePatternsACascadeIsOneIncidentAndFailuresOutliveARestart() {
        seedThreeWeeksOfNightlyFailures();
        daemon = Daemon.start(config(), new CheckFactory());
        ApiClient viewer = new ApiClient(daemon.baseUri(), viewerToken);

        JsonNode body = viewer.get("/api/patterns").json();
        assertThat(body.get("enabled").asBoolean()).isTrue();
        assertThat(body.get("events").asLong()).isGreaterThanOrEqualTo(42); // the 42 stored, and whatever failed since start
        JsonNode backup = find(body.get("temporal"), "component", "backup");
        assertThat(backup.get("recurrence").asText()).isEqualTo("daily");
        assertThat(backup.get("from_hour").asInt()).isEqualTo(2);
        assertThat(backup.get("active").asBoolean()).isTrue();
        assertThat(backup.get("confidence").asDouble()).isGreaterThan(0.99);
        assertThat(backup.get("description").asText()).startsWith("backup fails most days 02:00");
        JsonNode suggestion = find(body.get("suggestions"), "from", "backup");
        assertThat(suggestion.get("to").asText()).isEqualTo("cache");
        assertThat(suggestion.get("configured").asBoolean()).isFalse();
        assertThat(suggestion.get("hits").asLong()).isEqualTo(21);
        assertThat(suggestion.get("lift").asDouble()).isGreaterThan(3);
        JsonNode configured = find(body.get("edges"), "from", "db");
        assertThat(configured.get("to").asText()).isEqualTo("api");
        assertThat(configured.get("configured").asBoolean()).isTrue();

        // the database and the API under it go down together
        api.answer(503);
        db.answer(503);
        await().atMost(PATIENCE).until(() -> viewer.get("/api/patterns").json().get("cascades").size() == 1);
        JsonNode cascade = viewer.get("/api/patterns").json().get("cascades").get(0);
        assertThat(cascade.get("root").asText()).as(viewer.get("/api/incidents/" + cascade.get("incident_id").asText()).body())
                .isEqualTo("db");
        assertThat(names(cascade.get("components"))).containsExactly("api", "db");
        assertThat(cascade.get("root_causes").get(0).get("component").asText()).isEqualTo("db");
        assertThat(cascade.get("root_causes").get(0).get("explains").get(0).asText()).isEqualTo("api");
        JsonNode incidents = viewer.get("/api/incidents").json();
        assertThat(incidents.toString()).doesNotContain("\"component\":\"api\"");
        long seen = viewer.get("/api/patterns").json().get("events").asLong();
        assertThat(seen).isGreaterThan(42);

        // a restart on the same file: the failures and the patterns are still there
        daemon.stop();
        daemon = Daemon.start(config(), new CheckFactory());
        JsonNode again = new ApiClient(daemon.baseUri(), viewerToken).get("/api/patterns").json();
        assertThat(again.get("events").asLong()).isGreaterThanOrEqualTo(seen);
        assertThat(find(again.get("suggestions"), "from", "backup").get("first_found").asText())
                .isEqualTo(suggestion.get("first_found").asText());
        assertThat(find(again.get("temporal"), "component", "backup").get("from_hour").asInt()).isEqualTo(2);
    }

    @Test
    void turnedOffItSaysSo() {
        Config on = config();
        Config off = new Config(on.server(), on.store(), on.health(), on.checks(), new dev.selfheal.server.config.HealingConfig(
                on.healing().interval(), on.healing().mergeWindow(), false, false, on.healing().verificationWindow(),
                on.healing().verificationPoll(), on.healing().limits(), false, Map.of(), Map.of(), Map.of(), Map.of(), List.of(),
                java.util.Optional.empty(), on.healing().degradation(),
                new dev.selfheal.server.config.HealingConfig.Patterns(false, Duration.ofMinutes(1), Duration.ZERO),
                on.healing().learning()),
                on.services(), on.integrations(), on.security(), on.alerting(), on.performance());
        daemon = Daemon.start(off, new CheckFactory());
        JsonNode body = new ApiClient(daemon.baseUri(), viewerToken).get("/api/patterns").json();
        assertThat(body.get("enabled").asBoolean()).isFalse();
        assertThat(body.get("temporal").size()).isZero();
        assertThat(new ApiClient(daemon.baseUri()).get("/api/patterns").status()).isEqualTo(401);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false).filter(n -> n.path(field).asText().equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError("no %s=%s in %s".formatted(field, value, array)));
    }

    private static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
