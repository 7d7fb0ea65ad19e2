package io.kefu.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin in real headless Chromium: creates an API token on {@code /admin/tokens}, sees it once,
 * uses it, revokes it, and finds both actions on {@code /admin/audit} (in English and Chinese).
 * Same conditions as {@link AgentWorkspaceBrowserTest}; screenshots land in {@code target/screenshots/}.
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminPagesBrowserTest {

    @RegisterExtension
    static final BrowserSession chromium = new BrowserSession("1280,1000");

    @Test
    void adminCreatesSeesOnceUsesAndRevokesATokenThenReadsTheAuditLog() throws Exception {
        WebDriver browser = chromium.driver();
        WebDriverWait wait = BrowserSession.waitOn(browser, Duration.ofSeconds(15));
        browser.get(chromium.url("/admin/tokens"));
        chromium.signIn("demo", "demo");
        browser.get(chromium.url("/admin/tokens?lang=en"));

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("name"))).sendKeys("crm-sync");
        browser.findElement(By.cssSelector("input[name=scopes][value='tickets:read']")).click();
        browser.findElement(By.cssSelector("input[name=scopes][value='messages:write']")).click();
        browser.findElement(By.cssSelector("button.create")).click();

        WebElement secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-token")));
        String token = secret.getAttribute("value");
        assertThat(token).startsWith("kefu_").hasSize(48);
        assertThat(browser.findElement(By.cssSelector(".issued")).getText()).contains("crm-sync", "only this once");
        browser.findElement(By.cssSelector("button[data-copy-from]")).click();
        chromium.screenshot("admin-tokens-created");

        assertThat(get("/api/tickets/424242", token)).as("authorized, no such ticket").isEqualTo(404);

        browser.get(chromium.url("/admin/tokens"));
        By row = By.cssSelector("table.tokens tbody tr");
        wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(browser.findElements(By.cssSelector(".issued"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(token).doesNotContain(token.substring(5));
        assertThat(browser.findElement(row).getText()).contains("crm-sync", "messages:write", "tickets:read", "Active");

        browser.findElement(row).findElement(By.cssSelector("button.revoke")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.notice")));
        assertThat(browser.findElement(row).getText()).contains("Revoked");
        assertThat(browser.findElement(row).findElements(By.cssSelector("button.revoke"))).isEmpty();
        chromium.screenshot("admin-tokens-revoked");
        assertThat(get("/api/tickets/424242", token)).isEqualTo(401);

        browser.get(chromium.url("/admin/audit?action=token.*"));
        By entries = By.cssSelector("table.audit tbody tr");
        wait.until(ExpectedConditions.visibilityOfElementLocated(entries));
        assertThat(browser.findElements(entries)).extracting(WebElement::getText)
                .anySatisfy(text -> assertThat(text).contains("demo", "token.create", "crm-sync"))
                .anySatisfy(text -> assertThat(text).contains("demo", "token.revoke", "crm-sync"));
        chromium.screenshot("admin-audit");

        browser.get(chromium.url("/admin/audit?lang=zh"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(entries));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("审计日志");
        chromium.screenshot("admin-audit-zh");
        browser.get(chromium.url("/admin/tokens"));
        chromium.screenshot("admin-tokens-zh");
        browser.get(chromium.url("/workspace?lang=en"));
    }

    private int get(String path, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(chromium.url(path)))
                .header("Authorization", "Bearer " + token).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
