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
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The learning, pattern and prediction views in a real headless Chromium against the real daemon:
 * a command check whose queue really gets stuck twice and a custom command action that really
 * unsticks it (two recovery records to learn from), and a directory that a writer fills towards
 * its quota (a forecast that warns). The learning view counts what worked ("2 of 2 verified") and
 * names the estimate the planner ranks by; the second incident shows what fixed the similar first
 * one; the predictions view says when the directory runs out; the patterns view shows what the
 * daemon's pattern analysis found, or says it is not enabled. Markup in a check's message stays
 * text. Screenshots go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleLearningBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String XSS = "<script>window.__xss=1</script><img src=x onerror=window.__xss=2>";
    private static final long QUOTA = 4_000_000;

    @TempDir
    static Path dir;

    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
    private Path stuck;
    private Path spool;
    private Daemon daemon;
    private ApiClient api;
    private Browser browser;
    private ChromeDriver driver;

    @BeforeAll
    void start() throws IOException {
        browser = Browser.start(); // skips (or fails on CI) before anything else starts
        driver = browser.driver();
        stuck = dir.resolve("queue-stuck");
        spool = Files.createDirectories(dir.resolve("spool"));
        Path check = dir.resolve("queue-check.sh");
        Files.writeString(check, """
                #!/bin/sh
                if [ -e '%s' ]; then echo 'queue stuck: %s'; exit 2; fi
                echo 'queue moving %s'
                """.formatted(stuck, XSS, XSS));
        assertThat(check.toFile().setExecutable(true)).isTrue();
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                checks:
                  - { name: queue, type: command, group: jobs, command: ["%s"], interval: 300ms, failure-threshold: 1, success-threshold: 1 }
                performance:
                  interval: 1s
                  jvm: false
                  prediction: { interval: 200ms, horizon: 60s, min-readings: 10 }
                  resources:
                    - { component: spool-writer, kind: directory, path: "%s", limit-bytes: %d }
                healing:
                  interval: 500ms
                  verification: { window: 30s, poll: 200ms }
                  degradation: { host-resources: false }
                  problems: { components: { queue: queue_stuck } }
                  mapping: { queue_stuck: [unstick_queue] }
                  actions: { unstick_queue: { cooldown: 0s } }
                  custom-actions:
                    - { name: unstick_queue, type: command, command: [rm, -f, "%s"], timeout: 10s }
                """.formatted(dir, check, spool, QUOTA, stuck)), "learning.yaml");
        daemon = Daemon.start(config, new CheckFactory());
        api = new ApiClient(daemon.baseUri());
        await().atMost(PATIENCE).until(() -> api.statusOf("queue").equals("HEALTHY"));
    }

    @AfterAll
    void stop() {
        writer.shutdownNow();
        if (browser != null) {
            browser.close();
        }
        if (daemon != null) {
            daemon.stop();
        }
    }

    @Test
    @Order(1)
    void theLearningViewCountsWhatWorkedAndNamesTheEstimateThePlannerRanksBy() throws IOException {
        // Given the queue stuck twice, each time unstuck by selfheal's custom action and verified
        for (int n = 1; n <= 2; n++) {
            int records = n;
            Files.writeString(stuck, "stuck");
            await().atMost(PATIENCE).until(() -> learningRecords().size() >= records);
            await().atMost(PATIENCE).until(() -> api.statusOf("queue").equals("HEALTHY"));
        }

        // When the learning view is opened
        browser.openConsole(daemon.baseUri(), Optional.empty(), "no tokens configured (loopback only)");
        browser.go("#/learning");
        By tries = By.cssSelector("#effectiveness .tries[data-action=unstick_queue]");
        browser.waiting().until(d -> !d.findElements(tries).isEmpty());

        // Then what worked is counted as the last tries were, and the planner's estimate is named with its bounds
        assertThat(browser.text(tries)).isEqualTo("2 of 2 verified");
        String row = rowText("//div[@id='effectiveness']//tr[.//span[@data-action='unstick_queue']]");
        assertThat(row).contains("queue_stuck", "unstick_queue").containsPattern("\\d+ % \\(\\d+ %–\\d+ %\\)")
                .containsPattern("median \\d+(\\.\\d)? (ms|s)");
        // And each recovery record says what fixed what, how long it took, with the check's markup as text
        browser.waiting().until(d -> d.findElements(By.cssSelector("#records .record-outcome")).size() == 2);
        String records = browser.text(By.id("records"));
        assertThat(records).contains("fixed by unstick queue", "queue stuck", "unstick queue succeeded in").contains(XSS)
                .doesNotContainPattern("\\bPT\\d");
        assertThat(browser.js("return typeof window.__xss")).isEqualTo("undefined");
        // And the navigation highlights this view only
        assertThat(browser.attributes(By.cssSelector("#nav a.active"), "data-view"))
                .containsExactly("learning");
        browser.assertNothingWentWrongInThePage();
        browser.screenshot("learning-1280x800");
        browser.viewport(390, 844, true);
        try {
            browser.screenshot("learning-390x844");
            browser.assertNoSidewaysScroll();
        } finally {
            browser.viewport(1280, 800, false);
        }
    }

    @Test
    @Order(2)
    void theSecondIncidentShowsWhatFixedTheSimilarFirstOne() {
        // Given the newest record, the second time the queue got stuck
        String second = learningRecords().get(0).get("incident_id").asText();

        // When its incident page is opened
        browser.go("#/incident/" + second);
        By fixed = By.cssSelector("#recommendations .fixed[data-action=unstick_queue]");
        browser.waiting().until(d -> !d.findElements(fixed).isEmpty());

        // Then the first incident's fix is recommended, counted over the similar incidents, with a link to it
        assertThat(browser.text(fixed)).matches("1 of the 1 most similar");
        String first = learningRecords().get(1).get("incident_id").asText();
        assertThat(browser.texts(By.cssSelector("#recommendations a"))).contains(first);
        browser.assertNothingWentWrongInThePage();
        browser.screenshot("incident-recommendations-1280x800");
    }

    @Test
    @Order(3)
    void thePredictionsViewSaysWhenAFillingDirectoryRunsOutAndThatItWarns() {
        // Given a writer adding 20 kB every 100 ms to a directory with a 4 MB quota (full in about 20 s)
        AtomicInteger parts = new AtomicInteger();
        writer.scheduleAtFixedRate(() -> {
            try {
                Files.write(spool.resolve("part-" + parts.incrementAndGet()), new byte[20_000]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        await().atMost(PATIENCE).until(() -> api.get("/api/predictions").json().path("forecasts").path(0).path("warning").asBoolean());

        // When the predictions view is opened
        browser.go("#/predictions");
        String resource = "dir:" + spool;
        By status = By.cssSelector(".forecast-status[data-resource='" + resource + "']");
        browser.waiting().until(d -> d.findElement(status).getText().equals("warning"));

        // Then it says how full the directory is, when it runs out (with the band) and how sure it is
        String row = rowText("//section[@id='forecasts']//tr[.//span[@data-resource='" + resource + "']]");
        assertThat(row).contains("spool-writer", resource, "of 4.0 MB").containsPattern("\\d+ % \\(")
                .containsPattern("(in \\d+(\\.\\d)? (s|min)|just now|ago)").containsPattern("0\\.\\d\\d|1\\.00");
        assertThat(browser.text(By.id("predictions-summary"))).startsWith("1 resource forecast, 1 warns")
                .contains("within 1 min");
        assertThat(browser.attributes(By.cssSelector("#nav a.active"), "data-view"))
                .containsExactly("predictions");
        browser.assertNothingWentWrongInThePage();
        browser.screenshot("predictions-1280x800");

        // And the overview's summary says what may run out, with a link to the forecasts
        browser.go("#/overview");
        // (read in one look: the overview re-renders while it refreshes, which makes an element found earlier stale)
        browser.waiting().until(d -> {
            WebElement ahead = d.findElement(By.id("forecasts-ahead"));
            return ahead.getText().equals(resource + " of spool-writer may run out within 1 min")
                    && "#/predictions".equals(ahead.getDomAttribute("href"));
        });
        writer.shutdownNow();
    }

    @Test
    @Order(4)
    void thePatternsViewShowsWhatPatternAnalysisFoundOrSaysItIsNotEnabled() {
        // When the patterns view is opened
        browser.go("#/patterns");
        browser.waiting().until(d -> !d.findElements(By.id("patterns-off")).isEmpty() || !d.findElements(By.id("temporal")).isEmpty());

        // Then it reads as the daemon's API says: pattern analysis off, or its findings in every section
        ApiClient.Response answer = api.get("/api/patterns");
        boolean missing = answer.status() == 404;
        if (missing || !answer.json().path("enabled").asBoolean()) {
            assertThat(browser.text(By.id("patterns-off"))).startsWith("Pattern analysis is not enabled: ");
        } else {
            for (String section : List.of("temporal", "suggestions", "edges", "correlations", "cascades")) {
                assertThat(driver.findElements(By.id(section))).as(section).hasSize(1);
            }
            assertThat(browser.text(By.id("patterns-summary"))).matches("\\d+ failures recorded.*");
        }
        assertThat(browser.attributes(By.cssSelector("#nav a.active"), "data-view"))
                .containsExactly("patterns");
        // (a daemon without the endpoint answers 404, which the browser logs as a failed load)
        browser.assertNothingWentWrongInThePage(missing ? new String[] {".*/api/patterns - Failed to load resource: .* 404 .*"} : new String[0]);
        browser.screenshot("patterns-1280x800");
    }

    private List<JsonNode> learningRecords() {
        JsonNode records = api.get("/api/learning/records").json().get("records");
        List<JsonNode> out = new java.util.ArrayList<>();
        records.forEach(out::add);
        return out;
    }

    /** A table row's text, read again when a live re-render replaces the row under us. */
    private String rowText(String xpath) {
        return browser.waiting().ignoring(StaleElementReferenceException.class).until(d -> d.findElement(By.xpath(xpath)).getText());
    }
}
