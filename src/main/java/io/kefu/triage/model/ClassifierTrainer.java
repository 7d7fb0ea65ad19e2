package io.kefu.triage.model;

import de.bwaldvogel.liblinear.Feature;
import io.kefu.triage.text.FeatureOptions;
import io.kefu.triage.text.TextEncoder;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Trains a {@link TextClassifier}: fits TF-IDF on the examples, tries every solver and C of the
 * {@link TrainingOptions} with liblinear (one-vs-rest, or one multi-class model for Crammer and
 * Singer's SVM on single-label data) on held-out folds of the training data
 * (3 folds under {@value #HOLDOUT_FROM} examples, one 15 % hold-out above), keeps the best, fits
 * Platt scaling and the multi-label threshold on the out-of-fold decision values, and refits on
 * everything. With a sentence encoder, its vector of each text is appended to the TF-IDF vector
 * as a dense block, and the share of the squared norm it gets ({@link
 * TrainingOptions#encoderWeights()}) is tried like C. Deterministic for the same examples,
 * options and encoder.
 *
 * <p>The steps, one class each: {@link TrainingSet} (labels, vocabulary, vectors),
 * {@link Folds} (the held-out folds), {@link GridSearch} over {@link LiblinearFits} scored by
 * {@link Validation}, then the refit on everything here and {@link PlattScaling}.
 */
public final class ClassifierTrainer {

    static final int HOLDOUT_FROM = Folds.HOLDOUT_FROM;

    private ClassifierTrainer() {
    }

    /**
     * What training produced and why.
     *
     * @param classifier      the model refitted on every example
     * @param solver          the solver chosen
     * @param cost            the C chosen
     * @param encoderWeight   the encoder block's share of the squared norm (0 without encoder)
     * @param validationScore the chosen configuration's held-out micro-F1 (accuracy when
     *                        single-label)
     * @param validationN     number of held-out decisions behind that figure
     * @param seconds         wall-clock training time
     */
    public record Result(TextClassifier classifier, Solver solver, double cost,
            double encoderWeight, double validationScore, int validationN, double seconds) {
    }

    /** Trains with progress messages going nowhere. */
    public static TextClassifier train(List<Example> examples, TrainingOptions options) {
        return train(examples, options, message -> { }).classifier();
    }

    /** Trains on TF-IDF features alone, reporting each step to {@code progress}. */
    public static Result train(List<Example> examples, TrainingOptions options,
            Consumer<String> progress) {
        return train(examples, options, null, progress);
    }

    /**
     * Trains, reporting each step to {@code progress}.
     *
     * @param configured a sentence encoder whose vectors join the TF-IDF features, or
     *                   {@code null}; when it tunes itself to the training texts
     *                   ({@link TextEncoder#tunedTo}), the classifier is trained with, and
     *                   records, the tuned encoder
     */
    public static Result train(List<Example> examples, TrainingOptions options,
            TextEncoder configured, Consumer<String> progress) {
        long started = System.nanoTime();
        TrainingSet set = TrainingSet.prepare(examples, options, configured, progress);
        Folds folds = Folds.of(set.texts(), options.seed());
        GridSearch.Choice choice = GridSearch.search(set, folds, options, progress);
        TextClassifier classifier = refit(set, choice, options);
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.accept("chose " + classifier.description());
        Validation best = choice.validation();
        return new Result(classifier, choice.solver(), choice.cost(), choice.encoderWeight(),
                best.score(), best.rows(), seconds);
    }

    /**
     * The chosen configuration fitted on every example, with Platt scaling and the multi-label
     * threshold from its held-out decision values.
     */
    private static TextClassifier refit(TrainingSet set, GridSearch.Choice choice,
            TrainingOptions options) {
        int dim = set.dimension();
        int l = set.labels().size();
        Feature[][] x = set.rows(choice.encoderWeight());
        double[][] w = LiblinearFits.train(x, set.y(), LiblinearFits.all(set.size()),
                choice.solver(), choice.cost(), dim, options.seed());
        float[] weights = new float[dim * l];
        float[] bias = new float[l];
        for (int k = 0; k < l; k++) {
            for (int f = 0; f < dim; f++) {
                weights[f * l + k] = (float) w[k][f];
            }
            bias[k] = (float) w[k][dim];
        }
        Validation best = choice.validation();
        double[] platt = best.rows() > 0 ? PlattScaling.fit(best.oof(), set.y(), options.seed())
                : new double[] {1, 0};
        double threshold = set.multiLabel()
                ? TextClassifier.sigmoid(platt[0] * best.threshold() + platt[1]) : 0.5;
        return new TextClassifier(set.labels(), set.vectorizer(), set.encoder(),
                choice.encoderWeight(), weights, bias, platt[0], platt[1], set.multiLabel(),
                threshold, describe(set, choice, options.features()));
    }

    private static String describe(TrainingSet set, GridSearch.Choice choice, FeatureOptions f) {
        TextEncoder encoder = set.encoder();
        return String.format(Locale.ROOT,
                "%s C=%s, word %d-%d%s + char_wb %d-%d n-grams%s (min df %d), %d features%s, "
                        + "held-out score %.4f",
                choice.solver(), choice.cost(), f.wordMin(), f.wordMax(),
                f.wordChars() > 0 ? " (zh: first " + f.wordChars() + " chars)" : "",
                f.charMin(), f.charMax(),
                f.textChars() > 0 ? " of the first " + f.textChars() + " chars" : "",
                f.minDf(), set.sparseDimension(),
                encoder == null ? "" : String.format(Locale.ROOT,
                        " + sentence encoder %s (%d dims, weight %s)", encoder.name(),
                        encoder.dimension(), choice.encoderWeight()),
                choice.validation().score());
    }
}
