package io.kefu.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The engine as users run it: {@code java -jar target/kefu-*.jar} in its own process, on the run's
 * database, with a user {@code admin} for Basic auth. Knows its pid, so its CPU and memory can be
 * read apart from the load generator's.
 */
final class Server implements AutoCloseable {

    static final String USER = "admin";
    static final String PASSWORD = "bench";

    final int port;
    final double readySeconds;
    final long rssAtReadyMiB;
    final List<String> command;
    private final Process process;

    private Server(Process process, int port, double readySeconds, List<String> command) {
        this.process = process;
        this.port = port;
        this.readySeconds = readySeconds;
        this.rssAtReadyMiB = Proc.rssMiB(process.pid());
        this.command = command;
    }

    static Server start(Db db, Options options, Path workDir, int port) throws Exception {
        return start(db, options, workDir, port, "server", Map.of());
    }

    /**
     * The engine with extra environment variables (e.g. {@code KEFU_NODE_ID}); its log is
     * {@code <name>.log} and its working folder {@code <name>/} in {@code workDir}.
     */
    static Server start(Db db, Options options, Path workDir, int port, String name, Map<String, String> extraEnv)
            throws Exception {
        Path jar = findJar(options.home());
        List<String> command = new ArrayList<>(List.of(Proc.javaTool("java"), "-Xmx" + options.serverHeap()));
        command.addAll(options.serverJvmArgs());
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        command.addAll(options.serverArgs());
        ProcessBuilder builder = new ProcessBuilder(command).directory(Files.createDirectories(workDir.resolve(name)).toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve(name + ".log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("KEFU_DB_URL", db.url);
        env.put("KEFU_DB_USER", db.user);
        env.put("KEFU_DB_PASSWORD", db.password);
        env.put("KEFU_DB_POOL", String.valueOf(options.serverPool()));
        env.put("KEFU_HISTORY_LEVEL", options.history());
        env.put("KEFU_ADMIN_PASSWORD", PASSWORD);
        env.put("KEFU_DEMO_USER", "false");
        env.put("KEFU_DEMO_DATA", "false");
        env.put("KEFU_HOME", options.home().toString());
        env.put("KEFU_ERP_DROP_FOLDER", workDir.resolve("erp-p3").toString());
        if (db.mariadb()) {
            env.put("SPRING_PROFILES_ACTIVE", "mysql");
        }
        env.putAll(extraEnv);
        long start = System.nanoTime();
        Process process = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build();
        long deadline = start + TimeUnit.SECONDS.toNanos(600);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The engine stopped during start-up; see " + workDir.resolve(name + ".log"));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new Server(process, port, (System.nanoTime() - start) / 1e9, command);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("The engine was not ready within 600 s; see " + workDir.resolve(name + ".log"));
    }

    long pid() {
        return process.pid();
    }

    long cpuMillis() {
        return Proc.cpuMillis(process.pid());
    }

    /** CPU time of the engine's JIT compiler threads so far. */
    long jitCpuMillis() {
        return Proc.jitCpuMillis(process.pid());
    }

    /** CPU time of the engine's live threads by group so far. */
    Map<String, Long> threadCpuMillis() {
        return Proc.threadCpuMillis(process.pid());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Path findJar(Path home) throws IOException {
        try (var files = Files.list(home.resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("kefu-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target/kefu-*.jar; bench/run builds it"));
        }
    }

    /** {@code kill -9}: the process ends at once, with no shutdown of any kind. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
