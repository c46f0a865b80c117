package dev.selfheal.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.config.SecretMasker;
import dev.selfheal.server.logging.MaskingMessageConverter;
import dev.selfheal.server.logging.ProductionLogOutput;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.server.testing.FlippableHttpServer;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every form a secret takes in a config (a URL's user info or token, a secret URL parameter
 * whatever its name: password, auth, credential, token, key; a secret header; a JDBC password; a
 * secret environment variable that a command echoes) is masked in the three places a person
 * reads: the daemon's log as logback.xml lays it out, the API, and the console (which shows
 * nothing but what these API endpoints answer).
 */
class SecretLeakTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final List<String> SECRETS = List.of("basicpw-456", "onlytok-777", "authpw-321", "credpw-654",
            "tokpw-987", "keypw-135", "pwpw-246", "failpw-852", "failtok-963", "ghp_tok_222", "hdrkey-789",
            "jdbcpw-000", "jdbcurlpw-1", "envtok-111", "svcpw-222");

    @TempDir
    Path dir;

    private FlippableHttpServer target;
    private ProductionLogOutput log;
    private Daemon daemon;
    private ApiClient api;

    @BeforeEach
    void startADaemonWhoseConfigHoldsEverySecretForm() {
        target = new FlippableHttpServer();
        log = ProductionLogOutput.open();
        String base = target.uri().toString().substring("http://".length());
        Config config = new ConfigLoader(Map.of("GITHUB_TOKEN", "ghp_tok_222")).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%1$s/selfheal.db" }
                checks:
                  - name: basic-auth
                    type: http
                    url: "http://bot:basicpw-456@%2$s?auth=authpw-321&credential=credpw-654&access_token=tokpw-987&api_key=keypw-135&password=pwpw-246"
                    headers: { Authorization: "Bearer ${GITHUB_TOKEN}", X-Api-Key: hdrkey-789, Accept: text/plain }
                    interval: 200ms
                  - { name: token-user, type: http, url: "http://onlytok-777@%2$s", interval: 200ms }
                  - { name: refused, type: http, url: "http://bot:failpw-852@127.0.0.1:1/x?token=failtok-963", interval: 200ms, timeout: 1s }
                  - name: db
                    type: jdbc
                    url: "jdbc:postgresql://127.0.0.1:5432/no_such_db_for_leak_test?password=jdbcurlpw-1"
                    user: postgres
                    password: jdbcpw-000
                    interval: 500ms
                  - name: backup
                    type: command
                    command: [sh, -c, 'echo "token=$BACKUP_TOKEN raw $BACKUP_TOKEN"; echo "$BACKUP_TOKEN" >&2; exit 1']
                    env: { BACKUP_TOKEN: envtok-111, MODE: quick }
                    interval: 200ms
                services:
                  - { name: web, command: [sleep, "600"], env: { SERVICE_PASSWORD: svcpw-222 } }
                integrations: { defaults: false }
                """.formatted(dir, base)), "test.yaml");
        daemon = Daemon.start(config, new CheckFactory());
        api = new ApiClient(daemon.baseUri());
    }

    @AfterEach
    void stop() {
        daemon.stop();
        target.close();
        log.close();
        MaskingMessageConverter.install(SecretMasker.NONE);
    }

    @Test
    void noSecretReachesTheLogTheApiOrTheConsole() {
        await().atMost(PATIENCE).until(() -> api.statusOf("basic-auth").equals("HEALTHY")
                && !api.statusOf("backup").equals("UNKNOWN") && !api.statusOf("refused").equals("UNKNOWN")
                && !api.statusOf("db").equals("UNKNOWN"));

        List<String> answers = new ArrayList<>();
        for (String path : List.of("/api/config", "/api/health", "/api/components/basic-auth/history?limit=50",
                "/api/components/refused/history?limit=50", "/api/components/backup/history?limit=50",
                "/api/components/db/history?limit=50", "/api/incidents?limit=50", "/api/alerts", "/api/audit?limit=100",
                "/api/recovery/actions", "/api/escalation")) {
            answers.add(path + " -> " + api.get(path).body());
        }
        for (String check : List.of("basic-auth", "token-user", "refused", "db", "backup")) {
            answers.add("run " + check + " -> " + api.post("/api/checks/" + check + "/run").body());
        }
        // A driver's error that echoes what it was given, as a line and as an exception.
        var logger = LoggerFactory.getLogger(SecretLeakTest.class);
        logger.error("event=store_failed error=\"{}\"", "cannot open jdbc:postgresql://u:pwpw-246@db/x?password=jdbcurlpw-1");
        logger.error("event=check_failed", new SQLException("login failed for https://onlytok-777@h/?auth=authpw-321 "
                + "with Authorization: Bearer ghp_tok_222"));

        String everything = String.join("\n", answers) + "\n" + log.text();
        assertThat(everything).as("log, API and console").doesNotContain(SECRETS)
                .contains("***", "MODE", "quick", "text/plain", "event=check_failed");
        assertThat(String.join("\n", answers)).as("the command's output is shown, its secret masked").contains("sh exited with 1: ***");
        assertThat(log.text()).as("the exception's message is logged, its secrets masked")
                .contains("login failed for https://***@h/?auth=*** with Authorization: ***");
    }
}
