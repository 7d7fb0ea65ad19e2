package io.kefu.bots;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands a bot step that ran out of retries to its process's failure path. An external task with no
 * retries left is an incident (visible in Cockpit and on {@code /bots}, where a supervisor may retry
 * it); one still open after {@code kefu.bots.give-up-after} is told {@code BotGaveUp} — the message
 * boundary event on that task — with the failure added to {@code botFindings}. Works for every
 * worker, built-in or outside; a task without such a boundary event stays an incident.
 */
@Component
class GaveUpBots {

    private static final Logger log = LoggerFactory.getLogger(GaveUpBots.class);
    private static final String EXTERNAL_TASK_INCIDENT = "failedExternalTask";

    private final RuntimeService runtime;
    private final BotsProperties settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    GaveUpBots(RuntimeService runtime, BotsProperties settings, TransactionTemplate transactions, Clock clock) {
        this.runtime = runtime;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kefu.bots.poll-interval:PT1S}")
    void poll() {
        if (settings.enabled()) {
            handOver();
        }
    }

    /** Tells every due incident's process {@code BotGaveUp}; returns how many were handed over. */
    int handOver() {
        Instant due = clock.instant().minus(settings.giveUpAfter());
        List<Incident> incidents = runtime.createIncidentQuery().incidentType(EXTERNAL_TASK_INCIDENT)
                .incidentTimestampBefore(Date.from(due.plusMillis(1))).listPage(0, 50);
        int handed = 0;
        for (Incident incident : incidents) {
            Boolean done = transactions.execute(status -> handOver(incident));
            if (Boolean.TRUE.equals(done)) {
                handed++;
            }
        }
        return handed;
    }

    private boolean handOver(Incident incident) {
        EventSubscription gaveUp = runtime.createEventSubscriptionQuery().eventType("message")
                .eventName(BotContract.MSG_BOT_GAVE_UP).executionId(incident.getExecutionId()).singleResult();
        if (gaveUp == null) {
            return false;
        }
        String before = (String) runtime.getVariable(incident.getProcessInstanceId(), BotContract.VAR_BOT_FINDINGS);
        String sentence = "The bot gave up on " + incident.getActivityId() + " after its retries: "
                + incident.getIncidentMessage();
        String findings = before == null || before.isBlank() ? sentence : before + " " + sentence;
        runtime.setVariable(incident.getProcessInstanceId(), BotContract.VAR_BOT_FINDINGS,
                findings.length() > 3_900 ? findings.substring(findings.length() - 3_900) : findings);
        runtime.messageEventReceived(BotContract.MSG_BOT_GAVE_UP, gaveUp.getExecutionId());
        log.warn("Bot step {} of process instance {} gave up ({}); its failure path takes over",
                incident.getActivityId(), incident.getProcessInstanceId(), incident.getIncidentMessage());
        return true;
    }
}
