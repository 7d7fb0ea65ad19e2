package io.kefu.browser;

import java.time.Duration;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeResult;
import io.kefu.intake.IntakeService;
import io.kefu.lifecycle.TicketLifecycleProcess;
import io.kefu.testing.H2Database;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Follow-ups on the ticket page, in real headless Chromium: a customer writing again after their
 * ticket closed lands on a new ticket whose related tickets say "Follow-up of #n" (and the old one
 * "Followed up by #m"); the agent waits for the customer and the bot's reminder
 * ({@code kefu.follow-up.remind-after}, two seconds here so the real job executor and bot send it)
 * arrives in the transcript, the banner saying when. Screenshots in English and Chinese; and the
 * reminder as a designer sees it in the model, with bpmnlint's recommended rules finding nothing there.
 */
@EnabledIf("io.kefu.browser.BrowserSession#wanted")
@H2Database("browser-follow-ups")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kefu.follow-up.remind-after=PT2S", "kefu.bots.poll-interval=PT0.5S"})
class FollowUpBrowserTest {

    static final String REMINDER = "Hello again: we are still waiting for your reply to go on with your request.";

    @RegisterExtension
    static final BrowserSession chromium = new BrowserSession("1400,1100");

    @Autowired CustomerService customers;
    @Autowired IntakeService intake;
    @Autowired TicketService tickets;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired RepositoryService repository;

    @Test
    void aFollowUpTicketShowsWhatItFollowsAndTheWaitingCustomerIsRemindedByTheBot() {
        customers.register("browser-follow-up", "Li Wei", CustomerTier.STANDARD);
        long closed = closedTicket("My parcel has not arrived after ten days");
        IntakeResult followUp = intake.receive(new InboundMessage(Channel.WEB, "browser-follow-up",
                "The parcel came at last, but the charger inside is missing", Topic.ORDER));
        assertThat(followUp.followUpOf()).isEqualTo(closed);
        long id = followUp.ticketId();
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.get(id).status() == TicketStatus.QUEUED);

