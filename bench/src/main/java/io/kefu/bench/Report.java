package io.kefu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

/** The Markdown section one run appends to bench/RESULTS.md. */
final class Report {

    private final Options options;
    private final String command;
    private final StringBuilder out = new StringBuilder();
    String loadAtStart;
    String loadAtEnd;
    Db db;
    String dbVersion;
    Map<String, String> durability;
    List<FloorPhase.Result> floor;
    EnginePhase.Result engine;
    EndToEndPhase.Result endToEnd;
    Map<String, DecisionPhase.Score> decision;

    Report(Options options, String command) {
        this.options = options;
        this.command = command;
    }

    String render() {
        line("## " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT))
                .replaceAll("\\.\\d+", "") + " — `" + command + "`");
        line("");
        line("- **Machine**: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + memory() + " RAM; " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "; " + dbVersion + (durability.isEmpty() ? "" : "; " + durability) + ".");
        line("- **Load average** (1/5/15 min) at start " + loadAtStart + ", at end " + loadAtEnd
                + ". The load generator, the engine and the database share this machine.");
        line("- **Configuration**: database `" + db.name + "` (fresh), history level **" + options.history()
                + "**, engine Hikari pool " + options.serverPool() + " (P2 and P3), engine heap -Xmx" + options.serverHeap()
                + " (P3), Camunda job executor as application.yml sets it unless the command overrides it"
                + " (P3; off in P2, the driving thread runs the job), outbox relay on in"
                + " P3 (ERP files; no CRM URL, so no CRM deliveries), off in P2"
                + (options.serverArgs().isEmpty() ? "" : "; extra engine arguments " + options.serverArgs())
                + (options.serverJvmArgs().isEmpty() ? "" : "; extra engine JVM options " + options.serverJvmArgs()) + ".");
        line("");
        floor();
        engine();
        endToEnd();
        decision();
        cost();
        ratios();
        return out.toString();
    }

    private void floor() {
        line("### P1 floor: one-row INSERT + COMMIT per transaction (JDBC, engine's driver and URL options)");
        line("");
        line("| connections | commits | seconds | commits/s |");
        line("|---:|---:|---:|---:|");
        for (FloorPhase.Result r : floor) {
            line("| %d | %d | %.1f | **%.0f** |", r.connections(), r.commits(), r.seconds(), r.perSecond());
        }
        line("");
        if (!db.mariadb()) {
            line("H2 does not force each commit to disk (its store writes in the background), so this floor is not a"
                    + " durable-commit figure.");
            line("");
        }
    }

    private void engine() {
        line("### P2 raw engine: start `TicketLifecycle` → triage job → Drools routing → agent task (Camunda Java API, app context in-process)");
        line("");
        line("Per ticket, two engine transactions in the driving thread (start; `executeJob` of the async triage job), then a"
                + " task query that checks `Task_AgentWork` exists. Customer, conversation, ticket and first message were"
                + " inserted beforehand (not timed). No HTTP, security, intake, job acquisition or outbox relay."
                + " Context start-up %.1f s.", engine.startSeconds());
        line("");
        line("| threads | tickets | seconds | tickets/s | p50 ms | p99 ms | max ms |");
        line("|---:|---:|---:|---:|---:|---:|---:|");
        for (EnginePhase.Run r : engine.runs()) {
            line("| %d | %d | %.1f | **%.0f** | %.1f | %.1f | %.1f |", r.threads(), r.tickets(), r.seconds(), r.perSecond(),
                    ms(r.latencyMicros(), 50), ms(r.latencyMicros(), 99), r.latencyMicros().getMaxValue() / 1000.0);
        }
        line("");
    }

    private void endToEnd() {
        var e = endToEnd;
        line("### P3 end to end: `POST /api/messages` (new customer, first message) → agent task visible, open model");
        line("");
        line("Engine `java -jar` in its own process; load generator (java.net.http.HttpClient, 4 threads) in the bench JVM"
                + " on the same machine. Done = ticket past NEW in the database, polled every %d ms (QUEUED and the agent"
                + " task commit in one transaction; latency is late by up to one poll). Latency from the scheduled send time."
                + " Rates in tickets/s; achieved = tickets whose agent task appeared within the step; backlog = tickets of"
                + " the step not done when it ended, of which 'in HTTP' were not yet answered (the rest waited for the async triage"
                + " job), jobs = rows in ACT_RU_JOB then; unfinished = not done %d s later (counted at that time in the"
                + " percentiles). CPU in cores (1.0 = one core busy) over the step; engine ms/ticket = the engine's CPU"
                + " without its JIT compiler threads over the step's tickets sent, DB ms/ticket likewise (both include"
                + " fixed background work such as polling, so they fall as the rate rises, and rise in a step that falls"
                + " behind).",
                CompletionWatcher.POLL_MILLIS,
                options.drainSeconds());
        line("");
        line("| step | offered | s | sent | achieved | errors | p50 ms | p99 ms | p99.9 ms | max ms | 201 p99 ms | backlog at end | in HTTP | jobs | unfinished | engine CPU | DB CPU | generator CPU | machine CPU | engine ms/ticket | DB ms/ticket |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (EndToEndPhase.Step s : e.steps()) {
            line("| %s | %d | %d | %d | **%.1f** | %d | %.0f | **%.0f** | %.0f | %.0f | %.0f | %d | %d | %d | %d | %.2f | %s | %.2f | %.2f | %.1f | %s |",
                    s.label(), s.offered(), s.seconds(), s.sent(), s.achieved(), s.errors(), ms(s.latency(), 50),
                    ms(s.latency(), 99), ms(s.latency(), 99.9), s.latency().getMaxValue() / 1000.0, ms(s.ack(), 99),
                    s.backlogAtEnd(), s.inFlightAtEnd(), s.jobsAtEnd(), s.unfinished(), s.serverCores(), s.databaseCores() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", s.databaseCores()),
                    s.generatorCores(), s.machineCores(), perTicket(s.serverCores() - s.serverJitCores(), s),
                    s.databaseCores() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", perTicket(s.databaseCores(), s)));
        }
        line("");
        line("Result: %s. Highest rate sustained (a step that passed: errors ≤ 1 %%, nothing unfinished, p99 ≤ %d ms):"
                + " **%s**. Engine ready in %.1f s, RSS at ready %d MiB.", e.stoppedBecause(), options.p99LimitMs(),
                sustained() < 0 ? "none" : String.format(Locale.ROOT, "%.1f tickets/s", sustained()), e.readySeconds(), e.rssAtReadyMiB());
        e.steps().stream().filter(s -> s.firstError() != null).findFirst()
                .ifPresent(s -> line("First error (step %s): `%s`", s.label(), s.firstError().replace('`', '\'')));
        line("");
    }

    private void decision() {
        line("### P4 routing decision (JMH, AverageTime, 1 fork)");
        line("");
        line("| benchmark | µs per decision | ± (99.9 %) |");
        line("|---|---:|---:|");
        decision.forEach((name, score) -> line("| %s | %.3f | %s |", name, score.micros(), Double.isNaN(score.error())
                ? "n/a (too few iterations)" : String.format(Locale.ROOT, "%.3f", score.error())));
        line("");
    }

    private void cost() {
        var p2 = engine;
        var p3 = endToEnd;
        line("### Cost per ticket");
        line("");
        line("Database counters are `SHOW GLOBAL STATUS` deltas over the measured part of the phase (server-wide: another"
                + " client of the same MariaDB would inflate them), minus this harness's own queries (P2: the task check;"
                + " P3: %d completion polls). P2 counts start + job + task check; P3 counts, from each step's start to the"
                + " end of its drain, the steps whose every ticket finished without error (here: %s), including"
                + " security, intake and the outbox relay's ERP deliveries.", p3.polls(), p3.countedSteps());
        line("");
        line("| per ticket | P2 raw engine (%d tickets) | P3 end to end (%d tickets) |", p2.tickets(), p3.tickets());
        line("|---|---:|---:|");
        for (String counter : Db.COUNTERS) {
            if (p2.counters().containsKey(counter) || p3.counters().containsKey(counter)) {
                line("| %s | %s | %s |", counter, per(p2.counters().get(counter), p2.tickets()),
                        per(p3.counters().get(counter), p3.tickets()));
            }
        }
        if (p2.counters().isEmpty()) {
            line("| SQL counters | n/a (H2 keeps none) | n/a |");
        }
        line("| CPU ms, engine process | %.2f (bench JVM: engine + driver threads) | %.2f |",
                p2.cpuMillis() / (double) p2.tickets(), p3.serverCpuMillis() / (double) Math.max(1, p3.tickets()));
        line("| of which JIT compiler threads | %.2f | %.2f |", p2.jitCpuMillis() / (double) p2.tickets(),
                p3.serverJitCpuMillis() / (double) Math.max(1, p3.tickets()));
        line("| CPU ms, engine process without JIT | %.2f | **%.2f** |",
                (p2.cpuMillis() - p2.jitCpuMillis()) / (double) p2.tickets(),
                (p3.serverCpuMillis() - p3.serverJitCpuMillis()) / (double) Math.max(1, p3.tickets()));
        long live = p3.serverThreadCpuMillis().values().stream().mapToLong(Long::longValue).sum();
        for (var group : p3.serverThreadCpuMillis().entrySet()) {
            if (!group.getKey().equals("JIT compiler")) {
                line("| engine CPU ms: %s | | %.2f |", group.getKey(), group.getValue() / (double) Math.max(1, p3.tickets()));
            }
        }
        if (!p3.serverThreadCpuMillis().isEmpty()) {
            line("| engine CPU ms: threads that ended meanwhile | | %.2f |",
                    (p3.serverCpuMillis() - live) / (double) Math.max(1, p3.tickets()));
        }
        line("| CPU ms, database process | — | %s |", p3.databaseCpuMillis() < 0 ? "n/a (H2 runs inside the engine)"
                : String.format(Locale.ROOT, "%.2f", p3.databaseCpuMillis() / (double) Math.max(1, p3.tickets())));
        line("| CPU ms, load generator | — | %.2f |", p3.generatorCpuMillis() / (double) Math.max(1, p3.tickets()));
        line("| heap used / RSS at phase end, MiB | %d / %d | %d / %d |", p2.heapMiB(), p2.rssMiB(), p3.heapMiB(), p3.rssMiB());
        line("");
        DecisionPhase.Score drools = decision.get("drools");
        if (drools != null && p3.tickets() > 0) {
            double cpuMicros = 1000.0 * (p3.serverCpuMillis() - p3.serverJitCpuMillis()) / p3.tickets();
            line("Routing share: one Drools decision (%.1f µs, P4) is **%.2f %%** of the engine's CPU per ticket in P3 without JIT (%.0f µs).",
                    drools.micros(), 100 * drools.micros() / cpuMicros, cpuMicros);
            line("");
        }
    }

    private void ratios() {
        double p1One = floor.get(0).perSecond();
        double p1Eight = floor.get(1).perSecond();
        double p2One = engine.runs().get(0).perSecond();
        double p2Eight = engine.runs().get(1).perSecond();
        double p3 = sustained();
        line("### Ratios");
        line("");
        line("| ratio | value |");
        line("|---|---:|");
        line("| P3 sustained / P2 at 8 threads | %s |", p3 < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", p3 / p2Eight));
        line("| P2 / P1 at 1 thread/connection (tickets/s per commit/s) | %.3f |", p2One / p1One);
        line("| P2 / P1 at 8 threads/connections | %.3f |", p2Eight / p1Eight);
        line("");
    }

    /** Highest achieved rate among steps that passed; -1 when none did. */
    private double sustained() {
        double best = -1;
        for (EndToEndPhase.Step s : endToEnd.steps()) {
            boolean passed = s.errors() <= s.sent() / 100 && s.unfinished() == 0
                    && s.latency().getValueAtPercentile(99) / 1000 <= options.p99LimitMs();
            if (passed && !s.label().equals("warm-up")) {
                best = Math.max(best, s.achieved());
            }
        }
        return best;
    }

    /** CPU ms per ticket sent in a step, from the cores it used over the step. */
    private static double perTicket(double cores, EndToEndPhase.Step s) {
        return s.sent() == 0 ? 0 : cores * 1000.0 * s.seconds() / s.sent();
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String per(Long value, int tickets) {
        return value == null || tickets == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", value / (double) tickets);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB").findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private void line(String format, Object... args) {
        out.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args)).append('\n');
    }
}
