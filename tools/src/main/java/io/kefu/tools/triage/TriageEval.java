package io.kefu.tools.triage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.triage.corpus.CsvColumns;
import io.kefu.triage.corpus.ExampleReader;
import io.kefu.triage.model.ClassifierTrainer;
import io.kefu.triage.model.DeterministicSplit;
import io.kefu.triage.model.Example;
import io.kefu.triage.model.Metrics;
import io.kefu.triage.model.Solver;
import io.kefu.triage.model.TextClassifier;
import io.kefu.triage.model.TrainingOptions;
import io.kefu.triage.onnx.OnnxSentenceEncoder;
import io.kefu.triage.onnx.StaticEmbeddingDistiller;
import io.kefu.triage.onnx.StaticEmbeddingEncoder;
import io.kefu.triage.onnx.StaticEncoderTuning;
import io.kefu.triage.onnx.TunedStaticEncoder;
import io.kefu.triage.text.FeatureOptions;
import io.kefu.triage.text.TextEncoder;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command line: {@code triage-eval --train PATH --test PATH --format csv|nlupp [--text COL]
 * [--label COL]}, or {@code --dev-split 0.2 --seed 42} instead of {@code --test} to score on a
 * deterministic share of the training files. The last line printed on standard output is one
 * JSON object with the figures; progress goes to standard error.
 */
public final class TriageEval {

    static final String USAGE = """
            usage: triage-eval --train PATH [--train PATH ...]
                               (--test PATH [--test PATH ...] | --dev-split SHARE [--seed N])
                               [--format csv|nlupp]   (default: *.json is nlupp, else csv)
                               [--text COL] [--label COL] [--dataset NAME]
                               [--word-ngrams MIN-MAX|0] [--char-ngrams MIN-MAX|0] [--min-df N]
                               [--word-chars N|0] [--text-chars N|0]
                               [--solvers svm,lr,cs] [--c 0.5,1,2,5,10] [--multi-label auto|yes|no]
                               [--encoder MODEL.onnx --tokenizer tokenizer.json [--max-tokens 128]
                                [--encoder-mode full|static [--static-dims 256|0]
                                 [--static-pooling mean|token]
                                 [--static-tuning none|linear [--tuning-texts 10000]]]
                                [--encoder-weights 0.5[,0.7...]]]
                               [--latency-samples N]""";

    private TriageEval() {
    }

