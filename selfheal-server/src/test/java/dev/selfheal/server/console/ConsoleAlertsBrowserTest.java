package dev.selfheal.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.server.testing.Browser;
import dev.selfheal.server.testing.FlippableHttpServer;
import dev.selfheal.server.testing.LogCapture;
import dev.selfheal.server.testing.Tokens;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console's alerting, escalation and breaker views end to end: a real headless Chromium
 * against a real daemon (port 0, SQLite) whose {@code alerting:} section routes to a webhook
 * receiver on loopback (a JDK {@link HttpServer} that records what it is sent), watching an
 * HTTP server that is flipped to 500 and a command whose failing output carries markup.
 * Screenshots go to {@code target/screenshots/}. The tests run in order on one browser and one daemon.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleAlertsBrowserTest {

    private static final Duration PATIENCE = Browser.PATIENCE;
    private static final String XSS = "<script>window.__xss=1</script><img src=x onerror=window.__xss=2>";
    private static final String XSS_COMPONENT = "db-<script>window.__xss=3</script>";

    private final String operatorToken = Tokens.fresh("otto");
    private final String viewerToken = Tokens.fresh("vera");

    @TempDir
    static Path dir;

    private LogCapture log;
    private FlippableHttpServer payments;
    private HttpServer webhook;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private Daemon daemon;
    private ApiClient api;
    private Browser browser;
    private ChromeDriver driver;

    @BeforeAll
    void start() throws Exception {
        browser = Browser.start(); // skips (or fails on CI) before anything else starts
        driver = browser.driver();
        log = LogCapture.open();
        payments = new FlippableHttpServer();
        webhook = receiver(delivered);
        Path script = dir.resolve("nightly-report.sh");
        Files.writeString(script, "#!/bin/sh\necho 'report failed: " + XSS + "'\nexit 2\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                security:
                  tokens:
                    - { name: otto, role: operator, token-sha256: "%s" }
                    - { name: vera, role: viewer, token-sha256: "%s" }
                health:
                  groups: { payments: { policy: worst } }
                checks:
                  - { name: payments-api, type: http, group: payments, url: "%s", interval: 300ms, timeout: 2s, failure-threshold: 2, success-threshold: 1 }
                  - { name: nightly-report, type: command, group: payments, command: ["%s"], interval: 2s }
                healing:
                  interval: 1s
                  degradation: { hold-down: 0s, host-resources: false }
                alerting:
                  receivers:
                    - { name: hook, type: webhook, url: "http://127.0.0.1:%d/hook" }
                  route: { receiver: hook, group-wait: 200ms, group-interval: 1s, escalation: standard }
                  schedules:
                    - { name: primary, rotation: weekly, participants: [alice], handoff: "09:00", handoff-day: monday, zone: Europe/Berlin, start: 2026-01-05 }
                  people: { alice: hook }
                  escalation-policies:
                    - name: standard
                      repeats: 1
                      levels:
                        - { after: 30m, notify-on-call: primary }
                        - { after: 2h, action: emergency-recovery }
                  default-escalation: standard
                """.formatted(dir, Tokens.sha256(operatorToken), Tokens.sha256(viewerToken), payments.uri(), script,
                webhook.getAddress().getPort())), "console-alerts.yaml");
        daemon = Daemon.start(config, new CheckFactory());
        api = new ApiClient(daemon.baseUri(), operatorToken);
        await().atMost(PATIENCE).until(() -> api.statusOf("payments-api").equals("HEALTHY"));
    }

    private static HttpServer receiver(List<String> delivered) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            delivered.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server;
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (daemon != null) {
            daemon.stop();
        }
        if (payments != null) {
            payments.close();
        }
        if (webhook != null) {
            webhook.stop(0);
        }
        if (log != null) {
            log.close();
        }
    }

    /** The id of the open alert of a component, or null. */
    private String alertOf(String component) {
        return String.valueOf(browser.js("const r = [...document.querySelectorAll('tr.alert-row')].find(r => r.dataset.component === arguments[0]);"
                + " return r ? r.dataset.alert : null", component));
    }

    private String alertStatus(String id) {
        return String.valueOf(browser.js("const b = document.querySelector(`.alert-status[data-alert='${arguments[0]}'] .badge`);"
                + " return b ? b.textContent : ''", id));
    }

    private void signIn(String token, String who) {
        browser.openConsole(daemon.baseUri(), java.util.Optional.of(token), who);
    }

    @Test
    @Order(1)
    void anAlertAppearsLiveAndIsAcknowledgedWithOneClick() {
        signIn(operatorToken, "otto (operator)");
        browser.go("#/alerts");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("alert-filters")));
        browser.js("window.__sameDocument = 'yes'");

        // When the payments API starts answering 500
        payments.answer(500);

        // Then its alert shows up in the open view, pushed by the event stream, with no reload
        String id = browser.waiting().until(d -> {
            String found = alertOf("payments-api");
            return found.equals("null") ? null : found;
        });
        assertThat(browser.js("return window.__sameDocument")).isEqualTo("yes");
        assertThat(alertStatus(id)).isIn("firing", "held", "sent");
        // And the alert's decisions are there (sent to whom, or held and why)
        browser.waiting().until(d -> !d.findElements(By.cssSelector("tr.decisions-row[data-alert='" + id + "'] details")).isEmpty());

        // When otto acknowledges it with one click
        browser.click(By.cssSelector("button.ack[data-alert='" + id + "']"));

        // Then its state changes to acknowledged, on the page and in the API, by otto
        browser.waiting().until(d -> alertStatus(id).equals("acknowledged"));
        JsonNode alert = api.get("/api/alerts/" + id).json();
        assertThat(alert.path("alert").path("status").asText()).isEqualTo("acknowledged");
        assertThat(alert.path("alert").path("acknowledged_by").asText()).isEqualTo("otto");
        assertThat(alert.path("decisions").findValuesAsText("outcome")).contains("acknowledged");
        assertThat(driver.findElements(By.cssSelector("button.ack[data-alert='" + id + "']"))).isEmpty();
        // And the filter shows it under acknowledged
        browser.click(By.cssSelector("#alert-filters [data-state=acknowledged]"));
        browser.waiting().until(d -> alertStatus(id).equals("acknowledged") && "#/alerts/acknowledged".equals(browser.js("return location.hash")));
    }

    @Test
    @Order(2)
    void aSilenceIsCreatedAndExpiredFromTheConsole() {
        browser.go("#/alerts");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("silence-matchers")));

        // When otto creates a one-hour silence for the nightly report
        // (typed field by field, each found afresh: a live refresh may replace the form before the first has focus)
        browser.type(By.id("silence-matchers"), "component=nightly-report");
        browser.type(By.id("silence-duration"), "1h");
        browser.type(By.id("silence-comment"), "rewriting the report");
        browser.click(By.id("silence-create"));

        // Then it is listed, active, created by the signed-in token's name
        JsonNode silence = await().atMost(PATIENCE).until(() -> api.get("/api/silences").json().path("silences"), s -> s.size() == 1).get(0);
        String id = silence.path("id").asText();
        assertThat(silence.path("created_by").asText()).isEqualTo("otto");
        assertThat(silence.path("comment").asText()).isEqualTo("rewriting the report");
        assertThat(silence.path("matchers").get(0).asText()).isEqualTo("component=\"nightly-report\"");
        browser.waiting().until(d -> browser.text(By.cssSelector(".silence-state[data-silence='" + id + "']")).equals("active"));
        browser.screenshot("alerts-silence-1280x800");

        // When he expires it
        browser.click(By.cssSelector("button.expire[data-silence='" + id + "']"));

        // Then it is gone from the current silences, on the page and in the API
        browser.waiting().until(d -> d.findElements(By.cssSelector(".silence-id[data-silence='" + id + "']")).isEmpty());
        assertThat(api.get("/api/silences").json().path("silences").findValuesAsText("id")).doesNotContain(id);
    }

    @Test
    @Order(3)
    void markupInAnAlertSummaryAndComponentNameIsShownAsText() {
        // Given an alert whose component name carries markup (through the Alertmanager ingest)
        ApiClient.Response ingested = api.post("/api/v1/alertmanager", """
                {"version": "4", "status": "firing", "alerts": [{"status": "firing",
                 "labels": {"alertname": "DatabaseDown", "component": "%s", "severity": "critical"},
                 "annotations": {"summary": "%s"}, "startsAt": "%s"}]}
                """.formatted(XSS_COMPONENT.replace("\"", "\\\""), XSS.replace("\"", "\\\""), Instant.now()));
        assertThat(ingested.status()).as(ingested.body()).isEqualTo(200);
        browser.go("#/alerts");

        // Then the nightly report's alert shows the failing output, markup and all, as text
        browser.waiting().until(d -> d.findElements(By.cssSelector(".alert-summary")).stream().anyMatch(e -> e.getText().contains(XSS)));
        // And the component name with <script> is text too
        browser.waiting().until(d -> d.findElements(By.cssSelector(".alert-component")).stream().anyMatch(e -> e.getText().equals(XSS_COMPONENT)));
        assertThat(browser.js("return document.querySelectorAll('img[src=\"x\"], #view script').length")).isEqualTo(0L);
        assertThat(browser.js("return typeof window.__xss")).isEqualTo("undefined");
        browser.screenshot("alerts-1280x800");
        browser.viewport(390, 844, true);
        try {
            browser.screenshot("alerts-390x844");
            browser.assertNoSidewaysScroll();
        } finally {
            browser.viewport(1280, 800, false);
        }
    }

    @Test
    @Order(4)
    void theIncidentShowsItsAlertsAndTheEscalationViewWhoIsOnCall() {
        // Given the incident of the failing payments API
        String incident = await().atMost(PATIENCE).until(() -> {
            for (JsonNode a : api.get("/api/alerts").json().path("alerts")) {
                if (a.path("component").asText().equals("payments-api") && a.hasNonNull("incident_id")) {
                    return a.path("incident_id").asText();
                }
            }
            return null;
        }, java.util.Objects::nonNull);
        assertThat(api.get("/api/alerts?incident=" + incident).json().path("alerts")).isNotEmpty()
                .allMatch(a -> a.path("incident_id").asText().equals(incident));

        // Then its page lists its alert with the decisions
        browser.go("#/incident/" + incident);
        browser.waiting().until(d -> d.findElement(By.id("incident-alerts")).getText().contains("acknowledged"));
        assertThat(driver.findElements(By.cssSelector("#incident-alerts details.decisions"))).isNotEmpty();
        browser.screenshot("incident-alerts-1280x800");

        // And the webhook receiver was told about it
        await().atMost(PATIENCE).until(() -> delivered.stream().anyMatch(body -> body.contains("payments-api")));

        // And the escalation view shows the policy and alice on call
        browser.go("#/escalation");
        browser.waiting().until(d -> browser.text(By.cssSelector(".on-call[data-schedule=primary]")).equals("alice"));
        assertThat(browser.text(By.cssSelector("[data-policy=standard]"))).contains("notify_on_call:primary", "emergency_recovery", "default");
        browser.screenshot("escalation-1280x800");
    }

    @Test
    @Order(5)
    void theBreakersCardShowsEachIntegrationAndAnOperatorForcesOneOpenAndResetsIt() {
        browser.go("#/overview");
        By github = By.cssSelector(".breaker-state[data-integration=github]");
        browser.waiting().until(d -> browser.text(github).equals("CLOSED"));

        browser.click(By.cssSelector("button.force-open[data-integration=github]"));
        browser.waiting().until(d -> browser.text(github).equals("FORCED_OPEN"));
        assertThat(api.get("/api/breakers/github").json().path("state").asText()).isEqualTo("FORCED_OPEN");
        browser.js("document.getElementById('breakers').scrollIntoView()");
        browser.screenshot("overview-breakers-1280x800");

        browser.click(By.cssSelector("button.reset[data-integration=github]"));
        browser.waiting().until(d -> browser.text(github).equals("CLOSED"));
        assertThat(api.get("/api/breakers/github").json().path("state").asText()).isEqualTo("CLOSED");
    }

    @Test
    @Order(6)
    void aViewerSeesAlertsAndBreakersButNoButtonsThatAct() {
        browser.click(By.id("sign-out"));
        signIn(viewerToken, "vera (viewer)");
        browser.go("#/alerts");
        browser.waiting().until(d -> !d.findElements(By.cssSelector("tr.alert-row")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("button.ack, button.resolve, #silence-create, button.expire"))).isEmpty();
        assertThat(browser.text(By.id("view"))).contains("Creating and expiring silences needs an operator or admin token.");
        browser.go("#/overview");
        browser.waiting().until(d -> !d.findElements(By.cssSelector(".breaker-state")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("button.force-open, button.reset"))).isEmpty();
    }

    @Test
    @Order(7)
    void nothingWentWrongInThePageAndNoTokenReachedTheLog() {
        browser.assertNothingWentWrongInThePage();
        assertThat(log.text()).doesNotContain(operatorToken, viewerToken);
    }

}
