package io.kefu.lifecycle;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * node's locks are left alone until they expire; the locks of the jobs this node holds are extended
 * ({@link JobLockExtension}), no one else's. The contexts run with {@code kefu.node.id=node-a}
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
    JobLockExtension extension;
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

    @Test
    void theLocksOfJobsThisNodeHoldsAreExtendedAndNoOneElsesNorAfterTheyAreReleased() {
        String mine = newTicketJob("extend-mine");
        String theirs = newTicketJob("extend-theirs");
        Timestamp soon = Timestamp.from(Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS));
        jdbc.sql("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = ?, LOCK_EXP_TIME_ = ? WHERE ID_ = ?").params(NODE, soon, mine).update();
        jdbc.sql("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = ?, LOCK_EXP_TIME_ = ? WHERE ID_ = ?").params("node-b", soon, theirs)
                .update();
        int revision = revisionOf(mine);

        extension.holding(List.of(mine, theirs));
        Instant before = Instant.now();
        int extended = extension.extend();
        extension.released(List.of(mine, theirs));

        assertThat(extended).as("only the job locked under this node's id").isOne();
        assertThat(lockOf(mine)).as("a full lock time (20 s) from now")
                .isAfterOrEqualTo(before.plusSeconds(19)).isBefore(Instant.now().plusSeconds(21));
        assertThat(lockOf(theirs)).isEqualTo(soon.toInstant());
        assertThat(revisionOf(mine)).as("the revision is left alone, so the job's own commit succeeds")
                .isEqualTo(revision);
        assertThat(extension.held()).doesNotContain(mine, theirs);
        assertThat(extension.extend()).as("nothing held, nothing extended").isZero();
    }

    private Instant lockOf(String job) {
        return jdbc.sql("SELECT LOCK_EXP_TIME_ FROM ACT_RU_JOB WHERE ID_ = ?").param(job).query(Timestamp.class).single()
                .toInstant();
    }

    private int revisionOf(String job) {
        return jdbc.sql("SELECT REV_ FROM ACT_RU_JOB WHERE ID_ = ?").param(job).query(Integer.class).single();
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