    /** Runs the command; exits non-zero with a message on bad arguments or files. */
    public static void main(String[] args) {
        try {
            Map<String, Object> figures = run(args, System.err);
            System.out.println(new ObjectMapper().writeValueAsString(figures));
        } catch (IllegalArgumentException e) {
            System.err.println("triage-eval: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("triage-eval: " + e);
            System.exit(1);
        }
    }

    /** Trains, evaluates and returns the figures in output order. */
    static Map<String, Object> run(String[] args, PrintStream log) throws Exception {
        Arguments a = Arguments.parse(args);
        List<Example> train = new ArrayList<>();
        for (Path p : a.train) {
            train.addAll(ExampleReader.read(p, a.formatOf(p), a.columns));
        }
        List<Example> test = new ArrayList<>();
        if (a.devSplit > 0) {
            DeterministicSplit.Parts parts = DeterministicSplit.split(train, a.devSplit, a.seed);
            train = new ArrayList<>(parts.kept());
            test.addAll(parts.heldBack());
        } else {
            for (Path p : a.test) {
                test.addAll(ExampleReader.read(p, a.formatOf(p), a.columns));
            }
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException(
                    "nothing to " + (train.isEmpty() ? "train on" : "test on"));
        }
        log.printf(Locale.ROOT, "train %d, test %d%n", train.size(), test.size());
        if (a.encoder == null) {
            return evaluate(a, train, test, null, log);
        }
        if (a.encoderMode.equals("static")) {
            double[] distillSeconds = {0};
            try (StaticEmbeddingEncoder encoder = StaticEmbeddingEncoder.obtain(
                    new StaticEmbeddingEncoder.Options(new StaticEmbeddingDistiller.Options(
                            a.encoder, a.tokenizer, a.staticDims,
                            Runtime.getRuntime().availableProcessors(), a.staticTokenPosition),
                            a.encoder.toAbsolutePath().getParent(), a.maxTokens),
                    m -> log.println("  " + m), s -> distillSeconds[0] = s)) {
                log.println("  " + encoder);
                // the tuning reads only the training part: the trainer hands it its own texts
                TextEncoder served = !a.staticTuning ? encoder : new StaticEncoderTuning(encoder,
                        new StaticEncoderTuning.Options(new OnnxSentenceEncoder.Options(
                                a.encoder, a.tokenizer, a.maxTokens),
                                a.encoder.toAbsolutePath().getParent(), a.tuningTexts,
                                StaticEncoderTuning.DEFAULT_RIDGES));
                Map<String, Object> out = evaluate(a, train, test, served, log);
                out.put("encoder_mode", "static");
                out.put("static_recipe", encoder.table().recipe());
                out.put("distill_seconds", round(distillSeconds[0]));
                return out;
            }
        }
        try (OnnxSentenceEncoder encoder = OnnxSentenceEncoder.load(
                new OnnxSentenceEncoder.Options(a.encoder, a.tokenizer, a.maxTokens))) {
            return evaluate(a, train, test, encoder, log);
        }
    }

    private static Map<String, Object> evaluate(Arguments a, List<Example> train,
            List<Example> test, TextEncoder encoder, PrintStream log) {
        ClassifierTrainer.Result result = ClassifierTrainer.train(train, a.options, encoder,
                m -> log.println("  " + m));
        TextClassifier model = result.classifier();

        List<List<String>> predicted = model.predictLabels(test);
        Metrics m = Metrics.of(test.stream().map(Example::labels).toList(), predicted);
        long[] latency = latencyNanos(model, test, a.latencySamples);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataset", a.dataset);
        out.put("train_n", train.size());
        out.put("test_n", test.size());
        if (model.multiLabel()) {
            out.put("micro_f1", round(m.microF1()));
            out.put("macro_f1", round(m.macroF1()));
            out.put("exact_match", round(m.accuracy()));
        } else {
            out.put("accuracy", round(m.accuracy()));
            out.put("macro_f1", round(m.macroF1()));
        }
        out.put("train_seconds", round(result.seconds()));
        out.put("p50_us", Math.round(latency[0] / 100.0) / 10.0);
        out.put("p99_us", Math.round(latency[1] / 100.0) / 10.0);
        out.put("cpu_p50_us", Math.round(latency[2] / 100.0) / 10.0);
        out.put("cpu_p99_us", Math.round(latency[3] / 100.0) / 10.0);
        out.put("labels", model.labels().size());
        if (encoder != null) {
            TextEncoder used = model.encoder();
            out.put("encoder", used.name());
            out.put("encoder_sha256", used.fingerprint());
            out.put("encoder_weight", result.encoderWeight());
            if (used instanceof TunedStaticEncoder tuned) {
                out.put("tuning_texts", tuned.report().texts());
                out.put("tuning_seconds", round(tuned.report().seconds()));
                out.put("tuning_cosine", round(tuned.report().cosine()));
                double heldOut = tuned.report().heldOutCosine();
                out.put("tuning_held_out_cosine", Double.isNaN(heldOut) ? null : round(heldOut));
            }
        }
        out.put("validation_score", round(result.validationScore()));
        out.put("model", model.description());
        return out;
    }

    /**
     * Per-message inference time (features + scores + decision), one thread, after a warm-up
     * over the same texts (at least 20,000 predictions) and a garbage collection, over at least
     * 10,000 timed predictions (several passes over small sets): {p50, p99} of wall-clock time,
     * then {p50, p99} of the thread's CPU time from one more pass (which other processes on a
     * shared machine disturb far less), in nanoseconds.
     */
    static long[] latencyNanos(TextClassifier model, List<Example> test, int samples) {
        List<String> texts = test.stream().map(Example::text).limit(samples).toList();
        int warm = 0;
        for (int round = 0; round < 3 || warm < 20_000; round++) {
            for (String t : texts) {
                model.predict(t, null);
                warm++;
            }
        }
        // training leaves gigabytes of garbage behind that a serving process would not have
        System.gc();
        // several timed passes over small sets, so one hiccup of a shared machine is not the p99
        int passes = Math.max(1, Math.min(50, (10_000 + texts.size() - 1) / texts.size()));
        long[] times = new long[texts.size() * passes];
        int n = 0;
        for (int pass = 0; pass < passes; pass++) {
            for (String text : texts) {
                long start = System.nanoTime();
                model.predict(text, null);
                times[n++] = System.nanoTime() - start;
            }
        }
        Arrays.sort(times);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] cpu = new long[texts.size() * passes];
        n = 0;
        for (int pass = 0; pass < passes; pass++) {
            for (String text : texts) {
                long start = threads.getCurrentThreadCpuTime();
                model.predict(text, null);
                cpu[n++] = threads.getCurrentThreadCpuTime() - start;
            }
        }
        Arrays.sort(cpu);
        return new long[] {percentile(times, 0.50), percentile(times, 0.99),
            percentile(cpu, 0.50), percentile(cpu, 0.99)};
    }

