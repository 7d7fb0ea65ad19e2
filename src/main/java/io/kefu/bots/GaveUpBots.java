package io.kefu.bots;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    private final ManagementService management;
    private final JdbcClient jdbc;
    private final BotsProperties settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    GaveUpBots(RuntimeService runtime, ManagementService management, JdbcClient jdbc, BotsProperties settings, TransactionTemplate transactions, Clock clock) {
        this.runtime = runtime;
        this.management = management;
        this.jdbc = jdbc;
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
        Instant dueBy = clock.instant().minus(settings.giveUpAfter());
        // Only incidents of tasks that have the boundary event: one without it stays an incident for
        // good and must not fill the page again on every poll, ahead of those that can be handed over.
        List<String> due = jdbc.sql("SELECT I.ID_ FROM " + management.getTableName(Incident.class) + " I"
                + " WHERE I.INCIDENT_TYPE_ = ? AND I.INCIDENT_TIMESTAMP_ < ? AND EXISTS (SELECT 1 FROM "
                + management.getTableName(EventSubscriptionEntity.class) + " S WHERE S.EXECUTION_ID_ = I.EXECUTION_ID_"
                + " AND S.EVENT_TYPE_ = 'message' AND S.EVENT_NAME_ = ?) ORDER BY I.INCIDENT_TIMESTAMP_ LIMIT 50")
                .params(EXTERNAL_TASK_INCIDENT, Timestamp.from(dueBy.plusMillis(1)), BotContract.MSG_BOT_GAVE_UP)
                .query(String.class).list();
        List<Incident> incidents = due.stream()
                .map(id -> runtime.createIncidentQuery().incidentId(id).singleResult())
                .filter(java.util.Objects::nonNull).toList();
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
