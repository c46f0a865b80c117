package dev.selfheal.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.events.CheckCompleted;
import dev.selfheal.health.history.StatusTransition;
import dev.selfheal.health.history.StoredResult;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.server.testing.FlippableHttpServer;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import dev.selfheal.store.jdbc.Database;
import dev.selfheal.store.jdbc.JdbcHealthHistoryStore;
import dev.selfheal.testing.PostgresTestDatabase;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's history in a real database: it survives a restart and is all written on stop. */
class DaemonStoreTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final FlippableHttpServer target = new FlippableHttpServer();

    @AfterEach
    void closeTarget() {
        target.close();
    }

    @Test
    void afterARestartOnTheSameSqliteFileTheStatusAndTransitionsAreStillThere() {
        restartKeepsStatusAndTransitions("jdbc:sqlite:" + dir.resolve("selfheal.db"), "");
    }

    @Test
    void afterARestartOnTheSamePostgresqlSchemaTheStatusAndTransitionsAreStillThere() {
        try (PostgresTestDatabase.Schema schema = PostgresTestDatabase.freshSchema()) {
            restartKeepsStatusAndTransitions(schema.url(), schema.user());
        }
    }

    @Test
    void stopWritesEveryQueuedResultBeforeItReturns() {
        // Given a daemon that has been checking for a while
        String url = "jdbc:sqlite:" + dir.resolve("drain.db");
        Daemon daemon = Daemon.start(config(url, ""), new CheckFactory());
        List<HealthCheckResult> published = new CopyOnWriteArrayList<>();
        daemon.events().subscribe(CheckCompleted.class, e -> published.add(e.result()));
        await().atMost(PATIENCE).until(() -> published.size() >= 10);

        // When it is stopped (what SIGTERM does)
        daemon.stop();

        // Then the store holds every result published, up to the very last one
        try (Database db = Database.open(url, null, null); JdbcHealthHistoryStore store = new JdbcHealthHistoryStore(db)) {
            List<StoredResult> results = store.recentResults("target", 100_000);
            assertThat(results.size()).isGreaterThanOrEqualTo(published.size());
            assertThat(results.getFirst().result().timestamp().truncatedTo(ChronoUnit.MILLIS))
                    .isEqualTo(published.getLast().timestamp().truncatedTo(ChronoUnit.MILLIS));
            assertThat(store.transitions("target", 100)).extracting(StatusTransition::to).containsExactly(HealthStatus.HEALTHY);
            assertThat((long) results.size() + 1).isEqualTo(daemon.historyWritten());
        }
    }

    private void restartKeepsStatusAndTransitions(String storeUrl, String user) {
        // Given a daemon that saw the target go up and then down
        List<String> before = new ArrayList<>();
        String downSince;
        Daemon first = Daemon.start(config(storeUrl, user), new CheckFactory());
        try {
            ApiClient api = new ApiClient(first.baseUri());
            await().atMost(PATIENCE).until(() -> api.statusOf("target").equals("HEALTHY"));
            target.answer(500);
            await().atMost(PATIENCE).until(() -> api.statusOf("target").equals("UNHEALTHY"));
            downSince = api.component("target").get("since").asText();
            api.get("/api/components/target/history").json().get("transitions")
                    .forEach(t -> before.add(t.get("from").asText() + "->" + t.get("to").asText() + "@" + t.get("at").asText()));
        } finally {
            first.stop();
        }
        assertThat(before).hasSize(2);

        // When a new daemon starts on the same store (the target is still down)
        Daemon second = Daemon.start(config(storeUrl, user), new CheckFactory());
        try {
            ApiClient api = new ApiClient(second.baseUri());

            // Then the component is still UNHEALTHY since the same moment, not UNKNOWN
            JsonNode component = api.component("target");
            assertThat(component.get("status").asText()).isEqualTo("UNHEALTHY");
            assertThat(component.get("since").asText()).isEqualTo(downSince);

            // And the history has the transitions of the first run, newest first
            List<String> after = new ArrayList<>();
            api.get("/api/components/target/history").json().get("transitions")
                    .forEach(t -> after.add(t.get("from").asText() + "->" + t.get("to").asText() + "@" + t.get("at").asText()));
            assertThat(after).startsWith(before.toArray(String[]::new));
            assertThat(after.getFirst()).startsWith("HEALTHY->UNHEALTHY@");
        } finally {
            second.stop();
        }
    }

    private Config config(String storeUrl, String user) {
        return new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0 }
                store: { url: "%s", user: "%s" }
                checks:
                  - { name: target, type: http, url: "%s", interval: 100ms, timeout: 2s }
                integrations: { defaults: false }   # no guard checks: this test counts every result written
                """.formatted(storeUrl, user, target.uri())), "test.yaml");
    }
}
