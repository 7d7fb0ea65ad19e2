package io.kefu.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One login for Kefu and the Camunda webapps, in real headless Chromium: a supervisor signs in on
 * Kefu's login page, opens Cockpit and sees its dashboard (no second login, no endless spinner);
 * an agent who opens Cockpit is refused.
 */
@EnabledIf("io.kefu.browser.AgentWorkspaceBrowserTest#browserWanted")
@H2Database("browser-webapps")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CamundaWebappSignOnBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        profile = Files.createTempDirectory("kefu-chromium-");
        browser = Chromium.start(profile, "1280,900");
    }

    @AfterEach
    void stopBrowser() {
        browser.quit();
    }

    private void user(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Test");
            user.setPassword("pw-" + id + "-2026");
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    private void signIn(String id) {
        browser.get(url("/camunda/app/cockpit/default/"));
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.name("username")).sendKeys(id);
        browser.findElement(By.name("password")).sendKeys("pw-" + id + "-2026");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
    }

    @Test
    void aSupervisorSignedInToKefuSeesCockpitWithoutASecondLogin() throws IOException {
        user("sup-browser", "supervisors");

        signIn("sup-browser");

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.urlContains("/camunda/app/cockpit/"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Processes"));
        assertThat(browser.findElements(By.cssSelector("input[name=username]"))).as("Cockpit's own login form").isEmpty();
        browser.get(url("/camunda/app/cockpit/default/#/processes"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Ticket lifecycle"));
        screenshot("cockpit-single-sign-on");
    }

    @Test
    void anAgentWhoOpensCockpitIsRefused() throws IOException {
        user("agent-browser", "agents");

        signIn("agent-browser");

        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getPageSource().contains("403")
                || d.getPageSource().toLowerCase().contains("forbidden") || d.getPageSource().contains("not allowed"));
        screenshot("cockpit-agent-refused");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void screenshot(String name) throws IOException {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
