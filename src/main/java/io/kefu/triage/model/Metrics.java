package io.kefu.triage.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Classification figures on a labelled set. For single-label data micro-F1 equals accuracy, so
 * {@link #primary()} (micro-F1) is the one number models are compared by in both cases.
 *
 * @param n        number of examples
 * @param accuracy share of examples whose predicted label set equals the gold set exactly
 * @param microF1  F1 over all (example, label) decisions
 * @param macroF1  unweighted mean of per-label F1 over labels seen in gold or predictions
 */
public record Metrics(int n, double accuracy, double microF1, double macroF1) {

    /** The figure models are compared by. */
    public double primary() {
        return microF1;
    }

    /** Scores predictions against gold label sets, position by position. */
    public static Metrics of(List<? extends List<String>> gold,
            List<? extends List<String>> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold vs " + predicted.size());
        }
        Map<String, int[]> perLabel = new HashMap<>(); // tp, fp, fn
        int exact = 0;
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < gold.size(); i++) {
            Set<String> g = new HashSet<>(gold.get(i));
            Set<String> p = new HashSet<>(predicted.get(i));
            if (g.equals(p)) {
                exact++;
            }
            for (String label : p) {
                int[] c = perLabel.computeIfAbsent(label, k -> new int[3]);
                if (g.contains(label)) {
                    c[0]++;
                    tp++;
                } else {
                    c[1]++;
                    fp++;
                }
            }
            for (String label : g) {
                if (!p.contains(label)) {
                    perLabel.computeIfAbsent(label, k -> new int[3])[2]++;
                    fn++;
                }
            }
        }
        double macro = perLabel.values().stream().mapToDouble(c -> f1(c[0], c[1], c[2]))
                .average().orElse(0);
        int n = gold.size();
        return new Metrics(n, n == 0 ? 0 : (double) exact / n, f1(tp, fp, fn), macro);
    }

    private static double f1(long tp, long fp, long fn) {
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
