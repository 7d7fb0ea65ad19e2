package io.kefu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default as a newcomer runs it: the engine started in its own JVM from an empty
 * working directory (H2 file database under {@code ./data}, the demo user and demo data on), then
 * stopped as Ctrl-C or a service manager stops it (SIGTERM). Its whole log has no error, no stack
 * trace and no warning but Kefu's own (the demo user's notice, an escalation of a demo ticket).
 */
class QuietStartAndStopTest {

    @Test
    void aNormalStartAndStopLogNoErrorsAndNoStackTraces() throws Exception {
        Path work = Files.createTempDirectory("kefu-quiet");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process engine = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), KefuApplication.class.getName(),
                "--server.port=0", "--kefu.home=" + Path.of("").toAbsolutePath(), "--kefu.demo-data.enabled=true")
                .directory(work.toFile()).redirectErrorStream(true).start();
        List<String> log = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(engine.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    log.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofMinutes(3)).until(() ->
                    log.stream().anyMatch(l -> l.contains("Demo data:")) || !engine.isAlive());
            assertThat(engine.isAlive()).as(String.join("\n", log)).isTrue();
            Thread.sleep(3000); // the demo tickets go through the lifecycle meanwhile
        } finally {
            // SIGTERM, as Ctrl-C's sibling and a service manager send it
            new ProcessBuilder("kill", "-TERM", String.valueOf(engine.pid())).inheritIO().start().waitFor();
            assertThat(engine.waitFor(60, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
        }
        assertThat(Files.exists(work.resolve("data"))).as("the H2 file database under ./data").isTrue();
        assertThat(log).anyMatch(l -> l.contains("Started KefuApplication"))
                .anyMatch(l -> l.contains("HikariPool-1 - Shutdown completed"));
        assertThat(log).as("errors, stack traces and others' warnings in a normal start and stop")
                .noneMatch(l -> l.contains(" ERROR ") || l.startsWith("\tat ") || l.contains("Exception:")
                        || (l.contains(" WARN ") && !l.matches(".*\\] io\\.kefu\\.[\\w.]+\\s+: .*")));
    }
}
