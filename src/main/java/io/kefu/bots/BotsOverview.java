package io.kefu.bots;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
import org.springframework.stereotype.Service;

import io.kefu.security.AuditLog;
import io.kefu.security.AuditOutcome;

/**
 * What the bots page and {@code GET /api/bots} show: per topic the waiting, locked and failed
 * tasks; the open tasks themselves; the workers (their last completion or failure, from the
 * engine's external-task log, and the locks they hold now); and the retry of a failed task.
 */
@Service
public class BotsOverview {

    /** External-task ids are the engine's (UUIDs or numbers). */
    static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** At most this many tasks and log entries are read per view. */
    static final int LIMIT = 200;

    private final ExternalTaskService externalTasks;
    private final HistoryService history;
    private final BotsProperties settings;
    private final AuditLog audit;

    BotsOverview(ExternalTaskService externalTasks, HistoryService history, BotsProperties settings, AuditLog audit) {
        this.externalTasks = externalTasks;
        this.history = history;
        this.settings = settings;
        this.audit = audit;
    }

    /** One topic: whether a built-in bot works on it on this node, and its tasks by state. */
    public record Topic(String name, boolean builtIn, boolean builtInEnabled, long waiting, long locked, long failed) {
    }

    /** One open external task. {@code failed}: no retries left (an incident). */
    public record Task(String id, String topic, String processDefinitionKey, String activityId, String businessKey,
            String workerId, Instant lockExpiresAt, Integer retries, boolean failed, String errorMessage) {
    }

    /** A worker: when it last completed or failed a task, and the locks it holds now. */
    public record Worker(String workerId, Instant lastSeen, String lastTopic, long lockedNow, boolean builtIn) {
    }

    /** The whole view. */
    public record View(List<Topic> topics, List<Task> tasks, List<Worker> workers, String builtInWorkerId) {
    }

    /** A retry request for a task id that is malformed; a 400 naming the field. */
    public static final class InvalidTaskId extends RuntimeException {
        InvalidTaskId(String message) {
            super(message);
        }
    }

    /** No open external task with that id; a 404. */
    public static final class UnknownTask extends RuntimeException {
        UnknownTask(String id) {
            super("No open external task " + id);
        }
    }

    public View view(String builtInWorkerId) {
        Instant now = Instant.now();
        List<ExternalTask> open = externalTasks.createExternalTaskQuery().orderById().asc().listPage(0, LIMIT);
        List<Task> tasks = open.stream().map(t -> new Task(t.getId(), t.getTopicName(), t.getProcessDefinitionKey(),
                t.getActivityId(), t.getBusinessKey(), locked(t, now) ? t.getWorkerId() : null,
                locked(t, now) ? t.getLockExpirationTime().toInstant() : null, t.getRetries(),
                t.getRetries() != null && t.getRetries() == 0, t.getErrorMessage())).toList();

        TreeSet<String> names = new TreeSet<>(BotContract.BUILT_IN_TOPICS);
        names.addAll(externalTasks.getTopicNames());
        List<Topic> topics = new ArrayList<>();
        Date nowDate = Date.from(now);
        for (String name : names) {
            long failed = externalTasks.createExternalTaskQuery().topicName(name).noRetriesLeft().count();
            long locked = externalTasks.createExternalTaskQuery().topicName(name).lockExpirationAfter(nowDate).count();
            long all = externalTasks.createExternalTaskQuery().topicName(name).count();
            topics.add(new Topic(name, BotContract.BUILT_IN_TOPICS.contains(name), settings.builtInEnabled(name),
                    Math.max(all - locked - failed, 0), locked, failed));
        }
        return new View(topics, tasks, workers(open, now, builtInWorkerId), builtInWorkerId);
    }

    private List<Worker> workers(List<ExternalTask> open, Instant now, String builtInWorkerId) {
        Map<String, Instant> lastSeen = new HashMap<>();
        Map<String, String> lastTopic = new HashMap<>();
        List<HistoricExternalTaskLog> log = history.createHistoricExternalTaskLogQuery().orderByTimestamp().desc()
                .listPage(0, LIMIT);
        for (HistoricExternalTaskLog entry : log) {
            if (entry.getWorkerId() != null && !lastSeen.containsKey(entry.getWorkerId())) {
                lastSeen.put(entry.getWorkerId(), entry.getTimestamp().toInstant());
                lastTopic.put(entry.getWorkerId(), entry.getTopicName());
            }
        }
        Map<String, Long> locks = new HashMap<>();
        for (ExternalTask task : open) {
            if (locked(task, now)) {
                locks.merge(task.getWorkerId(), 1L, Long::sum);
                lastTopic.putIfAbsent(task.getWorkerId(), task.getTopicName());
            }
        }
        TreeSet<String> ids = new TreeSet<>(lastSeen.keySet());
        ids.addAll(locks.keySet());
        return ids.stream().map(id -> new Worker(id, lastSeen.get(id), lastTopic.get(id), locks.getOrDefault(id, 0L),
                        id.equals(builtInWorkerId)))
                .sorted(Comparator.comparing(Worker::lastSeen, Comparator.nullsFirst(Comparator.reverseOrder())))
                .toList();
    }

    /**
     * Gives a failed (or retrying) task a fresh set of retries, due at once: its incident is
     * resolved and the next fetch of any worker takes it. Audited {@code bots.retry}.
     */
    public Task retry(String id) {
        if (id == null || !TASK_ID.matcher(id).matches()) {
            throw new InvalidTaskId("Field 'id' must be an external task id (1-64 of A-Z a-z 0-9 -)");
        }
        ExternalTask task = externalTasks.createExternalTaskQuery().externalTaskId(id).singleResult();
        if (task == null) {
            audit.record("bots.retry", id, AuditOutcome.REFUSED, "no open external task");
            throw new UnknownTask(id);
        }
        externalTasks.setRetries(id, settings.retries());
        audit.record("bots.retry", id, AuditOutcome.SUCCESS, task.getTopicName() + " at " + task.getActivityId()
                + " of " + task.getProcessInstanceId() + ", " + settings.retries() + " retries");
        return new Task(task.getId(), task.getTopicName(), task.getProcessDefinitionKey(), task.getActivityId(),
                task.getBusinessKey(), null, null, settings.retries(), false, task.getErrorMessage());
    }

    private static boolean locked(ExternalTask task, Instant now) {
        return task.getWorkerId() != null && task.getLockExpirationTime() != null
                && task.getLockExpirationTime().toInstant().isAfter(now);
    }
}
