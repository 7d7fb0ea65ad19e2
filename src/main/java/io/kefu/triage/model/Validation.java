package io.kefu.triage.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Held-out figures of one configuration, and the raw-decision threshold it implies: accuracy of
 * the best label (single-label), or micro-F1 at the best threshold over the decision values with
 * the "at least one label" rule (multi-label).
 *
 * @param oof       per example its out-of-fold decision values, {@code null} when never held out
 * @param score     accuracy or micro-F1
 * @param threshold the raw decision value from which a label is predicted (multi-label)
 * @param rows      number of held-out examples
 */
record Validation(double[][] oof, double score, double threshold, int rows) {

    static Validation of(double[][] oof, boolean[][] y, boolean multiLabel) {
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < oof.length; i++) {
            if (oof[i] != null) {
                held.add(i);
            }
        }
        if (held.isEmpty()) {
            return new Validation(oof, 0, 0, 0);
        }
        if (!multiLabel) {
            int correct = 0;
            for (int i : held) {
                correct += y[i][argmax(oof[i])] ? 1 : 0;
            }
            return new Validation(oof, (double) correct / held.size(), 0, held.size());
        }
        double[] candidates = held.stream().flatMapToDouble(i -> Arrays.stream(oof[i]))
                .sorted().toArray();
        double bestScore = -1;
        double bestThreshold = 0;
        int steps = Math.min(200, candidates.length);
        for (int s = 0; s < steps; s++) {
            double t = candidates[(int) ((long) s * (candidates.length - 1) / Math.max(1, steps - 1))];
            double f1 = microF1(oof, y, held, t);
            if (f1 > bestScore) {
                bestScore = f1;
                bestThreshold = t;
            }
        }
        return new Validation(oof, bestScore, bestThreshold, held.size());
    }

    private static double microF1(double[][] oof, boolean[][] y, List<Integer> held,
            double t) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i : held) {
            int top = argmax(oof[i]);
            for (int k = 0; k < oof[i].length; k++) {
                boolean predicted = oof[i][k] >= t || k == top;
                if (predicted && y[i][k]) {
                    tp++;
                } else if (predicted) {
                    fp++;
                } else if (y[i][k]) {
                    fn++;
                }
            }
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private static int argmax(double[] s) {
        int best = 0;
        for (int k = 1; k < s.length; k++) {
            if (s[k] > s[best]) {
                best = k;
            }
        }
        return best;
    }
}
