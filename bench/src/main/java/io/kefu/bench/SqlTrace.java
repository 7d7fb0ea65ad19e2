package io.kefu.bench;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/sqltrace}: every SQL statement the engine sends for one new ticket, counted exactly
 * rather than sampled from server-wide counters, so a change's saving can be stated independently of
 * how busy the shared machine is. Starts the engine jar on a fresh MariaDB schema (as P3 does), warms
 * it up, then records MariaDB's general log while {@code --tickets} new customers post their first
 * message, one after another or {@code --rate} per second, until every ticket has its agent task and every outbox delivery is
 * delivered. Statements of the engine's pooled connections are grouped by shape (literals replaced)
 * and divided by the number of tickets. Background work in that window (job acquisition, relay
 * polls) is included, and measured alone in an idle window beforehand. One full statement of each
 * shape is written to {@code statements.sql} beside the report, for EXPLAIN.
 */
public final class SqlTrace {

    private static final Pattern TICKET_ID = Pattern.compile("\"ticketId\"\\s*:\\s*(\\d+)");
    private static final Pattern TABLE = Pattern.compile("(?i)\\b(?:from|into|update)\\s+([A-Za-z_][A-Za-z0-9_]*)");

    private SqlTrace() {
    }

    public static void main(String[] args) throws Exception {
        int tickets = 50;
        int idleSeconds = 5;
        int rate = 0;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tickets" -> tickets = Integer.parseInt(args[++i]);
                case "--idle-seconds" -> idleSeconds = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                default -> rest.add(args[i]);
            }
        }
        Options options = Options.parse(rest.toArray(String[]::new));
        if (!options.mariadb()) {
            throw new IllegalArgumentException("bench/sqltrace needs MariaDB (its general log)");
        }
        String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path workDir = Files.createDirectories(options.home().resolve("bench/target/trace-" + stamp));
        Db db = Db.fresh(options, workDir);
        Bench.progress("database " + db.name);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String report;
        try (Server server = Server.start(db, options, workDir, port)) {
            // Rows, not API calls: the schema exists once the engine has started (Flyway).
            Workload.registerCustomers(db, "warm", tickets);
            Workload.registerCustomers(db, "trace", tickets);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Bench.progress("warming up with " + tickets + " tickets");
            post(http, server, db, "warm", tickets, rate);
            Bench.progress("idle window of " + idleSeconds + " s");
            startLog(db);
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(idleSeconds));
            Map<String, Integer> idle = stopLog(db, new TreeMap<>());
            Bench.progress("tracing " + tickets + " tickets");
            long began = System.nanoTime();
            startLog(db);
            post(http, server, db, "trace", tickets, rate);
            Map<String, String> examples = new TreeMap<>();
            List<String> sequence = new ArrayList<>();
            Map<String, Integer> traced = stopLog(db, examples, sequence);
            // Every engine statement in log order, by connection: where the transactions begin and end.
            Files.write(workDir.resolve("sequence.txt"), sequence);
            // One full statement per shape, with its literals, for EXPLAIN.
            Files.write(workDir.resolve("statements.sql"), examples.values().stream().map(sql -> sql + ";\n").toList());
            double seconds = (System.nanoTime() - began) / 1e9;
            report = render(options, db, tickets, rate, seconds, traced, idle, idleSeconds);
        }
        System.out.println(report);
        Files.writeString(workDir.resolve("trace.md"), report);
        Bench.progress("written to " + workDir.resolve("trace.md"));
    }

    /**
     * Posts each customer's first message, one after another ({@code rate} 0) or on a fixed schedule
     * of {@code rate} per second, then waits for the agent tasks and the deliveries.
     */
    private static void post(HttpClient http, Server server, Db db, String prefix, int count, int rate)
            throws Exception {
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((Server.USER + ":" + Server.PASSWORD).getBytes(StandardCharsets.UTF_8));
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String body = "{\"channel\":\"" + Workload.channel(i) + "\",\"customerExternalId\":\"" + prefix + "-" + i
                    + "\",\"text\":\"" + Workload.text(i) + "\"}";
            HttpRequest request = HttpRequest.newBuilder(server.uri("/api/messages"))
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            if (rate > 0) {
                long due = start + i * 1_000_000_000L / rate;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            } else {
                answers.add(CompletableFuture.completedFuture(http.send(request, HttpResponse.BodyHandlers.ofString())));
            }
        }
        long lowest = Long.MAX_VALUE;
        long highest = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
            Matcher id = TICKET_ID.matcher(response.body());
            if (response.statusCode() != 201 || !id.find()) {
                throw new IllegalStateException("POST /api/messages answered " + response.statusCode() + ": "
                        + response.body());
            }
            long ticket = Long.parseLong(id.group(1));
            lowest = Math.min(lowest, ticket);
            highest = Math.max(highest, ticket);
        }
        String tickets = " BETWEEN " + lowest + " AND " + highest;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (db.count("SELECT COUNT(*) FROM ticket WHERE status = 'NEW' AND id" + tickets) > 0
                || db.count("SELECT COUNT(*) FROM outbox_delivery WHERE status <> 'DELIVERED' AND aggregate_id" + tickets) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Tickets" + tickets + " not routed and delivered within 60 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static void startLog(Db db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL general_log = OFF");
            s.execute("SET GLOBAL log_output = 'TABLE'");
            s.execute("TRUNCATE mysql.general_log");
            s.execute("SET GLOBAL general_log = ON");
        }
    }

    /**
     * Stops the log and counts the engine's statements by shape. Connections opened while logging
     * (this harness's own; the engine's pool was opened at start) are left out.
     */
    private static Map<String, Integer> stopLog(Db db, Map<String, String> examples) throws SQLException {
        return stopLog(db, examples, new ArrayList<>());
    }

    /** As above; also lists the engine's statements in log order ("connection: kind | table | statement"). */
    private static Map<String, Integer> stopLog(Db db, Map<String, String> examples, List<String> sequence)
            throws SQLException {
        Map<String, Integer> shapes = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL general_log = OFF");
            Set<Long> harness = new HashSet<>();
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT thread_id FROM mysql.general_log WHERE command_type = 'Connect'")) {
                while (rs.next()) {
                    harness.add(rs.getLong(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT thread_id, command_type, CONVERT(argument USING utf8mb4)"
                    + " FROM mysql.general_log WHERE command_type NOT IN ('Connect', 'Quit')")) {
                while (rs.next()) {
                    if (harness.contains(rs.getLong(1))) {
                        continue;
                    }
                    String type = rs.getString(2);
                    // Query = text statement; Execute = a server-side prepared one; Prepare/Close stmt are round trips too.
                    String shape = type.equals("Query") || type.equals("Execute") ? shape(rs.getString(3))
                            : type.toUpperCase(Locale.ROOT) + " |  | " + shape(rs.getString(3)).split(" \\| ", 3)[2];
                    shapes.merge(shape, 1, Integer::sum);
                    examples.putIfAbsent(shape, rs.getString(3));
                    sequence.add(rs.getLong(1) + ": " + shape);
                }
            }
            s.execute("SET GLOBAL log_output = 'FILE'");
            s.execute("TRUNCATE mysql.general_log");
        }
        return shapes;
    }

    /** Kind, table and the statement with its literals replaced, e.g. "SELECT ticket | SELECT t.*, ...". */
    static String shape(String sql) {
        String flat = sql.replaceAll("'(?:[^'\\\\]|\\\\.)*'", "?").replaceAll("\\b\\d+\\b", "N").replaceAll("\\s+", " ")
                .strip();
        String kind = flat.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        Matcher table = TABLE.matcher(flat);
        String on = kind.equals("SELECT") || kind.equals("INSERT") || kind.equals("UPDATE") || kind.equals("DELETE")
                ? (table.find() ? table.group(1) : "") : "";
        return kind + " | " + on + " | " + (flat.length() > 90 ? flat.substring(0, 90) + "…" : flat);
    }

    private static String render(Options options, Db db, int tickets, int rate, double seconds, Map<String, Integer> traced,
            Map<String, Integer> idle, int idleSeconds) {
        StringBuilder out = new StringBuilder();
        String command = System.getProperty("kefu.bench.command", "bench/sqltrace");
        out.append("### SQL trace — `").append(command).append("`\n\n");
        out.append(String.format(Locale.ROOT, "%d new tickets posted %s (%.1f s, database `%s`, history %s%s);"
                + " every statement of the engine's pooled connections from the first POST until every ticket had its"
                + " agent task and every outbox delivery was delivered, per ticket. Background in that window included;"
                + " measured alone: %s per second idle.%n%n", tickets,
                rate > 0 ? "at " + rate + " per second" : "one after another", seconds, db.name, options.history(),
                options.serverArgs().isEmpty() ? "" : ", engine arguments " + options.serverArgs(),
                format(total(idle) / (double) idleSeconds)));
        Map<String, Double> byKind = new TreeMap<>();
        traced.forEach((shape, n) -> byKind.merge(shape.split(" \\| ")[0], n / (double) tickets, Double::sum));
        out.append("| per ticket | statements |\n|---|---:|\n");
        out.append("| **all** | **").append(format(total(traced) / (double) tickets)).append("** |\n");
        byKind.forEach((kind, n) -> out.append("| ").append(kind).append(" | ").append(format(n)).append(" |\n"));
        out.append("\n| kind | table | statement (literals replaced) | per ticket | idle per s |\n|---|---|---|---:|---:|\n");
        Set<String> shapes = new java.util.TreeSet<>(traced.keySet());
        shapes.addAll(idle.keySet());
        for (String shape : shapes) {
            String[] parts = shape.split(" \\| ", 3);
            out.append("| ").append(parts[0]).append(" | ").append(parts[1]).append(" | `")
                    .append(parts[2].replace("|", "\\|").replace("`", "'")).append("` | ")
                    .append(format(traced.getOrDefault(shape, 0) / (double) tickets)).append(" | ")
                    .append(format(idle.getOrDefault(shape, 0) / (double) idleSeconds)).append(" |\n");
        }
        return out.toString();
    }

    private static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
