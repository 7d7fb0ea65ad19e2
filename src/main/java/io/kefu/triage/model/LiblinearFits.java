package io.kefu.triage.model;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Fitting liblinear models on a selection of rows, and their decision values: one binary model
 * per label (one-vs-rest, in parallel) or one joint multi-class model (Crammer and Singer). The
 * weights come back per label, oriented so that a larger decision value means "more likely
 * this label", the bias weight last.
 */
final class LiblinearFits {

    /** Bias of a label a multi-class model never saw: far below any real decision value. */
    private static final double ABSENT_LABEL_MARGIN = 10;

    static {
        Linear.disableDebugOutput();
    }

    private LiblinearFits() {
    }

    /** Every row selected. */
    static boolean[] all(int n) {
        boolean[] rows = new boolean[n];
        Arrays.fill(rows, true);
        return rows;
    }

    /** Decision values of each held-out row from a model trained without its fold. */
    static double[][] outOfFold(Feature[][] x, boolean[][] y, Folds folds, Solver solver,
            double cost, int dim, long seed) {
        int[] fold = folds.fold();
        double[][] oof = new double[x.length][];
        for (int f = 0; f < folds.count(); f++) {
            boolean[] train = new boolean[x.length];
            boolean any = false;
            for (int i = 0; i < x.length; i++) {
                train[i] = fold[i] != f;
                any |= fold[i] == f;
            }
            if (!any) {
                continue;
            }
            double[][] w = train(x, y, train, solver, cost, dim, seed);
            for (int i = 0; i < x.length; i++) {
                if (fold[i] == f) {
                    oof[i] = decisions(x[i], w);
                }
            }
        }
        return oof;
    }

    private static double[] decisions(Feature[] row, double[][] w) {
        double[] s = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            double sum = 0;
            for (Feature node : row) {
                sum += node.getValue() * w[k][node.getIndex() - 1];
            }
            s[k] = sum;
        }
        return s;
    }

    /**
     * Trains on the selected rows; returns per label the weights of the {@code dim} features
     * followed by the bias weight, oriented so that a larger decision value means "more likely
     * this label".
     */
    static double[][] train(Feature[][] x, boolean[][] y, boolean[] rows, Solver solver,
            double cost, int dim, long seed) {
        int count = 0;
        for (boolean r : rows) {
            count += r ? 1 : 0;
        }
        Feature[][] sub = new Feature[count][];
        int[] map = new int[count];
        for (int i = 0, j = 0; i < x.length; i++) {
            if (rows[i]) {
                sub[j] = x[i];
                map[j++] = i;
            }
        }
        int l = y.length == 0 ? 0 : y[0].length;
        return solver.multiClass() ? trainMultiClass(sub, map, y, l, solver, cost, dim, seed)
                : trainOneVsRest(sub, map, y, l, solver, cost, dim, seed);
    }

    /** One binary liblinear model per label, trained in parallel. */
    private static double[][] trainOneVsRest(Feature[][] sub, int[] map, boolean[][] y, int l,
            Solver solver, double cost, int dim, long seed) {
        double[][] w = new double[l][];
        IntStream.range(0, l).parallel().forEach(k -> {
            Problem problem = new Problem();
            problem.l = sub.length;
            problem.n = dim + 1;
            problem.bias = 1;
            problem.x = sub;
            problem.y = new double[sub.length];
            int positives = 0;
            for (int j = 0; j < sub.length; j++) {
                boolean pos = y[map[j]][k];
                problem.y[j] = pos ? 1 : -1;
                positives += pos ? 1 : 0;
            }
            if (positives == 0 || positives == sub.length) {
                // liblinear needs two classes; a constant margin keeps the label always off/on
                w[k] = new double[dim + 1];
                w[k][dim] = positives == 0 ? -1 : 1;
                return;
            }
            Parameter parameter = new Parameter(solver.type(), cost, solver.eps());
            parameter.setRandom(new Random(seed + k));
            w[k] = oriented(Linear.train(problem, parameter), dim);
        });
        return w;
    }

    /**
     * One joint liblinear model over the labels (each row has exactly one). Labels missing from
     * the rows (a small fold) get a strongly negative bias, so they are never predicted.
     */
    private static double[][] trainMultiClass(Feature[][] sub, int[] map, boolean[][] y, int l,
            Solver solver, double cost, int dim, long seed) {
        double[] target = new double[sub.length];
        boolean[] present = new boolean[l];
        for (int j = 0; j < sub.length; j++) {
            int label = -1;
            for (int k = 0; k < l; k++) {
                if (y[map[j]][k]) {
                    if (label >= 0) {
                        throw new IllegalArgumentException(solver + " needs one label per example");
                    }
                    label = k;
                }
            }
            if (label < 0) {
                throw new IllegalArgumentException(solver + " needs one label per example");
            }
            target[j] = label;
            present[label] = true;
        }
        double[][] w = new double[l][dim + 1];
        for (int k = 0; k < l; k++) {
            w[k][dim] = present[k] ? 0 : -ABSENT_LABEL_MARGIN;
        }
        int classes = 0;
        for (boolean p : present) {
            classes += p ? 1 : 0;
        }
        if (classes < 2) {
            // liblinear needs two classes; the one present always wins
            for (int k = 0; k < l; k++) {
                w[k][dim] = present[k] ? 1 : -ABSENT_LABEL_MARGIN;
            }
            return w;
        }
        Problem problem = new Problem();
        problem.l = sub.length;
        problem.n = dim + 1;
        problem.bias = 1;
        problem.x = sub;
        problem.y = target;
        Parameter parameter = new Parameter(solver.type(), cost, solver.eps());
        parameter.setRandom(new Random(seed));
        Model model = Linear.train(problem, parameter);
        double[] raw = model.getFeatureWeights();
        int[] order = model.getLabels();
        int c = order.length;
        for (int col = 0; col < c; col++) {
            double[] wk = w[order[col]];
            for (int f = 0; f <= dim && f * c + col < raw.length; f++) {
                wk[f] = raw[f * c + col];
            }
        }
        return w;
    }

    /** A binary model's weights (and bias), signed so that positive means label +1. */
    static double[] oriented(Model model, int dim) {
        double[] raw = model.getFeatureWeights();
        double sign = model.getLabels()[0] == 1 ? 1 : -1;
        double[] w = new double[dim + 1];
        for (int f = 0; f <= dim && f < raw.length; f++) {
            w[f] = sign * raw[f];
        }
        return w;
    }
}
