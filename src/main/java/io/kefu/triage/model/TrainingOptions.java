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
 * @param encoderWeights with a sentence encoder: the shares of the squared norm of the feature
 *                   vector given to the encoder's block, tried like C (1 = the encoder alone,
 *                   the TF-IDF blocks share the rest); ignored without an encoder
 */
public record TrainingOptions(FeatureOptions features, List<Solver> solvers, List<Double> costs,
        Boolean multiLabel, long seed, List<Double> encoderWeights) {

    /** The encoder weights tried when none are given: see docs/NLP.md for how they were chosen. */
    public static final List<Double> DEFAULT_ENCODER_WEIGHTS = List.of(0.5);

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
        encoderWeights = List.copyOf(encoderWeights);
        if (solvers.isEmpty() || costs.isEmpty() || encoderWeights.isEmpty()) {
            throw new IllegalArgumentException(
                    "at least one solver, one C and one encoder weight are needed");
        }
        for (double w : encoderWeights) {
            if (!(w > 0 && w <= 1)) {
                throw new IllegalArgumentException("encoder weight " + w + " is not in (0, 1]");
            }
        }
    }

    /** Options with the default encoder weights. */
    public TrainingOptions(FeatureOptions features, List<Solver> solvers, List<Double> costs,
            Boolean multiLabel, long seed) {
        this(features, solvers, costs, multiLabel, seed, DEFAULT_ENCODER_WEIGHTS);
    }

    /** The same options with other encoder weights to try. */
    public TrainingOptions withEncoderWeights(List<Double> values) {
        return new TrainingOptions(features, solvers, costs, multiLabel, seed, values);
    }

    /** The same options with other features. */
    public TrainingOptions withFeatures(FeatureOptions value) {
        return new TrainingOptions(value, solvers, costs, multiLabel, seed, encoderWeights);
    }

    /** The same options with another grid. */
    public TrainingOptions withGrid(List<Solver> solverGrid, List<Double> costGrid) {
        return new TrainingOptions(features, solverGrid, costGrid, multiLabel, seed,
                encoderWeights);
    }
}
