package io.kefu.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A {@link Chromium} for a browser test against the application on its random port: registered on
 * a static field it serves the whole class, on an instance field each test gets a fresh one (and
 * fresh cookies). Pages are addressed by path ({@link #url}); screenshots land in
 * {@code target/screenshots/}.
 */
final class BrowserSession implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final String windowSize;
    private WebDriver driver;
    private boolean perClass;
    private String base;

    /** @param windowSize as Chromium takes it, "1280,900" */
    BrowserSession(String windowSize) {
        this.windowSize = windowSize;
    }

    /**
     * Whether the browser tests run: when Debian's chromium and chromedriver are installed, and
     * always under {@code CI=true} (where .ci/run installs them), so that there they fail rather
     * than skip.
     */
    static boolean wanted() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Files.isExecutable(Chromium.DRIVER);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        driver = Chromium.start(Files.createTempDirectory("kefu-chromium-"), windowSize);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (driver == null) {
            driver = Chromium.start(Files.createTempDirectory("kefu-chromium-"), windowSize);
        }
        base = "http://127.0.0.1:" + SpringExtension.getApplicationContext(context).getEnvironment()
                .getRequiredProperty("local.server.port");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        context.getExecutionException().ifPresent(failure -> recordFailure(context));
        if (!perClass) {
            quit();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        quit();
    }

    private void quit() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    WebDriver driver() {
        return driver;
    }

    /**
     * A wait on {@code browser} that polls again when an element it looked up is replaced under it
     * (a form post or a live update re-rendering the page between the lookup and the read), rather
     * than failing on the stale reference.
     */
    static WebDriverWait waitOn(WebDriver browser, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** The application's address of a path ("/workspace?lang=en"). */
    String url(String path) {
        return base + path;
    }

    /** Fills in the sign-in form the browser is on and sends it. */
    void signIn(String user, String password) {
        waitOn(driver, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/login"));
        driver.findElement(By.name("username")).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
    }

    /** The console's Content-Security-Policy reports since the last call (reading empties the log). */
    List<String> policyViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy")).toList();
    }

    /**
     * What the browser showed when a test failed, for a CI log that has nothing else: a screenshot
     * {@code FAILED-<class>-<test>.png}, and the address, the visible text and the console printed.
     */
    private void recordFailure(ExtensionContext context) {
        if (driver == null) {
            return;
        }
        String name = "FAILED-" + context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName();
        try {
            screenshot(name);
            String text = driver.findElement(By.tagName("body")).getText();
            System.out.println("[browser] " + name + " at " + driver.getCurrentUrl() + "\n[browser] page text: "
                    + (text.length() > 4000 ? text.substring(0, 4000) + "..." : text));
            driver.manage().logs().get(LogType.BROWSER).getAll()
                    .forEach(entry -> System.out.println("[browser] console " + entry.getLevel() + ": " + entry.getMessage()));
        } catch (RuntimeException e) {
            System.out.println("[browser] " + name + ": could not record the page: " + e);
        }
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    void screenshot(String name) {
        Path target = Path.of("target", "screenshots");
        try {
            Files.createDirectories(target);
            Files.write(target.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
