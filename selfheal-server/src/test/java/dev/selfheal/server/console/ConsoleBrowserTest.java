package dev.selfheal.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.server.testing.Browser;
import dev.selfheal.server.testing.ChildProcesses;
import dev.selfheal.server.testing.FlippableHttpServer;
import dev.selfheal.server.testing.LogCapture;
import dev.selfheal.server.testing.Tokens;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console end to end, as an operator uses it: a real headless Chromium against the real
 * daemon (port 0, a real SQLite file) watching a real HTTP server that is flipped to 500, and a
 * supervised {@code sleep} that is really killed, and the daemon's own JVM measured as the
 * HTTP check's component for its anomaly scores. Screenshots at 1280x800 and 390x844 go to
 * {@code target/screenshots/}. The tests run in order: they share one browser and one daemon.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final Duration PATIENCE = Browser.PATIENCE;
    private static final String XSS = "<script>window.__xss=1</script><img src=x onerror=window.__xss=2>";

    private final String operatorToken = Tokens.fresh("otto");
    private final String adminToken = Tokens.fresh("ada");
    private final String viewerToken = Tokens.fresh("vera");

    @TempDir
    static Path dir;

    private LogCapture log;
    private FlippableHttpServer payments;
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
        Path script = dir.resolve("nightly-report.sh");
        Files.writeString(script, "#!/bin/sh\necho 'report failed: " + XSS + "'\nexit 2\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                security:
                  tokens:
                    - { name: otto, role: operator, token-sha256: "%s" }
                    - { name: ada, role: admin, token-sha256: "%s" }
                    - { name: vera, role: viewer, token-sha256: "%s" }
                health:
                  groups: { payments: { policy: worst } }
                checks:
                  - { name: payments-api, type: http, group: payments, url: "%s", interval: 300ms, timeout: 2s, failure-threshold: 2, success-threshold: 1 }
                  - { name: nightly-report, type: command, group: payments, command: ["%s"], interval: 2s }
                services:
                  - { name: worker, command: [sleep, "623"], stop-grace: 1s, check: { interval: 300ms, failure-threshold: 1 } }
                performance:
                  interval: 300ms
                  jvm: payments-api
                  thresholds: { cpu: 0.99, memory: 0.99 }
                  anomaly: { min-score: 1.0, resolution: 0s }
                healing:
                  interval: 1s
                  verification: { window: 30s, poll: 200ms }
                  degradation: { hold-down: 0s, host-resources: false }
                  actions:
                    restart_service: { risk: high, approval: true }
                """.formatted(dir, Tokens.sha256(operatorToken), Tokens.sha256(adminToken), Tokens.sha256(viewerToken), payments.uri(), script)), "console.yaml");
        daemon = Daemon.start(config, new CheckFactory());
        api = new ApiClient(daemon.baseUri(), adminToken);
        await().atMost(PATIENCE).until(() -> api.statusOf("payments-api").equals("HEALTHY") && api.statusOf("worker").equals("HEALTHY"));
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
        if (log != null) {
            log.close();
        }
    }

    @Test
    @Order(1)
    void anOperatorSignsInWithATokenThatStaysOutOfTheUrlAndSeesTheOverview() {
        // Given the console, not signed in
        driver.get(daemon.baseUri() + "/");
        WebElement token = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));

        // When otto pastes his token and signs in
        token.sendKeys(operatorToken);
        driver.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();

        // Then the overview shows every group and component, and who is signed in
        browser.waiting().until(d -> browser.statusBadge("payments-api").equals("HEALTHY") && browser.statusBadge("worker").equals("HEALTHY"));
        assertThat(browser.text(By.id("who"))).isEqualTo("otto (operator)");
        assertThat(browser.text(By.id("overall-status"))).isNotBlank();
        assertThat(browser.text(By.id("degradation-level"))).matches("level [0-4] · [a-z_]+.*");
        browser.waiting().until(d -> driver.findElement(By.id("live")).getText().equals("live"));
        // And the token is in this tab's session storage, never in the URL
        assertThat(driver.getCurrentUrl()).doesNotContain(operatorToken);
        assertThat(browser.js("return sessionStorage.getItem('selfheal.token')")).isEqualTo(operatorToken);
        browser.screenshot("overview-1280x800");
    }

    @Test
    @Order(2)
    void aComponentTurnsUnhealthyAfterAFaultAndRecoversLiveWithoutAReload() {
        browser.go("#/overview");
        browser.waiting().until(d -> browser.statusBadge("payments-api").equals("HEALTHY"));
        browser.js("window.__sameDocument = 'yes'");

        // When the payments API starts answering 500
        payments.answer(500);

        // Then the overview shows it UNHEALTHY, pushed by the event stream, with no reload
        browser.waiting().until(d -> browser.statusBadge("payments-api").equals("UNHEALTHY"));
        assertThat(browser.js("return window.__sameDocument")).isEqualTo("yes");
        browser.screenshot("overview-unhealthy-1280x800");

        // When it answers 200 again, it recovers, live
        payments.answer(200);
        browser.waiting().until(d -> browser.statusBadge("payments-api").equals("HEALTHY"));
        assertThat(browser.js("return window.__sameDocument")).isEqualTo("yes");

        // And its page shows its state over time (the outage a red segment, healthy again at the end),
        // charts each check's latency and lists the results, including the failures
        browser.click(By.linkText("payments-api"));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#component-states .seg[data-status=UNHEALTHY]")));
        browser.waiting().until(d -> "HEALTHY".equals(d.findElements(By.cssSelector("#component-states .seg")).getLast()
                .getDomAttribute("data-status")));
        // (a component's page is none of the navigation's views: nothing there is highlighted)
        assertThat(driver.findElements(By.cssSelector("#nav a.active"))).isEmpty();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#latency-chart .uplot canvas")));
        browser.waiting().until(d -> driver.findElements(By.cssSelector(".check-message")).stream().anyMatch(e -> e.getText().contains("HTTP 500")));
        assertThat(driver.findElements(By.xpath("//td//span[contains(@class,'badge') and text()='UNHEALTHY']"))).isNotEmpty();
        // And, under the latency chart, the anomaly scores over each metric measured for it (here: the JVM's)
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#anomalies .anomaly-series[data-kind=memory] .anomaly-chart .uplot canvas")));
        assertThat(browser.text(By.cssSelector("#anomalies [data-kind=memory] h3"))).matches("memory score \\d\\.\\d\\d, confidence \\d\\.\\d\\d");
        Number statusTop = (Number) browser.js("return document.getElementById('latency-chart').getBoundingClientRect().top");
        Number anomaliesTop = (Number) browser.js("return document.getElementById('anomalies').getBoundingClientRect().top");
        assertThat(anomaliesTop.doubleValue()).as("below the latency chart").isGreaterThan(statusTop.doubleValue());
        browser.screenshot("component-1280x800");
    }

    @Test
    @Order(3)
    void anIncidentsTimelineShowsAndAWaitingHighRiskActionIsApprovedWithOneClick() {
        // Given the worker killed: restart_service is high risk and waits for approval
        browser.go("#/overview");
        ProcessHandle first = worker();
        assertThat(first.destroyForcibly()).isTrue();
        String id = await().atMost(PATIENCE).until(this::incidentAwaitingApproval, Objects::nonNull);

        // When otto opens it from the overview
        browser.click(By.linkText(id));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("approve")));

        // Then the timeline tells the story so far: the signal, the plan, the decision to wait
        List<String> kinds = timelineKinds();
        assertThat(kinds).contains("SIGNAL", "PLAN", "DECISION");
        assertThat(browser.text(By.id("timeline"))).contains("restart_service");
        browser.screenshot("incident-awaiting-approval-1280x800");

        // When he clicks Approve, once
        browser.click(By.id("approve"));

        // Then the step runs, the worker is back with a new pid, and the page shows it resolved, live
        browser.waiting().until(d -> driver.findElement(By.id("incident-state")).getText().equals("RESOLVED"));
        assertThat(timelineKinds()).contains("APPROVAL", "STEP_ENDED", "VERIFICATION");
        assertThat(worker().pid()).isNotEqualTo(first.pid());
        JsonNode incident = api.get("/api/incidents/" + id).json();
        List<String> approvals = new ArrayList<>();
        incident.get("timeline").forEach(e -> {
            if (e.get("kind").asText().equals("APPROVAL")) {
                approvals.add(e.toString());
            }
        });
        assertThat(approvals).singleElement().asString().contains("otto");
        browser.screenshot("incident-resolved-1280x800");
        browser.viewport(390, 844, true);
        try {
            browser.screenshot("incident-390x844");
            browser.assertNoSidewaysScroll();
        } finally {
            browser.viewport(1280, 800, false);
        }
    }

    @Test
    @Order(4)
    void anOperatorPinsAndUnpinsTheDegradationLevel() {
        browser.go("#/degradation");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("pin-level")));

        // When otto pins level 3 (the select found afresh if a live refresh replaced it)
        browser.waiting().until(d -> {
            new Select(d.findElement(By.id("pin-level"))).selectByValue("3");
            return true;
        });
        browser.type(By.id("pin-reason"), "database migration");
        browser.click(By.id("pin"));

        // Then the page and the API show it pinned, with read-only features off
        browser.waiting().until(d -> driver.findElement(By.id("pin-state")).getText().equals("Pinned at level 3 until unpinned."));
        assertThat(browser.text(By.id("level-label"))).isEqualTo("read_only");
        String writes = browser.waiting().until(d -> d.findElement(By.cssSelector("[data-feature=write_operations]")).getDomAttribute("class"));
        assertThat(writes).isEqualTo("off");
        JsonNode degradation = api.get("/api/degradation").json();
        assertThat(degradation.get("pinned_level").asInt()).isEqualTo(3);
        browser.screenshot("degradation-pinned-1280x800");

        // When he unpins, it follows the score again
        browser.click(By.id("unpin"));
        browser.waiting().until(d -> driver.findElement(By.id("pin-state")).getText().startsWith("Following the score"));
        assertThat(api.get("/api/degradation").json().get("pinned").asBoolean()).isFalse();
        // And the audit log names him
        assertThat(api.get("/api/audit").body()).contains("\"by\":\"otto\"", "\"path\":\"/api/degradation\"");
    }

    @Test
    @Order(5)
    void markupInACheckMessageIsShownAsTextAndNeverRuns() {
        browser.go("#/overview");
        // Then the message with <script> and <img onerror> is visible as text
        browser.waiting().until(d -> driver.findElements(By.cssSelector(".message")).stream().anyMatch(e -> e.getText().contains(XSS)));
        // And nothing of it became markup or ran
        assertThat(browser.js("return document.querySelectorAll('img[src=\"x\"], #view script').length")).isEqualTo(0L);
        assertThat(browser.js("return typeof window.__xss")).isEqualTo("undefined");

        // Also on the component's page
        browser.go("#/component/nightly-report");
        browser.waiting().until(d -> driver.findElements(By.cssSelector(".check-message")).stream().anyMatch(e -> e.getText().contains(XSS)));
        assertThat(browser.js("return document.querySelectorAll('img[src=\"x\"], #view script').length")).isEqualTo(0L);
        assertThat(browser.js("return typeof window.__xss")).isEqualTo("undefined");
    }

    @Test
    @Order(6)
    void onAPhonesWidthTheOverviewFitsWithoutSidewaysScrolling() {
        browser.go("#/overview");
        browser.viewport(390, 844, true);
        try {
            browser.waiting().until(d -> !browser.statusBadge("payments-api").isEmpty());
            browser.assertNoSidewaysScroll();
            browser.screenshot("overview-390x844");
            browser.go("#/recovery");
            browser.waiting().until(d -> driver.findElement(By.id("view")).getText().contains("restart_service"));
            browser.screenshot("recovery-390x844");
        } finally {
            browser.viewport(1280, 800, false);
        }
    }

    @Test
    @Order(7)
    void theRecoveryCatalogAndTheAlertsViewAreThere() {
        browser.go("#/recovery");
        browser.waiting().until(d -> driver.findElement(By.id("view")).getText().contains("restart_service"));
        assertThat(browser.text(By.id("view"))).contains("process_down", "needed");
        browser.screenshot("recovery-1280x800");
        browser.go("#/alerts");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("alert-filters")));
    }

    @Test
    @Order(8)
    void aWrongTokenIsRefusedAndAViewerSeesEverythingButCannotAct() {
        // Given otto signs out
        browser.click(By.id("sign-out"));
        WebElement token = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        assertThat(browser.js("return sessionStorage.getItem('selfheal.token')")).isNull();

        // When someone tries a token that is not configured
        token.sendKeys("not-a-real-token");
        driver.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        browser.waiting().until(d -> driver.findElement(By.id("sign-in-error")).getText().contains("not accepted"));

        // When vera (viewer) signs in
        driver.findElement(By.id("token")).sendKeys(viewerToken);
        driver.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        browser.waiting().until(d -> driver.findElement(By.id("who")).getText().equals("vera (viewer)"));

        // Then she sees the degradation view without the pin controls, and no audit link
        browser.go("#/degradation");
        browser.waiting().until(d -> driver.findElement(By.id("view")).getText().contains("Pinning needs an operator or admin token."));
        assertThat(driver.findElements(By.id("pin"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector("#nav [data-view=audit]")).isDisplayed()).isFalse();
    }

    @Test
    @Order(9)
    void nothingWentWrongInThePageAndNoTokenReachedTheLog() {
        browser.assertNothingWentWrongInThePage();
        assertThat(log.text()).doesNotContain(operatorToken, adminToken, viewerToken);
    }

    /** Read in one script: a live refresh may replace the entries between two WebDriver calls (a stale element). */
    @SuppressWarnings("unchecked")
    private List<String> timelineKinds() {
        Object kinds = browser.js("return Array.from(document.querySelectorAll('#timeline > li')).map(li => li.getAttribute('data-kind'));");
        return List.copyOf((List<String>) kinds);
    }

    private String incidentAwaitingApproval() {
        for (JsonNode incident : api.get("/api/incidents").json().get("incidents")) {
            if (incident.get("component").asText().equals("worker") && incident.get("awaiting_approval").asBoolean()) {
                return incident.get("id").asText();
            }
        }
        return null;
    }

    private ProcessHandle worker() {
        List<ProcessHandle> found = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            found.clear();
            found.addAll(ChildProcesses.find(ProcessHandle.current(), "sleep", "623"));
            return found.size() == 1;
        });
        return found.getFirst();
    }
}
