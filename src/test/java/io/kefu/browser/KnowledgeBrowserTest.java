package io.kefu.browser;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.knowledge.ArticleContent;
import io.kefu.knowledge.KnowledgeService;
import io.kefu.knowledge.QuerySource;
import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An editor in real headless Chromium: the type-ahead offers a Chinese completion from the query
 * log as they type "退", the search shows highlighted hits and hot searches, and the form's preview
 * renders Markdown before the article is saved and published. Same conditions as
 * {@link AgentWorkspaceBrowserTest}; screenshots land in {@code target/screenshots/}.
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KnowledgeBrowserTest {

    @RegisterExtension
    static final BrowserSession chromium = new BrowserSession("1280,900");

    @Autowired
    KnowledgeService knowledge;

    @Test
    void editorFindsArticlesWithTypeAheadAndWritesOneWithPreview() throws IOException {
        WebDriver browser = chromium.driver();
        long refund = knowledge.create(new ArticleContent("zh", "退款怎么申请",
                "1. 打开**我的订单**\n2. 点击「申请退款」\n\n款项三个工作日内原路退回。", List.of("退款", "订单")), "demo").id();
        knowledge.publish(refund, null, "demo");
        for (int i = 0; i < 3; i++) {
            knowledge.search("退款怎么申请", "zh", null, null, 5, QuerySource.SEARCH);
        }
        WebDriverWait wait = BrowserSession.waitOn(browser, Duration.ofSeconds(15));

        browser.get(chromium.url("/knowledge?lang=zh"));
        chromium.signIn("demo", "demo");
        browser.get(chromium.url("/knowledge"));
        chromium.screenshot("knowledge-list");

        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("q")));
        box.sendKeys("退");
        wait.until(d -> d.findElements(By.cssSelector("#kb-suggestions option")).stream()
                .anyMatch(o -> "退款怎么申请".equals(o.getAttribute("value"))));
        assertThat(browser.findElement(By.cssSelector(".kb-hot")).getText()).contains("退款怎么申请");

        box.sendKeys("款怎么申请");
        box.submit();
        By hit = By.cssSelector("ol.kb-hits li[data-article-id='" + refund + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(hit));
        assertThat(browser.findElement(hit).findElements(By.tagName("mark"))).isNotEmpty();
        chromium.screenshot("knowledge-search");

        // The article-language filter narrows the list and leaves the interface in its language.
        browser.get(chromium.url("/knowledge?lang=en"));
        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("language")))).selectByValue("zh");
        browser.findElement(By.cssSelector("form.kb-search button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("language=zh"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.cssSelector("form.kb-search button[type=submit]")).getText()).isEqualTo("Search");
        assertThat(browser.findElements(By.cssSelector("[data-article-id='" + refund + "']"))).isNotEmpty();
        chromium.screenshot("knowledge-language-filter");
        browser.get(chromium.url("/knowledge?lang=zh&q=" + java.net.URLEncoder.encode("退款怎么申请", java.nio.charset.StandardCharsets.UTF_8)));
        wait.until(ExpectedConditions.visibilityOfElementLocated(hit));

        browser.findElement(hit).findElement(By.cssSelector("a.kb-title")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("article.kb-body ol")));
        assertThat(browser.findElement(By.cssSelector("article.kb-body strong")).getText()).isEqualTo("我的订单");
        chromium.screenshot("knowledge-article");

        browser.get(chromium.url("/knowledge/articles/new"));
        // The form's language defaults to the page's; this article is Chinese whatever the page is in.
        new Select(browser.findElement(By.name("language"))).selectByValue("zh");
        browser.findElement(By.name("title")).sendKeys("发票怎么开");
        browser.findElement(By.name("tags")).sendKeys("发票");
        browser.findElement(By.name("body")).sendKeys("在订单详情页点击**申请发票**。<script>alert(1)</script>");
        browser.findElement(By.cssSelector("button[name=preview]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kb-preview strong")));
        assertThat(browser.findElements(By.cssSelector(".kb-preview script"))).isEmpty();
        chromium.screenshot("knowledge-form-preview");

        browser.findElement(By.cssSelector("button.save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("button.publish"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("button.unpublish")));
        assertThat(knowledge.search("开发票", "zh", null, null, 5, QuerySource.AGENT).hits())
                .extracting(h -> h.title()).contains("发票怎么开");
        assertThat(chromium.policyViolations())
                .as("the type-ahead script and the styles load under the Content-Security-Policy").isEmpty();
    }
}
