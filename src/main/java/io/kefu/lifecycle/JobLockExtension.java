package io.kefu.lifecycle;

import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the jobs this node is executing locked to it for as long as they run. The lock time
 * ({@code camunda.bpm.job-execution.lock-time-in-millis}) is short so that other nodes take a dead
 * node's jobs soon; a job that legitimately runs longer (a slow back-office call, an image read)
 * would otherwise be acquired and run a second time by another node while the first is still at it.
 * Camunda 7 has no lock extension of its own: {@link LockExtendingJobExecutor} tells this class which
 * jobs its threads hold, and every third of the lock time this class moves their
 * {@code ACT_RU_JOB.LOCK_EXP_TIME_} to a full lock time from now.
 *
 * <p>A node that dies extends nothing any more, so its jobs' locks run out at most one lock time
 * after their last extension and the other nodes' acquisitions take them. The update leaves
 * {@code REV_} alone, so the job's own transaction commits as if nothing had happened, and it only
 * touches rows still locked under this node's id: a job that finished, failed (Camunda unlocks it) or
 * was released meanwhile is not locked again. One statement per job, each in its own transaction,
 * so the watchdog never holds one job's row while it waits for another's.
 */
@Component
class JobLockExtension implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobLockExtension.class);

    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final JdbcClient jdbc;
    private final NodeLockOwner owner;
    private final long lockMillis;
    private final ScheduledExecutorService watchdog;

    JobLockExtension(JdbcClient jdbc, NodeLockOwner owner, CamundaBpmProperties camunda) {
        this.jdbc = jdbc;
        this.owner = owner;
        Integer configured = camunda.getJobExecution().getLockTimeInMillis();
        if (configured == null || configured < 3) {
            throw new IllegalArgumentException(
                    "camunda.bpm.job-execution.lock-time-in-millis must be set to at least 3 ms: " + configured);
        }
        this.lockMillis = configured;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kefu-job-lock-extension");
            thread.setDaemon(true);
            return thread;
        });
        long every = lockMillis / 3;
        watchdog.scheduleWithFixedDelay(this::extendSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /** Jobs a job executor thread of this node has taken on: acquired for it, or running in it now. */
    void holding(List<String> jobIds) {
        held.addAll(jobIds);
    }

    /** Jobs that thread is done with: executed (committed or failed), or handed back unlocked. */
    void released(List<String> jobIds) {
        jobIds.forEach(held::remove);
    }

    /** The jobs this node's locks are being extended for, right now. */
    Set<String> held() {
        return Set.copyOf(held);
    }

    /**
     * Moves the lock of every held job that is still locked under this node's id to a full lock time
     * from now (the engine's clock, as acquisition compares against it); returns how many.
     */
    int extend() {
        int extended = 0;
        for (String jobId : held()) {
            Timestamp until = new Timestamp(ClockUtil.getCurrentTime().getTime() + lockMillis);
            extended += jdbc.sql("UPDATE ACT_RU_JOB SET LOCK_EXP_TIME_ = ? WHERE ID_ = ? AND LOCK_OWNER_ = ?")
                    .params(until, jobId, owner.id()).update();
        }
        return extended;
    }

    private void extendSafely() {
        try {
            extend();
        } catch (RuntimeException e) {
            // The next round tries again; a lock runs out only if the database stays unreachable for
            // two thirds of the lock time, and then the job's own commit fails as well.
            log.warn("Could not extend the locks of this node's running jobs {}", held, e);
        }
    }

    /** Stops extending: the jobs' locks run out one lock time after the last extension. */
    void stop() {
        watchdog.shutdownNow();
    }

    @Override
    public void destroy() {
        stop();
    }
}
