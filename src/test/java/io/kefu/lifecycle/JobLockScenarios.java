package io.kefu.lifecycle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Job locks across a crash, on the engine's own acquisition command: jobs a dead node had locked
 * under its id are taken back when that node starts again ({@link OwnJobLocksRelease}); another
 * node's locks are left alone until they expire. The contexts run with {@code kefu.node.id=node-a}
 * and the job executor off, so no acquisition but the test's runs.
 */
abstract class JobLockScenarios {

    static final String NODE = "node-a";

    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OwnJobLocksRelease release;
    @Autowired
    CustomerService customers;
    @Autowired
    IntakeService intake;

    private ProcessEngineConfigurationImpl configuration;

    @BeforeEach
    void engineConfiguration() {
        configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        jdbc.sql("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = 'someone-else', LOCK_EXP_TIME_ = ?")
                .param(Timestamp.from(Instant.now().plusSeconds(3600))).update();
    }

    @Test
    void theJobExecutorLocksUnderTheNodeId() {
        assertThat(configuration.getJobExecutor().getLockOwner()).isEqualTo(NODE);
    }

    @Test
    void jobsThisNodeHeldWhenItDiedAreAcquiredAtOnceAfterItsRestartAndOthersLocksStay() {
        String mine = newTicketJob("locks-mine");
        String theirs = newTicketJob("locks-theirs");
        Timestamp lockedUntil = Timestamp.from(Instant.now().plusSeconds(3600));
        jdbc.sql("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = ?, LOCK_EXP_TIME_ = ? WHERE ID_ = ?")
                .params(NODE, lockedUntil, mine).update();
        jdbc.sql("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = ?, LOCK_EXP_TIME_ = ? WHERE ID_ = ?")
                .params("node-b", lockedUntil, theirs).update();
        assertThat(acquiredBy("node-c")).as("locked jobs are not acquired before the restart")
                .doesNotContain(mine, theirs);

        int released = release.release();

        assertThat(released).isOne();
        assertThat(acquiredBy("node-c")).contains(mine).doesNotContain(theirs);
    }

    /** A new ticket's triage job: due now, unlocked. */
    private String newTicketJob(String customer) {
        customers.register(customer, customer, CustomerTier.STANDARD);
        long ticketId = intake.receive(new InboundMessage(Channel.WEB, customer, "查询订单", Topic.ORDER)).ticketId();
        return engine.getManagementService().createJobQuery().processInstanceId(engine.getRuntimeService()
                .createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(ticketId)).singleResult()
                .getId()).singleResult().getId();
    }

    /** What one acquisition of a node with that lock owner gets, as the job executor would run it. */
    private List<String> acquiredBy(String lockOwner) {
        DefaultJobExecutor other = new DefaultJobExecutor();
        other.setLockOwner(lockOwner);
        other.setMaxJobsPerAcquisition(100);
        AcquiredJobs acquired = configuration.getCommandExecutorTxRequired().execute(new AcquireJobsCmd(other));
        return acquired.getJobIdBatches().stream().flatMap(List::stream).toList();
    }
}
