package dev.selfheal.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.learning.LearnedLimit;
import dev.selfheal.metrics.MetricKind;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.Browser;
import dev.selfheal.store.jdbc.Database;
import dev.selfheal.store.jdbc.JdbcLearnedLimitStore;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * The learning view's "Learned limits" table in a real headless Chromium against the real daemon,
 * started on a store that already holds limits learned before (as after a restart): each limit
 * in force is shown in its metric's unit, held within today's floor and cap (a stored limit above
 * today's cap is shown at the cap), with what it was learned from and marked as kept from before
 * the restart; a stored limit of a metric that no longer adapts is not shown; a component name
 * with markup stays text. Screenshots go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleLearnedLimitsBrowserTest {

    private static final String XSS = "<img src=x onerror=window.__xss=1>";

    @TempDir
    static Path dir;

    private Daemon daemon;
    private Browser browser;

    @BeforeAll
    void start() {
        browser = Browser.start(); // skips (or fails on CI) before anything else starts
        // Given a store holding limits learned before the daemon (re)starts
        String url = "jdbc:sqlite:" + dir.resolve("selfheal.db");
        Instant learned = Instant.now().minus(2, ChronoUnit.HOURS);
        try (Database database = Database.open(url, null, null)) {
            JdbcLearnedLimitStore store = new JdbcLearnedLimitStore(database);
            store.save(new LearnedLimit("api", MetricKind.RESPONSE_TIME_P95, 123.75, 412, learned));
            store.save(new LearnedLimit("api", MetricKind.ERROR_RATE, 0.5, 380, learned));
            store.save(new LearnedLimit("api", MetricKind.CONCURRENT_REQUESTS, 40, 390, learned));
            store.save(new LearnedLimit(XSS, MetricKind.RESPONSE_TIME_P95, 20, 500, learned));
        }
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "%s" }
                checks: []
                healing:
                  learning:
                    adaptive-limits:
                      metrics:
                        response-time-p95: { floor: 50, cap: 2000 }
                        error-rate: { floor: 0.005, cap: 0.2 }
                """.formatted(url)), "limits.yaml");
        daemon = Daemon.start(config, new CheckFactory());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (daemon != null) {
            daemon.stop();
        }
    }

    @Test
    void theLearnedLimitsTableShowsEachLimitInForceInItsUnitWithinFloorAndCapAndKeptFromBeforeTheRestart() {
        // When the learning view is opened
        browser.openConsole(daemon.baseUri(), Optional.empty(), "no tokens configured (loopback only)");
        browser.go("#/learning");
        By limits = By.cssSelector("#learned-limits .learned-limit");
        browser.waiting().until(d -> d.findElements(limits).size() == 3);

        // Then each limit in force is shown in its metric's unit, by component then metric
        List<String> shown = browser.waiting().ignoring(StaleElementReferenceException.class).until(d -> d.findElements(limits)
                .stream().map(e -> e.getDomAttribute("data-component") + " " + e.getDomAttribute("data-metric") + " " + e.getText())
                .toList());
        assertThat(shown).containsExactly(
                XSS + " response-time-p95 50 ms",        // stored 20 ms: below today's floor, held at it
                "api error-rate 20 %",                    // stored 50 %: above today's cap, held at it
                "api response-time-p95 124 ms");
        // And each row says the bounds it is held within, what it was learned from, and that it was kept from before the restart
        String p95 = rowText("//section[@id='learned-limits']//tr[.//strong[@data-component='api' and @data-metric='response-time-p95']]");
        assertThat(p95).contains("api", "response-time-p95", "124 ms", "50 ms – 2000 ms", "412 normal readings",
                "kept from before the restart");
        String errors = rowText("//section[@id='learned-limits']//tr[.//strong[@data-metric='error-rate']]");
        assertThat(errors).contains("0.5 % – 20 %", "380 normal readings");
        // And a stored limit of a metric that no longer adapts (concurrent requests) is not in force, so not shown
        assertThat(browser.text(By.id("learned-limits"))).doesNotContain("concurrent-requests", "390 normal readings");
        // And the component name links to the component and stays text
        // (found and read in one look, again if a live re-render replaces the table under us)
        List<String> links = browser.waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            List<String> texts = d.findElements(By.cssSelector("#learned-limits a")).stream().map(WebElement::getText).toList();
            return texts.contains(XSS) ? texts : null;
        });
        assertThat(links).contains("api", XSS);
        assertThat(browser.js("return typeof window.__xss")).isEqualTo("undefined");
        browser.assertNothingWentWrongInThePage(".*/api/learning/(effectiveness|records).* - Failed to load resource: .* 404 .*");
        browser.screenshot("learned-limits-1280x800");
    }

    /** A table row's text, read again when a live re-render replaces the row under us. */
    private String rowText(String xpath) {
        return browser.waiting().ignoring(StaleElementReferenceException.class).until(d -> d.findElement(By.xpath(xpath)).getText());
    }
}
