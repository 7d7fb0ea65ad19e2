package io.kefu.browser;

import java.io.IOException;
import java.time.Duration;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One login for Kefu and the Camunda webapps, in real headless Chromium: a supervisor signs in on
 * Kefu's login page, opens Cockpit and sees its dashboard (no second login, no endless spinner);
 * an agent who opens Cockpit is refused.
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("browser-webapps")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CamundaWebappSignOnBrowserTest {

    @Autowired
    IdentityService identity;

    @RegisterExtension
    final BrowserSession chromium = new BrowserSession("1280,900");

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
        chromium.driver().get(chromium.url("/camunda/app/cockpit/default/"));
        chromium.signIn(id, "pw-" + id + "-2026");
    }

    @Test
    void aSupervisorSignedInToKefuSeesCockpitWithoutASecondLogin() throws IOException {
        WebDriver browser = chromium.driver();
        user("sup-browser", "supervisors");

        signIn("sup-browser");

        // Cockpit loads a few megabytes of scripts and plugins: on a loaded CI machine that takes a while.
        WebDriverWait wait = BrowserSession.waitOn(browser, Duration.ofSeconds(90));
        wait.until(ExpectedConditions.urlContains("/camunda/app/cockpit/"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Processes"));
        assertThat(browser.findElements(By.cssSelector("input[name=username]"))).as("Cockpit's own login form").isEmpty();
        browser.get(chromium.url("/camunda/app/cockpit/default/#/processes"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Ticket lifecycle"));
        chromium.screenshot("cockpit-single-sign-on");
    }

    @Test
    void anAgentWhoOpensCockpitIsRefused() throws IOException {
        WebDriver browser = chromium.driver();
        user("agent-browser", "agents");

        signIn("agent-browser");

        BrowserSession.waitOn(browser, Duration.ofSeconds(15)).until(d -> d.getPageSource().contains("403")
                || d.getPageSource().toLowerCase().contains("forbidden") || d.getPageSource().contains("not allowed"));
        chromium.screenshot("cockpit-agent-refused");
    }
}
