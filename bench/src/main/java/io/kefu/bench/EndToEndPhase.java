package io.kefu.bench;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

/**
 * P3, end to end: the engine jar in its own process; new customers (registered beforehand) post
 * their first message to {@code POST /api/messages} with Basic auth, on a fixed arrival schedule
 * (open model) stepped up in rate. A ticket counts as done when its agent task is visible
 * ({@link CompletionWatcher}); latency runs from the SCHEDULED send time, so a server that stalls
 * cannot hide its queue behind a slower sender. The generator runs on the same machine: its own
 * CPU time is measured and reported beside the engine's and the database's.
 */
final class EndToEndPhase {

    /** One step of the stepped load. Latencies in microseconds. */
    record Step(String label, int offered, int seconds, int sent, int accepted, int errors, String firstError,
            double achieved, Histogram latency, Histogram ack, int backlogAtEnd, int inFlightAtEnd, long jobsAtEnd,
            int unfinished,
            double serverCores, double serverJitCores, double databaseCores, double generatorCores,
            double machineCores, Usage usage) {
    }

    record Result(List<Step> steps, String stoppedBecause, int tickets, String countedSteps, Map<String, Long> counters,
            long polls,
            long serverCpuMillis, long serverJitCpuMillis, Map<String, Long> serverThreadCpuMillis,
            long databaseCpuMillis, long generatorCpuMillis, double readySeconds,
            long rssAtReadyMiB, long heapMiB, long rssMiB, int pool) {
    }

    private static final Pattern TICKET_ID = Pattern.compile("\"ticketId\"\\s*:\\s*(\\d+)");
    /** The first step warms the engine up (JIT, pools, caches); it is reported but not counted. */
    private static final int WARMUP_RATE = 20;

    private final Db db;
    private final Options options;
    private final HttpClient http;
    private final String authorization;
    private Server server;
    private CompletionWatcher watcher;
    private int nextCustomer;

