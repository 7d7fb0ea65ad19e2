package io.kefu.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.HdrHistogram.Histogram;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.kefu.KefuApplication;
import io.kefu.lifecycle.TicketLifecycleProcess;

/**
 * P2, the raw engine: the app's own Spring context (same beans, delegates, rules, pool and history
 * level as the server) started in this JVM, driven through the Camunda Java API. Per ticket, in
 * the measuring thread: start {@code TicketLifecycle} (one transaction: instance + async triage
 * job), run that job with {@link ManagementService#executeJob} (one transaction: triage, Drools
 * routing, ticket update, outbox rows, agent task), and check the agent task exists.
 *
 * <p>Not included: HTTP, security, intake (customer lock, conversation, message, ticket insert:
 * seeded beforehand), the job executor's acquisition (switched off; the thread runs the job) and
 * the outbox relay (switched off).
 */
final class EnginePhase {

    record Run(int threads, int tickets, double seconds, Histogram latencyMicros) {
        double perSecond() {
            return tickets / seconds;
        }
    }

    record Result(List<Run> runs, int tickets, Map<String, Long> counters, long cpuMillis, long jitCpuMillis,
            double startSeconds,
            long heapMiB, long rssMiB, int pool) {
    }

    private EnginePhase() {
    }

    static Result run(Db db, Options options, Path workDir) throws Exception {
        long contextStart = System.nanoTime();
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + db.url,
                "--spring.datasource.username=" + db.user,
                "--spring.datasource.password=" + db.password,
                "--spring.datasource.hikari.maximum-pool-size=" + options.serverPool(),
                "--camunda.bpm.history-level=" + options.history(),
                "--camunda.bpm.job-execution.enabled=false",
                "--kefu.sync.relay.enabled=false",
                "--kefu.home=" + options.home(),
                "--kefu.sync.erp.drop-folder=" + workDir.resolve("erp-p2"),
                "--kefu.security.demo-user=false",
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        args.addAll(options.serverArgs());
        SpringApplicationBuilder app = new SpringApplicationBuilder(KefuApplication.class);
        if (db.mariadb()) {
            app.profiles("mysql");
        }
        try (ConfigurableApplicationContext context = app.run(args.toArray(String[]::new))) {
            double startSeconds = (System.nanoTime() - contextStart) / 1e9;
            RuntimeService runtime = context.getBean(RuntimeService.class);
            ManagementService management = context.getBean(ManagementService.class);
            TaskService tasks = context.getBean(TaskService.class);
            int n = options.engineTickets();
            int warmup = Math.max(100, n / 4);
            List<Long> ids = Workload.seedTickets(db, "p2", warmup + 2 * n);
            drive(runtime, management, tasks, ids.subList(0, warmup), 8);

            Map<String, Long> before = db.counters();
            long cpuBefore = Proc.selfCpuMillis();
            long jitBefore = Proc.jitCpuMillis(ProcessHandle.current().pid());
            List<Run> runs = List.of(
                    drive(runtime, management, tasks, ids.subList(warmup, warmup + n), 1),
                    drive(runtime, management, tasks, ids.subList(warmup + n, warmup + 2 * n), 8));
            long cpu = Proc.selfCpuMillis() - cpuBefore;
            long jit = Proc.jitCpuMillis(ProcessHandle.current().pid()) - jitBefore;
            Map<String, Long> counters = Db.delta(before, db.counters());
            // Subtract the check this harness makes per ticket (one SELECT on the task table).
            counters.computeIfPresent("Com_select", (k, v) -> v - 2L * n);
            counters.computeIfPresent("Questions", (k, v) -> v - 2L * n);
            long pid = ProcessHandle.current().pid();
            return new Result(runs, 2 * n, counters, cpu, jit, startSeconds, Proc.heapUsedMiB(pid), Proc.rssMiB(pid),
                    options.serverPool());
        }
    }

    private static Run drive(RuntimeService runtime, ManagementService management, TaskService tasks, List<Long> ids,
            int threads) throws Exception {
        ConcurrentLinkedQueue<Long> queue = new ConcurrentLinkedQueue<>(ids);
        Histogram latency = new Histogram(60_000_000L, 3);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    Long id;
                    while ((id = queue.poll()) != null) {
                        long began = System.nanoTime();
                        ticketToAgentTask(runtime, management, tasks, id);
                        synchronized (latency) {
                            latency.recordValue((System.nanoTime() - began) / 1000);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Run(threads, ids.size(), (System.nanoTime() - start) / 1e9, latency);
    }

    private static void ticketToAgentTask(RuntimeService runtime, ManagementService management, TaskService tasks,
            long ticketId) {
        ProcessInstance instance = runtime.startProcessInstanceByKey(TicketLifecycleProcess.PROCESS_ID,
                String.valueOf(ticketId), Map.of(TicketLifecycleProcess.VAR_TICKET_ID, ticketId,
                        TicketLifecycleProcess.VAR_AUTO_CLOSE_AFTER, "P3D",
                        TicketLifecycleProcess.VAR_SKILLS_TIMEOUT, "PT2M",
                        TicketLifecycleProcess.VAR_SOOTHE_AFTER, "PT30S"));
        Job triage = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
        management.executeJob(triage.getId());
        long agentTasks = tasks.createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(TicketLifecycleProcess.TASK_AGENT_WORK).count();
        if (agentTasks != 1) {
            throw new IllegalStateException("Ticket " + ticketId + " has " + agentTasks + " agent tasks, expected 1");
        }
    }
}
