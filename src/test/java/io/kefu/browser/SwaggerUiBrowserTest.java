package io.kefu.browser;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed-in person in real headless Chromium opens Swagger UI: it loads the OpenAPI document with
 * the page's session, shows Kefu's title and the modules, opens an operation with its summary, its
 * description and an example of its body, and nothing is blocked by the page's Content-Security-Policy.
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("browser-swagger")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SwaggerUiBrowserTest {

    @RegisterExtension
    final BrowserSession chromium = new BrowserSession("1440,1000");

    @Test
    void aSignedInPersonReadsTheApiInSwaggerUi() {
        WebDriver browser = chromium.driver();
        WebDriverWait wait = BrowserSession.waitOn(browser, Duration.ofSeconds(30));
        browser.get(chromium.url("/swagger-ui/index.html"));
        chromium.signIn("demo", "demo");
        wait.until(ExpectedConditions.urlContains("/swagger-ui/index.html"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".swagger-ui .info .title"), "Kefu API"));
        assertThat(browser.findElement(By.cssSelector(".swagger-ui .info")).getText()).contains("Signing in", "problem JSON");
        assertThat(browser.findElements(By.cssSelector(".swagger-ui .opblock-tag-section"))).hasSizeGreaterThan(10);

        // POST /api/messages takes JSON (intake) and files (chat): one operation, under chat
        browser.findElement(By.cssSelector(".swagger-ui h3.opblock-tag[data-tag=chat]")).click();
        By post = By.xpath("//div[contains(@class,'opblock-post')][.//*[@data-path='/api/messages']]");
        wait.until(ExpectedConditions.elementToBeClickable(post)).findElement(By.cssSelector(".opblock-summary")).click();
        wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(post, By.cssSelector(".highlight-code")));
        assertThat(browser.findElement(post).getText())
                .contains("/api/messages", "customerExternalId", "ticketId");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView();", browser.findElement(post));
        chromium.screenshot("swagger-ui");
        assertThat(chromium.policyViolations()).as("Swagger UI runs under the page policy").isEmpty();
    }
}