    private static long percentile(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** Parsed command line. */
    private static final class Arguments {
        final List<Path> train = new ArrayList<>();
        final List<Path> test = new ArrayList<>();
        /** Null: by file name, *.json is JSON and anything else CSV. */
        ExampleReader.Format format;
        CsvColumns columns = CsvColumns.DEFAULT;
        double devSplit;
        long seed = 42;
        String dataset;
        int latencySamples = 5000;
        TrainingOptions options = TrainingOptions.DEFAULT;
        Path encoder;
        Path tokenizer;
        int maxTokens = 128;
        String encoderMode = "full";
        int staticDims = 256;
        boolean staticTokenPosition;
        boolean staticTuning;
        int tuningTexts = StaticEncoderTuning.DEFAULT_MAX_TEXTS;

        ExampleReader.Format formatOf(Path file) {
            return format != null ? format : ExampleReader.Format.of(file);
        }

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            String text = null;
            String label = null;
            FeatureOptions features = FeatureOptions.DEFAULT;
            List<Solver> solvers = TrainingOptions.DEFAULT.solvers();
            List<Double> costs = TrainingOptions.DEFAULT.costs();
            Boolean multiLabel = null;
            List<Double> encoderWeights = TrainingOptions.DEFAULT_ENCODER_WEIGHTS;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("-h") || name.equals("--help")) {
                    throw new IllegalArgumentException("help");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--train" -> a.train.add(Path.of(value));
                    case "--test" -> a.test.add(Path.of(value));
                    case "--format" -> a.format = ExampleReader.Format.parse(value);
                    case "--text" -> text = value;
                    case "--label" -> label = value;
                    case "--dev-split" -> a.devSplit = Double.parseDouble(value);
                    case "--seed" -> a.seed = Long.parseLong(value);
                    case "--dataset" -> a.dataset = value;
                    case "--latency-samples" -> a.latencySamples = Integer.parseInt(value);
                    case "--word-ngrams" -> {
                        int[] r = range(value);
                        features = features.withWords(r[0], r[1]);
                    }
                    case "--char-ngrams" -> {
                        int[] r = range(value);
                        features = features.withChars(r[0], r[1]);
                    }
                    case "--min-df" -> features = features.withMinDf(Integer.parseInt(value));
                    case "--word-chars" ->
                            features = features.withWordChars(Integer.parseInt(value));
                    case "--text-chars" ->
                            features = features.withTextChars(Integer.parseInt(value));
                    case "--solvers" -> solvers = Arrays.stream(value.split(","))
                            .map(s -> switch (s.trim().toLowerCase(Locale.ROOT)) {
                                case "svm" -> Solver.LINEAR_SVM;
                                case "lr" -> Solver.LOGISTIC_REGRESSION;
                                case "cs" -> Solver.CRAMMER_SINGER;
                                default -> throw new IllegalArgumentException("solver " + s);
                            }).toList();
                    case "--c" -> costs = Arrays.stream(value.split(","))
                            .map(s -> Double.parseDouble(s.trim())).toList();
                    case "--encoder" -> a.encoder = Path.of(value);
                    case "--tokenizer" -> a.tokenizer = Path.of(value);
                    case "--max-tokens" -> a.maxTokens = Integer.parseInt(value);
                    case "--encoder-mode" -> a.encoderMode = switch (value) {
                        case "full", "static" -> value;
                        default -> throw new IllegalArgumentException("--encoder-mode " + value);
                    };
                    case "--static-dims" -> a.staticDims = Integer.parseInt(value);
                    case "--static-pooling" -> a.staticTokenPosition = switch (value) {
                        case "mean" -> false;
                        case "token" -> true;
                        default -> throw new IllegalArgumentException("--static-pooling " + value);
                    };
                    case "--static-tuning" -> a.staticTuning = switch (value) {
                        case "none" -> false;
                        case "linear" -> true;
                        default -> throw new IllegalArgumentException("--static-tuning " + value);
                    };
                    case "--tuning-texts" -> a.tuningTexts = Integer.parseInt(value);
                    case "--encoder-weights" -> encoderWeights = Arrays.stream(value.split(","))
                            .map(s -> Double.parseDouble(s.trim())).toList();
                    case "--multi-label" -> multiLabel = switch (value) {
                        case "auto" -> null;
                        case "yes", "true" -> Boolean.TRUE;
                        case "no", "false" -> Boolean.FALSE;
                        default -> throw new IllegalArgumentException("--multi-label " + value);
                    };
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (a.train.isEmpty()) {
                throw new IllegalArgumentException("at least one --train is required");
            }
            if (a.devSplit > 0 == !a.test.isEmpty()) {
                throw new IllegalArgumentException("give either --test files or --dev-split");
            }
            if (a.devSplit < 0 || a.devSplit >= 1) {
                throw new IllegalArgumentException("--dev-split must be in (0, 1)");
            }
            if ((a.encoder == null) != (a.tokenizer == null)) {
                throw new IllegalArgumentException("--encoder and --tokenizer go together");
            }
            a.columns = new CsvColumns(text, label);
            a.options = new TrainingOptions(features, solvers, costs, multiLabel, a.seed,
                    encoderWeights);
            if (a.dataset == null) {
                Path first = a.train.get(0).toAbsolutePath();
                a.dataset = first.getParent() != null
                        ? first.getParent().getFileName().toString()
                        : first.getFileName().toString();
            }
            return a;
        }

        private static int[] range(String value) {
            if (value.equals("0")) {
                return new int[] {0, 0};
            }
            String[] parts = value.split("-");
            int min = Integer.parseInt(parts[0].trim());
            int max = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : min;
            return new int[] {min, max};
        }
    }
}
