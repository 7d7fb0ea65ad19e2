package io.kefu.bench;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

/**
 * Entry point of {@code bench/timers}: the engine's timers and its recovery from a crash, each on a
 * fresh MariaDB schema with the engine jar in its own process. Measures only; nothing here asserts a
 * time.
 *
 * <ul>
 * <li>{@code crash} (issue 22 item 8): new customers post their first message concurrently; the
 * engine is killed with {@code kill -9} mid-load; then (round 1) the same node restarts, or
 * (round 2) another node starts in its place; reported: how long until every acknowledged ticket
 * has left NEW (its routing job ran), from the new process's launch and from its readiness.</li>
 * <li>{@code timers} (P6, item 9): 10,000 waiting soothing timers ({@code BoundaryEvent_SootheCustomer})
 * whose due times are spread over a window, while P3's open-model load runs at 50 tickets/s;
 * reported: timer lateness (seen fired − due), the engine's CPU per fired timer against the same
 * load without timers due, and P3's latency in both windows; then, after P3, a fifth as many timers
 * (at most 2,000) fire alone at 100/s, and their CPU against an idle window before them is what one
 * timer costs.</li>
 * </ul>
 */
public final class TimerBench {

    private static final Pattern TICKET_ID = Pattern.compile("\"ticketId\"\\s*:\\s*(\\d+)");
    private static final long POLL_MILLIS = 20;

    private final Options options;
    private final Db db;
    private final Path workDir;
    private final HttpClient http;
    private final String authorization = "Basic " + Base64.getEncoder()
            .encodeToString((Server.USER + ":" + Server.PASSWORD).getBytes(StandardCharsets.UTF_8));
    private final StringBuilder out = new StringBuilder();

