package io.kefu.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** P4: runs {@link RoutingBenchmark} with JMH in a forked JVM; scores in µs per decision. */
final class DecisionPhase {

    record Score(double micros, double error) {
    }

    private DecisionPhase() {
    }

    static Map<String, Score> run(Options options) throws Exception {
        var jmh = new OptionsBuilder()
                .include(RoutingBenchmark.class.getName())
                .forks(1)
                .warmupIterations(options.quick() ? 1 : 4)
                .warmupTime(TimeValue.seconds(options.quick() ? 1 : 2))
                .measurementIterations(options.quick() ? 2 : 5)
                .measurementTime(TimeValue.seconds(options.quick() ? 1 : 2))
                .jvmArgsAppend("-Dkefu.bench.home=" + options.home(), "-Xmx512m")
                .shouldDoGC(true)
                .build();
        Collection<RunResult> results = new Runner(jmh).run();
        Map<String, Score> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            var primary = result.getPrimaryResult();
            scores.put(name.substring(name.lastIndexOf('.') + 1), new Score(primary.getScore(), primary.getScoreError()));
        }
        return scores;
    }
}
