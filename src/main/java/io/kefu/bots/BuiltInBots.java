package io.kefu.bots;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Kefu's built-in external-task workers. They keep the same contract as any outside worker: fetch
 * and lock through the engine's {@link ExternalTaskService} (the engine API behind
 * {@code /engine-rest/external-task/fetchAndLock}), then complete, report a BPMN error, or report a
 * failure with the retries left and a back-off. Only topics switched on with
 * {@code kefu.bots.<topic>.enabled} are fetched, so an outside worker can take any topic over.
 */
@Component
class BuiltInBots {

    private static final Logger log = LoggerFactory.getLogger(BuiltInBots.class);

    private final ExternalTaskService externalTasks;
    private final BotsProperties settings;
    private final Map<String, BotHandler> handlers;
    private final TransactionTemplate transactions;
    private final String workerId;

    BuiltInBots(ExternalTaskService externalTasks, BotsProperties settings, List<BotHandler> handlers,
            TransactionTemplate transactions) {
        this.externalTasks = externalTasks;
        this.settings = settings;
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(BotHandler::topic, Function.identity()));
        this.transactions = transactions;
        // Unique per process, so the page tells nodes apart and a restarted node does not complete
        // tasks it locked in its previous life (the engine refuses another worker's lock).
        this.workerId = "kefu-bots@" + ManagementFactory.getRuntimeMXBean().getName();
    }

    /** The worker id these bots lock with. */
    String workerId() {
        return workerId;
    }

    @Scheduled(fixedDelayString = "${kefu.bots.poll-interval:PT1S}")
    void poll() {
        if (settings.enabled()) {
            runOnce();
        }
    }

    /** One fetch and the work on what it locked; returns how many tasks were worked on. */
    int runOnce() {
        List<String> topics = handlers.keySet().stream().filter(settings::builtInEnabled).sorted().toList();
        if (topics.isEmpty()) {
            return 0;
        }
        ExternalTaskQueryBuilder fetch = externalTasks.fetchAndLock(settings.maxTasks(), workerId);
        for (String topic : topics) {
            fetch = fetch.topic(topic, settings.lockDuration().toMillis());
        }
        List<LockedExternalTask> locked = fetch.execute();
        for (LockedExternalTask task : locked) {
            work(BotTask.of(task));
        }
        return locked.size();
    }

    private void work(BotTask task) {
        BotHandler handler = handlers.get(task.topic());
        try {
            if (handler.transactional()) {
                transactions.executeWithoutResult(status -> finish(task, handler.work(task)));
            } else {
                finish(task, handler.work(task));
            }
        } catch (LockLost e) {
            log.warn("Bot task {} ({}) was no longer locked to {}: {}", task.id(), task.topic(), workerId,
                    e.getCause().getMessage());
        } catch (RuntimeException e) {
            fail(task, e);
        }
    }

    private void finish(BotTask task, BotOutcome outcome) {
        try {
            if (outcome instanceof BotOutcome.Done done) {
                externalTasks.complete(task.id(), workerId, done.variables());
            } else if (outcome instanceof BotOutcome.BusinessError error) {
                externalTasks.handleBpmnError(task.id(), workerId, error.errorCode(), error.message(), error.variables());
            }
        } catch (ProcessEngineException e) {
            // The lock expired and another worker took the task, or it was cancelled meanwhile (a
            // timeout or BotGaveUp moved the process on): the engine refuses this worker's result.
            throw new LockLost(e);
        }
    }

    /** A technical failure: one retry less, the next attempt after the back-off; none left is an incident. */
    private void fail(BotTask task, RuntimeException failure) {
        int before = task.retries() == null ? settings.retries() : task.retries();
        int left = Math.max(before - 1, 0);
        int attempt = settings.retries() - left;
        long backoff = left == 0 ? 0 : settings.backoffMillis(attempt);
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        log.warn("Bot task {} ({}) failed, {} retries left: {}", task.id(), task.topic(), left, message);
        try {
            externalTasks.handleFailure(task.id(), workerId, abbreviate(message, 600), stackTrace(failure), left, backoff);
        } catch (ProcessEngineException e) {
            log.warn("Bot task {} ({}) was no longer locked to {}: {}", task.id(), task.topic(), workerId, e.getMessage());
        }
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return abbreviate(out.toString(), 8_000);
    }

    /** The engine refused this worker's result: not a failure of the work. */
    private static final class LockLost extends RuntimeException {
        LockLost(ProcessEngineException cause) {
            super(cause);
        }
    }
}
