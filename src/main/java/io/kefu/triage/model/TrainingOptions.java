package io.kefu.triage.model;

import io.kefu.triage.text.FeatureOptions;
import java.util.List;

/**
 * What {@link ClassifierTrainer} may try and how it validates.
 *
 * @param features   how texts become features
 * @param solvers    solvers to try
 * @param costs      values of liblinear's C to try (inverse regularisation strength)
 * @param multiLabel {@code null} to decide from the data (any example with two labels),
 *                   otherwise forced
 * @param seed       seed for the held-out split and the solvers' shuffling
 */
public record TrainingOptions(FeatureOptions features, List<Solver> solvers, List<Double> costs,
        Boolean multiLabel, long seed) {

    /**
     * Every solver (Crammer–Singer on single-label data only), C in {0.5, 1, 2, 5, 10}, default
     * features, seed 42.
     */
    public static final TrainingOptions DEFAULT = new TrainingOptions(FeatureOptions.DEFAULT,
            List.of(Solver.LINEAR_SVM, Solver.LOGISTIC_REGRESSION, Solver.CRAMMER_SINGER),
            List.of(0.5, 1.0, 2.0, 5.0, 10.0), null, 42);

    public TrainingOptions {
        solvers = List.copyOf(solvers);
        costs = List.copyOf(costs);
        if (solvers.isEmpty() || costs.isEmpty()) {
            throw new IllegalArgumentException("at least one solver and one C are needed");
        }
    }

    /** The same options with other features. */
    public TrainingOptions withFeatures(FeatureOptions value) {
        return new TrainingOptions(value, solvers, costs, multiLabel, seed);
    }

    /** The same options with another grid. */
    public TrainingOptions withGrid(List<Solver> solverGrid, List<Double> costGrid) {
        return new TrainingOptions(features, solverGrid, costGrid, multiLabel, seed);
    }
}
