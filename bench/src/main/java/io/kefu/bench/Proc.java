package io.kefu.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CPU time and memory of processes on this Linux box, read from /proc (and jcmd for a JVM's heap). */
final class Proc {

    /** USER_HZ: /proc reports CPU time in these ticks; 100 on every Linux this runs on. */
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private Proc() {
    }

    /** User + system CPU time of a process in milliseconds, or -1 when it cannot be read. */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Thread groups of the engine whose CPU is reported apart; the first matching name prefix wins. */
    static final Map<String, List<String>> THREAD_GROUPS = groups();

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("HTTP requests", List.of("http-nio-"));
        groups.put("job executor", List.of("camundaTaskExec", "JobExecutor["));
        groups.put("outbox relay", List.of("scheduling-"));
        groups.put("JIT compiler", List.of("C1 Compiler", "C2 Compiler"));
        groups.put("GC and VM", List.of("GC Thread", "G1 ", "VM Thread", "VM Periodic"));
        return groups;
    }

    /**
     * User + system CPU time in milliseconds of a process's live threads by {@link #THREAD_GROUPS}
     * (thread names as /proc shows them, cut at 15 characters); threads that ended are not included,
     * so compare the sum with {@link #cpuMillis}. JIT compilation is a one-off cost of a young JVM
     * that would otherwise swamp the per-ticket CPU of the first minutes of a run. Empty when it
     * cannot be read.
     */
    static Map<String, Long> threadCpuMillis(long pid) {
        Map<String, Long> byGroup = new LinkedHashMap<>();
        THREAD_GROUPS.keySet().forEach(group -> byGroup.put(group, 0L));
        byGroup.put("other threads", 0L);
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException threadEnded) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long millis = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / TICKS_PER_SECOND;
                String group = THREAD_GROUPS.entrySet().stream()
                        .filter(g -> g.getValue().stream().anyMatch(name::startsWith))
                        .map(Map.Entry::getKey).findFirst().orElse("other threads");
                byGroup.merge(group, millis, Long::sum);
            }
            return byGroup;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    /** CPU time of a JVM's JIT compiler threads, or -1 when it cannot be read. */
    static long jitCpuMillis(long pid) {
        return threadCpuMillis(pid).getOrDefault("JIT compiler", -1L);
    }

    /** CPU time this JVM (the load generator / driver) used so far, in milliseconds. */
    static long selfCpuMillis() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1_000_000;
    }

    /** Busy CPU time of the whole machine (all processes, all cores), in milliseconds. */
    static long machineBusyMillis() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Used heap of a JVM in MiB via {@code jcmd <pid> GC.heap_info}; -1 when jcmd is unavailable. */
    static long heapUsedMiB(long pid) {
        try {
            Process jcmd = new ProcessBuilder(javaTool("jcmd"), String.valueOf(pid), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor(20, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(out);
            return m.find() ? Long.parseLong(m.group(2)) / 1024 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The MariaDB server process, so its CPU can be told apart from the engine's. */
    static Optional<Long> databasePid() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/mariadbd") || c.endsWith("/mysqld")).orElse(false))
                .map(ProcessHandle::pid)
                .findFirst();
    }

    static String loadAverage() {
        try {
            List<String> f = List.of(Files.readString(Path.of("/proc/loadavg")).split(" "));
            return f.get(0) + " " + f.get(1) + " " + f.get(2);
        } catch (IOException e) {
            return "n/a";
        }
    }

    static String javaTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
