package dev.selfheal.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.resilience.BreakerSettings;
import dev.selfheal.resilience.GuardConfig;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.resilience.retry.RetrySettings;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.server.testing.Browser;
import dev.selfheal.server.testing.ChildProcesses;
import dev.selfheal.server.testing.FlippableHttpServer;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The overview as someone arriving after the fact reads it, in a real headless Chromium against
 * the real daemon: a supervised {@code sleep} really killed and restarted by selfheal, an HTTP
 * server flipped to 500 and back. The overview must say what happened (each incident, its
 * outcome, its time to recovery), show each component's state over the last hour, why
 * degradation is still above 0 and when it steps down; the recovery view must count ("1 of 1
 * verified") and grey an action no one registered; no ISO duration reaches a page; a supervised
 * service's breakers are on the breakers card. Screenshots go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleOverviewBrowserTest {

    private static final Duration PATIENCE = Browser.PATIENCE;

    @TempDir
    static Path dir;

    private FlippableHttpServer payments;
    private Daemon daemon;
    private ApiClient api;
    private Browser browser;
    private ChromeDriver driver;
    private GuardRegistry orders;

    @BeforeAll
    void start() {
        browser = Browser.start(); // skips (or fails on CI) before anything else starts
        driver = browser.driver();
        payments = new FlippableHttpServer();
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                health:
                  groups: { payments: { policy: worst } }
                checks:
                  - { name: payments-api, type: http, group: payments, url: "%s", interval: 300ms, timeout: 2s, failure-threshold: 2, success-threshold: 1 }
                services:
                  - { name: worker, command: [sleep, "631"], stop-grace: 1s, check: { interval: 300ms, failure-threshold: 1 } }
                healing:
                  interval: 1s
                  verification: { window: 30s, poll: 200ms }
                  degradation: { hold-down: 10m, host-resources: false }
                  mapping: { process_down: [failover_database, restart_service] }
                """.formatted(dir, payments.uri())), "overview.yaml");
        daemon = Daemon.start(config, new CheckFactory());
        api = new ApiClient(daemon.baseUri());
        orders = GuardRegistry.builder().eventBus(daemon.events())
                .guard(GuardConfig.builder("orders").breaker(BreakerSettings.consecutiveFailures(2, Duration.ofMinutes(5)))
                        .retry(RetrySettings.none()).build())
                .build();
        daemon.guardWiring().showGuards(orders);
        await().atMost(PATIENCE).until(() -> api.statusOf("payments-api").equals("HEALTHY") && api.statusOf("worker").equals("HEALTHY"));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (orders != null) {
            orders.close();
        }
        if (daemon != null) {
            daemon.stop();
        }
        if (payments != null) {
            payments.close();
        }
    }

    @Test
    @Order(1)
    void someoneArrivingLaterSeesWhatHappenedHowItEndedAndHowLongItTook() {
        // Given the payments API failing long enough to raise the degradation level, then fine again
        payments.answer(500);
        await().atMost(PATIENCE).until(() -> api.get("/api/degradation").json().get("level").asInt() >= 1);
        payments.answer(200);
        // And the worker killed, which selfheal restarts and verifies
        ProcessHandle first = ChildProcesses.findOne(ProcessHandle.current(), "sleep", "631").orElseThrow();
        assertThat(first.destroyForcibly()).isTrue();
        await().atMost(PATIENCE).until(() -> digest().get("counts").get("healed").asInt() >= 1
                && api.statusOf("worker").equals("HEALTHY") && api.statusOf("payments-api").equals("HEALTHY"));

        // When someone opens the console afterwards
        browser.openConsole(daemon.baseUri(), Optional.empty(), "no tokens configured (loopback only)");
        browser.waiting().until(d -> !d.findElements(By.cssSelector("#recent-incidents .outcome[data-outcome=healed]")).isEmpty());

        // Then the summary counts the incidents of the last 24 h by outcome and gives the time to recovery
        assertThat(browser.text(By.id("incidents-24h"))).matches("\\d+ incidents?: .*1 healed.*");
        assertThat(browser.text(By.id("mttr"))).matches("(mean )?\\d+(\\.\\d)? (ms|s|min).*");
        // And what the healing loop is doing now, on which node
        assertThat(browser.text(By.id("loop-state"))).isEqualTo("watching: nothing to heal");
        assertThat(browser.text(By.id("loop-node"))).isEqualTo("single node");
        // And each incident says what selfheal did and how long recovery took
        String healed = browser.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> d.findElement(
                By.xpath("//section[@id='recent-incidents']//tr[.//span[@data-outcome='healed']]")).getText());
        assertThat(healed).contains("worker", "restart service succeeded", "healed by selfheal").doesNotContain("failover");
        assertThat(healed).matches("(?s).*\\d+(\\.\\d)? (ms|s|min)$");
        // And the state timeline shows the outage of each component within the last hour
        browser.waiting().until(d -> !d.findElements(
                By.cssSelector("#state-timeline .state-row[data-component=worker] .seg[data-status=UNHEALTHY]")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("#state-timeline .state-row[data-component=payments-api] .seg[data-status=UNHEALTHY]")))
                .isNotEmpty();
        // (the timeline is redrawn as it refreshes: read it again when an element goes stale under us)
        browser.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> "HEALTHY".equals(
                d.findElements(By.cssSelector("#state-timeline .state-row[data-component=worker] .seg")).getLast()
                        .getDomAttribute("data-status")));
        // And degradation says why it is still above 0 with everything healthy: hysteresis, and when it steps down
        assertThat(browser.text(By.id("degradation-why"))).matches("the score \\(0\\.00\\) asks for level 0 \\(full_service\\); held for 10 min"
                + " so it does not flap, it steps down to level \\d in \\d+ min.*");
        // And nothing on the page is an ISO duration, nor empty groups
        assertThat(browser.text(By.id("view"))).doesNotContainPattern("\\bPT\\d").doesNotContain("Groups with no components");
        browser.assertNothingWentWrongInThePage();
        browser.screenshot("overview-away-1280x800");
        browser.viewport(390, 844, true);
        try {
            browser.screenshot("overview-away-390x844");
            browser.assertNoSidewaysScroll();
        } finally {
            browser.viewport(1280, 800, false);
        }
    }

    @Test
    @Order(2)
    void theIncidentPageAndTheRecoveryViewSayFiguresAsPeopleReadThem() {
        // When the healed incident is opened from the overview
        browser.go("#/overview");
        browser.click(By.xpath("//section[@id='recent-incidents']//tr[.//span[@data-outcome='healed']]//a[text()='details']"));
        browser.waiting().until(d -> d.findElement(By.id("incident-state")).getText().equals("RESOLVED"));

        // Then its story has no ISO duration ("within PT30S" reads "within 30 s")
        assertThat(browser.text(By.id("timeline"))).contains("restart_service").doesNotContainPattern("\\bPT\\d").contains("within 30 s");
        browser.screenshot("incident-healed-1280x800");

        // When the recovery view is opened
        browser.go("#/recovery");
        browser.waiting().until(d -> !d.findElements(By.cssSelector(".effectiveness[data-problem=process_down]")).isEmpty());

        // Then what learning saw is counted, and the smoothed rate is named as such
        assertThat(browser.text(By.cssSelector(".effectiveness[data-problem=process_down]")))
                .matches("process_down: 1 of 1 verified · mean .* · ranked at 67 % \\(smoothed\\)");
        // And an action the mapping names but nobody registered is greyed with the reason
        assertThat(browser.texts(By.cssSelector("#mapping .action.unavailable")))
                .contains("failover_database (not available here)").doesNotContain("restart_service (not available here)");
        assertThat(browser.texts(By.cssSelector("#mapping .action.available"))).contains("restart_service");
        assertThat(browser.text(By.cssSelector("#unavailable-reasons li[data-action=failover_database]")))
                .isEqualTo("failover_database: registered only by an application that embeds selfheal with a FailoverDataSource; the daemon has none");
        assertThat(browser.text(By.cssSelector("#unavailable-reasons li[data-action=scale_resources]"))).contains("healing.scaler");
        // And the navigation highlights the view that is open, only it
        assertThat(browser.attributes(By.cssSelector("#nav a.active"), "data-view"))
                .containsExactly("recovery");
        browser.assertNothingWentWrongInThePage();
        browser.screenshot("recovery-figures-1280x800");

        // And the degradation view says the same why as the overview: held by hysteresis, and when it steps down
        browser.go("#/degradation");
        assertThat(browser.text(By.id("level-why"))).matches("the score \\(0\\.00\\) asks for level 0 \\(full_service\\); held for 10 min"
                + " so it does not flap, it steps down to level \\d in \\d+ min.*");
        browser.screenshot("degradation-held-1280x800");

        // And the alerts page, with no open alert, still says what happened meanwhile and where to read it
        browser.go("#/alerts");
        assertThat(browser.text(By.id("alerts-away"))).matches("Last 24 h: \\d+ incidents? \\(.*1 healed.*\\), each with its outcome on the"
                + " overview; their alerts, once over, under resolved\\.");
        assertThat(driver.findElement(By.cssSelector("#alerts-away a[href='#/overview']")).isDisplayed()).isTrue();
        browser.screenshot("alerts-away-1280x800");

        // And the incidents list says how long each lasted, as people read durations
        String healedId = java.util.stream.StreamSupport.stream(digest().get("incidents").spliterator(), false)
                .filter(i -> i.get("outcome").asText().equals("healed")).findFirst().orElseThrow().get("id").asText();
        browser.go("#/incidents");
        assertThat(browser.text(By.cssSelector("#incidents .lasted[data-incident='" + healedId + "']"))).matches("\\d+(\\.\\d)? (ms|s|min)( \\d+ s)?");
        assertThat(browser.text(By.id("incidents"))).doesNotContainPattern("\\bPT\\d");
    }

    @Test
    @Order(3)
    void aSupervisedServicesBreakersAndOutboxesAreOnTheBreakersCard() {
        // Given the orders guard of a supervised service, shown on the daemon, opened by failing calls
        for (int i = 0; i < 2; i++) {
            try {
                orders.guard("orders").call("create", () -> {
                    throw new java.io.IOException("connection refused");
                });
            } catch (RuntimeException expected) {
                // the guard's refusal: what the service sees
            }
        }
        // When the overview is opened
        browser.go("#/overview");
        browser.waiting().until(d -> !d.findElements(By.cssSelector("#breakers .breaker-state[data-integration=orders]")).isEmpty());

        // Then the orders breaker is there, open, marked as a supervised service's, with its outbox
        WebElement row = driver.findElement(By.xpath("//section[@id='breakers']//tr[.//span[@data-integration='orders']]"));
        assertThat(row.getText()).contains("orders", "supervised service", "OPEN");
        List<String> kinds = browser.texts(By.cssSelector("#breakers .kind-tag"));
        assertThat(kinds).contains("daemon", "notification", "supervised service");
        browser.screenshot("overview-breakers-service-1280x800");
    }

    private JsonNode digest() {
        return api.get("/api/incidents/digest").json();
    }
}
