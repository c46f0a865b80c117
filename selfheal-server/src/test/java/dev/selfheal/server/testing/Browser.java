package dev.selfheal.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.net.URI;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromedriver}), driven by
 * Selenium with the driver path given, so Selenium Manager never looks for or downloads
 * anything. Missing browser: the test is skipped with the reason, unless {@code CI=true}, where
 * it fails (CI installs both). Screenshots go to {@code <module>/target/screenshots/}.
 *
 * <p>Also the console's own moves every browser test makes (sign in, open a view, click, read,
 * run a script), each patient with a live page: the console re-renders a view when an event says
 * its data changed, so an element found a moment ago may be gone, and a wait looks again rather
 * than failing on a stale element. Shared by the server's console tests and the demo's.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** How long a wait lasts by default: generous, the test machine is shared and loaded. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final Path userData;
    private final Duration patience;

    private Browser(ChromeDriver driver, Path userData, Duration patience) {
        this.driver = driver;
        this.userData = userData;
        this.patience = patience;
    }

    /** Starts Chromium, or skips (fails on CI) when it is not installed. */
    public static Browser start() {
        return start(PATIENCE);
    }

    /** Starts Chromium whose waits last up to {@code patience}. */
    public static Browser start(Duration patience) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "the console browser tests need Debian's chromium and chromium-driver (%s, %s): "
                    .formatted(CHROMIUM, CHROMEDRIVER) + "apt-get install -y chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but " + why);
            }
            Assumptions.abort(why);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path userData;
        try {
            userData = Files.createTempDirectory("selfheal-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + userData, "--window-size=1280,800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
        Browser browser = new Browser(driver, userData, patience);
        browser.viewport(1280, 800, false);
        return browser;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** The page's viewport in CSS pixels, as a phone ({@code mobile}) or a desktop. */
    public void viewport(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** Saves a PNG of the viewport as target/screenshots/{name}.png and returns its path. */
    public Path screenshot(String name) {
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A wait that polls every 100 ms and looks again when an element went stale under a re-render. */
    public WebDriverWait waiting() {
        return waiting(patience);
    }

    public WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Clicks the element once it is shown and enabled, finding it again if a re-render replaced it meanwhile. */
    public void click(By by) {
        waiting().until(d -> {
            WebElement element = d.findElement(by);
            if (!element.isDisplayed() || !element.isEnabled()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    /**
     * Replaces the field's value with {@code text}, starting again on a fresh element if a live
     * re-render replaced the field meanwhile (once the field has focus the console holds its
     * refreshes, so this settles at once).
     */
    public void type(By by, String text) {
        waiting().until(d -> {
            WebElement field = d.findElement(by);
            if (!field.isDisplayed() || !field.isEnabled()) {
                return false;
            }
            field.clear();
            field.sendKeys(text);
            return text.equals(field.getDomProperty("value"));
        });
    }

    /** The element's visible text, read in one step so a re-render cannot make it stale. */
    public String text(By by) {
        return waiting().until(d -> d.findElement(by).getText());
    }

    /** The visible text of every element found, read in one step so a re-render cannot make one stale. */
    public List<String> texts(By by) {
        return waiting().until(d -> d.findElements(by).stream().map(WebElement::getText).toList());
    }

    /** An attribute of every element found, read in one step so a re-render cannot make one stale. */
    public List<String> attributes(By by, String name) {
        return waiting().until(d -> d.findElements(by).stream().map(e -> e.getDomAttribute(name)).toList());
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Opens a console view ({@code #/alerts}) in the same document and waits until it is rendered. */
    public void go(String hash) {
        js("location.hash = arguments[0]", hash);
        waiting().until(d -> hash.equals(js("return location.hash")) && js("return document.getElementById('view').dataset.view") != null);
    }

    /**
     * Opens the console at {@code base} and signs in with {@code token} (none: a daemon without
     * tokens needs no sign-in); returns once the console shows {@code who} and its event stream is live.
     */
    public void openConsole(URI base, java.util.Optional<String> token, String who) {
        driver.get(base + "/");
        token.ifPresent(t -> {
            WebElement field = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
            field.sendKeys(t);
            driver.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        });
        waiting().until(d -> d.findElement(By.id("who")).getText().equals(who));
        waiting().until(d -> d.findElement(By.id("live")).getText().equals("live"));
    }

    /** The status badge of a component on the overview ({@code HEALTHY}, ...), or "" when it is not shown. */
    public String statusBadge(String component) {
        return String.valueOf(js("const b = document.querySelector(`.component-status[data-component='${arguments[0]}'] .badge`);"
                + " return b ? b.textContent : ''", component));
    }

    public void assertNoSidewaysScroll() {
        Number scroll = (Number) js("return document.documentElement.scrollWidth");
        Number width = (Number) js("return window.innerWidth");
        assertThat(scroll.intValue()).as("page width at %s px", width).isLessThanOrEqualTo(width.intValue());
    }

    /**
     * No error in the page's console but the expected 401s before signing in and those matching
     * {@code expected} (regular expressions over the whole message), and no CSP violation.
     */
    public void assertNothingWentWrongInThePage(String... expected) {
        List<String> console = consoleMessages();
        assertThat(console).as("browser console").noneMatch(m -> m.contains("SEVERE")
                && !m.matches(".*/api/whoami - Failed to load resource: .* 401 .*")
                && !m.matches(".*/api/events - Failed to load resource: .* 401 .*")
                && java.util.Arrays.stream(expected).noneMatch(m::matches));
        assertThat(console).noneMatch(m -> m.contains("Content Security Policy"));
    }

    /** The browser console's messages since the last call. */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::toString).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(userData)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp dir left behind is not worth failing a test for
            }
        }
    }
}
