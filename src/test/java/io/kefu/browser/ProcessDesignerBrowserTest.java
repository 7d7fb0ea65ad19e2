package io.kefu.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import io.kefu.testing.H2Database;
import io.kefu.testing.TestTickets;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process designer in real headless Chromium on {@code /designer}: opens TicketLifecycle in the
 * modeler (bpmn-js served by Kefu), sees the running ticket counted on the agent's task, renames
 * that task, validates and deploys the model as version 2; then opens a model with a script task,
 * which validation refuses with the task marked on the canvas; migrates the running ticket from
 * version 1 to version 2; and reads the list in Chinese.
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("browser-designer")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProcessDesignerBrowserTest {

    @RegisterExtension
    final BrowserSession chromium = new BrowserSession("1440,1000");

    @Autowired
    ApplicationContext context;
    @Autowired
    RepositoryService repository;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;

    @Test
    void aDesignerRenamesATaskValidatesDeploysVersionTwoAndIsRefusedAScriptTask() throws Exception {
        TestTickets.in(context).queued("designer-1", "My invoice is wrong", Topic.BILLING);
        int before = repository.createProcessDefinitionQuery().processDefinitionKey("TicketLifecycle").latestVersion()
                .singleResult().getVersion();
        WebDriver browser = chromium.driver();
        WebDriverWait wait = BrowserSession.waitOn(browser, Duration.ofSeconds(30));
        browser.get(chromium.url("/designer?lang=en"));
        chromium.signIn("demo", "demo");
        By open = By.cssSelector("section.process[data-key=TicketLifecycle] tr.latest a.open");
        wait.until(ExpectedConditions.elementToBeClickable(open)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main.process-designer[data-loaded=true]")));
        By agentWork = By.cssSelector(".djs-element[data-element-id=Task_AgentWork]");
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".instance-count[data-activity=Task_AgentWork]")));
        assertThat(browser.findElement(By.cssSelector(".instance-count[data-activity=Task_AgentWork]")).getText()).isEqualTo("1");
        assertThat(browser.findElements(By.cssSelector(".bjs-powered-by"))).as("bpmn.io's watermark stays").isNotEmpty();

        // Rename the agent's task by editing its label on the canvas.
        new Actions(browser).doubleClick(browser.findElement(agentWork)).perform();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".djs-direct-editing-parent")));
        new Actions(browser).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).sendKeys("Answer the customer").perform();
        // (a click on an empty spot of the canvas, right of the refund row, ends the editing)
        new Actions(browser).moveToElement(browser.findElement(By.cssSelector("#canvas")), 420, 60).click().perform();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(agentWork, "Answer the customer"));

        browser.findElement(By.cssSelector("button.validate")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".designer-state.valid")));
        // bpmnlint's recommended rules ran in the page: a warning is listed and marked, it does not block
        assertThat(browser.findElements(By.cssSelector(".designer-problems li.warning[data-rule^='bpmnlint/']"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector(".djs-element.kefu-warning"))).isNotEmpty();
        chromium.screenshot("process-designer");
        browser.findElement(By.cssSelector("button.deploy")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".designer-state.deployed")));
        var latest = repository.createProcessDefinitionQuery().processDefinitionKey("TicketLifecycle").latestVersion().singleResult();
        assertThat(latest.getVersion()).isEqualTo(before + 1);
        String deployed = new String(repository.getProcessModel(latest.getId()).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(deployed).contains("name=\"Answer the customer\"");
        assertThat(browser.findElement(By.cssSelector(".designer-state a.deployed-version")).getText()).isEqualTo(latest.getId());

        // A model with a script task: refused by the deployment policy, the task marked.
        Path scripted = Files.createTempFile("scripted", ".bpmn");
        Files.writeString(scripted, Files.readString(Path.of("processes/TicketLifecycle.bpmn"))
                .replaceFirst("<bpmn:userTask id=\"Task_AgentWork\"", "<bpmn:scriptTask id=\"Task_AgentWork\" scriptFormat=\"javascript\"")
                .replaceFirst("(?s)(<bpmn:scriptTask id=\"Task_AgentWork\".*?)</bpmn:userTask>", "$1<bpmn:script>java.lang.System.exit(1)</bpmn:script></bpmn:scriptTask>"));
        WebElement file = browser.findElement(By.cssSelector("input[name=import]"));
        file.sendKeys(scripted.toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".designer-state"), scripted.getFileName().toString()));
        browser.findElement(By.cssSelector("button.validate")).click();
        By problem = By.cssSelector(".designer-problems li[data-element=Task_AgentWork][data-rule=deployment-policy]");
        wait.until(ExpectedConditions.presenceOfElementLocated(problem));
        assertThat(browser.findElement(By.cssSelector(".djs-element[data-element-id=Task_AgentWork]")).getAttribute("class"))
                .contains("kefu-problem");
        chromium.screenshot("process-designer-refused");
        browser.findElement(By.cssSelector("button.deploy")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".designer-state.refused")));
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("TicketLifecycle").latestVersion()
                .singleResult().getVersion()).as("nothing deployed").isEqualTo(before + 1);
        assertThat(chromium.policyViolations()).as("the modeler runs under the page policy").isEmpty();

        // The running ticket still waits on version 1: previewed and migrated to the new version.
        var first = repository.createProcessDefinitionQuery().processDefinitionKey("TicketLifecycle").processDefinitionVersion(before)
                .singleResult();
        browser.get(chromium.url("/designer/processes/" + first.getId()));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".designer-migration button.preview"))).click();
        By moves = By.cssSelector(".designer-migration table.migration-instances tr.moves");
        wait.until(ExpectedConditions.visibilityOfElementLocated(moves));
        assertThat(browser.findElement(moves).getText()).contains("Task_AgentWork");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".designer-migration button.migrate"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".designer-migration .migration-state.done")));
        assertThat(browser.findElement(By.cssSelector(".migration-state")).getText()).isEqualTo("1 of 1 migrated");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionId(latest.getId()).count()).isEqualTo(1);
        chromium.screenshot("process-designer-migrated");

        browser.get(chromium.url("/designer?lang=zh"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(open));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("流程");
        chromium.screenshot("process-designer-list-zh");
    }
}
