package io.kefu.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of {@code bench/run} and the counts each mode uses. {@code --quick} runs the
 * same phases with smaller counts and shorter steps.
 *
 * @param quick         smaller counts, shorter steps
 * @param db            {@code mariadb} (default) or {@code h2}
 * @param history       Camunda history level of the fresh schema
 * @param home          the repository root (KEFU_HOME of the engine, location of the jar)
 * @param serverPool    Hikari pool size of the engine (P2 and P3)
 * @param serverHeap    -Xmx of the engine process in P3
 * @param floorSeconds  seconds per P1 measurement
 * @param engineTickets tickets measured per P2 thread count
 * @param rates         offered rates of the P3 steps, tickets/s
 * @param stepSeconds   length of one P3 step
 * @param warmupSeconds length of the P3 warm-up step (20 tickets/s, reported but not counted)
 * @param p99LimitMs    P3 stops after a step whose p99 exceeds this
 * @param serverArgs    extra engine arguments (--key=value), for before/after experiments
 * @param serverJvmArgs extra JVM options of the engine process in P3 (e.g. a flight recording)
 * @param output        where the report is written
 */
record Options(boolean quick, String db, String history, Path home, int serverPool, String serverHeap,
        int floorSeconds, int engineTickets, List<Integer> rates, int stepSeconds, int warmupSeconds, long p99LimitMs,
        List<String> serverArgs, List<String> serverJvmArgs, Path output) {

    static Options parse(String[] args) {
        boolean quick = false;
        String db = "mariadb";
        String history = "lean";
        Path home = Path.of(".").toAbsolutePath().normalize();
        int pool = 20;
        String heap = "1g";
        List<Integer> rates = null;
        Integer stepSeconds = null;
        Integer warmupSeconds = null;
        long p99Limit = 1000;
        List<String> serverArgs = new ArrayList<>();
        List<String> serverJvmArgs = new ArrayList<>();
        Path output = Path.of("bench/target/report.md");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--db" -> db = args[++i];
                case "--history" -> history = args[++i];
                case "--home" -> home = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--pool" -> pool = Integer.parseInt(args[++i]);
                case "--heap" -> heap = args[++i];
                case "--rates" -> rates = parseRates(args[++i]);
                case "--step-seconds" -> stepSeconds = Integer.parseInt(args[++i]);
                case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(args[++i]);
                case "--p99-limit-ms" -> p99Limit = Long.parseLong(args[++i]);
                case "--server-arg" -> serverArgs.add(args[++i]);
                case "--server-jvm-arg" -> serverJvmArgs.add(args[++i]);
                case "--output" -> output = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + arg
                        + "; see bench/README.md");
            }
        }
        if (!db.equals("mariadb") && !db.equals("h2")) {
            throw new IllegalArgumentException("--db must be mariadb or h2, not " + db);
        }
        if (!List.of("lean", "full", "audit", "activity", "none").contains(history)) {
            throw new IllegalArgumentException("--history must be lean, full, audit, activity or none, not " + history);
        }
        if (rates == null) {
            rates = quick ? List.of(20, 50, 100) : List.of(25, 50, 100, 150, 200, 300, 400);
        }
        return new Options(quick, db, history, home, pool, heap, quick ? 4 : 10, quick ? 300 : 1500, rates,
                stepSeconds != null ? stepSeconds : quick ? 8 : 30,
                warmupSeconds != null ? warmupSeconds : quick ? 5 : 20, p99Limit, List.copyOf(serverArgs),
                List.copyOf(serverJvmArgs), output);
    }

    private static List<Integer> parseRates(String csv) {
        List<Integer> rates = new ArrayList<>();
        for (String rate : csv.split(",")) {
            rates.add(Integer.parseInt(rate.strip()));
        }
        return rates;
    }

    boolean mariadb() {
        return db.equals("mariadb");
    }

    /** Seconds the engine gets to finish a step's tickets after the step's last send. */
    int drainSeconds() {
        return quick ? 5 : 20;
    }
}
