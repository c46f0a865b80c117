package dev.selfheal.demo.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.demo.cli.DemoOptions;
import dev.selfheal.demo.cli.DemoRun;
import dev.selfheal.demo.orchestrator.SimulatorAdmin;
import dev.selfheal.demo.sim.Api;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.server.testing.Browser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console on the real demo, as an operator sees a fault: the daemon with the four simulators
 * as child processes (restarts need approval: {@code --approve-restarts}) and the orchestrator
 * sending events through them, a real headless Chromium on the console. The Slack simulator is
 * crashed through its admin API; the console shows Slack unhealthy, live; the operator
 * acknowledges its alert and approves the waiting restart; Slack comes back healthy and the
 * incident is resolved. Screenshots of each step go to {@code selfheal-demo/target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoConsoleBrowserTest {

    /** Four simulator JVMs and a browser on a shared, loaded machine: be patient. */
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final String SLACK = Api.SLACK.cliName();

    @TempDir
    static Path data;

    private final StringWriter printed = new StringWriter();
    private Browser browser;
    private DemoRun run;
    private ApiClient api;

    @BeforeAll
    void startTheDemo() throws Exception {
        browser = Browser.start(PATIENCE); // skips (or fails on CI) before anything else starts
        DemoOptions options = new DemoOptions(0, 0, data, Optional.empty(), 2, false, 5, Duration.ofSeconds(30), true);
        run = new DemoRun(options, Map.of(), new PrintWriter(printed, true)).start();
        api = new ApiClient(run.daemon().baseUri());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (run != null) {
            run.close();
        }
    }

    @Test
    void aCrashedSimulatorTurnsUnhealthyItsAlertIsAcknowledgedItsRestartApprovedAndItRecovers() throws Exception {
        // Given the console open on the demo (no tokens: the demo serves on loopback only), every integration healthy
        browser.openConsole(run.daemon().baseUri(), Optional.empty(), "no tokens configured (loopback only)");
        browser.waiting().until(d -> java.util.Arrays.stream(Api.values()).allMatch(a -> browser.statusBadge(a.cliName()).equals("HEALTHY")));
        assertThat(printed.toString()).contains("approval:   restarts wait for your approval");
        browser.js("window.__sameDocument = 'yes'");
        browser.screenshot("demo-1-overview-healthy");

        // When the Slack simulator crashes (its JVM halts), injected through its admin API
        SimulatorAdmin slack = run.simulators().get(Api.SLACK);
        assertThat(slack.inject("{\"mode\":\"crash\",\"exit_code\":3}")).isEqualTo(202);

        // Then the overview shows Slack unhealthy, pushed by the event stream, with no reload
        browser.waiting().until(d -> browser.statusBadge(SLACK).equals("UNHEALTHY"));
        assertThat(browser.js("return window.__sameDocument")).isEqualTo("yes");
        browser.screenshot("demo-2-overview-slack-unhealthy");
        // And the restart waits for a person
        String incident = await("an incident on slack waiting for approval").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(this::incidentAwaitingApproval, Objects::nonNull);
        assertThat(slack.isUp()).as("the simulator is down until someone approves its restart").isFalse();

        // When the operator acknowledges Slack's alert on the alerts page
        browser.go("#/alerts");
        String alert = browser.waiting().until(d -> {
            Object id = browser.js("const r = [...document.querySelectorAll('tr.alert-row')].find(r => r.dataset.component === arguments[0]);"
                    + " return r ? r.dataset.alert : null", SLACK);
            return id == null ? null : String.valueOf(id);
        });
        browser.screenshot("demo-3-alerts-slack");
        browser.click(By.cssSelector("button.ack[data-alert='" + alert + "']"));

        // Then it is acknowledged, on the page and in the API
        browser.waiting().until(d -> "acknowledged".equals(browser.js(
                "const b = document.querySelector(`.alert-status[data-alert='${arguments[0]}'] .badge`); return b ? b.textContent : ''", alert)));
        JsonNode acknowledged = api.get("/api/alerts/" + alert).json().path("alert");
        assertThat(acknowledged.path("status").asText()).isEqualTo("acknowledged");
        assertThat(acknowledged.path("incident_id").asText()).isEqualTo(incident);
        browser.screenshot("demo-4-alert-acknowledged");

        // When the operator opens the incident and approves the waiting restart, with one click
        browser.go("#/incident/" + incident);
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("approve")));
        assertThat(browser.text(By.id("timeline"))).contains("restart_service");
        browser.screenshot("demo-5-incident-awaiting-approval");
        browser.click(By.id("approve"));

        // Then selfheal restarts the simulator, verifies it, and resolves the incident, live
        browser.waiting().until(d -> d.findElement(By.id("incident-state")).getText().equals("RESOLVED"));
        assertThat(timelineKinds()).contains("APPROVAL", "STEP_ENDED", "VERIFICATION");
        assertThat(run.restarts()).isGreaterThanOrEqualTo(1);
        assertThat(slack.isUp()).isTrue();
        browser.screenshot("demo-6-incident-resolved");

        // And the overview shows Slack healthy again
        browser.go("#/overview");
        browser.waiting().until(d -> browser.statusBadge(SLACK).equals("HEALTHY"));
        browser.screenshot("demo-7-overview-recovered");
        // And someone arriving now reads what happened: the incident healed, with its time to recovery
        browser.waiting().until(d -> !d.findElements(By.cssSelector("#recent-incidents .outcome[data-outcome=healed]")).isEmpty());
        assertThat(browser.text(By.id("incidents-24h"))).contains("1 healed");
        // And the demo's own breakers, with their outboxes, are on the breakers card as a supervised service's
        for (String integration : java.util.List.of("codegen", "github", "linear", "slack")) {
            org.openqa.selenium.WebElement row = browser.driver().findElement(
                    By.xpath("//section[@id='breakers']//tr[.//span[@class='outbox' and @data-integration='" + integration + "']]"));
            assertThat(row.getText()).as(integration).contains("supervised service");
        }
        browser.assertNothingWentWrongInThePage();
    }

    private String incidentAwaitingApproval() {
        for (JsonNode i : api.get("/api/incidents").json().path("incidents")) {
            if (i.path("component").asText().equals(SLACK) && i.path("awaiting_approval").asBoolean()) {
                return i.path("id").asText();
            }
        }
        return null;
    }

    /** Read in one script: a live refresh may replace the entries between two WebDriver calls. */
    @SuppressWarnings("unchecked")
    private List<String> timelineKinds() {
        Object kinds = browser.js("return Array.from(document.querySelectorAll('#timeline > li')).map(li => li.getAttribute('data-kind'));");
        return new ArrayList<>((List<String>) kinds);
    }
}
