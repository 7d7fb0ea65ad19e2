package io.kefu.triage.model;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Calibration: Platt scaling fitted with liblinear itself, a logistic regression of the labels
 * on the pooled out-of-fold decision values, nearly unregularised.
 */
final class PlattScaling {

    static {
        Linear.disableDebugOutput();
    }

    private PlattScaling() {
    }

    /** Returns {slope, offset}; {1, 0} when the held-out values cannot calibrate anything. */
    static double[] fit(double[][] oof, boolean[][] y, long seed) {
        List<Feature[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < oof.length; i++) {
            if (oof[i] == null) {
                continue;
            }
            for (int k = 0; k < oof[i].length; k++) {
                xs.add(new Feature[] {new FeatureNode(1, oof[i][k]), new FeatureNode(2, 1)});
                ys.add(y[i][k] ? 1.0 : -1.0);
            }
        }
        boolean bothClasses = ys.contains(1.0) && ys.contains(-1.0);
        if (!bothClasses) {
            return new double[] {1, 0};
        }
        Problem problem = new Problem();
        problem.l = xs.size();
        problem.n = 2;
        problem.bias = 1;
        problem.x = xs.toArray(Feature[][]::new);
        problem.y = ys.stream().mapToDouble(Double::doubleValue).toArray();
        Parameter parameter = new Parameter(SolverType.L2R_LR, 100, 0.001);
        parameter.setRandom(new Random(seed));
        double[] w = LiblinearFits.oriented(Linear.train(problem, parameter), 1);
        return w[0] > 0 ? w : new double[] {1, 0};
    }
}
