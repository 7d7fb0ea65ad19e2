package io.kefu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Entry point of {@code bench/run}: runs P1 (floor), P2 (raw engine), P3 (end to end) and P4
 * (routing decision) against one fresh database and writes one Markdown report. Measures only;
 * nothing here asserts a time.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path workDir = Files.createDirectories(options.home().resolve("bench/target/run-" + stamp));
        Report report = new Report(options, System.getProperty("kefu.bench.command", "bench/run"));
        report.loadAtStart = Proc.loadAverage();

        Db db = Db.fresh(options, workDir);
        report.db = db;
        report.dbVersion = db.version();
        report.durability = db.durability();
        progress("database " + db.name + " (" + report.dbVersion + ")");

        progress("P1 floor: INSERT + COMMIT, " + options.floorSeconds() + " s each at 1 and 8 connections");
        report.floor = FloorPhase.run(db, options.floorSeconds());

        progress("P2 raw engine: " + options.engineTickets() + " tickets at 1 and at 8 threads");
        report.engine = EnginePhase.run(db, options, workDir);

        progress("P3 end to end: rates " + options.rates() + ", " + options.stepSeconds() + " s per step");
        report.endToEnd = EndToEndPhase.run(db, options, workDir);

        progress("P4 routing decision (JMH)");
        report.decision = DecisionPhase.run(options);

        report.loadAtEnd = Proc.loadAverage();
        String text = report.render();
        Files.createDirectories(options.output().toAbsolutePath().getParent());
        Files.writeString(options.output(), text);
        System.out.println(text);
        progress("report written to " + options.output() + "; work files in " + workDir);
    }

    static void progress(String line) {
        System.err.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
    }
}