    private TimerBench(Options options, Db db, Path workDir, ExecutorService httpThreads) {
        this.options = options;
        this.db = db;
        this.workDir = workDir;
        this.http = HttpClient.newBuilder().executor(httpThreads).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !Set.of("crash", "timers").contains(args[0])) {
            throw new IllegalArgumentException("Usage: TimerBench crash|timers --home DIR [--quick] [--output FILE]"
                    + " [--tickets N] [--timers N] [--spread-seconds S] [--rate R]");
        }
        String mode = args[0];
        List<String> base = new ArrayList<>();
        Map<String, String> own = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--tickets", "--timers", "--spread-seconds", "--rate" -> own.put(args[i], args[++i]);
                case "--quick" -> base.add(args[i]);
                default -> {
                    base.add(args[i]);
                    base.add(args[++i]);
                }
            }
        }
        Options options = Options.parse(base.toArray(String[]::new));
        if (!options.mariadb() && mode.equals("crash")) {
            throw new IllegalArgumentException("bench/timers crash runs on MariaDB only");
        }
        String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path workDir = Files.createDirectories(options.home().resolve("bench/target/" + mode + "-" + stamp));
        Db db = Db.fresh(options, workDir);
        ExecutorService httpThreads = Executors.newFixedThreadPool(16);
        try {
            TimerBench bench = new TimerBench(options, db, workDir, httpThreads);
            bench.out.append("## ").append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                    .append(" — `").append(System.getProperty("kefu.bench.command", "bench/timers " + mode))
                    .append("`\n\n- **Machine**: ").append(Runtime.getRuntime().availableProcessors())
                    .append(" cores, load average at start ").append(Proc.loadAverage()).append("\n- **Database**: `")
                    .append(db.name).append("` (fresh), ").append(db.version()).append(", history level ")
                    .append(options.history()).append("\n");
            if (mode.equals("crash")) {
                bench.crash(Integer.parseInt(own.getOrDefault("--tickets", options.quick() ? "200" : "400")));
            } else {
                int timers = Integer.parseInt(own.getOrDefault("--timers", options.quick() ? "2000" : "10000"));
                int spread = Integer.parseInt(own.getOrDefault("--spread-seconds", options.quick() ? "60" : "300"));
                int rate = Integer.parseInt(own.getOrDefault("--rate", "50"));
                bench.timers(timers, spread, rate);
            }
            bench.out.append("\n- Load average at end: ").append(Proc.loadAverage()).append("; work files in `")
                    .append(options.home().relativize(workDir)).append("`\n");
            Files.createDirectories(options.output().toAbsolutePath().getParent());
            Files.writeString(options.output(), bench.out);
            System.out.println(bench.out);
        } finally {
            httpThreads.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- crash

    private void crash(int tickets) throws Exception {
        out.append("- **Engine**: `java -jar`, `KEFU_NODE_ID` per node, job lock time and acquisition as "
                + "application.yml sets them").append(options.serverArgs().isEmpty() ? "" : ", arguments "
                + options.serverArgs()).append("\n\n### Crash recovery: `kill -9` during ").append(tickets)
                .append(" concurrent first messages\n\n")
                .append("| round | acknowledged (201) | refused or cut off | left in NEW at the kill | jobs locked by the "
                        + "dead node | new node | launch → ready | routed within 30 s of ready | max ready → routed"
                        + " | every acknowledged ticket past NEW, from launch / from ready | tickets lost |\n"
                        + "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
        int port = freePort();
        Server first = Server.start(db, options, workDir, port, "node-a", Map.of("KEFU_NODE_ID", "bench-node-a"));
        Workload.registerCustomers(db, "crash", tickets * 2);
        crashRound("1: the same node restarts", first, tickets, 0, "bench-node-a", "node-a", port);
        Server second = Server.start(db, options, workDir, port, "node-a", Map.of("KEFU_NODE_ID", "bench-node-a"));
        crashRound("2: another node takes over", second, tickets, tickets, "bench-node-b", "node-b", port);
    }

    private void crashRound(String label, Server victim, int tickets, int firstCustomer, String nextNode,
            String nextName, int port) throws Exception {
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        Semaphore killAfter = new Semaphore(0);
        for (int i = 0; i < tickets; i++) {
            http.sendAsync(message(victim, "crash-" + (firstCustomer + i)), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        Long id = error == null && response.statusCode() == 201 ? ticketId(response.body()) : null;
                        if (id != null) {
                            acknowledged.add(id);
                        } else {
                            refused.incrementAndGet();
                        }
                        killAfter.release();
                    });
        }
        // Mid-load: once half the requests have been answered, the rest are in flight or queued.
        killAfter.tryAcquire(tickets / 2, 120, TimeUnit.SECONDS);
        // ... and at a moment the node holds job locks (jobs acquired, not yet committed), up to 20 s.
        long lockDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < lockDeadline
                && db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE LOCK_OWNER_ = 'bench-node-a'") == 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        victim.kill();
        killAfter.tryAcquire(tickets - tickets / 2, 60, TimeUnit.SECONDS);
        Set<Long> acked = Set.copyOf(acknowledged);
        long leftNew = countNew(acked);
        long lockedByDead = db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE LOCK_OWNER_ = 'bench-node-a'");

        long launch = System.nanoTime();
        Server next = Server.start(db, options, workDir, port, nextName, Map.of("KEFU_NODE_ID", nextNode));
        long ready = launch + (long) (next.readySeconds * 1e9);
        // When each acknowledged ticket was first seen past NEW (routed: its agent task committed with
        // it); those routed before the kill, or while the new node started, count from its readiness.
        Map<Long, Long> routedAt = new HashMap<>();
        Set<Long> waiting = new HashSet<>(acked);
        long allDone = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(400);
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            for (long id : routed(waiting)) {
                routedAt.put(id, Math.max(0, now - ready));
                waiting.remove(id);
            }
            if (waiting.isEmpty()) {
                allDone = now;
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        long within30 = routedAt.values().stream().filter(after -> after <= TimeUnit.SECONDS.toNanos(30)).count();
        long maxAfterReady = routedAt.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long present = countExisting(acked);
        out.append("| ").append(label).append(" | ").append(acked.size()).append(" | ").append(refused.get())
                .append(" | ").append(leftNew).append(" | ").append(lockedByDead).append(" | `").append(nextNode)
                .append("` | ").append(seconds(ready - launch)).append(" | ").append(within30).append(" / ")
                .append(acked.size()).append(" | ")
                .append(waiting.isEmpty() ? seconds(maxAfterReady) : "— (" + waiting.size() + " still NEW)")
                .append(" | ")
                .append(allDone < 0 ? "not within 400 s (" + waiting.size() + " still NEW)"
                        : seconds(allDone - launch) + " / " + seconds(Math.max(0, allDone - ready)))
                .append(" | ").append(acked.size() - present).append(" |\n");
        next.close();
    }

    /** Those of the tickets that have left NEW. */
    private List<Long> routed(Set<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Long> routed = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT id FROM ticket WHERE status <> 'NEW' AND id IN ("
                        + join(ids) + ")")) {
            while (rows.next()) {
                routed.add(rows.getLong(1));
            }
        }
        return routed;
    }

    private long countNew(Set<Long> ids) throws SQLException {
        return ids.isEmpty() ? 0 : db.count("SELECT COUNT(*) FROM ticket WHERE status = 'NEW' AND id IN ("
                + join(ids) + ")");
    }

    private long countExisting(Set<Long> ids) throws SQLException {
        return ids.isEmpty() ? 0 : db.count("SELECT COUNT(*) FROM ticket WHERE id IN (" + join(ids) + ")");
    }

    // ---------------------------------------------------------------- timers (P6)

    private void timers(int timers, int spreadSeconds, int rate) throws Exception {
        int baselineSeconds = options.quick() ? 20 : 60;
        int tailSeconds = 15;
        int p3Seconds = baselineSeconds + spreadSeconds + tailSeconds;
        // After P3: the same kind of timers alone, at 100/s, against an idle window before them, for
        // what one timer costs without P3's warm-up and backlog in the comparison.
        int alone = Math.max(100, Math.min(2_000, timers / 5));
        int aloneSeconds = Math.max(1, alone / 100);
        out.append("- **Engine**: `java -jar`, `KEFU_SOOTHE_AFTER=P1D` and `KEFU_SKILLS_TIMEOUT=P1D` (P3's own tickets add "
                + "no due soothing or skills-timeout timer), job "
                + "executor as application.yml sets it").append(options.serverArgs().isEmpty() ? ""
                        : ", arguments " + options.serverArgs()).append("\n\n");
        int port = freePort();
        try (Server server = Server.start(db, options, workDir, port, "server", Map.of("KEFU_SOOTHE_AFTER", "P1D", "KEFU_SKILLS_TIMEOUT", "P1D",
                "KEFU_NODE_ID", "bench-p6"))) {
            Workload.registerCustomers(db, "p6", rate * p3Seconds + 100);
            List<Long> seeded = Workload.seedTickets(db, "p6t", timers + alone);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE ticket SET status = 'QUEUED', queue = 'general_support' WHERE id BETWEEN "
                        + seeded.get(0) + " AND " + seeded.get(seeded.size() - 1));
            }
            Bench.progress("P6: " + timers + " waiting ticket instances through /engine-rest");
            long seedStart = System.nanoTime();
            startWaiting(server, seeded);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            // The due times: spread evenly over [W0, W0 + spread), W0 = the end of P3's baseline window.
            long p3Start = System.currentTimeMillis() + 2_000;
            long windowStart = p3Start + baselineSeconds * 1000L;
            long p3End = p3Start + p3Seconds * 1000L;
            long aloneStart = p3End + 45_000;
            spreadDueDates(windowStart, spreadSeconds, timers, aloneStart, aloneSeconds);
            Map<Long, Long> due = new HashMap<>();
            Map<Long, Long> aloneDue = new HashMap<>();
            dueDates().forEach((ticket, at) -> (at < aloneStart ? due : aloneDue).put(ticket, at));
            Bench.progress("P6: " + due.size() + " timers due from " + Instant.ofEpochMilli(windowStart) + " over "
                    + spreadSeconds + " s; P3 at " + rate + "/s for " + p3Seconds + " s");

            FiredWatcher fired = new FiredWatcher(db, seeded.get(0), seeded.get(seeded.size() - 1));
            CompletionWatcher routed = new CompletionWatcher(db, db.maxId("ticket"));
            Load load = new Load(server, rate, p3Start, p3Seconds);
            Thread sender = new Thread(load, "p6-sender");
            sender.start();
            long databasePid = db.mariadb() ? Proc.databasePid().orElse(-1L) : -1L;
            sleepUntilMillis(p3Start + 5_000);
            Window baseline = Window.open(server, databasePid, fired);
            sleepUntilMillis(windowStart);
            baseline = baseline.close(server, databasePid, fired);
            Window firing = Window.open(server, databasePid, fired);
            sleepUntilMillis(windowStart + spreadSeconds * 1000L + 5_000);
            firing = firing.close(server, databasePid, fired);
            sender.join();
            long drainEnd = Math.min(System.currentTimeMillis() + 30_000, aloneStart - 12_000);
            while (System.currentTimeMillis() < drainEnd && fired.size() < due.size()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
            sleepUntilMillis(aloneStart - 11_000);
            Window idle = Window.open(server, databasePid, fired);
            sleepUntilMillis(aloneStart - 1_000);
            idle = idle.close(server, databasePid, fired);
            Window firingAlone = Window.open(server, databasePid, fired);
            sleepUntilMillis(aloneStart + aloneSeconds * 1000L + 3_000);
            firingAlone = firingAlone.close(server, databasePid, fired);
            long aloneEnd = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < aloneEnd && fired.size() < due.size() + aloneDue.size()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
            fired.close();
            routed.check();

            Histogram lateness = new Histogram(3_600_000L, 3);
            long early = 0;
            long earliest = Long.MAX_VALUE;
            for (Map.Entry<Long, Long> timer : due.entrySet()) {
                Long seen = fired.seenAt(timer.getKey());
                if (seen == null) {
                    continue;
                }
                long late = seen - timer.getValue();
                earliest = Math.min(earliest, late);
                if (late < 0) {
                    early++;
                }
                lateness.recordValue(Math.max(0, late));
            }
            long notFired = due.size() - lateness.getTotalCount();
            Histogram aloneLateness = new Histogram(3_600_000L, 3);
            for (Map.Entry<Long, Long> timer : aloneDue.entrySet()) {
                Long seen = fired.seenAt(timer.getKey());
                if (seen != null) {
                    aloneLateness.recordValue(Math.max(0, seen - timer.getValue()));
                }
            }
            Histogram baseLatency = load.latency(routed, p3Start + 5_000, windowStart);
            Histogram fireLatency = load.latency(routed, windowStart, windowStart + spreadSeconds * 1000L);

            out.append("### P6 timers: ").append(String.format(Locale.ROOT, "%,d", due.size()))
                    .append(" waiting soothing timers due over ").append(spreadSeconds).append(" s (")
                    .append(String.format(Locale.ROOT, "%.1f", due.size() / (double) spreadSeconds))
                    .append("/s) while P3 runs at ").append(rate).append(" tickets/s\n\n")
                    .append("Set-up: ").append(due.size()).append(" tickets stored as QUEUED, their `TicketLifecycle`"
                            + " instances started at `Task_AgentWork` through `/engine-rest` in ")
                    .append(String.format(Locale.ROOT, "%.0f s", seedSeconds))
                    .append(", then the soothing timers' due dates (`ACT_RU_JOB.DUEDATE_`, whole seconds on MariaDB)"
                            + " spread evenly over the window. A timer counts as fired when the harness first sees the"
                            + " bot's soothing message in `message` (polled every ").append(POLL_MILLIS)
                    .append(" ms): lateness = seen − due, so it includes the timer job's commit and up to one poll."
                            + " Baseline window: the same P3 load for ").append(baselineSeconds - 5)
                    .append(" s before the first timer is due. After P3 (and 30 s for its backlog) ").append(aloneDue.size())
                    .append(" more such timers fire alone over ").append(aloneSeconds)
                    .append(" s, measured against the 10 s of idle before them.\n\n")
                    .append("| timer lateness (seen fired − due) | value |\n|---|---:|\n")
                    .append("| fired / due | ").append(lateness.getTotalCount()).append(" / ").append(due.size())
                    .append(notFired > 0 ? " (" + notFired + " not within 30 s after the window)" : "").append(" |\n")
                    .append("| p50 | ").append(ms(lateness.getValueAtPercentile(50))).append(" |\n")
                    .append("| p99 | ").append(ms(lateness.getValueAtPercentile(99))).append(" |\n")
                    .append("| p99.9 | ").append(ms(lateness.getValueAtPercentile(99.9))).append(" |\n")
                    .append("| max | ").append(ms(lateness.getMaxValue())).append(" |\n")
                    .append("| seen before their stored due second (engine clock vs harness clock) | ").append(early)
                    .append(earliest < 0 ? " (earliest " + earliest + " ms)" : "").append(" |\n")
                    .append("| over 2 s late | ").append(countAbove(lateness, 2_000)).append(" |\n\n");
            out.append("| window | P3 sent / errors | P3 p50 / p99 (message → agent task) | timers fired | engine CPU"
                    + " cores (job executor) | MariaDB CPU cores |\n|---|---:|---:|---:|---:|---:|\n");
            row("baseline (no timer due)", baseline, load, baseLatency);
            row("timers due", firing, load, fireLatency);
            row("after P3: idle", idle, load, new Histogram(3));
            row("after P3: " + aloneDue.size() + " timers alone, " + aloneDue.size() / aloneSeconds + "/s", firingAlone,
                    load, new Histogram(3));
            double aloneRate = firingAlone.fired / firingAlone.seconds();
            double aloneEngine = (firingAlone.engineCores() - idle.engineCores()) * 1000 / aloneRate;
            double aloneJobs = (firingAlone.jobCores() - idle.jobCores()) * 1000 / aloneRate;
            double aloneDb = (firingAlone.databaseCores() - idle.databaseCores()) * 1000 / aloneRate;
            double extraEngine = firing.engineCores() - baseline.engineCores();
            double extraJobs = firing.jobCores() - baseline.jobCores();
            double extraDb = firing.databaseCores() - baseline.databaseCores();
            double perSecond = firing.fired / firing.seconds();
            out.append("\n| ratio / cost | value |\n|---|---:|\n")
                    .append("| timer lateness p99 ÷ 2 s target | ")
                    .append(String.format(Locale.ROOT, "%.2f", lateness.getValueAtPercentile(99) / 2000.0)).append(" |\n")
                    .append("| engine CPU, timers due ÷ baseline | ")
                    .append(String.format(Locale.ROOT, "%.2f", firing.engineCores() / baseline.engineCores()))
                    .append(" |\n| MariaDB CPU, timers due ÷ baseline | ")
                    .append(String.format(Locale.ROOT, "%.2f", firing.databaseCores() / baseline.databaseCores()))
                    .append(" |\n| P3 p99, timers due ÷ baseline | ")
                    .append(String.format(Locale.ROOT, "%.2f", fireLatency.getValueAtPercentile(99)
                            / (double) Math.max(1, baseLatency.getValueAtPercentile(99))))
                    .append(" |\n| CPU per fired timer, timers due against the P3 baseline (which holds P3's own warm-up):"
                            + " engine (of it job executor) / MariaDB | ")
                    .append(String.format(Locale.ROOT, "%.2f (%.2f) / %.2f ms", extraEngine * 1000 / perSecond,
                            extraJobs * 1000 / perSecond, extraDb * 1000 / perSecond))
                    .append(" |\n| **CPU per fired timer, timers alone against idle**: engine (of it job executor) / MariaDB | ")
                    .append(String.format(Locale.ROOT, "**%.2f (%.2f) / %.2f ms**", aloneEngine, aloneJobs, aloneDb))
                    .append(" |\n| timers alone: fired / due, lateness p50 / p99 / max | ")
                    .append(aloneLateness.getTotalCount()).append(" / ").append(aloneDue.size()).append(", ")
                    .append(ms(aloneLateness.getValueAtPercentile(50))).append(" / ")
                    .append(ms(aloneLateness.getValueAtPercentile(99))).append(" / ").append(ms(aloneLateness.getMaxValue()))
                    .append(" |\n");
        }
    }

    private void row(String label, Window window, Load load, Histogram latency) {
        out.append("| ").append(label).append(" (").append(String.format(Locale.ROOT, "%.0f s", window.seconds()))
                .append(") | ").append(load.sentBetween(window.startMillis, window.endMillis)).append(" / ")
                .append(load.errors.get()).append(" total | ")
                .append(latency.getTotalCount() == 0 ? "—" : ms(latency.getValueAtPercentile(50)) + " / "
                        + ms(latency.getValueAtPercentile(99))).append(" | ").append(window.fired)
                .append(" | ").append(String.format(Locale.ROOT, "%.2f (%.2f)", window.engineCores(), window.jobCores()))
                .append(" | ").append(String.format(Locale.ROOT, "%.2f", window.databaseCores())).append(" |\n");
    }

    /** Starts one instance per stored ticket at {@code Task_AgentWork}, 16 requests at a time. */
    private void startWaiting(Server server, List<Long> tickets) throws Exception {
        Semaphore inFlight = new Semaphore(16);
        // The other timers on Task_AgentWork (first-response escalation, skills timeout) wait a day, as the
        // soothing timer does until its due date is moved: only the soothing timers fire in the window.
        String dayAway = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT)
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusDays(1));
        AtomicInteger failed = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        for (long ticket : tickets) {
            inFlight.acquire();
            String body = "{\"businessKey\":\"" + ticket + "\",\"variables\":{"
                    + "\"ticketId\":{\"value\":" + ticket + ",\"type\":\"Long\"},"
                    + "\"autoCloseAfter\":{\"value\":\"P3D\",\"type\":\"String\"},"
                    + "\"sootheAfter\":{\"value\":\"P1D\",\"type\":\"String\"},"
                    + "\"skillsTimeout\":{\"value\":\"P1D\",\"type\":\"String\"},"
                    + "\"escalationDue\":{\"value\":\"" + dayAway + "\",\"type\":\"Date\"},"
                    + "\"queue\":{\"value\":\"general_support\",\"type\":\"String\"},"
                    + "\"priority\":{\"value\":\"NORMAL\",\"type\":\"String\"}},"
                    + "\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_AgentWork\"}]}";
            HttpRequest request = HttpRequest.newBuilder(server.uri(
                    "/engine-rest/process-definition/key/TicketLifecycle/start"))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                if (error != null || response.statusCode() != 200) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, error != null ? error.toString()
                            : response.statusCode() + " " + response.body());
                }
                inFlight.release();
            });
        }
        inFlight.acquire(16);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " instances did not start; first: " + firstFailure.get());
        }
    }

    /**
     * Sets the soothing timers' due dates evenly over the window, in id order (batched updates): the
     * first {@code timers} over P3's window, the rest over the window of timers alone.
     */
    private void spreadDueDates(long windowStart, int spreadSeconds, int timers, long aloneStart, int aloneSeconds)
            throws SQLException {
        long first = windowStart - windowStart % 1000 + 1000;
        long aloneFirst = aloneStart - aloneStart % 1000 + 1000;
        try (Connection c = db.connect(); Statement s = c.createStatement();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE ACT_RU_JOB SET DUEDATE_ = ?, REV_ = REV_ + 1 WHERE ID_ = ?")) {
            c.setAutoCommit(false);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    SELECT j.ID_ FROM ACT_RU_JOB j JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_
                    WHERE d.ACT_ID_ = 'BoundaryEvent_SootheCustomer' ORDER BY j.ID_""")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            int alone = ids.size() - timers;
            for (int i = 0; i < ids.size(); i++) {
                long at = i < timers ? first + (long) i * spreadSeconds / timers * 1000
                        : aloneFirst + (long) (i - timers) * aloneSeconds / alone * 1000;
                update.setTimestamp(1, new Timestamp(at));
                update.setString(2, ids.get(i));
                update.addBatch();
                if (i % 500 == 499) {
                    update.executeBatch();
                }
            }
            update.executeBatch();
            c.commit();
        }
    }

    /** Ticket id → due time (epoch ms) of its soothing timer. */
    private Map<Long, Long> dueDates() throws SQLException {
        Map<Long, Long> due = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT p.BUSINESS_KEY_, j.DUEDATE_ FROM ACT_RU_JOB j JOIN ACT_RU_EXECUTION p ON p.ID_ = j.PROCESS_INSTANCE_ID_
                JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_ WHERE d.ACT_ID_ = 'BoundaryEvent_SootheCustomer'""")) {
            while (rs.next()) {
                due.put(Long.parseLong(rs.getString(1)), rs.getTimestamp(2).getTime());
            }
        }
        return due;
    }

    /** The open-model P3 load: a new customer's first message every 1/rate s, from {@code startMillis}. */
    private final class Load implements Runnable {

        private final Server server;
        private final int rate;
        private final long startMillis;
        private final int seconds;
        private final long[] scheduled;
        private final long[] ticketOf;
        final AtomicInteger errors = new AtomicInteger();

        Load(Server server, int rate, long startMillis, int seconds) {
            this.server = server;
            this.rate = rate;
            this.startMillis = startMillis;
            this.seconds = seconds;
            this.scheduled = new long[rate * seconds];
            this.ticketOf = new long[rate * seconds];
        }

        @Override
        public void run() {
            long interval = 1_000_000_000L / rate;
            long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(startMillis - System.currentTimeMillis());
            for (int i = 0; i < scheduled.length; i++) {
                long at = t0 + i * interval;
                while (at - System.nanoTime() > 0) {
                    LockSupport.parkNanos(at - System.nanoTime());
                }
                scheduled[i] = at;
                int index = i;
                http.sendAsync(message(server, "p6-" + i), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, error) -> {
                            Long id = error == null && response.statusCode() == 201 ? ticketId(response.body()) : null;
                            if (id == null) {
                                errors.incrementAndGet();
                            } else {
                                ticketOf[index] = id;
                            }
                        });
            }
        }

        int sentBetween(long fromMillis, long toMillis) {
            long from = (fromMillis - startMillis) * rate / 1000;
            long to = (toMillis - startMillis) * rate / 1000;
            // a window after the load's end (the timers alone) sent nothing
            return (int) Math.max(0, Math.min(to, scheduled.length) - Math.max(0, from));
        }

        /** P3 latency (scheduled send → ticket past NEW) of the tickets scheduled in the window. */
        Histogram latency(CompletionWatcher routed, long fromMillis, long toMillis) {
            Histogram latency = new Histogram(3_600_000L, 3);
            int from = (int) Math.max(0, (fromMillis - startMillis) * rate / 1000);
            int to = (int) Math.min(scheduled.length, (toMillis - startMillis) * rate / 1000);
            for (int i = from; i < to; i++) {
                Long done = ticketOf[i] == 0 ? null : routed.doneAt(ticketOf[i]);
                if (done != null) {
                    latency.recordValue(Math.max(0, (done - scheduled[i]) / 1_000_000));
                }
            }
            return latency;
        }
    }

    /** CPU and fired timers over one window of P6. */
    private record Window(long startMillis, long endMillis, long engineCpu, long jobCpu, long databaseCpu,
            long fired) {

        static Window open(Server server, long databasePid, FiredWatcher fired) {
            return new Window(System.currentTimeMillis(), 0, server.cpuMillis(),
                    server.threadCpuMillis().getOrDefault("job executor", 0L),
                    databasePid > 0 ? Proc.cpuMillis(databasePid) : 0, fired.size());
        }

        Window close(Server server, long databasePid, FiredWatcher watcher) {
            return new Window(startMillis, System.currentTimeMillis(), server.cpuMillis() - engineCpu,
                    server.threadCpuMillis().getOrDefault("job executor", 0L) - jobCpu,
                    databasePid > 0 ? Proc.cpuMillis(databasePid) - databaseCpu : 0, watcher.size() - fired);
        }

        double seconds() {
            return (endMillis - startMillis) / 1000.0;
        }

        double engineCores() {
            return engineCpu / 1000.0 / seconds();
        }

        double jobCores() {
            return jobCpu / 1000.0 / seconds();
        }

        double databaseCores() {
            return databaseCpu / 1000.0 / seconds();
        }
    }

    /** Sees the bot's soothing messages of the seeded tickets appear; one SELECT per poll. */
    private static final class FiredWatcher implements AutoCloseable {

        private static final long LOOK_BACK = 300;

        private final Map<Long, Long> seenAt = new ConcurrentHashMap<>();
        private final Connection connection;
        private final Thread thread;
        private volatile boolean running = true;

        FiredWatcher(Db db, long firstTicket, long lastTicket) throws SQLException {
            connection = db.connect();
            thread = new Thread(() -> loop(firstTicket, lastTicket), "fired-watcher");
            thread.setDaemon(true);
            thread.start();
        }

        private void loop(long firstTicket, long lastTicket) {
            long after = 0;
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT id, ticket_id FROM message WHERE id > ? AND direction = 'OUTBOUND' AND author = 'bot'
                    AND ticket_id BETWEEN ? AND ? ORDER BY id""")) {
                while (running) {
                    // Ids are handed out before their transactions commit, so a message can become
                    // visible after one with a higher id: every poll looks again at the last
                    // LOOK_BACK ids (each ticket is counted once, at its first sighting).
                    query.setLong(1, Math.max(0, after - LOOK_BACK));
                    query.setLong(2, firstTicket);
                    query.setLong(3, lastTicket);
                    try (ResultSet rs = query.executeQuery()) {
                        long now = System.currentTimeMillis();
                        while (rs.next()) {
                            after = Math.max(after, rs.getLong(1));
                            seenAt.putIfAbsent(rs.getLong(2), now);
                        }
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        Long seenAt(long ticketId) {
            return seenAt.get(ticketId);
        }

        long size() {
            return seenAt.size();
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join(5_000);
            connection.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    private HttpRequest message(Server server, String customer) {
        String body = "{\"channel\":\"WEB\",\"customerExternalId\":\"" + customer + "\",\"text\":\""
                + Workload.text(customer.hashCode() & 0xffff) + "\"}";
        return HttpRequest.newBuilder(server.uri("/api/messages")).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private static Long ticketId(String body) {
        Matcher id = TICKET_ID.matcher(body);
        return id.find() ? Long.parseLong(id.group(1)) : null;
    }

    private static String join(Set<Long> ids) {
        StringBuilder list = new StringBuilder();
        for (long id : ids) {
            list.append(list.isEmpty() ? "" : ",").append(id);
        }
        return list.toString();
    }

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private static void sleepUntilMillis(long epochMillis) {
        long left;
        while ((left = epochMillis - System.currentTimeMillis()) > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(left));
        }
    }

    private static long countAbove(Histogram histogram, long value) {
        return histogram.getTotalCount() - histogram.getCountBetweenValues(0, value);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String ms(long millis) {
        return String.format(Locale.ROOT, "%,d ms", millis);
    }
}