    private EndToEndPhase(Db db, Options options, ExecutorService httpThreads) {
        this.db = db;
        this.options = options;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((Server.USER + ":" + Server.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    static Result run(Db db, Options options, Path workDir) throws Exception {
        ExecutorService httpThreads = Executors.newFixedThreadPool(4);
        try {
            return new EndToEndPhase(db, options, httpThreads).run(workDir);
        } finally {
            httpThreads.shutdownNow();
        }
    }

    private Result run(Path workDir) throws Exception {
        int warmupSeconds = options.warmupSeconds();
        int customers = WARMUP_RATE * warmupSeconds;
        for (int rate : options.rates()) {
            customers += rate * options.stepSeconds();
        }
        Workload.registerCustomers(db, "p3", customers);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        long databasePid = databasePid();
        try (Server started = Server.start(db, options, workDir, port);
                CompletionWatcher completions = new CompletionWatcher(db, db.maxId("ticket"))) {
            this.server = started;
            this.watcher = completions;
            List<Step> steps = new ArrayList<>();
            steps.add(step("warm-up", WARMUP_RATE, warmupSeconds));

            String stopped = "every configured rate ran";
            for (int rate : options.rates()) {
                Step step = step(rate + "/s", rate, options.stepSeconds());
                steps.add(step);
                String reason = explosion(step);
                if (reason != null) {
                    stopped = "stopped after " + rate + "/s: " + reason;
                    break;
                }
            }
            // Cost per ticket over the steps whose every ticket finished without error: a step that
            // fell behind leaves half-done tickets whose statements would count against the others.
            List<Step> measured = steps.subList(1, steps.size());
            List<Step> counted = measured.stream().filter(s -> s.errors() == 0 && s.unfinished() == 0).toList();
            if (counted.isEmpty()) {
                counted = measured;
            }
            Usage usage = null;
            int tickets = 0;
            for (Step step : counted) {
                usage = usage == null ? step.usage() : usage.plus(step.usage());
                tickets += step.accepted() - step.unfinished();
            }
            Map<String, Long> counters = new java.util.LinkedHashMap<>(usage.counters());
            long polls = usage.polls();
            counters.computeIfPresent("Com_select", (k, v) -> v - polls);
            counters.computeIfPresent("Questions", (k, v) -> v - polls);
            String scope = counted.stream().map(Step::label).collect(java.util.stream.Collectors.joining(", "));
            return new Result(steps, stopped, tickets, scope, counters, polls, usage.serverCpuMillis(),
                    usage.serverJitCpuMillis(), usage.serverThreads(), databasePid > 0 ? usage.databaseCpuMillis() : -1,
                    usage.generatorCpuMillis(), server.readySeconds, server.rssAtReadyMiB,
                    Proc.heapUsedMiB(server.pid()), Proc.rssMiB(server.pid()), options.serverPool());
        }
    }

    /** Counters and CPU times at one moment; {@link #minus} gives what was used between two. */
    record Usage(Map<String, Long> counters, long polls, long serverCpuMillis, long serverJitCpuMillis,
            Map<String, Long> serverThreads, long databaseCpuMillis, long generatorCpuMillis) {

        Usage minus(Usage earlier) {
            return new Usage(Db.delta(earlier.counters, counters), polls - earlier.polls,
                    serverCpuMillis - earlier.serverCpuMillis, serverJitCpuMillis - earlier.serverJitCpuMillis,
                    Db.delta(earlier.serverThreads, serverThreads),
                    databaseCpuMillis - earlier.databaseCpuMillis, generatorCpuMillis - earlier.generatorCpuMillis);
        }

        Usage plus(Usage other) {
            return new Usage(sum(counters, other.counters), polls + other.polls, serverCpuMillis + other.serverCpuMillis,
                    serverJitCpuMillis + other.serverJitCpuMillis, sum(serverThreads, other.serverThreads),
                    databaseCpuMillis + other.databaseCpuMillis, generatorCpuMillis + other.generatorCpuMillis);
        }

        private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
            Map<String, Long> sum = new java.util.LinkedHashMap<>(a);
            b.forEach((k, v) -> sum.merge(k, v, Long::sum));
            return sum;
        }
    }

    private Usage usageNow() throws java.sql.SQLException {
        long databasePid = databasePid();
        Map<String, Long> threads = server.threadCpuMillis();
        return new Usage(db.counters(), watcher.polls(), server.cpuMillis(), threads.getOrDefault("JIT compiler", 0L),
                threads, databasePid > 0 ? Proc.cpuMillis(databasePid) : 0, Proc.selfCpuMillis());
    }

    /** The MariaDB server's pid; -1 for H2, which runs inside the engine process. */
    private long databasePid() {
        return db.mariadb() ? Proc.databasePid().orElse(-1L) : -1L;
    }

    private String explosion(Step step) {
        if (step.errors() > step.sent() / 100) {
            return step.errors() + " errors of " + step.sent() + " (> 1 %)";
        }
        if (step.unfinished() > 0) {
            return step.unfinished() + " tickets still without agent task " + options.drainSeconds()
                    + " s after the step";
        }
        long p99 = step.latency().getValueAtPercentile(99) / 1000;
        if (p99 > options.p99LimitMs()) {
            return "p99 " + p99 + " ms > " + options.p99LimitMs() + " ms";
        }
        return null;
    }

    private Step step(String label, int rate, int seconds) throws Exception {
        int n = rate * seconds;
        long[] scheduled = new long[n];
        AtomicLongArray ticketOf = new AtomicLongArray(n);
        AtomicLongArray ackAt = new AtomicLongArray(n);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long databasePid = databasePid();
        long serverCpu = server.cpuMillis();
        long serverJit = server.jitCpuMillis();
        long databaseCpu = databasePid > 0 ? Proc.cpuMillis(databasePid) : 0;
        long generatorCpu = Proc.selfCpuMillis();
        long machine = Proc.machineBusyMillis();
        Usage atStart = usageNow();

        long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < n; i++) {
            scheduled[i] = t0 + i * interval;
            waitUntil(scheduled[i]);
            int index = i;
            http.sendAsync(message(nextCustomer++), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                if (error == null && response.statusCode() == 201) {
                    Matcher id = TICKET_ID.matcher(response.body());
                    if (id.find()) {
                        ticketOf.set(index, Long.parseLong(id.group(1)));
                        ackAt.set(index, System.nanoTime());
                        accepted.incrementAndGet();
                        return;
                    }
                }
                errors.incrementAndGet();
                firstError.compareAndSet(null, error != null ? error.toString()
                        : "HTTP " + response.statusCode() + " " + abbreviate(response.body()));
            });
        }
        long end = t0 + seconds * 1_000_000_000L;
        waitUntil(end);
        double wall = seconds * 1000.0;
        double serverCores = (server.cpuMillis() - serverCpu) / wall;
        double serverJitCores = (server.jitCpuMillis() - serverJit) / wall;
        double databaseCores = databasePid > 0 ? (Proc.cpuMillis(databasePid) - databaseCpu) / wall : -1;
        double generatorCores = (Proc.selfCpuMillis() - generatorCpu) / wall;
        double machineCores = (Proc.machineBusyMillis() - machine) / wall;
        int doneAtEnd = 0;
        for (int i = 0; i < n; i++) {
            Long done = ticketOf.get(i) > 0 ? watcher.doneAt(ticketOf.get(i)) : null;
            if (done != null && done <= end) {
                doneAtEnd++;
            }
        }
        int backlog = n - doneAtEnd - errors.get();
        int inFlight = 0;
        for (int i = 0; i < n; i++) {
            if (ackAt.get(i) == 0) {
                inFlight++;
            }
        }
        inFlight -= errors.get();
        long jobs = db.count("SELECT COUNT(*) FROM ACT_RU_JOB");

        long drainDeadline = end + TimeUnit.SECONDS.toNanos(options.drainSeconds());
        while (System.nanoTime() < drainDeadline && !settled(ticketOf, n, accepted.get() + errors.get())) {
            watcher.check();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        long drainEnd = System.nanoTime();
        Usage used = usageNow().minus(atStart);
        Histogram latency = new Histogram(3_600_000_000L, 3);
        Histogram ack = new Histogram(3_600_000_000L, 3);
        int unfinished = 0;
        long highestId = 0;
        for (int i = 0; i < n; i++) {
            long id = ticketOf.get(i);
            if (id == 0) {
                continue;
            }
            highestId = Math.max(highestId, id);
            ack.recordValue(Math.max(0, ackAt.get(i) - scheduled[i]) / 1000);
            Long done = watcher.doneAt(id);
            if (done == null) {
                unfinished++;
                // Not done yet: counted at the time we stopped waiting, so it still weighs on the percentiles.
                latency.recordValue((drainEnd - scheduled[i]) / 1000);
            } else {
                latency.recordValue(Math.max(0, done - scheduled[i]) / 1000);
            }
        }
        int stillInFlight = n - accepted.get() - errors.get();
        if (unfinished == 0 && stillInFlight == 0) {
            watcher.settledUpTo(highestId);
        }
        return new Step(label, rate, seconds, n, accepted.get(), errors.get() + stillInFlight, firstError.get(),
                doneAtEnd / (double) seconds, latency, ack, backlog, inFlight, jobs, unfinished, serverCores, serverJitCores, databaseCores,
                generatorCores, machineCores, used);
    }

    private boolean settled(AtomicLongArray ticketOf, int n, int answered) {
        if (answered < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            long id = ticketOf.get(i);
            if (id > 0 && watcher.doneAt(id) == null) {
                return false;
            }
        }
        return true;
    }

    private HttpRequest message(int customer) {
        String body = "{\"channel\":\"" + Workload.channel(customer) + "\",\"customerExternalId\":\"p3-" + customer
                + "\",\"text\":\"" + Workload.text(customer) + "\"}";
        return HttpRequest.newBuilder(server.uri("/api/messages"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private static void waitUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