        WebDriver demo = chromium.driver();
        WebDriverWait waits = BrowserSession.waitOn(demo, Duration.ofSeconds(30));
        demo.get(chromium.url("/workspace/tickets/" + id + "?lang=en"));
        signInIfAsked(demo);
        demo.get(chromium.url("/workspace/tickets/" + id + "?lang=en"));
        waits.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-live-connected=true]")));

        WebElement link = demo.findElement(By.cssSelector("section.related-tickets li[data-ticket-id='" + closed + "']"));
        assertThat(link.getAttribute("data-kind")).isEqualTo("FOLLOW_UP_OF");
        assertThat(link.getText()).contains("Follow-up of #" + closed, "Closed");

        // The agent waits three days for the customer's answer; the reminder is planned two seconds in.
        new Select(demo.findElement(By.cssSelector("form.wait select[name=after]"))).selectByValue("P3D");
        demo.findElement(By.cssSelector("form.wait input[name=note]")).sendKeys("a photo of the box's contents");
        demo.findElement(By.cssSelector("button.wait")).click();
        waits.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".waiting-for-customer"),
                "Waiting for the customer's answer (set by demo)"));
        // The lifecycle's timer fires and the customer-follow-up bot writes; the transcript shows it live.
        waits.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("ol.transcript"), REMINDER));
        demo.get(chromium.url("/workspace/tickets/" + id + "?lang=en"));
        waits.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".waiting-for-customer .wait-reminder.sent"),
                "customer reminded"));
        assertThat(demo.findElements(By.cssSelector("ol.transcript li.bot"))).as("one reminder").hasSize(1);
        tall(demo, () -> chromium.screenshot("ticket-page-follow-up"));

        demo.get(chromium.url("/workspace/tickets/" + id + "?lang=zh"));
        waits.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("section.related-tickets"),
                "跟进自 #" + closed));
        assertThat(demo.findElement(By.cssSelector(".waiting-for-customer")).getText()).contains("已提醒客户");
        tall(demo, () -> chromium.screenshot("ticket-page-follow-up-zh"));

        demo.get(chromium.url("/workspace/tickets/" + closed + "?lang=en"));
        WebElement back = waits.until(d -> d.findElement(
                By.cssSelector("section.related-tickets li[data-ticket-id='" + id + "']")));
        assertThat(back.getAttribute("data-kind")).isEqualTo("FOLLOWED_UP_BY");
        assertThat(back.getText()).contains("Followed up by #" + id);
        assertThat(chromium.policyViolations()).as("no page's own script or style is blocked").isEmpty();
    }

    @Test
    void theDesignerShowsTheReminderInTheWaitForTheCustomerAndBpmnlintFindsNothingInIt() {
        String definition = repository.createProcessDefinitionQuery().processDefinitionKey(TicketLifecycleProcess.PROCESS_ID)
                .latestVersion().singleResult().getId();
        WebDriver designer = chromium.driver();
        WebDriverWait waits = BrowserSession.waitOn(designer, Duration.ofSeconds(30));
        designer.get(chromium.url("/designer/processes/" + definition + "?lang=en"));
        signInIfAsked(designer);
        designer.get(chromium.url("/designer/processes/" + definition + "?lang=en"));
        waits.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main.process-designer[data-loaded=true]")));

        // The model as deployed, in a viewer over the page, zoomed to the event sub-process; linted as the page lints.
        org.openqa.selenium.Dimension size = designer.manage().window().getSize();
        designer.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 560));
        Object problems = ((JavascriptExecutor) designer).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var view = document.createElement('div');
                view.id = 'wait-for-customer-view';
                Object.assign(view.style, {position: 'fixed', left: '0', top: '0', width: '100vw', height: '100vh',
                    background: '#fff', zIndex: '10000'});
                document.body.appendChild(view);
                var viewer = window.KefuBpmn.viewer(view);
                fetch(document.querySelector('main').getAttribute('data-xml'), {credentials: 'same-origin'})
                  .then(function (r) { return r.text(); })
                  .then(function (xml) { return viewer.importXML(xml); })
                  .then(function () {
                    var sub = viewer.get('elementRegistry').get('SubProcess_WaitForCustomer');
                    viewer.get('canvas').viewbox({x: sub.x - 15, y: sub.y - 15, width: sub.width + 30, height: sub.height + 30});
                    return window.KefuBpmn.lint(viewer.getDefinitions());
                  })
                  .then(function (found) { done(JSON.stringify(found)); })
                  .catch(function (e) { done('failed: ' + e); });
                """);
        assertThat(String.valueOf(problems)).startsWith("[");
        assertThat(String.valueOf(problems)).as("bpmnlint's only finding is the known fake join of the escalation ladder")
                .doesNotContain("Wait", "Remind", "FollowUp");
        assertThat(designer.findElement(By.id("wait-for-customer-view")).getText())
                .contains("Customer silent (kefu.follow-up.remind-after)", "Remind the customer (bot)", "No bot by the follow-up time");
        chromium.screenshot("process-wait-for-customer");
        designer.manage().window().setSize(size);
    }

    /** A ticket of the customer, taken and resolved by an agent, closed by the lifecycle's auto-close timer. */
    private long closedTicket(String text) {
        long id = intake.receive(new InboundMessage(Channel.WEB, "browser-follow-up", text, Topic.ORDER)).ticketId();
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.get(id).status() == TicketStatus.QUEUED);
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(id))
                .processDefinitionKey(TicketLifecycleProcess.PROCESS_ID).singleResult().getId();
        Task work = tasks.createTaskQuery().processInstanceId(instance).singleResult();
        tasks.claim(work.getId(), "demo");
        tasks.complete(work.getId());
        management.executeJob(management.createJobQuery().processInstanceId(instance)
                .activityId(TicketLifecycleProcess.EVENT_AUTO_CLOSE_DUE).singleResult().getId());
        assertThat(tickets.get(id).status()).isEqualTo(TicketStatus.CLOSED);
        return id;
    }

    /** Signs in as demo when the page went to the login (the session of an earlier test may hold). */
    private static void signInIfAsked(WebDriver browser) {
        BrowserSession.waitOn(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("/login")
                || d.findElements(By.cssSelector("main")).size() > 0);
        if (browser.getCurrentUrl().contains("/login")) {
            chromium.signIn("demo", "demo");
            BrowserSession.waitOn(browser, Duration.ofSeconds(15)).until(d -> !d.getCurrentUrl().contains("/login"));
        }
    }

    /** Takes the screenshot with the window as tall as the page. */
    private static void tall(WebDriver browser, Runnable shot) {
        org.openqa.selenium.Dimension size = browser.manage().window().getSize();
        Number height = (Number) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), height.intValue() + 140));
        try {
            shot.run();
        } finally {
            browser.manage().window().setSize(size);
        }
    }
}
