package io.kefu.lifecycle;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.kefu.KefuApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Kefu nodes — two application contexts, each with its own process engine and job executor — on
 * one database, with a lock time of {@value #LOCK_MILLIS} ms, and a process whose one asynchronous
 * step ({@link HeldStep}) runs until the test lets it finish. A step running several lock times on one
 * node is not taken by the other while its node lives ({@link JobLockExtension} keeps extending its
 * lock); once its node stops extending (as a dead node does), the other node takes the job after the
 * lock runs out. The second scenario leaves the first node without lock extension, hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class LongJobScenarios {

    static final long LOCK_MILLIS = 2_000;
    static final String PROCESS = "Process_LongJob";
    static final List<ConfigurableApplicationContext> NODES = new ArrayList<>();

    /** Starts the two nodes on the database at that URL, with these further arguments (profile, credentials). */
    static void twoNodes(String url, String... more) {
        // One after the other: the first creates the schema (Flyway, Camunda), the second finds it.
        NODES.add(node("long-jobs-a", "longJobsNodeA", url, more));
        NODES.add(node("long-jobs-b", "longJobsNodeB", url, more));
        engine(0).getRepositoryService().createDeployment().name("long-job")
                .addModelInstance("long-job.bpmn", Bpmn.createExecutableProcess(PROCESS)
                        .startEvent()
                        .serviceTask("Task_HeldStep").camundaAsyncBefore().camundaExclusive(true)
                        .camundaClass(HeldStep.class.getName())
                        .endEvent()
                        .done())
                .deploy();
    }

    /**
     * A whole Kefu on the shared database; its engine has a name of its own (the engine named
     * "default" belongs to the test classes' cached contexts). Nothing but the job executor works in
     * the background: no relay, SLA watch or bots.
     */
    private static ConfigurableApplicationContext node(String name, String engine, String url, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--kefu.node.id=" + name,
                "--camunda.bpm.process-engine-name=" + engine,
                "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_MILLIS,
                "--kefu.sync.relay.enabled=false",
                "--kefu.sla.watch.enabled=false",
                "--kefu.bots.enabled=false",
                // The test's own step class, allowed as an operator would allow one.
                "--kefu.security.deployment.allowed-classes=" + HeldStep.class.getName(),
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(KefuApplication.class).run(args.toArray(String[]::new));
    }

    @AfterEach
    void letTheHeldStepsFinish() {
        HeldStep.release.countDown();
    }

    @AfterAll
    static void stop() {
        HeldStep.release.countDown();
        NODES.forEach(ConfigurableApplicationContext::close);
        NODES.clear();
    }

    @Test
    @Order(1)
    void aJobRunningLongerThanTheLockTimeIsNotTakenByTheOtherNodeWhileItsNodeLives() {
        HeldStep.release = new CountDownLatch(1);
        String instance = engine(0).getRuntimeService().startProcessInstanceByKey(PROCESS).getId();
        await().atMost(Duration.ofSeconds(30)).until(() -> HeldStep.runsOf(instance).size() == 1);

        await().during(Duration.ofMillis(3 * LOCK_MILLIS)).atMost(Duration.ofMillis(3 * LOCK_MILLIS + 10_000))
                .until(() -> HeldStep.runsOf(instance).size() == 1);
        Timestamp lockedUntil = jdbc().sql("SELECT LOCK_EXP_TIME_ FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ = ?")
                .param(instance).query(Timestamp.class).single();
        assertThat(lockedUntil.toInstant()).as("the lock was extended past its first expiry").isAfter(Instant.now());

        HeldStep.release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(instance));
        assertThat(HeldStep.runsOf(instance)).as("run once, by one node").hasSize(1);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM ACT_RU_INCIDENT").query(Integer.class).single()).isZero();
    }

    @Test
    @Order(2)
    void aDeadNodesJobIsTakenByTheOtherNodeOnceItsLockRunsOut() {
        HeldStep.release = new CountDownLatch(1);
        String instance = engine(0).getRuntimeService().startProcessInstanceByKey(PROCESS).getId();
        await().atMost(Duration.ofSeconds(30)).until(() -> HeldStep.runsOf(instance).size() == 1);
        String first = HeldStep.runsOf(instance).get(0);
        ConfigurableApplicationContext dying = NODES.stream()
                .filter(node -> node.getBean(ProcessEngine.class).getName().equals(first)).findFirst().orElseThrow();

        // As a node killed with kill -9: its job's lock is no longer extended, and it acquires no more
        // jobs (a live acquisition of its own would as likely take the job again as the other node).
        dying.getBean(JobLockExtension.class).stop();
        ((ProcessEngineConfigurationImpl) dying.getBean(ProcessEngine.class).getProcessEngineConfiguration())
                .getJobExecutor().getAcquireJobsRunnable().stop();

        await().atMost(Duration.ofMillis(2 * LOCK_MILLIS + 10_000)).until(() -> HeldStep.runsOf(instance).size() == 2);
        assertThat(HeldStep.runsOf(instance).get(1)).as("taken over by the other node").isNotEqualTo(first);

        HeldStep.release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(instance));
        assertThat(jdbc().sql("SELECT COUNT(*) FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ = ?").param(instance)
                .query(Integer.class).single()).isZero();
    }

    private static ProcessEngine engine(int node) {
        return NODES.get(node).getBean(ProcessEngine.class);
    }

    private static JdbcClient jdbc() {
        return NODES.get(0).getBean(JdbcClient.class);
    }

    private static boolean ended(String instance) {
        return engine(0).getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() == 0;
    }

    /** The long step: records which engine started it for which instance, then waits for the test. */
    public static class HeldStep implements JavaDelegate {

        private record Run(String engine, String instance) {
        }

        private static final List<Run> RUNS = new CopyOnWriteArrayList<>();
        static volatile CountDownLatch release = new CountDownLatch(1);

        /** The engines that started the step of that instance, in order. */
        static List<String> runsOf(String instance) {
            return RUNS.stream().filter(run -> run.instance().equals(instance)).map(Run::engine).toList();
        }

        @Override
        public void execute(DelegateExecution execution) throws InterruptedException {
            RUNS.add(new Run(execution.getProcessEngine().getName(), execution.getProcessInstanceId()));
            if (!release.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never let the step finish");
            }
        }
    }
}
