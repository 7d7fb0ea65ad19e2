package io.kefu.lifecycle;


import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start, before the job executor runs, releases the jobs this node had locked when it stopped
 * (a crash, {@code kill -9}, a pulled plug): their lock owner is this node's id
 * ({@link NodeLockOwner}), nothing of this node runs them any more, and without this they would wait
 * until their locks expire ({@code camunda.bpm.job-execution.lock-time-in-millis}). Released, they
 * are due at once and the first acquisition of any node takes them; timers that fell due meanwhile
 * are due anyway.
 *
 * <p>The revision is raised with the lock, so should an old process of this node still be alive
 * (two nodes under one id: a configuration error), its commit of such a job fails on Camunda's
 * optimistic lock instead of completing it twice.
 */
@Component
class OwnJobLocksRelease implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(OwnJobLocksRelease.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final NodeLockOwner owner;

    /** The engine is only asked for so that it, and with it ACT_RU_JOB, exists first. */
    OwnJobLocksRelease(ProcessEngine engine, JdbcClient jdbc, TransactionTemplate transactions, NodeLockOwner owner) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.owner = owner;
    }

    @Override
    public void afterPropertiesSet() {
        int released = release();
        if (released > 0) {
            log.info("Released {} job(s) this node ({}) had locked before it stopped; they run now", released,
                    owner.id());
        }
    }

    /** Unlocks every job locked under this node's id; returns how many. */
    int release() {
        Integer released = transactions.execute(status -> jdbc.sql("""
                UPDATE ACT_RU_JOB SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL, REV_ = REV_ + 1
                WHERE LOCK_OWNER_ = ?
                """).param(owner.id()).update());
        return released == null ? 0 : released;
    }
}
