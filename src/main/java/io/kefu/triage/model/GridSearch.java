package io.kefu.triage.model;

import de.bwaldvogel.liblinear.Feature;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Model selection: every encoder weight × solver × C of the {@link TrainingOptions}, each scored
 * on the held-out folds; the first best score wins (ties keep the earlier configuration, so the
 * order of the options decides them).
 */
final class GridSearch {

    private GridSearch() {
    }

    /**
     * The configuration chosen, with its held-out decision values.
     *
     * @param solver        the solver chosen
     * @param cost          the C chosen
     * @param encoderWeight the encoder block's share of the squared norm (0 without encoder)
     * @param validation    its held-out figures
     */
    record Choice(Solver solver, double cost, double encoderWeight, Validation validation) {
    }

    static Choice search(TrainingSet set, Folds folds, TrainingOptions options,
            Consumer<String> progress) {
        Choice best = null;
        int dim = set.dimension();
        for (double encoderWeight : set.encoderWeights(options)) {
            Feature[][] x = set.rows(encoderWeight);
            String block = set.encoder() == null ? ""
                    : String.format(Locale.ROOT, " encoder weight %s", encoderWeight);
            for (Solver solver : options.solvers()) {
                if (solver.multiClass() && set.multiLabel()) {
                    progress.accept(solver + " skipped: it needs one label per example");
                    continue;
                }
                for (double cost : options.costs()) {
                    double[][] oof = LiblinearFits.outOfFold(x, set.y(), folds, solver, cost, dim,
                            options.seed());
                    Validation v = Validation.of(oof, set.y(), set.multiLabel());
                    progress.accept(String.format(Locale.ROOT,
                            "%s C=%s%s: held-out %s %.4f on %d", solver, cost, block,
                            set.multiLabel() ? "micro-F1" : "accuracy", v.score(), v.rows()));
                    if (best == null || v.score() > best.validation().score()) {
                        best = new Choice(solver, cost, encoderWeight, v);
                    }
                }
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no solver of " + options.solvers()
                    + " fits multi-label data");
        }
        return best;
    }
}
