package dev.selfheal.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.patterns.FailureEvent;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.server.testing.Browser;
import dev.selfheal.server.testing.FlippableHttpServer;
import dev.selfheal.store.jdbc.Database;
import dev.selfheal.store.jdbc.JdbcPatternStore;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * The patterns view in a real headless Chromium against the real daemon, whose store holds three
 * weeks of nightly failures (a backup failing around 02:00, a cache failing 40 s after it; the
 * cache's name carries markup) and whose configuration says the API depends on the database (two
 * HTTP servers on loopback). The view shows the recurring failure, the learned edge as a
 * suggestion, the configured edge, and, once both servers fail, the cascade with the database
 * ranked as its root. A daemon with pattern analysis off says so. Screenshots go to
 * {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePatternsBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String CACHE = "cache-<img src=x onerror=window.__xss=4>";

    @TempDir
    static Path dir;

    private final FlippableHttpServer db = new FlippableHttpServer();
    private final FlippableHttpServer api = new FlippableHttpServer();
    private Daemon daemon;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        browser = Browser.start(); // skips (or fails on CI) before anything else starts
        Path on = Files.createDirectories(dir.resolve("on"));
        seedThreeWeeksOfNightlyFailures(on);
        daemon = Daemon.start(new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                checks:
                  - { name: db, type: http, url: "%s", interval: 200ms, timeout: 1s, failure-threshold: 2, success-threshold: 1 }
                  - { name: api, type: http, url: "%s", interval: 200ms, timeout: 1s, failure-threshold: 2, success-threshold: 1 }
                alerting:
                  dependencies: { api: [db] }
                healing:
                  interval: 1s
                  degradation: { host-resources: false }
                  patterns: { cascade-window: 1m, hold: 10s }  # generous: on a loaded machine one check may run late
                """.formatted(on, db.uri(), api.uri())), "patterns.yaml"), new CheckFactory());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (daemon != null) {
            daemon.stop();
        }
        db.close();
        api.close();
    }

    @Test
    @Order(1)
    void theRecurringFailureTheLearnedAndTheConfiguredEdgesAreShownAndMarkupStaysText() {
        // When the patterns view is opened
        browser.openConsole(daemon.baseUri(), Optional.empty(), "no tokens configured (loopback only)");
        browser.go("#/patterns");
        browser.waiting().until(d -> !d.findElements(By.cssSelector("#temporal tr")).isEmpty());

        // Then the backup's nightly failure is a recurring pattern, said as people read it
        String backup = row("//div[@id='temporal']//tr[.//a[text()='backup']]");
        assertThat(backup).contains("most days 02:00–03:00 UTC", "of the last", "days (", "overall)", "recurring")
                .containsPattern("0\\.9\\d\\d|1\\.000");
        // And the cache following it is a suggested dependency, with the evidence
        String suggestion = row("//div[@id='suggestions']//tr[td[1][text()='backup']]");
        assertThat(suggestion).contains(CACHE, "fails within the lag after backup: 21 of 21 times");
        // And the configured dependency is in force
        assertThat(row("//div[@id='edges']//tr[td[1][text()='db']]")).contains("api", "configured");
        assertThat(browser.text(By.id("patterns-summary"))).matches("\\d+ failures recorded; report made .*");
        // And the markup in the cache's name is text: nothing ran, no image was made
        assertThat(browser.js("return typeof window.__xss")).isEqualTo("undefined");
        assertThat(browser.js("return document.querySelectorAll('#view img').length")).isEqualTo(0L);
        assertThat(browser.attributes(By.cssSelector("#nav a.active"), "data-view"))
                .containsExactly("patterns");
        browser.assertNothingWentWrongInThePage();
        browser.screenshot("patterns-found-1280x800");
        // And on a phone the tables scroll inside their cards, the page does not
        browser.viewport(390, 844, true);
        try {
            browser.assertNoSidewaysScroll();
            browser.screenshot("patterns-390x844");
        } finally {
            browser.viewport(1280, 800, false);
        }
    }

    @Test
    @Order(2)
    void aCascadeIsShownWithTheDatabaseRankedAsItsRoot() {
        // Given the database and the API under it going down together
        api.answer(503);
        db.answer(503);
        ApiClient client = new ApiClient(daemon.baseUri());
        await().atMost(PATIENCE).until(() -> client.get("/api/patterns").json().get("cascades").size() == 1);

        // When the patterns view shows it (it is fetched again on incident events)
        browser.go("#/patterns");
        browser.waiting(PATIENCE).until(d -> !d.findElements(By.cssSelector("#cascades ol.causes li")).isEmpty());

        // Then the cascade names both components and ranks the database first, with why
        String cascade = row("//div[@id='cascades']//tr[.//ol]");
        assertThat(cascade).contains("api, db");
        assertThat(browser.text(By.cssSelector("#cascades ol.causes li:first-child"))).startsWith("db explains api");
        browser.js("document.getElementById('cascades').scrollIntoView()");
        browser.screenshot("patterns-cascade-1280x800");
        api.answer(200);
        db.answer(200);
    }

    @Test
    @Order(3)
    void aDaemonWithPatternAnalysisOffSaysSo() throws Exception {
        // Given another daemon whose config turns pattern analysis off
        Daemon off = Daemon.start(new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                healing: { degradation: { host-resources: false }, patterns: { enabled: false } }
                """.formatted(Files.createDirectories(dir.resolve("off")))), "off.yaml"), new CheckFactory());
        try {
            // When its patterns view is opened
            browser.openConsole(off.baseUri(), Optional.empty(), "no tokens configured (loopback only)");
            browser.go("#/patterns");

            // Then it says that pattern analysis is off, and why
            assertThat(browser.text(By.id("patterns-off")))
                    .startsWith("Pattern analysis is not enabled: healing.patterns.enabled is false in its config.");
            browser.assertNothingWentWrongInThePage();
        } finally {
            off.stop();
        }
    }

    private static void seedThreeWeeksOfNightlyFailures(Path storeDir) {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        List<FailureEvent> events = new ArrayList<>();
        for (int day = 21; day >= 1; day--) {
            Instant night = today.minus(Duration.ofDays(day)).plus(Duration.ofHours(2).plusMinutes(day));
            events.add(new FailureEvent("backup", "process_down", night));
            events.add(new FailureEvent(CACHE, "process_down", night.plusSeconds(40)));
        }
        try (Database database = Database.open("jdbc:sqlite:" + storeDir.resolve("selfheal.db"))) {
            new JdbcPatternStore(database).append(events);
        }
    }

    /** A table row's text, read again when a live re-render replaces the row under us. */
    private String row(String xpath) {
        return browser.waiting().ignoring(StaleElementReferenceException.class).until(d -> d.findElement(By.xpath(xpath)).getText());
    }
}
