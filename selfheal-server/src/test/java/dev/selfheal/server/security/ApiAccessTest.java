package dev.selfheal.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.server.api.ApiServer;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.server.testing.ChildProcesses;
import dev.selfheal.server.testing.LogCapture;
import dev.selfheal.server.testing.Tokens;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's access rules against a real daemon (real SQLite file, real HTTP on loopback, a
 * supervised child): 401 without a token, 403 for a viewer on every mutating route the daemon
 * registers, operators act, only admins read the audit log, and no token reaches the log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAccessTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String viewerToken = Tokens.fresh("vera");
    private final String operatorToken = Tokens.fresh("otto");
    private final String adminToken = Tokens.fresh("ada");
    private final String unknownToken = Tokens.fresh("mallory");

    @TempDir
    static Path dir;

    private LogCapture log;
    private Daemon daemon;
    private ApiClient anonymous;
    private ApiClient viewer;
    private ApiClient operator;
    private ApiClient admin;
    private ApiClient stranger;

    @BeforeAll
    void startDaemon() {
        log = LogCapture.open();
        Config config = new ConfigLoader(Map.of("OTTO_SHA", Tokens.sha256(operatorToken))).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                security:
                  tokens:
                    - { name: vera, role: viewer, token-sha256: "%s" }
                    - { name: otto, role: operator, token-sha256: "${OTTO_SHA}" }
                    - { name: ada, role: admin, token-sha256: "%s" }
                checks:
                  - { name: clock, type: command, command: [true], interval: 1s }
                services:
                  - { name: worker, command: [sleep, "611"], stop-grace: 1s, check: { interval: 300ms, failure-threshold: 1 } }
                healing:
                  interval: 1s
                  verification: { window: 30s, poll: 200ms }
                  degradation: { hold-down: 0s, host-resources: false }
                  actions:
                    restart_service: { risk: high, approval: true }
                """.formatted(dir, Tokens.sha256(viewerToken), Tokens.sha256(adminToken).toUpperCase())), "test.yaml");
        daemon = Daemon.start(config, new CheckFactory());
        anonymous = new ApiClient(daemon.baseUri());
        viewer = new ApiClient(daemon.baseUri(), viewerToken);
        operator = new ApiClient(daemon.baseUri(), operatorToken);
        admin = new ApiClient(daemon.baseUri(), adminToken);
        stranger = new ApiClient(daemon.baseUri(), unknownToken);
    }

    @AfterAll
    void stopDaemon() {
        if (daemon != null) {
            daemon.stop();
        }
        if (log != null) {
            log.close();
        }
    }

    private List<ApiServer.Route> mutatingRoutes() {
        List<ApiServer.Route> found = daemon.routes().stream()
                .filter(r -> !List.of("GET", "HEAD", "OPTIONS", "BEFORE", "AFTER", "BEFORE_MATCHED", "AFTER_MATCHED").contains(r.method()))
                .toList();
        assertThat(found).as("the daemon registers mutating routes").isNotEmpty();
        return found;
    }

    private static String concrete(String path) {
        return path.replaceAll("\\{[^}]+}", "x-1").replaceAll("<[^>]+>", "x-1");
    }

    @Test
    void everyApiReadNeedsATokenAndAnUnknownOrMalformedOneIsTurnedAwayWith401() {
        for (String path : List.of("/api/health", "/api/incidents", "/api/degradation", "/api/config", "/api/events", "/api/whoami", "/metrics")) {
            ApiClient.Response none = anonymous.get(path);
            assertThat(none.status()).as(path).isEqualTo(401);
            assertThat(none.json().get("error").asText()).isEqualTo("unauthorized");
            assertThat(none.json().get("detail").asText()).contains("Authorization: Bearer <token>");
            assertThat(none.header("WWW-Authenticate")).contains("Bearer realm=\"selfheal\"");
            assertThat(stranger.get(path).status()).as(path).isEqualTo(401);
            assertThat(stranger.get(path).json().get("detail").asText()).contains("not one of the configured API tokens");
            assertThat(anonymous.send("GET", path, null, "Authorization", "Basic dmVyYTpwdw==").status()).as(path).isEqualTo(401);
        }
        assertThat(viewer.get("/api/health").status()).isEqualTo(200);
        assertThat(viewer.get("/metrics").body()).contains("selfheal_overall_status");
    }

    @Test
    void oddSpellingsOfAnApiPathDoNotGetAroundTheTokenCheck() throws Exception {
        for (String path : List.of("//api/health", "/./api/health", "/%61pi/health", "/api/%2e/health", "/static/../api/health",
                "/api/health/", "/api//health", "/API/health", "/api;x=1/health", "/metrics/", "//metrics", "/%6Detrics")) {
            String answer = rawGet(path);
            assertThat(answer).as(path).matches("(?s)HTTP/1\\.1 40[0134] .*").doesNotContain("\"groups\"", "selfheal_overall_status");
        }
    }

    @Test
    void withTokensAnEndpointOutsideTheOpenListNeedsATokenEvenWithATrailingSlash() throws Exception {
        assertThat(rawGet("/metrics/")).startsWith("HTTP/1.1 401");
        assertThat(rawGet("/api/health/")).startsWith("HTTP/1.1 401");
        assertThat(rawGet("/no-such-page")).startsWith("HTTP/1.1 401");
        assertThat(rawGet("/js/../api/health")).startsWith("HTTP/1.1 400");
        assertThat(rawGet("/healthz")).startsWith("HTTP/1.1 200");
    }

    /** A GET sent byte for byte, so no client library tidies the path first. */
    private String rawGet(String path) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", daemon.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void probesAndTheConsoleFilesStayOpen() {
        assertThat(anonymous.get("/healthz").status()).isEqualTo(200);
        assertThat(anonymous.get("/readyz").status()).isEqualTo(200);
        ApiClient.Response index = anonymous.get("/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("selfheal console");
        assertThat(anonymous.get("/js/app.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").status()).isEqualTo(200);
        assertThat(index.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    }

    @Test
    void aViewerIsRefusedWith403OnEveryMutatingRouteTheDaemonRegistersAndAnAnonymousCallerWith401() {
        for (ApiServer.Route route : mutatingRoutes()) {
            String path = concrete(route.path());
            ApiClient.Response refused = viewer.send(route.method(), path, "{\"level\": 1, \"by\": \"vera\"}");
            assertThat(refused.status()).as("%s %s as viewer", route.method(), path).isEqualTo(403);
            assertThat(refused.json().get("error").asText()).isEqualTo("forbidden");
            assertThat(refused.json().get("detail").asText()).contains("token 'vera' has role viewer", "needs operator or admin");
            assertThat(anonymous.send(route.method(), path, "{}").status()).as("%s %s anonymous", route.method(), path).isEqualTo(401);
        }
        // Nothing was changed by the refused calls
        assertThat(operator.get("/api/degradation").json().get("pinned").asBoolean()).isFalse();
    }

    @Test
    void anOperatorPassesTheAccessCheckOnEveryMutatingRoute() {
        for (ApiServer.Route route : mutatingRoutes()) {
            String path = concrete(route.path());
            int status = operator.send(route.method(), path, "{}").status();
            assertThat(status).as("%s %s as operator reaches its handler", route.method(), path).isNotIn(401, 403);
        }
        ApiClient.Response pinned = operator.put("/api/degradation", "{\"level\": 2, \"reason\": \"maintenance\"}");
        assertThat(pinned.status()).isEqualTo(200);
        assertThat(pinned.json().get("pinned_level").asInt()).isEqualTo(2);
        assertThat(operator.put("/api/degradation", "{\"level\": null}").status()).isEqualTo(200);
        assertThat(operator.post("/api/checks/clock/run").status()).isEqualTo(200);
    }

    @Test
    void onlyAnAdminReadsTheAuditLogWhichSaysWhoDidWhatAndHowItEnded() {
        // Given a refused call and an allowed one
        assertThat(viewer.put("/api/degradation", "{\"level\": 3}").status()).isEqualTo(403);
        assertThat(operator.put("/api/degradation", "{\"level\": null, \"reason\": \"audit test\"}").status()).isEqualTo(200);

        // Then viewers and operators may not read the audit log, admins may
        assertThat(viewer.get("/api/audit").status()).isEqualTo(403);
        assertThat(operator.get("/api/audit").status()).isEqualTo(403);
        assertThat(operator.get("/api/audit").json().get("detail").asText()).contains("needs admin");
        ApiClient.Response audit = admin.get("/api/audit?limit=1000");
        assertThat(audit.status()).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        audit.json().get("entries").forEach(e -> entries.add("%s %s %s %s %d %s".formatted(e.get("by").asText(), e.get("role").asText(),
                e.get("method").asText(), e.get("path").asText(), e.get("status").asInt(), e.get("outcome").asText())));
        assertThat(entries).contains("vera viewer PUT /api/degradation 403 forbidden", "otto operator PUT /api/degradation 200 ok");
        assertThat(admin.get("/api/audit?limit=0").status()).isEqualTo(400);

        // And the log has the same, as event=audit lines
        assertThat(log.text()).contains("event=audit by=vera role=viewer method=PUT path=\"/api/degradation\" status=403 outcome=forbidden");
        assertThat(log.text()).contains("event=audit by=otto role=operator method=PUT path=\"/api/degradation\" status=200 outcome=ok");
    }

    @Test
    void theConsoleLearnsWhoIsSignedIn() {
        JsonNode me = viewer.get("/api/whoami").json();
        assertThat(me.get("auth").asBoolean()).isTrue();
        assertThat(me.get("name").asText()).isEqualTo("vera");
        assertThat(me.get("role").asText()).isEqualTo("viewer");
        assertThat(admin.get("/api/whoami").json().get("role").asText()).isEqualTo("admin");
    }

    @Test
    void corsIsClosedNoOriginGetsAnAllowOriginHeader() {
        ApiClient.Response get = viewer.send("GET", "/api/health", null, "Origin", "https://evil.example");
        assertThat(get.header("Access-Control-Allow-Origin")).isEmpty();
        ApiClient.Response preflight = anonymous.send("OPTIONS", "/api/degradation", null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.header("Access-Control-Allow-Methods")).isEmpty();
    }

    @Test
    void theConfigShowsTokenNamesAndRolesButNeitherTokensNorTheirDigests() {
        String config = viewer.get("/api/config").body();
        assertThat(config).contains("\"name\":\"vera\"", "\"role\":\"viewer\"", "\"token-sha256\":\"***\"");
        assertThat(config).doesNotContain(Tokens.sha256(viewerToken), Tokens.sha256(operatorToken), viewerToken, operatorToken);
    }

    @Test
    void anApprovalIsTheTokensAndABodyNamingSomeoneElseIsRefused() {
        // Given the worker killed, and restart_service (high risk) waiting for approval
        ProcessHandle worker = awaitWorker();
        await().atMost(PATIENCE).until(() -> operator.statusOf("worker").equals("HEALTHY"));
        assertThat(worker.destroyForcibly()).isTrue();
        String id = await().atMost(PATIENCE).until(() -> waitingIncident(), java.util.Objects::nonNull);

        // When otto approves, claiming to be someone else, he is refused and nothing is approved
        ApiClient.Response impostor = operator.post("/api/incidents/" + id + "/approve", "{\"by\": \"mallory\"}");
        assertThat(impostor.status()).isEqualTo(403);
        assertThat(impostor.json().get("detail").asText()).contains("token 'otto' cannot act as 'mallory'");
        assertThat(operator.get("/api/incidents/" + id).json().get("awaiting_approval").asBoolean()).isTrue();

        // When he approves as himself (the body may then be left out)
        ApiClient.Response approved = operator.post("/api/incidents/" + id + "/approve", "");

        // Then the approval is otto's
        assertThat(approved.status()).isEqualTo(200);
        JsonNode incident = operator.get("/api/incidents/" + id).json();
        List<String> approvals = new ArrayList<>();
        incident.get("timeline").forEach(e -> {
            if (e.get("kind").asText().equals("APPROVAL")) {
                approvals.add(e.get("message").asText() + " " + e.get("data"));
            }
        });
        assertThat(approvals).singleElement().asString().contains("otto").doesNotContain("mallory");
        await().atMost(PATIENCE).until(() -> operator.get("/api/incidents/" + id).json().get("state").asText().equals("RESOLVED"));
    }

    @Test
    void anAlertIsAcknowledgedAndResolvedInTheTokensNameAndTheAuditLogSaysWho() {
        // Given an alert raised by Alertmanager for a component of this test's own
        assertThat(operator.post("/api/v1/alertmanager", alertmanagerPayload("ledger-db")).status()).isEqualTo(200);
        String id = await().atMost(PATIENCE).until(() -> alertOf("ledger-db"), java.util.Objects::nonNull);

        // When otto acknowledges it in mallory's name, he is refused and the alert is not acknowledged
        ApiClient.Response impostor = operator.post("/api/alerts/" + id + "/ack", "{\"by\": \"mallory\"}");
        assertThat(impostor.status()).isEqualTo(403);
        assertThat(impostor.json().get("error").asText()).isEqualTo("forbidden");
        assertThat(impostor.json().get("detail").asText()).contains("token 'otto' cannot act as 'mallory'", "leave 'by' out");
        assertThat(operator.get("/api/alerts/" + id).json().path("alert").path("status").asText()).isNotEqualTo("acknowledged");

        // When he acknowledges it without a name, then resolves it naming himself
        ApiClient.Response acked = operator.post("/api/alerts/" + id + "/ack", "");
        ApiClient.Response resolved = operator.post("/api/alerts/" + id + "/resolve", "{\"by\": \"otto\"}");

        // Then both are his
        assertThat(acked.status()).isEqualTo(200);
        assertThat(acked.json().get("acknowledged_by").asText()).isEqualTo("otto");
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().get("status").asText()).isEqualTo("resolved");

        // And a silence is created by the token's holder, never in another's name
        String silence = "{\"matchers\": [\"component=ledger-db\"], \"duration\": \"1h\", \"comment\": \"ledger migration\", \"created_by\": %s}";
        assertThat(operator.post("/api/silences", silence.formatted("\"mallory\"")).status()).isEqualTo(403);
        ApiClient.Response created = operator.post("/api/silences", silence.formatted("null"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("created_by").asText()).isEqualTo("otto");

        // And the audit log records who did what, refused or not
        List<String> entries = new ArrayList<>();
        admin.get("/api/audit?limit=1000").json().get("entries").forEach(e -> entries.add("%s %s %s %d %s".formatted(
                e.get("by").asText(), e.get("method").asText(), e.get("path").asText(), e.get("status").asInt(), e.get("outcome").asText())));
        assertThat(entries).contains("otto POST /api/alerts/%s/ack 403 forbidden".formatted(id),
                "otto POST /api/alerts/%s/ack 200 ok".formatted(id), "otto POST /api/alerts/%s/resolve 200 ok".formatted(id));
    }

    private String alertOf(String component) {
        for (JsonNode alert : operator.get("/api/alerts").json().get("alerts")) {
            if (alert.get("component").asText().equals(component)) {
                return alert.get("id").asText();
            }
        }
        return null;
    }

    private static String alertmanagerPayload(String component) {
        return """
                {"version": "4", "groupKey": "{}:{alertname=\\"LedgerDown\\"}", "status": "firing", "receiver": "selfheal",
                 "groupLabels": {}, "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://am", "truncatedAlerts": 0,
                 "alerts": [{"status": "firing", "labels": {"alertname": "LedgerDown", "component": "%s", "severity": "critical"},
                             "annotations": {"summary": "%s is failing"}, "startsAt": "%s", "endsAt": "0001-01-01T00:00:00Z",
                             "generatorURL": "http://prom", "fingerprint": "led"}]}
                """.formatted(component, component, java.time.Instant.now());
    }

    @Test
    void noTokenEverAppearsInTheLog() {
        // Given calls with every token, good and bad, allowed and refused
        for (ApiClient client : List.of(viewer, operator, admin, stranger, anonymous)) {
            client.get("/api/health");
            client.put("/api/degradation", "{\"level\": null}");
            client.post("/api/checks/nope/run");
            client.send("GET", "/api/health?token=" + unknownToken, null);
        }
        // Then the log has audit lines but none of the tokens
        String text = log.text();
        assertThat(text).contains("event=audit");
        for (String token : List.of(viewerToken, operatorToken, adminToken, unknownToken)) {
            assertThat(text).doesNotContain(token);
        }
    }

    private ProcessHandle awaitWorker() {
        List<ProcessHandle> found = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            found.clear();
            found.addAll(ChildProcesses.find(ProcessHandle.current(), "sleep", "611"));
            return found.size() == 1;
        });
        return found.getFirst();
    }

    private String waitingIncident() {
        for (JsonNode incident : operator.get("/api/incidents").json().get("incidents")) {
            if (incident.get("awaiting_approval").asBoolean()) {
                return incident.get("id").asText();
            }
        }
        return null;
    }
}
