package io.kefu.triage.model;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import io.kefu.triage.text.FeatureOptions;
import io.kefu.text.Language;
import io.kefu.triage.text.SparseVector;
import io.kefu.triage.text.TextEncoder;
import io.kefu.triage.text.TfidfVectorizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;

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
 */
public final class ClassifierTrainer {

    static final int HOLDOUT_FROM = 3000;
    /** Bias of a label a multi-class model never saw: far below any real decision value. */
    private static final double ABSENT_LABEL_MARGIN = 10;
    private static final int SMALL_FOLDS = 3;
    private static final double HOLDOUT_SHARE = 0.15;

    static {
        Linear.disableDebugOutput();
    }

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
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        List<String> labels = new ArrayList<>(new TreeSet<>(
                examples.stream().flatMap(e -> e.labels().stream()).toList()));
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("the training examples carry no label");
        }
        boolean multiLabel = options.multiLabel() != null ? options.multiLabel()
                : examples.stream().anyMatch(e -> e.labels().size() != 1);
        int n = examples.size();
        int l = labels.size();
        List<String> texts = examples.stream().map(Example::text).toList();
        List<Language> languages = texts.stream().map(Language::detect).toList();
        // an encoder that tunes itself sees the training texts only, never their labels
        TextEncoder encoder = configured == null ? null : configured.tunedTo(texts, progress);
        TfidfVectorizer vectorizer = TfidfVectorizer.fit(texts, languages, options.features());
        int sparseDim = vectorizer.dimension();
        int dim = sparseDim + (encoder == null ? 0 : encoder.dimension());
        progress.accept(String.format(Locale.ROOT, "%d examples, %d labels, %d features%s%s",
                n, l, sparseDim, encoder == null ? ""
                        : " + " + encoder.dimension() + " from encoder " + encoder.name(),
                multiLabel ? ", multi-label" : ""));

        SparseVector[] sparse = new SparseVector[n];
        boolean[][] y = new boolean[n][l];
        for (int i = 0; i < n; i++) {
            sparse[i] = vectorizer.transform(texts.get(i), languages.get(i));
            for (String label : examples.get(i).labels()) {
                y[i][labels.indexOf(label)] = true;
            }
        }
        float[][] dense = null;
        if (encoder != null) {
            long encoding = System.nanoTime();
            float[][] vectors = new float[n][];
            IntStream.range(0, n).parallel()
                    .forEach(i -> vectors[i] = encoder.encode(texts.get(i)));
            dense = vectors;
            progress.accept(String.format(Locale.ROOT, "encoded %d texts in %.1f s", n,
                    (System.nanoTime() - encoding) / 1e9));
        }
        List<Double> encoderWeights = encoder == null ? List.of(0.0) : options.encoderWeights();
        // a seed of its own, so these folds never coincide with a caller's split by the same seed
        long foldSeed = options.seed() ^ 0x9E3779B97F4A7C15L;
        int[] fold = new int[n];
        int folds;
        if (n >= HOLDOUT_FROM) {
            folds = 1;
            for (int i = 0; i < n; i++) {
                fold[i] = DeterministicSplit.position(texts.get(i), foldSeed)
                        < HOLDOUT_SHARE ? 0 : -1;
            }
        } else {
            folds = SMALL_FOLDS;
            for (int i = 0; i < n; i++) {
                fold[i] = (int) (DeterministicSplit.position(texts.get(i), foldSeed)
                        * SMALL_FOLDS);
            }
        }

        Solver bestSolver = null;
        double bestCost = 0;
        double bestWeight = 0;
        Validation best = null;
        for (double encoderWeight : encoderWeights) {
            Feature[][] x = rows(sparse, dense, encoderWeight, sparseDim);
            String block = encoder == null ? ""
                    : String.format(Locale.ROOT, " encoder weight %s", encoderWeight);
            for (Solver solver : options.solvers()) {
                if (solver.multiClass() && multiLabel) {
                    progress.accept(solver + " skipped: it needs one label per example");
                    continue;
                }
                for (double cost : options.costs()) {
                    double[][] oof = outOfFold(x, y, fold, folds, solver, cost, dim,
                            options.seed());
                    Validation v = Validation.of(oof, y, multiLabel);
                    progress.accept(String.format(Locale.ROOT,
                            "%s C=%s%s: held-out %s %.4f on %d", solver, cost, block,
                            multiLabel ? "micro-F1" : "accuracy", v.score, v.rows));
                    if (best == null || v.score > best.score) {
                        best = v;
                        bestSolver = solver;
                        bestCost = cost;
                        bestWeight = encoderWeight;
                    }
                }
            }
        }

        if (best == null) {
            throw new IllegalArgumentException("no solver of " + options.solvers()
                    + " fits multi-label data");
        }
        Feature[][] x = rows(sparse, dense, bestWeight, sparseDim);
        double[][] w = train(x, y, all(n), bestSolver, bestCost, dim, options.seed());
        float[] weights = new float[dim * l];
        float[] bias = new float[l];
        for (int k = 0; k < l; k++) {
            for (int f = 0; f < dim; f++) {
                weights[f * l + k] = (float) w[k][f];
            }
            bias[k] = (float) w[k][dim];
        }
        double[] platt = best.rows > 0 ? platt(best.oof, y, options.seed())
                : new double[] {1, 0};
        double threshold = multiLabel
                ? TextClassifier.sigmoid(platt[0] * best.threshold + platt[1]) : 0.5;
        FeatureOptions f = options.features();
        String description = String.format(Locale.ROOT,
                "%s C=%s, word %d-%d%s + char_wb %d-%d n-grams%s (min df %d), %d features%s, "
                        + "held-out score %.4f",
                bestSolver, bestCost, f.wordMin(), f.wordMax(),
                f.wordChars() > 0 ? " (zh: first " + f.wordChars() + " chars)" : "",
                f.charMin(), f.charMax(),
                f.textChars() > 0 ? " of the first " + f.textChars() + " chars" : "",
                f.minDf(), sparseDim,
                encoder == null ? "" : String.format(Locale.ROOT,
                        " + sentence encoder %s (%d dims, weight %s)", encoder.name(),
                        encoder.dimension(), bestWeight),
                best.score);
        TextClassifier classifier = new TextClassifier(labels, vectorizer, encoder, bestWeight,
                weights, bias, platt[0], platt[1], multiLabel, threshold, description);
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.accept("chose " + description);
        return new Result(classifier, bestSolver, bestCost, bestWeight, best.score, best.rows,
                seconds);
    }

    private static boolean[] all(int n) {
        boolean[] rows = new boolean[n];
        Arrays.fill(rows, true);
        return rows;
    }

    /** Decision values of each held-out row from a model trained without its fold. */
    private static double[][] outOfFold(Feature[][] x, boolean[][] y, int[] fold, int folds,
            Solver solver, double cost, int dim, long seed) {
        double[][] oof = new double[x.length][];
        for (int f = 0; f < folds; f++) {
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
    private static double[][] train(Feature[][] x, boolean[][] y, boolean[] rows,
            Solver solver, double cost, int dim, long seed) {
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

    private static double[] oriented(Model model, int dim) {
        double[] raw = model.getFeatureWeights();
        double sign = model.getLabels()[0] == 1 ? 1 : -1;
        double[] w = new double[dim + 1];
        for (int f = 0; f <= dim && f < raw.length; f++) {
            w[f] = sign * raw[f];
        }
        return w;
    }

    /**
     * Platt scaling fitted with liblinear itself: logistic regression of the labels on the
     * pooled out-of-fold decision values, nearly unregularised. Returns {slope, offset}.
     */
    private static double[] platt(double[][] oof, boolean[][] y, long seed) {
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
        double[] w = oriented(Linear.train(problem, parameter), 1);
        return w[0] > 0 ? w : new double[] {1, 0};
    }

    /**
     * liblinear rows: the TF-IDF entries scaled by √(1 − w) (none when w = 1), the encoder's
     * vector scaled by √w in the columns after them, and the bias column; as in serving
     * ({@link TextClassifier#probabilities}).
     */
    private static Feature[][] rows(SparseVector[] sparse, float[][] dense, double encoderWeight,
            int sparseDim) {
        Feature[][] x = new Feature[sparse.length][];
        double sparseScale = Math.sqrt(1 - encoderWeight);
        double denseScale = Math.sqrt(encoderWeight);
        int width = sparseDim + (dense == null ? 0 : dense[0].length);
        for (int i = 0; i < sparse.length; i++) {
            SparseVector v = sparse[i];
            int s = encoderWeight < 1 ? v.size() : 0;
            int d = dense == null ? 0 : dense[i].length;
            Feature[] row = new Feature[s + d + 1];
            for (int j = 0; j < s; j++) {
                row[j] = new FeatureNode(v.indices()[j] + 1,
                        (float) (v.values()[j] * sparseScale));
            }
            for (int h = 0; h < d; h++) {
                row[s + h] = new FeatureNode(sparseDim + h + 1,
                        (float) (dense[i][h] * denseScale));
            }
            row[s + d] = new FeatureNode(width + 1, 1);
            x[i] = row;
        }
        return x;
    }

    /** Held-out figures of one configuration, and the raw-decision threshold it implies. */
    private record Validation(double[][] oof, double score, double threshold, int rows) {

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
}
